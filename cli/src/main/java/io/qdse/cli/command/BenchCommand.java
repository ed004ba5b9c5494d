package io.qdse.cli.command;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.bench.HwBenchmarks;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.reports.render.BenchRender;
import io.qdse.reports.text.Json;
import io.qdse.search.bench.SearchBenchmarks;
import io.qdse.simulator.bench.ScaleSimRun;
import io.qdse.simulator.bench.SimBenchmarks;
import io.qdse.sweep.bench.SweepBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qdse bench}: throughput of the hot paths, measured in this JVM on one thread. The cases are the modules'
 * own ({@code HwBenchmarks}, {@code SimBenchmarks}, {@code SweepBenchmark}, {@code SearchBenchmarks}, and
 * {@code ScaleSimRun} for the peer); this command reads the options and renders the rows.
 */
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
        List<NumberFormat> fs = new ArrayList<>();
        for (String name : formats) {
            fs.add(Formats.parse(name, "--formats"));
        }
        List<BenchRender.Entry> cases = new ArrayList<>();
        HwBenchmarks.quantize(fs, size, reps).forEach(c -> cases.add(BenchRender.Case.of(c)));
        cases.add(BenchRender.Case.of(HwBenchmarks.asicCost(reps)));
        SimBenchmarks.Systolic systolic = SimBenchmarks.systolic(reps);
        systolic.cases().forEach(c -> cases.add(BenchRender.Case.of(c)));
        SimBenchmarks.bitSerial(reps).forEach(c -> cases.add(BenchRender.Case.of(c)));
        cases.add(BenchRender.Case.of(SweepBenchmark.resnet50(3000, Math.max(30, reps))));
        if (scalesim != null) {
            double ref = ScaleSimRun.timeMs(scalesim, python);
            cases.add(new BenchRender.Case("real SCALE-Sim (" + python + "), same GEMM", 1, new double[] {ref}));
            cases.add(new BenchRender.SpeedUp(ref / systolic.analyticalMs(), ref / systolic.cycleMs(),
                    ref / systolic.compatibleMs()));
        }
        if (!noSearch) {
            SearchBenchmarks.synthetic().forEach(c -> cases.add(BenchRender.Case.of(c)));
            SearchBenchmarks.pareto(3, io.qdse.search.Pareto.defaultJobs(), Math.min(reps, 3))
                    .forEach(c -> cases.add(BenchRender.Case.of(c)));
            SearchBenchmarks.pareto3(2, io.qdse.search.Pareto.defaultJobs(), Math.min(reps, 3))
                    .forEach(c -> cases.add(BenchRender.Case.of(c)));
        }
        BenchRender.Bench b = new BenchRender.Bench(System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), cases);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.json ? Json.write(BenchRender.json(b)) : BenchRender.text(b));
    }
}
