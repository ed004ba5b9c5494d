package io.qdse.hwmodels.bench;

import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.TensorQuantizer;
import io.qdse.hwmodels.tech.AsicTechnology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The hot paths of {@code hwmodels}: tensor quantization and the ASIC cost model, on one thread. */
public final class HwBenchmarks {
    /** Cost-model evaluations per timed run. */
    public static final int COST_EVALUATIONS = 20_000;

    private HwBenchmarks() {
    }

    /**
     * Quantizes {@code size} seeded Gaussian values (seed 1) in each format, per-tensor absmax (block formats per
     * block), {@code reps} timed runs after a warm-up on a million values.
     */
    public static List<BenchCase> quantize(List<NumberFormat> formats, int size, int reps) {
        Random r = new Random(1);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextGaussian();
        }
        List<BenchCase> cases = new ArrayList<>();
        for (NumberFormat f : formats) {
            QuantizationSpec s = QuantizationSpec.of(f);
            TensorQuantizer.quantize(Arrays.copyOf(x, Math.min(size, 1_000_000)), s); // warm-up
            double[] ms = Timing.runs(() -> TensorQuantizer.quantize(x, s), reps);
            String scaling = f instanceof BlockFormat b ? "per block of " + b.blockSize() : "per-tensor absmax";
            cases.add(new BenchCase("quantize " + f.name() + " (" + scaling + ")", size, ms));
        }
        return cases;
    }

    /** {@value #COST_EVALUATIONS} ASIC cost-model estimates of an fp8 MAC (fp32 accumulator, 7 nm) per timed run. */
    public static BenchCase asicCost(int reps) {
        AsicCostModel m = AsicCostModel.standard();
        AsicTechnology n7 = AsicTechnology.of(7);
        OpSpec op = OpSpec.mac(Formats.FP8_E4M3, Formats.FP8_E4M3, new FloatAccumulator(Formats.FP32, true), 1024);
        for (int i = 0; i < 2000; i++) {
            m.estimate(op, n7);
        }
        double[] ms = Timing.runs(() -> {
            for (int k = 0; k < COST_EVALUATIONS; k++) {
                m.estimate(op, n7);
            }
        }, reps);
        return new BenchCase("ASIC cost model (fp8 MAC, 7 nm)", COST_EVALUATIONS, ms);
    }
}
