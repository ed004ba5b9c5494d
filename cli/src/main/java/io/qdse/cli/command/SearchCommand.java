package io.qdse.cli.command;

import io.qdse.cli.InfeasibleException;
import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.reports.render.SearchRender;
import io.qdse.search.Backend;
import io.qdse.search.SolverOptions;
import io.qdse.search.plan.SearchOutcome;
import io.qdse.search.plan.SearchPlan;
import io.qdse.search.plan.SearchPlanner;
import io.qdse.search.plan.SearchRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qdse search}: choose a number format per layer and the hardware (array shape, datapath formats) together,
 * as an integer program (OR-Tools CP-SAT by default), under budgets; or trace a Pareto front.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pick a format per layer and the hardware that runs them, provably optimally (integer program).",
            "From a workload + accelerator + sensitivity (weights or table), or from your own cost table (--table).",
            "Exit status 3 when the budgets cannot all be met (the message says which and the smallest that could).",
            "Metrics: sensitivity, size_bits, bops, latency_cycles, energy_pj, area_um2 (and luts, dsps on FPGA "
                + "targets); aliases size, latency, energy, area."})
public final class SearchCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Option(names = "--workload", paramLabel = "NAME|FILE",
            description = "Network: built-in (resnet18, bert-base, ...), layer list, ONNX file or known model (minilm, "
                    + "ppocr-det, ppocr-rec, ppocr-cls). Default: the ONNX model given to --sensitivity weights:.")
    String workload;

    @Option(names = "--arch", defaultValue = "edge-32x32", paramLabel = "PRESET|FILE",
            description = "Accelerator preset or file (default ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--arrays", split = ",", paramLabel = "RxC",
            description = "Array shapes the search may choose among, e.g. 16x16,32x32,64x64 (default: the arch's).")
    List<String> arrays = new ArrayList<>();

    @Option(names = "--formats", split = ",", paramLabel = "FMT",
            description = "Candidate formats: FMT (weights = activations), W/A (int4/int8), optionally @ACC "
                    + "(fp8_e4m3@fp16). Default accumulators int32 (integers) or fp32.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--sensitivity", paramLabel = "weights:SRC|table:CSV",
            description = "weights:MODEL.onnx|minilm|ppocr-*|FILE.npy|FILE.npz|DIR (weight error per format) or "
                    + "table:CSV (layer,format,sensitivity).")
    String sensitivity;

    @Option(names = "--hessian-trace", paramLabel = "CSV",
            description = "Per-layer multipliers of the weight error (layer,trace), e.g. HAWQ's Hessian trace.")
    Path hessianTrace;

    @Option(names = "--scaling", defaultValue = "channel", paramLabel = "tensor|channel|block[:K]",
            description = "Weight scaling for weight sensitivity (default ${DEFAULT-VALUE}; block formats use their "
                    + "own blocks).")
    String scaling;

    @Option(names = "--clip", defaultValue = "absmax", paramLabel = "absmax|mse",
            description = "Clipping for weight sensitivity (default ${DEFAULT-VALUE}).")
    String clip;

    @Option(names = "--sensitivity-metric", defaultValue = "l2", paramLabel = "l2|mse|nsr",
            description = "Weight error used as sensitivity: l2 = sum of squares (HAWQ), mse, nsr = error/signal "
                    + "(default ${DEFAULT-VALUE}).")
    String sensitivityMetric;

    @Option(names = "--onnx-input", paramLabel = "NAME=DIMS",
            description = "Shape of an ONNX input, e.g. x=1x3x640x640 (repeatable; known models have defaults).")
    List<String> onnxInputs = new ArrayList<>();

    @Option(names = "--onnx-dim", paramLabel = "SYMBOL=N", description = "Value of a symbolic ONNX dimension.")
    List<String> onnxDims = new ArrayList<>();

    @Option(names = "--table", paramLabel = "CSV",
            description = "Your own cost table (layer,format[,hardware][,tie_group],sensitivity,<metrics>...).")
    Path table;

    @Option(names = "--ties", paramLabel = "CSV", description = "Tie groups (layer,group): layers sharing a format.")
    Path ties;

    @Option(names = "--tie-shared-inputs",
            description = "ONNX workloads: tie layers that read the same activation tensor (they share its "
                    + "quantized copy, e.g. Q/K/V projections), as HAWQ does.")
    boolean tieSharedInputs;

    @Option(names = "--pin", paramLabel = "LAYER=FMT", description = "Fix a layer's format (repeatable).")
    List<String> pins = new ArrayList<>();

    @Option(names = "--objective", defaultValue = "sensitivity", paramLabel = "METRIC",
            description = "Metric to minimise (default ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--max", paramLabel = "METRIC=VALUE", description = "Budget on a total (repeatable).")
    List<String> max = new ArrayList<>();

    @Option(names = "--max-fraction", paramLabel = "METRIC=R",
            description = "Budget R of the way from the all-cheapest to the all-most-expensive total (repeatable).")
    List<String> maxFraction = new ArrayList<>();

    @Option(names = "--pareto", split = ",", paramLabel = "M1,M2[,M3]",
            description = "Trace the Pareto front of two or three metrics (ε-constraint) instead of one optimum.")
    List<String> pareto = new ArrayList<>();

    @Option(names = "--solver", defaultValue = "cpsat", paramLabel = "cpsat|scip|exhaustive|greedy",
            description = "Backend (default ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--time-limit", defaultValue = "60", paramLabel = "S", description = "Seconds per solve "
            + "(default ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "CP-SAT workers (default "
            + "${DEFAULT-VALUE}; more are run interleaved, deterministically; they help with several budgets).")
    int threads;

    @Option(names = "--jobs", paramLabel = "N", description = "Threads a Pareto front is traced on (default: the "
            + "CPUs, at most 8); its points, solves and assignments are the same for any N.")
    Integer jobs;

    @Option(names = "--max-points", paramLabel = "N", description = "Stop a Pareto front after N points (default: "
            + "the whole front); the points kept are the same on any --jobs and each is on the front.")
    Integer maxPoints;

    @Option(names = "--quiet-sensitivity", description = "Do not print the per-layer SQNR table.")
    boolean quietSensitivity;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write result.json, assignment.csv, costs.csv (re-usable with --table), sensitivity.csv, "
                    + "pareto.csv.")
    Path out;

    @Mixin
    ForceOption force;

    @Override
    public void run() {
        if (out != null) {
            OutputSet.checkFolder(out, "--out", force.force);
        }
        scope();
        PrintWriter pw = spec.commandLine().getOut();
        SolverOptions opts = new SolverOptions(Backend.parse(solver, "--solver"), timeLimit, threads, 1);
        SearchRequest.Goal goal = new SearchRequest.Goal(objective, max, maxFraction, pareto,
                new SearchRequest.Fields("--max", "--max-fraction", pareto == null || pareto.isEmpty() ? "--objective"
                        : "--pareto"));
        SearchRequest request = new SearchRequest(table, new SearchRequest.Network(workload, arch, arrays, formats,
                sensitivity, hessianTrace, scaling, clip, sensitivityMetric, onnxInputs, onnxDims), ties,
                tieSharedInputs, pins, goal);
        SearchPlan plan = SearchPlanner.plan(request, msg -> System.err.println("qdse: " + msg));
        if (plan.sensitivity() != null && !quietSensitivity && !output.json) {
            pw.print(SearchRender.sensitivityText(plan.sensitivity(), plan.candidates()));
        }
        // files for --out, written together (or not at all) once the search has an answer
        Map<String, String> files = new LinkedHashMap<>();
        if (out != null && plan.fromNetwork()) {
            files.put("costs.csv", SearchRender.costsCsv(plan.problem()));
            if (plan.sensitivity() != null) {
                files.put("sensitivity.csv", SearchRender.sensitivityCsv(plan.sensitivity()));
            }
        }
        if (goal.isPareto()) {
            io.qdse.search.Pareto.Tracing tracing = io.qdse.search.Pareto.Tracing.of(
                    jobs == null ? io.qdse.search.Pareto.defaultJobs() : jobs)
                    .withMaxPoints(maxPoints == null ? 0 : maxPoints);
            SearchOutcome.Front f = plan.front(goal, opts, tracing, progress());
            if (f.front().points().isEmpty()) {
                // no point at all: the same answer (and exit status) as the single solve under these budgets
                requireAnswer(plan.optimum(new SearchRequest.Goal(goal.pareto().get(0), goal.max(),
                        goal.maxFraction(), List.of(), goal.fields()), opts));
            }
            pw.print(output.json ? SearchRender.json(f) : SearchRender.text(f));
            if (out != null) {
                files.put("pareto.csv", SearchRender.paretoCsv(f));
                writeOut(files);
                if (!output.json) {
                    pw.print(SearchRender.wroteFront(out));
                }
            }
            return;
        }
        SearchOutcome.Optimum o = plan.optimum(goal, opts);
        requireAnswer(o);
        pw.print(output.json ? SearchRender.json(o) : SearchRender.text(o));
        if (out != null) {
            files.put("assignment.csv", SearchRender.assignmentCsv(plan.problem(), o.result().assignment()));
            files.put("result.json", SearchRender.json(o));
            writeOut(files);
            if (!output.json) {
                pw.print(SearchRender.wrote(out, plan));
            }
        }
    }

    /**
     * @return what tells the user, on a terminal (or with {@code -Dqdse.progress=true}), how a long Pareto front is
     *     coming along: a line on stderr at the first point and then at most every 2 s
     */
    private java.util.function.Consumer<io.qdse.search.Pareto.Point> progress() {
        if (System.console() == null && !Boolean.getBoolean("qdse.progress")) {
            return pt -> { };
        }
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        long[] last = {Long.MIN_VALUE};
        int[] points = {0};
        return pt -> {
            points[0]++;
            long now = System.nanoTime();
            if (last[0] == Long.MIN_VALUE || now - last[0] >= 2_000_000_000L) {
                last[0] = now;
                err.printf(java.util.Locale.ROOT, "qdse: Pareto front: %,d points so far, %.0f s%n", points[0],
                        (now - t0) / 1e9);
                err.flush();
            }
        };
    }

    /**
     * Exit status 3 for a well-formed search without an answer: budgets no assignment meets (with the diagnosis), or
     * the time limit reached before any solution (with the best bound).
     */
    static void requireAnswer(SearchOutcome.Optimum o) {
        if (o.infeasible()) {
            throw new InfeasibleException(SearchRender.infeasible(o));
        }
        if (!o.result().hasAssignment()) {
            throw new InfeasibleException("no solution", SearchRender.noSolution(o));
        }
    }

    /** Options that do nothing with the others given are refused, naming where they apply (OptionScope). */
    private void scope() {
        OptionScope.only(spec, table == null, "without --table (the table already holds the layers, formats and "
                + "costs)", "--workload", "--arch", "--arrays", "--formats", "--sensitivity", "--hessian-trace",
                "--scaling", "--clip", "--sensitivity-metric", "--onnx-input", "--onnx-dim", "--tie-shared-inputs",
                "--quiet-sensitivity");
        boolean weights = sensitivity != null && sensitivity.trim().toLowerCase(java.util.Locale.ROOT)
                .startsWith("weights:");
        OptionScope.only(spec, weights, "with --sensitivity weights:SOURCE (they shape the weight error; a table's "
                + "values are used as given)", "--scaling", "--clip", "--sensitivity-metric", "--hessian-trace",
                "--quiet-sensitivity");
        OptionScope.only(spec, !output.json, "in text (--json prints no sensitivity table)", "--quiet-sensitivity");
        OptionScope.only(spec, pareto.isEmpty(), "without --pareto (a front minimises the metrics --pareto names)",
                "--objective");
        OptionScope.only(spec, !pareto.isEmpty(), "with --pareto (a single optimum is one solve)", "--jobs",
                "--max-points");
        if (jobs != null && (jobs < 1 || jobs > 64)) {
            throw new io.qdse.hwmodels.InvalidInputException("--jobs", jobs, "1..64 threads");
        }
        if (maxPoints != null && (maxPoints < 2 && maxPoints != 0)) {
            throw new io.qdse.hwmodels.InvalidInputException("--max-points", maxPoints,
                    "a whole number >= 2, or 0 for the whole front (one point is a single optimum: --objective)");
        }
        OptionScope.only(spec, solver.trim().equalsIgnoreCase("cpsat"), "with --solver cpsat (its workers)",
                "--threads");
    }

    /** Writes every file of --out as one set: all of them, or none (an earlier run's other files are removed). */
    private void writeOut(Map<String, String> files) {
        try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
            files.forEach(set::write);
            set.commit();
        }
    }
}
