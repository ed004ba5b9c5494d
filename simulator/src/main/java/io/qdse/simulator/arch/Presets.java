package io.qdse.simulator.arch;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.cost.BitSerialPeSpec;
import io.qdse.hwmodels.cost.BitSerialPeSpec.Serial;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.hwmodels.tech.AsicTechnology;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Named accelerator designs to start from; each is a base with {@code with…} copies. Systolic presets go by their
 * bare names ({@code edge-32x32}, or {@code systolic:edge-32x32}); bit-serial ones are {@code bitserial:<family>}.
 */
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

    // ---- bit-serial arrays ----------------------------------------------------------------------------------

    private static final LayerFormats INT16 = new LayerFormats(Formats.parse("int16"), Formats.parse("int16"),
            FixedPointAccumulator.integer(48), Formats.parse("int16"));

    /**
     * DaDianNao-like bit-parallel baseline, the design Stripes and Loom are measured against: 16 tiles × 16
     * filters, each a 16-input inner product of 16-bit operands (4,096 MACs/cycle), 65 nm, 980 MHz as the Toronto
     * group evaluates it (Judd et al., MICRO 2016). Memories are this project's illustrative choice (DaDianNao keeps
     * 36 MB on chip).
     */
    public static BitSerialArray bitParallel() {
        return new BitSerialArray("bitserial:parallel", new BitSerialPeSpec("parallel", Serial.NONE, 16, 1, 1, 16, 16,
                0, 0, false, false, 0, 48), 256, 1, MemorySpec.kib(512), MemorySpec.kib(2048), MemorySpec.kib(512),
                new DramSpec(DramType.DDR4, 25.6), 980, AsicTechnology.of(65), INT16);
    }

    /**
     * Stripes (Judd et al., MICRO 2016): the baseline's 16 tiles × 16 filters with 16 windows each, serial inner
     * products (SIPs) of 16 lanes taking activations one bit per cycle: Pa cycles per product, 16/Pa times the
     * baseline's throughput at equal area budget. Same memories and clock as {@link #bitParallel()}.
     */
    public static BitSerialArray stripes() {
        return new BitSerialArray("bitserial:stripes", new BitSerialPeSpec("stripes", Serial.ACTIVATIONS, 16, 1, 1,
                16, 16, 0, 0, false, false, 0, 48), 256, 16, MemorySpec.kib(512), MemorySpec.kib(2048),
                MemorySpec.kib(512), new DramSpec(DramType.DDR4, 25.6), 980, AsicTechnology.of(65), INT16);
    }

    /**
     * Loom (Sharify et al., DAC 2018): weights and activations both serial, one bit of each per cycle, so a product
     * takes Pa·Pw cycles; the paper's configuration performs the equivalent of 128 16b×16b MACs per cycle: 128 filters ×
     * 16 windows of 16-lane serial inner products (32,768 one-bit lanes), 256/(Pa·Pw) times an equal bit-parallel
     * design ({@code bitParallel().withShape(8, 1)}); weights from HBM2 as the paper assumes. Memories and clock as
     * {@link #bitParallel()} (illustrative).
     */
    public static BitSerialArray loom() {
        return new BitSerialArray("bitserial:loom", new BitSerialPeSpec("loom", Serial.BOTH, 16, 1, 1, 16, 16, 0, 0,
                false, false, 0, 48), 128, 16, MemorySpec.kib(512), MemorySpec.kib(2048), MemorySpec.kib(512),
                new DramSpec(DramType.HBM2, 256), 980, AsicTechnology.of(65), INT16);
    }

    /**
     * Bit Fusion (Sharma et al., ISCA 2018), the edge configuration of its simulator (hsharma35/bitfusion,
     * {@code bf_e_conf.ini}): a 16 × 32 array of fusion units, each 16 2-bit BitBricks (1, 4 or 16 products per
     * cycle at 8, 4 or 2 bits; 16-bit by temporal fusion), 500 MHz, 45 nm, 64 KiB weight, 32 KiB activation and
     * 16 KiB output buffers, a 192-bit memory interface (12 GB/s at 500 MHz).
     */
    public static BitSerialArray bitFusion() {
        return new BitSerialArray("bitserial:bitfusion", new BitSerialPeSpec("bitfusion", Serial.NONE, 1, 1, 1, 16, 16,
                2, 16, false, false, 0, 32), 16, 32, MemorySpec.kib(32), MemorySpec.kib(64), MemorySpec.kib(16),
                new DramSpec(DramType.LPDDR4, 12), 500, AsicTechnology.of(45), INT8);
    }

    /**
     * BitMoD-style (Chen et al., HPCA 2025): weights serial at 2 bits per cycle into 4-wide dot-product PEs with FP16
     * activations and a per-group (128 weights) scale; float partial sums accumulate in FP32 (an integer register
     * cannot hold one int4 x fp16 product). The KV cache is int8: it enters the PE where weights do (at most 8 bits),
     * and 8 bits is the KV precision BitMoD's own simulator gives BitMoD (current version e445a5f,
     * docs/bitmod-compat.md). Array shape, memories and clock: see docs/simulator.md.
     */
    public static BitSerialArray bitMod() {
        return new BitSerialArray("bitserial:bitmod", new BitSerialPeSpec("bitmod", Serial.WEIGHTS, 4, 1, 2, 16, 8, 0,
                0, false, true, 128, 32), 32, 32, MemorySpec.kib(256), MemorySpec.kib(512), MemorySpec.kib(256),
                new DramSpec(DramType.HBM2, 256), 1000, AsicTechnology.of(28), new LayerFormats(Formats.parse("int4"),
                Formats.FP16, new io.qdse.hwmodels.arith.FloatAccumulator(Formats.FP32, true), Formats.FP16,
                Formats.INT8));
    }

    /**
     * Laconic-style term-serial (Sharify et al., ISCA 2019), on weights: each lane processes its weight's non-zero
     * radix-4 Booth terms, one per cycle; a step lasts as long as its slowest lane. Needs the weights' values
     * (from a real model); without them every weight takes the worst case. Stripes' organisation and memories.
     */
    public static BitSerialArray laconic() {
        return new BitSerialArray("bitserial:laconic", new BitSerialPeSpec("laconic", Serial.WEIGHTS, 16, 1, 2, 16, 16,
                0, 0, true, false, 0, 48), 256, 16, MemorySpec.kib(512), MemorySpec.kib(2048), MemorySpec.kib(512),
                new DramSpec(DramType.DDR4, 25.6), 980, AsicTechnology.of(65), INT16);
    }

    private static final Map<String, java.util.function.Supplier<SystolicArray>> ALL = new LinkedHashMap<>();
    private static final Map<String, java.util.function.Supplier<BitSerialArray>> BITSERIAL = new LinkedHashMap<>();

    static {
        ALL.put("tpu-v1-like", Presets::tpuV1Like);
        ALL.put("eyeriss-like", Presets::eyerissLike);
        ALL.put("edge-32x32", Presets::edge32x32);
        BITSERIAL.put("bitserial:stripes", Presets::stripes);
        BITSERIAL.put("bitserial:loom", Presets::loom);
        BITSERIAL.put("bitserial:bitfusion", Presets::bitFusion);
        BITSERIAL.put("bitserial:bitmod", Presets::bitMod);
        BITSERIAL.put("bitserial:laconic", Presets::laconic);
        BITSERIAL.put("bitserial:parallel", Presets::bitParallel);
    }

    /** @return every preset name (systolic first, by their bare names) */
    public static java.util.Set<String> names() {
        java.util.Set<String> s = new java.util.LinkedHashSet<>(ALL.keySet());
        s.addAll(BITSERIAL.keySet());
        return s;
    }

    private static String key(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT);
        return k.startsWith("systolic:") ? k.substring("systolic:".length()) : k;
    }

    public static boolean isPreset(String name) {
        String k = key(name);
        return ALL.containsKey(k) || BITSERIAL.containsKey(k) || (k.startsWith("gpu:")
                && io.qdse.simulator.gpu.GpuPresets.names().contains(k.substring(4)));
    }

    /** FP16 inputs and outputs, FP32 accumulation: a GPU preset's default formats. */
    private static final LayerFormats FP16 = new LayerFormats(Formats.FP16, Formats.FP16,
            new io.qdse.hwmodels.arith.FloatAccumulator(Formats.FP32, true), Formats.FP16);

    /** @return a GPU's default layer formats: FP16 inputs and outputs, FP32 accumulation */
    public static LayerFormats gpuFormats() {
        return FP16;
    }

    /** A tensor-core GPU, {@code gpu:NAME} (io.qdse.simulator.gpu.GpuPresets), FP16 with FP32 accumulation. */
    public static TensorCoreGpu gpu(String name, String field) {
        return new TensorCoreGpu(io.qdse.simulator.gpu.GpuPresets.get(name, field), FP16);
    }

    /** @throws InvalidInputException naming {@code field} for unknown names or a non-systolic preset */
    public static SystolicArray get(String name, String field) {
        java.util.function.Supplier<SystolicArray> s = ALL.get(key(name));
        if (s == null) {
            throw new InvalidInputException(field, name, "unknown systolic preset; presets: " + String.join(", ",
                    ALL.keySet()) + " (or an architecture file)");
        }
        return s.get();
    }

    /** Any kind's preset. @throws InvalidInputException naming {@code field} for unknown names */
    public static Accelerator accelerator(String name, String field) {
        String k = key(name);
        if (k.startsWith("gpu:")) {
            return gpu(k, field);
        }
        if (BITSERIAL.containsKey(k)) {
            return BITSERIAL.get(k).get();
        }
        if (ALL.containsKey(k)) {
            return ALL.get(k).get();
        }
        String hint = k.startsWith("bitserial:") ? "unknown bit-serial family; bit-serial presets: "
                + String.join(", ", BITSERIAL.keySet()) : "unknown preset; presets: " + String.join(", ", names())
                + ", gpu:" + String.join(", gpu:", io.qdse.simulator.gpu.GpuPresets.names());
        throw new InvalidInputException(field, name, hint + " (or an architecture file)");
    }
}
