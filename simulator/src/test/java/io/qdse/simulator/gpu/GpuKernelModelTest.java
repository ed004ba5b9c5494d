package io.qdse.simulator.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.TensorCoreGpu;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.OpKind;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.Zoo;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuKernelModelTest {
    private final GpuKernelModel model = new GpuKernelModel();

    private GemmEstimate est(GpuSpec g, String formats, long m, long n, long k) {
        LayerFormats f = FormatsSpec.parse(formats, "--formats", Presets.gpu("gpu:" + g.name(), "x").formats());
        return model.best(g, GemmPath.of(g, f, OpKind.LINEAR, "--formats"), m, n, k, 1);
    }

    @Test
    void largeSquareGemmsRunNearThePeakAndAreMmaBound() {
        GemmEstimate a = est(GpuPresets.a100Sxm4_80(), "w=fp16,a=fp16,acc=fp32", 8192, 8192, 8192);
        assertEquals(GemmEstimate.Bound.MMA, a.bound());
        Checks.between(a.teraOps(), 0.75 * 312, 0.85 * 312, "a.teraOps()");
        GemmEstimate h = est(GpuPresets.h100Sxm5(), "w=fp8_e4m3,a=fp8_e4m3,acc=fp32", 8192, 8192, 8192);
        Checks.between(h.teraOps(), 0.75 * 1979, 0.85 * 1979, "h.teraOps()");
        assertEquals(a.macs(), a.paddedMacs());
    }

    @Test
    void skinnyDecodeGemmsAreHbmBoundAtTheEfficiencysBandwidth() {
        GpuSpec g = GpuPresets.h100Sxm5();
        GemmEstimate e = est(g, "w=fp16,a=fp16,acc=fp32", 1, 28672, 8192);
        assertEquals(GemmEstimate.Bound.HBM, e.bound());
        double weights = 28672.0 * 8192 * 2;
        double ideal = weights / (g.hbmGBs() * 1e9 * GpuEfficiency.CALIBRATED.hbmEfficiency()) * 1e6;
        Checks.between(e.latencyUs(), ideal, ideal + GpuEfficiency.CALIBRATED.fixedUs() + 2, "e.latencyUs()");
    }

    @Test
    void w4a16BeatsFp16AtMOneByNearlyTheWeightBitRatioAndLosesTheEdgeAtLargeM() {
        GpuSpec g = GpuPresets.a100Sxm4_80();
        String fp16 = "w=fp16,a=fp16,acc=fp32";
        String w4 = "w=int4/b128/fp16,a=fp16,acc=fp32";
        double ratio = 16 / 4.125;
        double at1 = est(g, fp16, 1, 28672, 8192).latencyUs() / est(g, w4, 1, 28672, 8192).latencyUs();
        Checks.between(at1, 0.8 * ratio, ratio, "at1");
        double at16 = est(g, fp16, 16, 28672, 8192).latencyUs() / est(g, w4, 16, 28672, 8192).latencyUs();
        assertTrue(at16 > 0.75 * ratio, "at16");
        double at4096 = est(g, fp16, 4096, 28672, 8192).latencyUs() / est(g, w4, 4096, 28672, 8192).latencyUs();
        Checks.between(at4096, 0.85, 1.1, "at4096");
        // w8a16 sits between
        double w8 = est(g, fp16, 1, 28672, 8192).latencyUs() / est(g, "w=int8/b128/fp16,a=fp16,acc=fp32", 1,
                28672, 8192).latencyUs();
        Checks.between(w8, 1.5, at1, "w8");
    }

    @Test
    void bitPlaneCostsGrowWithPTimesQ() {
        GpuSpec g = GpuPresets.a100Sxm4_80();
        double[] t = new double[4];
        int[][] pq = {{1, 1}, {2, 2}, {3, 2}, {4, 4}};
        for (int i = 0; i < pq.length; i++) {
            GemmEstimate e = est(g, "w=bipolar" + pq[i][0] + ",a=bipolar" + pq[i][1] + ",acc=int32", 8192, 8192,
                    8192);
            assertEquals(pq[i][0] * pq[i][1], e.path().planeProducts());
            t[i] = e.latencyUs();
        }
        // a 1 x 1 product is cheap enough for memory to share the bound; from 2 x 2 on the binary MMAs dominate
        Checks.between(t[1] / t[0], 1.5, 4.4, "t[1] / t[0]");
        Checks.between(t[3] / t[1], 3.0, 4.4, "t[3] / t[1]");
        Checks.between(t[2], t[1], t[3], "t[2]");
        // compute-bound: p·q binary MMAs at the b1 rate (16384 MAC/clk/SM on A100) against INT4's 4096, so a 2 x 2
        // product costs what an int4 GEMM does and a 4 x 4 one four times that
        double int4 = est(g, "w=int4,a=int4,acc=int32", 8192, 8192, 8192).latencyUs();
        Checks.between(t[1], 0.8 * int4, 1.3 * int4, "2x2 bit planes vs int4");
        Checks.between(t[3], 3.0 * int4, 4.5 * int4, "4x4 bit planes vs int4");
    }

    @Test
    void tileAndWaveQuantisationShowInTheMappingEfficiency() {
        GemmEstimate e = est(GpuPresets.a100Sxm4_80(), "w=fp16,a=fp16,acc=fp32", 4100, 4096, 4096);
        assertTrue(e.paddedMacs() > e.macs(), "e.paddedMacs()");
        assertTrue(e.waves() >= 1, "e.waves()");
        assertTrue(e.latencyUs() > est(GpuPresets.a100Sxm4_80(), "w=fp16,a=fp16,acc=fp32", 4096, 4096,
                4096).latencyUs(), "e.latencyUs()");
    }

    @Test
    void badShapesAreRefusedNamingTheField() {
        GpuSpec g = GpuPresets.a100Sxm4_80();
        GemmPath p = GemmPath.of(g, Presets.gpu("gpu:a100-sxm4-80gb", "x").formats(), OpKind.LINEAR, "f");
        Checks.mentions(assertThrows(InvalidInputException.class, () -> model.best(g, p, 0, 8, 8, 1)).getMessage(), "M");
        Checks.mentions(assertThrows(InvalidInputException.class, () -> LayerOp.gemm("gemm", 0, 8, 8)).getMessage(), "gemm.M");
    }

    @Test
    void llama3DecodeLayerIsHbmBoundAtBatchOneAndComputeBoundAt256OnA100() {
        var spec = Zoo.llm("llama3-8b", "w").spec();
        List<DecodeCrossover.Row> rows = DecodeCrossover.table(spec, GpuPresets.a100Sxm4_80());
        DecodeCrossover.Row fp16 = rows.stream().filter(r -> r.type().equals("fp16")).findFirst().orElseThrow();
        assertEquals("hbm", fp16.boundAt1());
        assertEquals("compute", fp16.boundAt256());
        Checks.between(fp16.crossover(), 64, 256, "fp16.crossover()");
        // the ridge moves with the weight bits: W4A16 turns compute-bound earlier than FP16
        DecodeCrossover.Row w4 = rows.stream().filter(r -> r.type().equals("w4a16")).findFirst().orElseThrow();
        assertEquals("hbm", w4.boundAt1());
        assertTrue(w4.crossover() < fp16.crossover(), "w4.crossover()");
        // H100 SXM5's FP16 ridge (989 TFLOPS over 3.35 TB/s) lies above 256 tokens
        DecodeCrossover.Row h = DecodeCrossover.table(spec, GpuPresets.h100Sxm5()).get(0);
        assertTrue(h.crossover() > 200, "h.crossover()");
    }

    @Test
    void wholeWorkloadsRunThroughTheSimulatorWithTheSameEvaluation() {
        TensorCoreGpu g = Presets.gpu("gpu:h100-sxm5", "x");
        Workload w = Zoo.load("llama3-8b:decode:ctx=1024:b=8", "w");
        Simulator sim = new Simulator();
        Simulator.NetworkResult r = sim.run(w, g, Simulator.EngineKind.ANALYTICAL);
        Evaluation t = r.total();
        assertTrue(t.cycles() > 0, "t.cycles()");
        Checks.between(t.utilization(), 0.0, 1.0, "t.utilization()");
        assertTrue(t.traffic().dramBits() > 0, "t.traffic().dramBits()");
        List<GpuReport.Gemm> gemms = GpuReport.of(w, g, null, false);
        double us = gemms.stream().mapToDouble(GpuReport.Gemm::latencyUs).sum();
        Checks.near(t.cycles() / g.clockMhz(), us, 0.01 * us, "t.cycles() / g.clockMhz()");
        Simulator.NetworkResult z = sim.run(Zoo.load("resnet50", "w"), g, Simulator.EngineKind.ANALYTICAL);
        assertTrue(z.total().macs() > 0, "z.total().macs()");
    }
}
