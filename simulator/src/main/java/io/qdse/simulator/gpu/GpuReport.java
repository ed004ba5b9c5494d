package io.qdse.simulator.gpu;

import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.TensorCoreGpu;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Per-GEMM detail of a run on a GPU, for {@code qdse simulate}: which kernel the library would launch for each op
 * (tile, pipeline, split-K, waves), its latency, throughput and bound, and the fallbacks the formats needed.
 */
public final class GpuReport {
    private GpuReport() {
    }

    /**
     * One op's kernel.
     *
     * @param layer     the layer it belongs to
     * @param op        the op's name
     * @param estimate  the closed form's plan (tile, terms, bound)
     * @param latencyUs the engine's latency (the closed form's, or the event-level replay's)
     */
    public record Gemm(String layer, LayerOp op, LayerFormats formats, GemmEstimate estimate, double latencyUs) {
        /** @return achieved tera-operations per second at {@link #latencyUs} */
        public double teraOps() {
            return 2.0 * op.macs() / (latencyUs * 1e-6) / 1e12;
        }
    }

    /**
     * @param formatsOf  each layer's formats (null: the GPU's defaults)
     * @param eventLevel take each kernel's latency from the event-level replay
     */
    public static List<Gemm> of(Workload w, TensorCoreGpu gpu, Function<String, LayerFormats> formatsOf,
                                boolean eventLevel) {
        GpuEngine engine = new GpuEngine(GpuEfficiency.CALIBRATED, eventLevel);
        Map<String, double[]> latency = new HashMap<>();
        List<Gemm> out = new ArrayList<>();
        for (Layer l : w.computeLayers()) {
            LayerFormats f = formatsOf == null ? null : formatsOf.apply(l.name());
            if (f == null) {
                f = gpu.formats();
            }
            for (LayerOp op : l.ops()) {
                GemmEstimate e = engine.plan(op, gpu, f);
                String key = op.kind() + ":" + op.m() + ":" + op.n() + ":" + op.k() + ":" + op.batch() + ":"
                        + op.conv() + ":" + f.describe();
                double us = latency.computeIfAbsent(key, x -> new double[] {engine.latencyUs(e)})[0];
                out.add(new Gemm(l.name(), op, f, e, us));
            }
        }
        return out;
    }

    /** @return the distinct fallback notes of the GEMMs' paths, in first-seen order */
    public static List<String> notes(List<Gemm> gemms) {
        Set<String> s = new LinkedHashSet<>();
        for (Gemm g : gemms) {
            s.addAll(g.estimate().path().notes());
        }
        return new ArrayList<>(s);
    }
}
