package io.qdse.simulator.bench;

import io.qdse.hwmodels.bench.BenchCase;
import io.qdse.hwmodels.bench.Timing;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.bitfusion.BitFusionFiles;
import io.qdse.simulator.bitfusion.BitFusionSim;
import io.qdse.simulator.bitmod.BitModSim;
import io.qdse.simulator.engine.AnalyticalEngine;
import io.qdse.simulator.engine.BitSerialCycleEngine;
import io.qdse.simulator.engine.CycleEngine;
import io.qdse.simulator.scalesim.ScaleSimConfig;
import io.qdse.simulator.scalesim.ScaleSimEngine;
import io.qdse.simulator.scalesim.ScaleSimLayer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.LlmSpec;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.Zoo;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's hot paths on one thread, each reported by its best run: the systolic engines on the SCALE-Sim
 * timing case (GEMM 512x768x768 on a 32x32 output-stationary array, {@link #scaleSimCase}), a whole ResNet-50, the
 * bit-serial engines and the peers' compatible engines (BitMoD, Bit Fusion).
 */
public final class SimBenchmarks {
    /** The GEMM of the SCALE-Sim timing case, M x N x K. */
    public static final int[] GEMM = {512, 768, 768};

    private SimBenchmarks() {
    }

    /** The systolic engines' times on the SCALE-Sim timing case, ms (best runs), for the speed-up against the peer. */
    public record Systolic(List<BenchCase> cases, double analyticalMs, double cycleMs, double compatibleMs) {
    }

    /** @return the SCALE-Sim configuration of the timing case: 32x32 OS, 64 KiB SRAMs, CALC bandwidth */
    public static ScaleSimConfig scaleSimCase() {
        return new ScaleSimConfig("bench", 32, 32, 64, 64, 64, 0, 10_000_000, 20_000_000, Dataflow.OS, false,
                List.of(10));
    }

    /**
     * The analytical, cycle-stepped and SCALE-Sim-compatible engines on the timing GEMM, and the analytical engine on
     * the whole ResNet-50 (54 layers), on the edge-32x32 preset.
     *
     * @param reps at least this many timed runs per case (the analytical ones take more)
     */
    public static Systolic systolic(int reps) {
        SystolicArray a = Presets.edge32x32();
        LayerOp g = LayerOp.gemm("gemm", GEMM[0], GEMM[1], GEMM[2]);
        AnalyticalEngine an = new AnalyticalEngine();
        CycleEngine cy = new CycleEngine();
        List<BenchCase> cases = new ArrayList<>();
        double anMs = Timing.best(() -> an.evaluate(g, a, a.formats()), Math.max(200, reps));
        cases.add(new BenchCase("analytical engine, GEMM " + gemm() + " on 32x32 OS", 1, new double[] {anMs}));
        double cyMs = Timing.best(() -> cy.evaluate(g, a, a.formats()), reps);
        cases.add(new BenchCase("cycle-stepped engine, same GEMM", 1, new double[] {cyMs}));
        ScaleSimEngine se = new ScaleSimEngine(scaleSimCase(), ScaleSimEngine.Summation.NAIVE);
        ScaleSimLayer sl = ScaleSimLayer.gemm("gemm", GEMM[0], GEMM[1], GEMM[2]);
        double seMs = Timing.best(() -> se.simulate(sl), reps);
        cases.add(new BenchCase("SCALE-Sim-compatible engine, same GEMM", 1, new double[] {seMs}));
        Workload rn = Zoo.load("resnet50", "workload");
        Simulator sim = new Simulator();
        double rnMs = Timing.best(() -> sim.run(rn, a, Simulator.EngineKind.ANALYTICAL), Math.max(20, reps));
        cases.add(new BenchCase("analytical engine, whole ResNet-50 (" + rn.computeLayers().size() + " layers)", 1,
                new double[] {rnMs}));
        return new Systolic(cases, anMs, cyMs, seMs);
    }

    /**
     * The bit-serial engines: a whole Llama-2-7B prefill (S = 2048) analytically on Stripes, the cycle-stepped
     * engine's simulated lane-cycles per second on one GEMM, and the peers' compatible engines (BitMoD: a whole
     * model; Bit Fusion: one layer's exhaustive tiling search).
     */
    public static List<BenchCase> bitSerial(int reps) {
        List<BenchCase> cases = new ArrayList<>();
        BitSerialArray s = Presets.stripes();
        LayerFormats f = FormatsSpec.parse("w=int16,a=int8", "formats", s.formats());
        Workload llama = Zoo.load("llama2-7b:prefill:s=2048", "workload");
        Simulator sim = new Simulator();
        double ms = Timing.best(() -> sim.run(llama, s, Simulator.EngineKind.ANALYTICAL, n -> f), Math.max(20, reps));
        cases.add(new BenchCase("bit-serial analytical, whole Llama-2-7B prefill S=2048 on bitserial:stripes (ops)",
                llama.ops().size(), new double[] {ms}));
        LayerOp g = LayerOp.gemm("gemm", 256, 1024, 1024);
        BitSerialCycleEngine cy = new BitSerialCycleEngine();
        long busy = cy.evaluate(g, s, f).busyPeCycles();
        double cms = Timing.best(() -> cy.evaluate(g, s, f), reps);
        cases.add(new BenchCase("bit-serial cycle-stepped, GEMM 256x1024x1024 on stripes (simulated lane-cycles)",
                busy, new double[] {cms}));
        LlmSpec l3 = Zoo.llm("llama3-8b", "workload").spec();
        Runnable bitmod = () -> BitModSim.simulate(BitModSim.Version.CURRENT, BitModSim.Accel.BITMOD_LOSSY, l3,
                "meta-llama/Meta-Llama-3-8B", true, 256, 4, Double.NaN);
        int bitmodLayers = BitModSim.simulate(BitModSim.Version.CURRENT, BitModSim.Accel.BITMOD_LOSSY, l3,
                "meta-llama/Meta-Llama-3-8B", true, 256, 4, Double.NaN).layers().size();
        double bm = Timing.best(bitmod, Math.max(20, reps));
        cases.add(new BenchCase("BitMoD-compatible engine, Llama-3-8B decode (layers)", bitmodLayers,
                new double[] {bm}));
        BitFusionSim.Config cfg = new BitFusionSim.Config(16, 32, 8, 2, 192, 65536, 32768, 16384, 500_000_000);
        BitFusionSim.Layer conv1 = new BitFusionSim.Layer("conv1", 11, 55, 4, 3, 96, 16, 8, 8, true);
        BitFusionSim.EnergyCosts e = BitFusionFiles.energy(cfg).costs();
        double bf = Timing.best(() -> BitFusionSim.simulate(cfg, conv1, e), Math.max(5, reps));
        cases.add(new BenchCase("Bit Fusion-compatible engine, AlexNet conv1 tiling search (layers)", 1,
                new double[] {bf}));
        return cases;
    }

    private static String gemm() {
        return GEMM[0] + "x" + GEMM[1] + "x" + GEMM[2];
    }
}
