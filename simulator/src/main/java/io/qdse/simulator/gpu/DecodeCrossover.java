package io.qdse.simulator.gpu;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.LlmSpec;
import io.qdse.simulator.workload.OpKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a decoder layer's projections turn from HBM-bound to compute-bound as the decode batch grows: one transformer
 * block's weight GEMMs (Q, K, V, O, and the MLP) with M = batch tokens, each planned by the closed form; the layer is
 * compute-bound when its kernels' SM time (the longest of MMA, shared memory and dequantization) exceeds their HBM
 * time. The attention products against the KV cache are not part of it: their arithmetic intensity
 * is fixed by the grouped-query factor, not by the batch, and they stay HBM-bound.
 */
public final class DecodeCrossover {
    private DecodeCrossover() {
    }

    /** Largest batch searched. */
    public static final int MAX_BATCH = 16384;

    /** The formats a table shows, by label. */
    public static final List<String[]> TYPES = List.of(new String[] {"fp16", "w=fp16,a=fp16,acc=fp32,out=fp16"},
            new String[] {"bf16", "w=bf16,a=bf16,acc=fp32,out=bf16"},
            new String[] {"fp8", "w=fp8_e4m3,a=fp8_e4m3,acc=fp32,out=bf16"},
            new String[] {"int8", "w=int8,a=int8,acc=int32,out=fp16"},
            new String[] {"w8a16", "w=int8/b128/fp16,a=fp16,acc=fp32,out=fp16"},
            new String[] {"w4a16", "w=int4/b128/fp16,a=fp16,acc=fp32,out=fp16"});

    /**
     * @param gpu        the GPU
     * @param type       the label ({@code fp16}, {@code w4a16}, ...)
     * @param formats    the formats
     * @param path       how they run
     * @param boundAt1   the layer's bound at batch 1 ({@code hbm} or {@code compute})
     * @param boundAt256 at batch 256
     * @param crossover  the smallest batch at which the layer is compute-bound (0: none up to {@link #MAX_BATCH})
     * @param usAt1      the layer's projections' latency at batch 1, µs
     * @param usAt256    at batch 256, µs
     */
    public record Row(String gpu, String type, LayerFormats formats, String path, String boundAt1, String boundAt256,
                      int crossover, double usAt1, double usAt256) {
    }

    /** The layer's projections at a batch: [compute cycles, HBM cycles, latency µs]. */
    static double[] layer(LlmSpec spec, GpuSpec g, LayerFormats f, long batch, GpuKernelModel model) {
        double compute = 0;
        double hbm = 0;
        double us = 0;
        String block = null;
        for (Layer l : spec.layers(LlmSpec.Phase.DECODE, batch, 1)) {
            int i = l.name().indexOf("layers.0.");
            if (i < 0 || !l.type().equals("linear")) {
                continue;
            }
            block = l.name();
            for (LayerOp op : l.ops()) {
                GemmPath p = GemmPath.of(g, f, op.kind(), "--formats");
                GemmEstimate e = model.best(g, p, op.m(), op.n(), op.k(), op.batch());
                compute += Math.max(Math.max(e.mmaCycles(), e.smemCycles()), e.dequantCycles());
                hbm += e.hbmCycles();
                us += e.latencyUs();
            }
        }
        if (block == null) {
            throw new InvalidInputException("--workload", spec.name(), "a decoder with transformer layers");
        }
        return new double[] {compute, hbm, us};
    }

    /** @return the smallest compute-bound batch, 0 if none up to {@link #MAX_BATCH} */
    public static int crossover(LlmSpec spec, GpuSpec g, LayerFormats f, GpuKernelModel model) {
        int lo = 0;
        int hi = 1;
        while (hi <= MAX_BATCH) {
            double[] x = layer(spec, g, f, hi, model);
            if (x[0] >= x[1]) {
                break;
            }
            lo = hi;
            hi *= 2;
        }
        if (hi > MAX_BATCH) {
            return 0;
        }
        while (hi - lo > 1) { // the first compute-bound batch in (lo, hi]
            int mid = (lo + hi) / 2;
            double[] x = layer(spec, g, f, mid, model);
            if (x[0] >= x[1]) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** @return one row per type the GPU runs natively or weight-only */
    public static List<Row> table(LlmSpec spec, GpuSpec g) {
        GpuKernelModel model = new GpuKernelModel();
        LayerFormats base = Presets.gpuFormats();
        List<Row> out = new ArrayList<>();
        for (String[] t : TYPES) {
            LayerFormats f = FormatsSpec.parse(t[1], "crossover", base);
            GemmPath p;
            try {
                p = GemmPath.of(g, f, OpKind.LINEAR, "crossover");
            } catch (InvalidInputException e) {
                continue;
            }
            if (p.kind() != GemmPath.Kind.NATIVE && p.kind() != GemmPath.Kind.WEIGHT_ONLY) {
                continue;
            }
            double[] one = layer(spec, g, f, 1, model);
            double[] big = layer(spec, g, f, 256, model);
            out.add(new Row(g.name(), t[0], f, p.describe(), one[0] >= one[1] ? "compute" : "hbm",
                    big[0] >= big[1] ? "compute" : "hbm", crossover(spec, g, f, model), one[2], big[2]));
        }
        return out;
    }
}
