package io.qdse.simulator.arch;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.hwmodels.tech.AsicTechnology;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Named accelerator designs to start from; each is a base with {@code with…} copies. */
public final class Presets {
    private Presets() {
    }

    private static final LayerFormats INT8 = new LayerFormats(Formats.INT8, Formats.INT8,
            FixedPointAccumulator.integer(32), Formats.INT8);

    /**
     * TPU v1-like (Jouppi et al., ISCA 2017): 256×256 8-bit MACs, weight stationary, 700 MHz, 28 nm, 24 MiB Unified
     * Buffer for activations, 4 MiB of 32-bit accumulators, a weight FIFO (4 × 64 KiB tiles) fed from DDR3 weight
     * memory at 34 GB/s.
     */
    public static SystolicArray tpuV1Like() {
        return new SystolicArray("tpu-v1-like", 256, 256, Dataflow.WS, MemorySpec.kib(24 * 1024),
                MemorySpec.kib(256), MemorySpec.kib(4 * 1024), new DramSpec(DramType.DDR3, 34), 700,
                AsicTechnology.of(28), INT8);
    }

    /**
     * Eyeriss-like sizes (Chen et al., ISSCC 2016): 12×14 PEs, 108 KB global buffer (split evenly over the three
     * operands, as SCALE-Sim's eyeriss.cfg does), 200 MHz, 65 nm. Eyeriss' row-stationary dataflow is not a
     * systolic dataflow; this preset uses weight stationary.
     */
    public static SystolicArray eyerissLike() {
        return new SystolicArray("eyeriss-like", 12, 14, Dataflow.WS, MemorySpec.kib(36), MemorySpec.kib(36),
                MemorySpec.kib(36), new DramSpec(DramType.LPDDR4, 6.4), 200, AsicTechnology.of(65), INT8);
    }

    /**
     * An illustrative edge accelerator: 32×32 output stationary, 64 KiB per operand (SCALE-Sim's default scale.cfg
     * sizes), 500 MHz, 28 nm, LPDDR4 x32 at 12.8 GB/s.
     */
    public static SystolicArray edge32x32() {
        return new SystolicArray("edge-32x32", 32, 32, Dataflow.OS, MemorySpec.kib(64), MemorySpec.kib(64),
                MemorySpec.kib(64), new DramSpec(DramType.LPDDR4, 12.8), 500, AsicTechnology.of(28), INT8);
    }

    private static final Map<String, java.util.function.Supplier<SystolicArray>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("tpu-v1-like", Presets::tpuV1Like);
        ALL.put("eyeriss-like", Presets::eyerissLike);
        ALL.put("edge-32x32", Presets::edge32x32);
    }

    /** @return preset names */
    public static java.util.Set<String> names() {
        return ALL.keySet();
    }

    public static boolean isPreset(String name) {
        return ALL.containsKey(name.trim().toLowerCase(Locale.ROOT));
    }

    /** @throws InvalidInputException naming {@code field} for unknown presets */
    public static SystolicArray get(String name, String field) {
        java.util.function.Supplier<SystolicArray> s = ALL.get(name.trim().toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new InvalidInputException(field, name, "unknown preset; presets: " + String.join(", ", ALL.keySet())
                    + " (or an architecture file)");
        }
        return s.get();
    }
}
