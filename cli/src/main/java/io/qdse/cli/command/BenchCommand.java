package io.qdse.cli.command;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.TensorQuantizer;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.reports.render.BenchRender;
import io.qdse.reports.text.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse bench}: throughput of the hot paths, measured in this JVM on one thread. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the hot paths on one thread: quantization (values/s), cost-model evaluations/s, the "
            + "simulation engines and the search.",
            "Optionally against a real SCALE-Sim run (--scalesim DIR). Each case runs a warm-up and then --reps timed "
            + "repetitions; best and median are reported."})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Option(names = "--size", defaultValue = "10000000", paramLabel = "N", description = "Values per quantization run (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--reps", defaultValue = "5", paramLabel = "N", description = "Timed repetitions per case (default ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--formats", split = ",", defaultValue = "int8,fp8_e4m3,fp4_e2m1,bf16,mxfp4,nvfp4",
            paramLabel = "FMT", description = "Formats to time (default ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--scalesim", paramLabel = "DIR",
            description = "A checkout of SCALE-Sim v2 (scalesim-project/scale-sim-v2 @22f88b1): also run it on the same "
                    + "512x768x768 GEMM (32x32 OS, CALC) and report our speed-ups. Needs python3 with numpy.")
    java.nio.file.Path scalesim;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "EXE", description = "Python to run SCALE-Sim with (default ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--no-search", description = "Skip the search (integer program) cases, which take a minute.")
    boolean noSearch;

    @Override
    public void run() {
        OptionScope.only(spec, scalesim != null, "with --scalesim DIR (it runs SCALE-Sim)", "--python");
        if (size < 1 || size > 200_000_000) {
            throw new InvalidInputException("--size", size, "must be in 1..200000000");
        }
        if (reps < 1 || reps > 1000) {
            throw new InvalidInputException("--reps", reps, "must be in 1..1000");
        }
        Random r = new Random(1);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextGaussian();
        }
        List<BenchRender.Entry> cases = new ArrayList<>();
        for (String name : formats) {
            NumberFormat f = Formats.parse(name, "--formats");
            QuantizationSpec s = QuantizationSpec.of(f);
            TensorQuantizer.quantize(Arrays.copyOf(x, Math.min(size, 1_000_000)), s); // warm-up
            double[] ms = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                TensorQuantizer.quantize(x, s);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            String scaling = f instanceof io.qdse.hwmodels.format.BlockFormat
                    ? "per block of " + ((io.qdse.hwmodels.format.BlockFormat) f).blockSize() : "per-tensor absmax";
            add(cases, "quantize " + name + " (" + scaling + ")", size, ms);
        }
        AsicCostModel m = AsicCostModel.standard();
        AsicTechnology n7 = AsicTechnology.of(7);
        OpSpec op = OpSpec.mac(Formats.FP8_E4M3, Formats.FP8_E4M3, new FloatAccumulator(Formats.FP32, true), 1024);
        int evals = 20_000;
        for (int i = 0; i < 2000; i++) {
            m.estimate(op, n7);
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < evals; k++) {
                m.estimate(op, n7);
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        add(cases, "ASIC cost model (fp8 MAC, 7 nm)", evals, ms);
        simulate(cases);
        if (!noSearch) {
            search(cases);
        }
        BenchRender.Bench b = new BenchRender.Bench(System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), cases);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.json ? Json.write(BenchRender.json(b)) : BenchRender.text(b));
    }

    /** Simulation engines on the 512x768x768 GEMM, 32x32 OS (the SCALE-Sim timing case), and ResNet-50. */
    private void simulate(List<BenchRender.Entry> cases) {
        io.qdse.simulator.arch.SystolicArray a = io.qdse.simulator.arch.Presets.edge32x32();
        io.qdse.simulator.workload.LayerOp g = io.qdse.simulator.workload.LayerOp.gemm("gemm", 512, 768, 768);
        io.qdse.simulator.engine.AnalyticalEngine an = new io.qdse.simulator.engine.AnalyticalEngine();
        io.qdse.simulator.engine.CycleEngine cy = new io.qdse.simulator.engine.CycleEngine();
        double anMs = time(() -> an.evaluate(g, a, a.formats()), 200);
        add(cases, "analytical engine, GEMM 512x768x768 on 32x32 OS", 1, new double[] {anMs});
        double cyMs = time(() -> cy.evaluate(g, a, a.formats()), 1);
        add(cases, "cycle-stepped engine, same GEMM", 1, new double[] {cyMs});
        io.qdse.simulator.scalesim.ScaleSimConfig cfg = new io.qdse.simulator.scalesim.ScaleSimConfig("bench", 32, 32,
                64, 64, 64, 0, 10_000_000, 20_000_000, io.qdse.simulator.arch.Dataflow.OS, false, List.of(10));
        io.qdse.simulator.scalesim.ScaleSimLayer sl = io.qdse.simulator.scalesim.ScaleSimLayer.gemm("gemm", 512, 768,
                768);
        io.qdse.simulator.scalesim.ScaleSimEngine se = new io.qdse.simulator.scalesim.ScaleSimEngine(cfg,
                io.qdse.simulator.scalesim.ScaleSimEngine.Summation.NAIVE);
        double seMs = time(() -> se.simulate(sl), 1);
        add(cases, "SCALE-Sim-compatible engine, same GEMM", 1, new double[] {seMs});
        io.qdse.simulator.workload.Workload rn = io.qdse.simulator.workload.Zoo.load("resnet50", "w");
        io.qdse.simulator.Simulator sim = new io.qdse.simulator.Simulator();
        double rnMs = time(() -> sim.run(rn, a, io.qdse.simulator.Simulator.EngineKind.ANALYTICAL), 20);
        add(cases, "analytical engine, whole ResNet-50 (54 layers)", 1, new double[] {rnMs});
        bitSerial(cases);
        sweep(cases);
        if (scalesim != null) {
            double ref = runScaleSim();
            add(cases, "real SCALE-Sim (" + python + "), same GEMM", 1, new double[] {ref});
            cases.add(new BenchRender.SpeedUp(ref / anMs, ref / cyMs, ref / seMs));
        }
    }

    /**
     * The bit-serial engines: a whole Llama-2-7B prefill (S = 2048, 32 layers, 290 ops) analytically on Stripes, the
     * cycle-stepped engine's simulated PE-cycles per second on one GEMM, and the peers' compatible engines (BitMoD: a
     * whole model; Bit Fusion: one layer's exhaustive tiling search).
     */
    private void bitSerial(List<BenchRender.Entry> cases) {
        io.qdse.simulator.arch.BitSerialArray s = io.qdse.simulator.arch.Presets.stripes();
        io.qdse.simulator.arch.LayerFormats f = io.qdse.simulator.arch.FormatsSpec.parse("w=int16,a=int8",
                "formats", s.formats());
        io.qdse.simulator.workload.Workload llama = io.qdse.simulator.workload.Zoo.load("llama2-7b:prefill:s=2048",
                "w");
        io.qdse.simulator.Simulator sim = new io.qdse.simulator.Simulator();
        double ms = time(() -> sim.run(llama, s, io.qdse.simulator.Simulator.EngineKind.ANALYTICAL, n -> f), 20);
        add(cases, "bit-serial analytical, whole Llama-2-7B prefill S=2048 on bitserial:stripes (ops)",
                llama.ops().size(), new double[] {ms});
        io.qdse.simulator.workload.LayerOp g = io.qdse.simulator.workload.LayerOp.gemm("gemm", 256, 1024, 1024);
        io.qdse.simulator.engine.BitSerialCycleEngine cy = new io.qdse.simulator.engine.BitSerialCycleEngine();
        long busy = cy.evaluate(g, s, f).busyPeCycles();
        double cms = time(() -> cy.evaluate(g, s, f), 1);
        add(cases, "bit-serial cycle-stepped, GEMM 256x1024x1024 on stripes (simulated lane-cycles)", busy,
                new double[] {cms});
        io.qdse.simulator.workload.LlmSpec l3 = io.qdse.simulator.workload.Zoo.llm("llama3-8b", "w").spec();
        double bm = time(() -> io.qdse.simulator.bitmod.BitModSim.simulate(
                io.qdse.simulator.bitmod.BitModSim.Version.CURRENT, io.qdse.simulator.bitmod.BitModSim.Accel.BITMOD_LOSSY,
                l3, "meta-llama/Meta-Llama-3-8B", true, 256, 4, Double.NaN), 20);
        add(cases, "BitMoD-compatible engine, Llama-3-8B decode (layers)", 289, new double[] {bm});
        io.qdse.simulator.bitfusion.BitFusionSim.Config cfg = new io.qdse.simulator.bitfusion.BitFusionSim.Config(16,
                32, 8, 2, 192, 65536, 32768, 16384, 500_000_000);
        io.qdse.simulator.bitfusion.BitFusionSim.Layer conv1 = new io.qdse.simulator.bitfusion.BitFusionSim.Layer(
                "conv1", 11, 55, 4, 3, 96, 16, 8, 8, true);
        io.qdse.simulator.bitfusion.BitFusionSim.EnergyCosts e = io.qdse.simulator.bitfusion.BitFusionFiles.energy(cfg)
                .costs();
        double bf = time(() -> io.qdse.simulator.bitfusion.BitFusionSim.simulate(cfg, conv1, e), 5);
        add(cases, "Bit Fusion-compatible engine, AlexNet conv1 tiling search (layers)", 1, new double[] {bf});
    }

    /**
     * Sweep throughput: analytical layer evaluations per second on one core, ResNet-50 (54 layers) on 64 systolic
     * design points (rows and columns 8..64, two dataflows), each point a new design (its accelerator built from
     * the sweep's YAML fields, its SRAMs costed) — what a sweep pays per row.
     */
    private void sweep(List<BenchRender.Entry> cases) {
        String yaml = "workloads: [resnet50]\nformats: [\"w=int8,a=int8\"]\ndesigns:\n  - base: edge-32x32\n"
                + "    vary: {rows: [8, 16, 32, 64], cols: [8, 16, 32, 64], dataflow: [os, ws], clock_mhz: [500, 700]}\n";
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("qdse-bench-", ".yaml");
            java.nio.file.Files.writeString(f, yaml);
            io.qdse.sweep.SweepSpace s = io.qdse.sweep.io.SpaceFiles.read(f).space();
            java.nio.file.Files.delete(f);
            io.qdse.simulator.workload.Workload rn = io.qdse.simulator.workload.Zoo.load("resnet50", "w");
            io.qdse.sweep.PointEvaluator ev = new io.qdse.sweep.PointEvaluator(s, List.of(rn), null);
            List<io.qdse.sweep.Point> pts = io.qdse.sweep.Sampler.points(s);
            double[] ms = steady(() -> pts.forEach(ev::evaluate), 3000, Math.max(30, reps));
            long layers = (long) pts.size() * rn.computeLayers().size();
            add(cases, "sweep: ResNet-50 on " + pts.size() + " systolic design points (layer evaluations, 1 core)",
                    layers, ms);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The integer program on seeded synthetic problems (io.qdse.search.bench.SyntheticProblems) with one budget and
     * with two, and on MiniLM's real cost table when the model is on this machine. Each is solved once after a
     * warm-up solve that loads OR-Tools' native library; times are wall-clock, CP-SAT with one worker.
     */
    private void search(List<BenchRender.Entry> cases) {
        io.qdse.search.SolverOptions o = new io.qdse.search.SolverOptions(io.qdse.search.Backend.CPSAT, 120, 1, 1);
        io.qdse.search.Search.solve(io.qdse.search.bench.SyntheticProblems.make(20, 4, 2, 1),
                io.qdse.search.Query.minimise("sensitivity", List.of()), o);
        int[][] dims = {{100, 12, 4}, {1000, 12, 1}};
        String[][] budgets = {{"size_bits=0.4"}, {"size_bits=0.4", "latency_cycles=0.3"}};
        for (String[] b : budgets) {
            for (int[] d : dims) {
                io.qdse.search.SearchProblem p = io.qdse.search.bench.SyntheticProblems.make(d[0], d[1], d[2], 7);
                List<io.qdse.search.Budget> bs = io.qdse.search.Budgets.parse(p, List.of(), List.of(b));
                long t0 = System.nanoTime();
                io.qdse.search.SearchResult r = io.qdse.search.Search.solve(p,
                        io.qdse.search.Query.minimise("sensitivity", bs), o);
                double ms = (System.nanoTime() - t0) / 1e6;
                String name = "search " + d[0] + " layers x " + d[1] + " formats x " + d[2] + " arrays, budget "
                        + String.join(" + ", b) + ": " + r.status();
                add(cases, name, (long) d[0] * d[1] * d[2], new double[] {ms});
            }
        }
    }

    /**
     * Times of {@code reps} runs after {@code warmupMs} of warm-up runs: a sweep runs for seconds to hours, so its
     * per-core rate is the JIT's steady state, reached here after about a thousand evaluations of each method.
     */
    private static double[] steady(Runnable r, long warmupMs, int reps) {
        long until = System.nanoTime() + warmupMs * 1_000_000L;
        while (System.nanoTime() < until) {
            r.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /** @return the best of {@code max(reps, --reps)} timed runs after one warm-up, ms */
    private double time(Runnable r, int reps) {
        r.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < Math.max(reps, this.reps); i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }

    private double runScaleSim() {
        java.nio.file.Path script = scalesim.resolve("scalesim").resolve("scale.py");
        if (!java.nio.file.Files.isRegularFile(script)) {
            throw new InvalidInputException("--scalesim", scalesim, "must be a SCALE-Sim v2 checkout (no "
                    + "scalesim/scale.py there)");
        }
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("qdse-bench-scalesim");
            java.nio.file.Path cfg = dir.resolve("bench.cfg");
            java.nio.file.Files.writeString(cfg, "[general]\nrun_name = bench\n[architecture_presets]\n"
                    + "ArrayHeight: 32\nArrayWidth: 32\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\n"
                    + "IfmapOffset: 0\nFilterOffset: 10000000\nOfmapOffset: 20000000\nBandwidth : 10\n"
                    + "Dataflow : os\nMemoryBanks: 1\n[run_presets]\nInterfaceBandwidth: CALC\n");
            java.nio.file.Path topo = dir.resolve("gemm.csv");
            java.nio.file.Files.writeString(topo, "Layer Name, M, N, K,\ngemm, 512, 768, 768,\n");
            ProcessBuilder pb = new ProcessBuilder(python, "scalesim/scale.py", "-c", cfg.toString(), "-t",
                    topo.toString(), "-p", dir.resolve("out").toString(), "-i", "gemm").directory(scalesim.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
            pb.environment().put("PYTHONPATH", ".");
            long t0 = System.nanoTime();
            Process p = pb.start();
            int rc = p.waitFor();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (rc != 0) {
                throw new IllegalStateException("SCALE-Sim exited with " + rc + "; see " + dir.resolve("log.txt"));
            }
            return ms;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void add(List<BenchRender.Entry> cases, String name, long n, double[] ms) {
        cases.add(new BenchRender.Case(name, n, ms));
    }
}
