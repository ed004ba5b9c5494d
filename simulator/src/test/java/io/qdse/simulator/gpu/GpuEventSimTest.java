package io.qdse.simulator.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.workload.OpKind;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The event-level replay against the closed form: equal where one pipe dominates, documented where not. */
class GpuEventSimTest {
    private final GpuKernelModel model = new GpuKernelModel();
    private final GpuEventSim sim = new GpuEventSim(GpuEfficiency.CALIBRATED);

    private GemmEstimate est(GpuSpec g, String formats, long m, long n, long k) {
        LayerFormats f = FormatsSpec.parse(formats, "--formats", Presets.gpu("gpu:" + g.name(), "x").formats());
        return model.best(g, GemmPath.of(g, f, OpKind.LINEAR, "--formats"), m, n, k, 1);
    }

    private double rel(GemmEstimate e) {
        double ev = sim.run(e).latencyUs();
        return (ev - e.latencyUs()) / e.latencyUs();
    }

    @Test
    void agreesOnComputeBoundFullWaves() {
        // tiles a whole number of waves: 108 SMs x 4 waves of 128x256 tiles on A100; 132 x 2 on H100
        for (Object[] c : new Object[][] {{GpuPresets.a100Sxm4_80(), "w=fp16,a=fp16,acc=fp32", 128L * 27, 256L * 16,
            8192L}, {GpuPresets.h100Sxm5(), "w=bf16,a=bf16,acc=fp32", 128L * 12, 256L * 22, 16384L},
            {GpuPresets.v100Sxm2(), "w=fp16,a=fp16,acc=fp32", 8192L, 8192L, 8192L}}) {
            GemmEstimate e = est((GpuSpec) c[0], (String) c[1], (long) c[2], (long) c[3], (long) c[4]);
            assertEquals(GemmEstimate.Bound.MMA, e.bound());
            assertTrue(Math.abs(rel(e)) < 0.03, describe(e));
        }
    }

    @Test
    void agreesOnStreamingSkinnyGemms() {
        for (Object[] c : new Object[][] {{GpuPresets.h100Sxm5(), "w=fp16,a=fp16,acc=fp32", 1L, 28672L, 8192L},
            {GpuPresets.a100Sxm4_80(), "w=int4/b128/fp16,a=fp16,acc=fp32", 8L, 28672L, 8192L},
            {GpuPresets.v100Sxm2(), "w=fp16,a=fp16,acc=fp32", 16L, 8192L, 8192L}}) {
            GemmEstimate e = est((GpuSpec) c[0], (String) c[1], (long) c[2], (long) c[3], (long) c[4]);
            assertEquals(GemmEstimate.Bound.HBM, e.bound());
            assertTrue(Math.abs(rel(e)) < 0.05, describe(e));
        }
    }

    @Test
    void whereThePipesTradePlacesTheReplayIsSlowerNeverFaster() {
        // balanced shapes (compute close to memory) and partial waves: the replay sees the interference the max()
        // of the closed form hides; it is never faster than the closed form by more than the fill it overlaps
        for (long[] s : new long[][] {{256, 8192, 8192}, {512, 4096, 4096}, {1000, 1000, 1000}, {64, 14336, 4096}}) {
            GemmEstimate e = est(GpuPresets.h100Sxm5(), "w=fp16,a=fp16,acc=fp32", s[0], s[1], s[2]);
            double r = rel(e);
            assertTrue(r > -0.1, describe(e));
            assertTrue(r < 0.6, describe(e));
        }
    }

    @Test
    void replaysAreDeterministicAndCoarsenHugeGrids() {
        GemmEstimate e = est(GpuPresets.a100Sxm4_80(), "w=fp16,a=fp16,acc=fp32", 16384, 16384, 16384);
        GpuEventSim.Result a = sim.run(e);
        GpuEventSim.Result b = sim.run(e);
        assertEquals(b, a);
        assertTrue(a.events() <= 2 * GpuEventSim.MAX_BLOCKS + 2 * e.ctas(), "a.events()");
        assertTrue(Math.abs(rel(e)) < 0.03, "Math.abs(rel(e))");
    }

    private static String describe(GemmEstimate e) {
        return String.format(Locale.ROOT, "%s %dx%dx%d %s s%d %s", e.gpu().name(), e.m(), e.n(), e.k(),
                e.tile().shape(), e.tile().splitK(), e.bound());
    }
}
