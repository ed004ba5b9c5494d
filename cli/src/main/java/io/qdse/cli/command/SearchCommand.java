package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.InfeasibleException;
import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.cli.io.Inputs;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.quant.ClipMethod;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.search.Assignment;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Budgets;
import io.qdse.search.Pareto;
import io.qdse.search.Query;
import io.qdse.search.Search;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import io.qdse.search.build.Candidate;
import io.qdse.search.build.CostTableBuilder;
import io.qdse.search.io.CostTableFiles;
import io.qdse.search.sensitivity.SensitivityTable;
import io.qdse.search.sensitivity.WeightSensitivity;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.onnx.OnnxImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--quiet-sensitivity", description = "Do not print the per-layer SQNR table.")
    boolean quietSensitivity;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write result.json, assignment.csv, costs.csv (re-usable with --table), sensitivity.csv, "
                    + "pareto.csv.")
    Path out;

    @Mixin
    ForceOption force;

    private final List<String> notes = new ArrayList<>();
    /** Files for --out, written together (or not at all) once the search has an answer. */
    private final java.util.Map<String, String> outFiles = new java.util.LinkedHashMap<>();

    @Override
    public void run() {
        if (out != null) {
            OutputSet.checkFolder(out, "--out", force.force);
        }
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SolverOptions opts = new SolverOptions(Backend.parse(solver, "--solver"), timeLimit, threads, 1);
        SearchProblem p;
        String what;
        SensitivityTable sens = null;
        CostTableBuilder.Built built = null;
        if (table != null) {
            if (workload != null || sensitivity != null || !formats.isEmpty() || tieSharedInputs) {
                throw new InvalidInputException("--table", table, "on its own: the table already holds the layers, "
                        + "formats and costs (drop --workload/--sensitivity/--formats)");
            }
            p = CostTableFiles.read(table, ties, pinMap());
            what = "cost table " + table;
        } else {
            if (formats.isEmpty()) {
                throw new InvalidInputException("--formats", "none", "candidate formats, e.g. --formats "
                        + "int4,int8,fp8_e4m3,fp6_e2m3,fp4_e2m1");
            }
            List<Candidate> cands = new ArrayList<>();
            for (String f : formats) {
                cands.add(Candidate.parse(f, "--formats"));
            }
            io.qdse.simulator.arch.Accelerator a = Inputs.arch(arch);
            WorkloadAndWeights ww = loadWorkloadAndWeights(err);
            sens = sensitivity(ww, cands, err);
            built = CostTableBuilder.build(ww.workload, cands, CostTableBuilder.arrays(a, arrays), sens);
            p = applyPinsAndTies(built.problem(), tieGroups(ww, built.problem()));
            what = ww.workload.name() + " on " + a.name() + (arrays.isEmpty() ? "" : " (arrays " + String.join(",",
                    arrays) + ")");
            if (!built.unscored().isEmpty()) {
                notes.add(built.unscored().size() + " layer(s) without sensitivity data kept at the most precise "
                        + "candidate " + p.formats().get(p.pinned(p.layers().indexOf(built.unscored().get(0))))
                        + ": " + abbreviate(built.unscored()));
            }
            if (sens != null && !quietSensitivity && !output.json) {
                printSensitivity(pw, sens, cands);
            }
        }
        if (out != null && built != null) {
            outFiles.put("costs.csv", costsCsv(p));
            if (sens != null) {
                outFiles.put("sensitivity.csv", sens.toCsv());
            }
        }
        List<Budget> budgets = new ArrayList<>();
        budgets.addAll(Budgets.parse(p, canonical(max, p), canonical(maxFraction, p)));
        if (!pareto.isEmpty()) {
            List<String> objs = new ArrayList<>();
            for (String m : pareto) {
                objs.add(metric(m, p));
            }
            Pareto.Front f = Pareto.front(p, objs, budgets, opts);
            renderPareto(pw, p, what, f, budgets, opts);
            return;
        }
        String obj = metric(objective, p);
        SearchResult r = Search.solve(p, Query.minimise(obj, budgets), opts);
        if (r.status() == Status.INFEASIBLE) {
            throw new InfeasibleException(infeasibleMessage(p, r));
        }
        if (!r.hasAssignment()) {
            throw new IllegalStateException("the solver stopped without an answer (" + r.status() + ", "
                    + r.stats() + "); raise --time-limit");
        }
        if (output.json) {
            pw.print(Json.write(json(p, r, what, budgets, opts)));
        } else {
            render(pw, p, r, what, budgets, opts);
        }
        if (out != null) {
            outFiles.put("assignment.csv", assignmentCsv(p, r.assignment()));
            outFiles.put("result.json", Json.write(json(p, r, what, budgets, opts)));
            writeOut();
            if (!output.json) {
                pw.println("wrote " + out.resolve("result.json") + ", assignment.csv" + (built != null
                        ? ", costs.csv" + (sens != null ? ", sensitivity.csv" : "") : ""));
            }
        }
    }

    // ---- inputs -------------------------------------------------------------------------------------------------

    private static final class WorkloadAndWeights {
        Workload workload;
        List<OnnxImporter.WeightTensor> onnxWeights;
        List<List<String>> sharedInputs = List.of();
    }

    private WorkloadAndWeights loadWorkloadAndWeights(PrintWriter err) {
        WorkloadAndWeights ww = new WorkloadAndWeights();
        String weightsSrc = sensitivity != null && sensitivity.startsWith("weights:")
                ? sensitivity.substring("weights:".length()) : null;
        String wl = workload != null ? workload : weightsSrc != null && Inputs.isOnnx(weightsSrc) ? weightsSrc : null;
        if (wl == null) {
            throw new InvalidInputException("--workload", "none", "a network (built-in, file, ONNX or known model), "
                    + "or an ONNX model as --sensitivity weights:MODEL to use as both");
        }
        if (Inputs.isOnnx(wl)) {
            Inputs.Onnx o = Inputs.onnx(wl, "--workload");
            OnnxImporter.Result r = OnnxImporter.importModel(o.model(), o.name(), Inputs.onnxOptions(onnxInputs,
                    onnxDims, o.defaultInputs()));
            ww.workload = r.workload();
            ww.sharedInputs = r.sharedInputGroups();
            notes.addAll(r.notes());
            if (weightsSrc != null && weightsSrc.equals(wl)) {
                ww.onnxWeights = r.weights();
            }
        } else {
            ww.workload = Inputs.workload(wl, onnxInputs, onnxDims);
        }
        return ww;
    }

    private SensitivityTable sensitivity(WorkloadAndWeights ww, List<Candidate> cands, PrintWriter err) {
        Map<String, Double> trace = hessianTrace == null ? Map.of() : SensitivityTable.readTrace(hessianTrace);
        if (hessianTrace != null && sensitivity != null && sensitivity.startsWith("table:")) {
            throw new InvalidInputException("--hessian-trace", hessianTrace, "only with --sensitivity weights: "
                    + "(a table's values are used as given)");
        }
        return io.qdse.search.sensitivity.Sensitivities.resolve(sensitivity, "--sensitivity", ww.workload, cands,
                ww.onnxWeights, weightSpec(), trace, notes::add);
    }

    private WeightSensitivity.Spec weightSpec() {
        String s = scaling.toLowerCase(Locale.ROOT);
        Granularity g;
        int block = 32;
        if (s.equals("tensor")) {
            g = Granularity.PER_TENSOR;
        } else if (s.equals("channel")) {
            g = Granularity.PER_CHANNEL;
        } else if (s.equals("block") || s.startsWith("block:")) {
            g = Granularity.PER_BLOCK;
            if (s.startsWith("block:")) {
                try {
                    block = Integer.parseInt(s.substring(6));
                } catch (NumberFormatException e) {
                    block = -1;
                }
                if (block < 1) {
                    throw new InvalidInputException("--scaling", scaling, "block:K with K >= 1");
                }
            }
        } else {
            throw new InvalidInputException("--scaling", scaling, "tensor, channel or block[:K]");
        }
        ClipMethod c;
        switch (clip.toLowerCase(Locale.ROOT)) {
            case "absmax": c = ClipMethod.ABSMAX; break;
            case "mse": c = ClipMethod.MSE; break;
            default: throw new InvalidInputException("--clip", clip, "absmax or mse");
        }
        return new WeightSensitivity.Spec(g, block, c, WeightSensitivity.Measure.parse(sensitivityMetric,
                "--sensitivity-metric"));
    }

    private Map<String, String> pinMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : pins) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new InvalidInputException("--pin", s, "LAYER=FORMAT");
            }
            m.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return m;
    }

    private List<int[]> tieGroups(WorkloadAndWeights ww, SearchProblem p) {
        List<int[]> groups = new ArrayList<>();
        if (tieSharedInputs) {
            if (ww.onnxWeights == null && !Inputs.isOnnx(workload == null ? "" : workload)) {
                throw new InvalidInputException("--tie-shared-inputs", "set", "an ONNX workload (it reads the graph)");
            }
            for (List<String> g : ww.sharedInputs) {
                groups.add(g.stream().mapToInt(p.layers()::indexOf).filter(i -> i >= 0).toArray());
            }
            notes.add(groups.size() + " tie group(s) of layers reading the same activation tensor");
        }
        if (ties != null) {
            Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
            List<String> lines;
            try {
                lines = java.nio.file.Files.readAllLines(ties);
            } catch (java.io.IOException e) {
                throw new InvalidInputException("--ties", ties, "a readable file (" + e.getMessage() + ")");
            }
            boolean header = true;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] c = l.split("\\s*,\\s*");
                if (header) {
                    header = false;
                    if (c.length < 2 || !c[0].equalsIgnoreCase("layer") || !c[1].equalsIgnoreCase("group")) {
                        throw new InvalidInputException("--ties " + ties + " line " + (i + 1), l,
                                "the header layer,group");
                    }
                    continue;
                }
                int idx = c.length < 2 ? -1 : p.layers().indexOf(c[0]);
                if (idx < 0) {
                    throw new InvalidInputException("--ties " + ties + " line " + (i + 1), c[0],
                            "layer,group with a layer of the workload");
                }
                byGroup.computeIfAbsent(c[1], k -> new ArrayList<>()).add(idx);
            }
            for (List<Integer> g : byGroup.values()) {
                groups.add(g.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return groups;
    }

    private SearchProblem applyPinsAndTies(SearchProblem p, List<int[]> tieGroups) {
        Map<String, String> m = pinMap();
        if (m.isEmpty() && tieGroups.isEmpty()) {
            return p;
        }
        // rebuild with the extra pins and ties (the builder already pinned unscored layers)
        SearchProblem.Builder nb = SearchProblem.builder(p.layers(), p.formats(), p.hardware(), p.metrics(),
                units(p));
        copy(p, nb);
        for (int[] g : tieGroups) {
            nb.tie(g);
        }
        for (Map.Entry<String, String> e : m.entrySet()) {
            int l = p.layers().indexOf(e.getKey());
            int f = p.formats().indexOf(e.getValue());
            if (l < 0) {
                throw new InvalidInputException("--pin " + e.getKey() + "=" + e.getValue(), e.getKey(),
                        "a layer of the workload (e.g. " + abbreviate(p.layers()) + ")");
            }
            if (f < 0) {
                throw new InvalidInputException("--pin " + e.getKey() + "=" + e.getValue(), e.getValue(),
                        "one of the candidate formats " + String.join(", ", p.formats()));
            }
            nb.pin(l, f);
        }
        return nb.build();
    }

    private static List<String> units(SearchProblem p) {
        List<String> u = new ArrayList<>();
        for (int m = 0; m < p.metricCount(); m++) {
            u.add(p.unit(m));
        }
        return u;
    }

    private static void copy(SearchProblem p, SearchProblem.Builder nb) {
        for (int l = 0; l < p.layerCount(); l++) {
            for (int f = 0; f < p.formatCount(); f++) {
                if (!p.allowed(l, f)) {
                    continue;
                }
                for (int h = 0; h < p.hardwareCount(); h++) {
                    double[] v = new double[p.metricCount()];
                    for (int m = 0; m < v.length; m++) {
                        v[m] = p.cost(l, f, h, m);
                    }
                    nb.cost(l, f, h, v);
                }
            }
            if (p.pinned(l) >= 0) {
                nb.pin(l, p.pinned(l));
            }
        }
        for (int h = 0; h < p.hardwareCount(); h++) {
            for (int m = 0; m < p.metricCount(); m++) {
                nb.hwCost(h, m, p.hwCost(h, m));
                for (int f = 0; f < p.formatCount(); f++) {
                    nb.unitCost(f, h, m, p.unitCost(f, h, m));
                }
            }
        }
        for (int[] t : p.ties()) {
            nb.tie(t);
        }
    }

    /** Metric name from a user's word: exact, or the aliases size/latency/energy/area. */
    static String metric(String s, SearchProblem p) {
        return Budgets.metric(s, p, "metric");
    }

    private static List<String> canonical(List<String> items, SearchProblem p) {
        return Budgets.canonical(items, p, "metric");
    }

    // ---- rendering ----------------------------------------------------------------------------------------------

    private static void printSensitivity(PrintWriter pw, SensitivityTable t, List<Candidate> cands) {
        List<String> header = new ArrayList<>(List.of("layer", "weights"));
        for (Candidate c : cands) {
            header.add(c.formats().weight().name() + " SQNR (dB)");
        }
        TextTable tt = new TextTable(header.toArray(new String[0]));
        int[] numeric = new int[header.size() - 1];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = i + 1;
        }
        tt.numeric(numeric);
        for (String layer : t.layers()) {
            List<Object> row = new ArrayList<>();
            row.add(layer);
            SensitivityTable.Entry first = t.get(layer, cands.get(0).name());
            row.add(Numbers.count(first.elements()));
            for (Candidate c : cands) {
                SensitivityTable.Entry e = t.get(layer, c.name());
                row.add(Double.isInfinite(e.sqnrDb()) ? "inf" : Numbers.sig(e.sqnrDb(), 4));
            }
            tt.row(row.toArray());
        }
        pw.println("Weight quantization error per layer (" + t.source().replaceFirst("^weights: ", "") + ")");
        pw.print(tt.render());
        pw.println();
    }

    private void render(PrintWriter pw, SearchProblem p, SearchResult r, String what, List<Budget> budgets,
                        SolverOptions opts) {
        int obj = p.metric(r.query().objective(), "objective");
        pw.println("Search: minimise " + r.query().objective() + " on " + what);
        pw.println("Problem: " + p.layerCount() + " layers x " + p.formatCount() + " formats x " + p.hardwareCount()
                + " hardware option(s), " + p.ties().size() + " tie group(s), " + pinnedCount(p) + " pinned layer(s)");
        pw.println("Solver: " + opts.backend().key() + ", " + r.status() + statusDetail(p, r) + ", " + r.solves()
                + " solve(s), " + r.millis() + " ms; " + stats(r));
        Assignment a = r.assignment();
        List<String> used = new ArrayList<>();
        boolean[] u = a.used(p.formatCount());
        for (int f = 0; f < u.length; f++) {
            if (u[f]) {
                used.add(p.formats().get(f));
            }
        }
        pw.println("Hardware: " + p.hardware().get(a.hardware()) + "; the datapath supports " + String.join(", ", used));
        for (String n : notes) {
            pw.println("Note: " + n);
        }
        pw.println();
        if (!budgets.isEmpty()) {
            TextTable bt = new TextTable("budget", "unit", "limit", "total", "used (%)").numeric(2, 3, 4);
            for (Budget b : budgets) {
                int m = p.metric(b.metric(), "budget");
                bt.row(b.metric(), p.unit(m), Numbers.sig(b.max()), Numbers.sig(r.totals()[m]),
                        Numbers.pct(100 * r.totals()[m] / b.max()));
            }
            pw.print(bt.render());
            pw.println();
        }
        List<String> header = new ArrayList<>(List.of("layer", "format"));
        for (int m = 0; m < p.metricCount(); m++) {
            if (p.metrics().get(m).equals("area_um2") || p.metrics().get(m).equals("luts")
                    || p.metrics().get(m).equals("dsps")) {
                continue; // hardware totals, not per layer
            }
            header.add(p.metrics().get(m) + unitSuffix(p.unit(m)));
        }
        TextTable lt = new TextTable(header.toArray(new String[0]));
        int[] numeric = new int[header.size() - 2];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = i + 2;
        }
        lt.numeric(numeric);
        for (int l = 0; l < p.layerCount(); l++) {
            List<Object> row = new ArrayList<>();
            row.add(p.layers().get(l));
            row.add(p.formats().get(a.format(l)) + (p.pinned(l) >= 0 ? " (pinned)" : ""));
            for (int m = 0; m < p.metricCount(); m++) {
                if (header.contains(p.metrics().get(m) + unitSuffix(p.unit(m)))) {
                    row.add(Numbers.sig(p.cost(l, a.format(l), a.hardware(), m)));
                }
            }
            lt.row(row.toArray());
        }
        List<Object> total = new ArrayList<>(List.of("total", ""));
        for (int m = 0; m < p.metricCount(); m++) {
            if (header.contains(p.metrics().get(m) + unitSuffix(p.unit(m)))) {
                total.add(Numbers.sig(r.totals()[m]));
            }
        }
        lt.row(total.toArray());
        pw.print(lt.render());
        pw.println();
        StringBuilder sb = new StringBuilder("Totals:");
        for (int m = 0; m < p.metricCount(); m++) {
            sb.append(' ').append(p.metrics().get(m)).append('=').append(Numbers.sig(r.totals()[m]))
                    .append(p.unit(m).isEmpty() || p.unit(m).startsWith("(") ? "" : " " + p.unit(m)).append(';');
        }
        pw.println(sb.substring(0, sb.length() - 1));
        pw.println("Objective " + p.metrics().get(obj) + " = " + Numbers.sig(r.totals()[obj], 10));
    }

    private static String unitSuffix(String unit) {
        return unit.isEmpty() || unit.startsWith("(") ? "" : " (" + unit + ")";
    }

    private static int pinnedCount(SearchProblem p) {
        int n = 0;
        for (int l = 0; l < p.layerCount(); l++) {
            n += p.pinned(l) >= 0 ? 1 : 0;
        }
        return n;
    }

    private static String statusDetail(SearchProblem p, SearchResult r) {
        if (r.status() == Status.OPTIMAL) {
            return r.certifiedError() == 0 ? " (exact integer model)"
                    : " (integer-scaled model; certified within " + Numbers.sig(r.certifiedError()) + " of the true "
                    + "optimum)";
        }
        double gap = r.gap(p);
        return Double.isNaN(gap) ? " (no optimality proof)" : " (gap " + Numbers.pct(100 * gap) + " %)";
    }

    private static String stats(SearchResult r) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(r.stats()).entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        }
        return sb.toString();
    }

    private void renderPareto(PrintWriter pw, SearchProblem p, String what, Pareto.Front f, List<Budget> budgets,
                              SolverOptions opts) {
        StringBuilder csv = new StringBuilder("point,hardware,formats_used");
        for (String m : p.metrics()) {
            csv.append(',').append(m);
        }
        csv.append(",assignment\n");
        List<String> header = new ArrayList<>(List.of("#"));
        for (String m : f.objectives()) {
            header.add(m + unitSuffix(p.unit(p.metric(m, "m"))));
        }
        header.add("hardware");
        header.add("formats (layers)");
        TextTable t = new TextTable(header.toArray(new String[0]));
        int[] numeric = new int[f.objectives().size() + 1];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = i;
        }
        t.numeric(numeric);
        ArrayNode points = Json.array();
        int i = 0;
        for (Pareto.Point pt : f.points()) {
            List<Object> row = new ArrayList<>();
            row.add(i);
            for (String m : f.objectives()) {
                row.add(Numbers.sig(pt.totals()[p.metric(m, "m")], 6));
            }
            row.add(p.hardware().get(pt.assignment().hardware()));
            String mix = mix(p, pt.assignment());
            row.add(mix);
            t.row(row.toArray());
            csv.append(i).append(',').append(p.hardware().get(pt.assignment().hardware())).append(",\"")
                    .append(mix).append('"');
            for (int m = 0; m < p.metricCount(); m++) {
                csv.append(',').append(pt.totals()[m]);
            }
            StringBuilder as = new StringBuilder();
            for (int l = 0; l < p.layerCount(); l++) {
                as.append(l == 0 ? "" : ";").append(p.formats().get(pt.assignment().format(l)));
            }
            csv.append(',').append(as).append('\n');
            ObjectNode o = points.addObject();
            o.put("hardware", p.hardware().get(pt.assignment().hardware()));
            ObjectNode tot = o.putObject("totals");
            for (int m = 0; m < p.metricCount(); m++) {
                Json.put(tot, p.metrics().get(m), pt.totals()[m]);
            }
            ArrayNode asg = o.putArray("assignment");
            for (int l = 0; l < p.layerCount(); l++) {
                asg.addObject().put("layer", p.layers().get(l)).put("format",
                        p.formats().get(pt.assignment().format(l)));
            }
            i++;
        }
        if (output.json) {
            ObjectNode o = Json.object();
            o.put("what", what);
            o.putPOJO("objectives", f.objectives());
            o.put("proven", f.proven());
            o.put("solves", f.solves());
            o.put("millis", f.millis());
            o.set("points", points);
            pw.print(Json.write(o));
        } else {
            pw.println("Pareto front of " + String.join(" vs ", f.objectives()) + " on " + what);
            pw.println(f.points().size() + " non-dominated points, " + f.solves() + " solves (" + opts.backend().key()
                    + "), " + f.millis() + " ms" + (f.proven() ? "" : "; some solves were not proven optimal: the "
                    + "front may be approximate") + (budgets.isEmpty() ? "" : "; budgets held: " + budgets.size()));
            for (String n : notes) {
                pw.println("Note: " + n);
            }
            pw.println();
            pw.print(t.render());
        }
        if (out != null) {
            outFiles.put("pareto.csv", csv.toString());
            writeOut();
            if (!output.json) {
                pw.println("wrote " + out.resolve("pareto.csv"));
            }
        }
    }

    private static String mix(SearchProblem p, Assignment a) {
        int[] count = new int[p.formatCount()];
        for (int l = 0; l < p.layerCount(); l++) {
            count[a.format(l)]++;
        }
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < count.length; f++) {
            if (count[f] > 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(p.formats().get(f)).append(':').append(count[f]);
            }
        }
        return sb.toString();
    }

    private static String infeasibleMessage(SearchProblem p, SearchResult r) {
        StringBuilder sb = new StringBuilder("no assignment meets every budget.");
        for (SearchResult.Diagnosis d : r.diagnosis()) {
            if (d.metric().equals("ties/pins")) {
                sb.append(" Tie groups and pinned layers contradict each other (no format fits a whole tie group).");
                continue;
            }
            String unit = p.unit(p.metric(d.metric(), "m"));
            String u = unit.isEmpty() || unit.startsWith("(") ? "" : " " + unit;
            if (Double.isNaN(d.smallest()) && d.withOthers()) {
                sb.append(" ").append(d.metric()).append(" <= ").append(Numbers.sig(d.limit())).append(u)
                        .append(" can be met alone but not together with the others (relax any one of them).");
                continue;
            }
            sb.append(" ").append(d.metric()).append(" <= ").append(Numbers.sig(d.limit())).append(u)
                    .append(" cannot be met: the smallest total ").append(d.withOthers()
                            ? "any assignment reaches while meeting the other budgets is "
                            : "any assignment reaches (ignoring the other budgets, which cannot all hold with it) is ")
                    .append(Double.isNaN(d.smallest()) ? "none" : Numbers.sig(d.smallest(), 8) + u);
            if (!Double.isNaN(d.smallest())) {
                sb.append(", ").append(Numbers.sig(d.smallest() - d.limit(), 6)).append(u).append(" over the limit");
                if (d.limit() > 0) {
                    sb.append(" (+").append(Numbers.pct(100 * (d.smallest() - d.limit()) / d.limit())).append(" %)");
                }
            }
            sb.append('.');
        }
        return sb.toString();
    }

    private ObjectNode json(SearchProblem p, SearchResult r, String what, List<Budget> budgets, SolverOptions opts) {
        ObjectNode o = Json.object();
        o.put("what", what);
        o.put("status", r.status().toString());
        o.put("objective_metric", r.query().objective());
        Json.put(o, "objective", r.objective(p));
        Json.put(o, "bound", r.bound());
        Json.put(o, "certified_error", r.certifiedError());
        o.put("solver", opts.backend().key());
        o.put("millis", r.millis());
        o.put("solves", r.solves());
        ObjectNode st = o.putObject("solver_stats");
        new java.util.TreeMap<>(r.stats()).forEach(st::put);
        o.put("hardware", p.hardware().get(r.assignment().hardware()));
        ArrayNode sup = o.putArray("supported_formats");
        boolean[] u = r.assignment().used(p.formatCount());
        for (int f = 0; f < u.length; f++) {
            if (u[f]) {
                sup.add(p.formats().get(f));
            }
        }
        ObjectNode units = o.putObject("units");
        ObjectNode totals = o.putObject("totals");
        for (int m = 0; m < p.metricCount(); m++) {
            units.put(p.metrics().get(m), p.unit(m));
            Json.put(totals, p.metrics().get(m), r.totals()[m]);
        }
        ArrayNode bs = o.putArray("budgets");
        for (Budget b : budgets) {
            ObjectNode bo = bs.addObject();
            bo.put("metric", b.metric());
            Json.put(bo, "limit", b.max());
            Json.put(bo, "total", r.totals()[p.metric(b.metric(), "m")]);
        }
        ArrayNode layers = o.putArray("layers");
        for (int l = 0; l < p.layerCount(); l++) {
            ObjectNode lo = layers.addObject();
            lo.put("layer", p.layers().get(l));
            lo.put("format", p.formats().get(r.assignment().format(l)));
            lo.put("pinned", p.pinned(l) >= 0);
            for (int m = 0; m < p.metricCount(); m++) {
                Json.put(lo, p.metrics().get(m), p.cost(l, r.assignment().format(l), r.assignment().hardware(), m));
            }
        }
        ArrayNode n = o.putArray("notes");
        notes.forEach(n::add);
        return o;
    }

    private static String assignmentCsv(SearchProblem p, Assignment a) {
        StringBuilder sb = new StringBuilder("layer,format,hardware");
        for (int m = 0; m < p.metricCount(); m++) {
            sb.append(',').append(p.metrics().get(m));
        }
        sb.append('\n');
        for (int l = 0; l < p.layerCount(); l++) {
            sb.append(csvCell(p.layers().get(l))).append(',').append(p.formats().get(a.format(l))).append(',')
                    .append(p.hardware().get(a.hardware()));
            for (int m = 0; m < p.metricCount(); m++) {
                sb.append(',').append(p.cost(l, a.format(l), a.hardware(), m));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The per-layer costs in the generic table format (hardware-level costs such as area are not per layer). */
    private static String costsCsv(SearchProblem p) {
        StringBuilder sb = new StringBuilder("layer,format");
        if (p.hardwareCount() > 1) {
            sb.append(",hardware");
        }
        List<Integer> ms = new ArrayList<>();
        for (int m = 0; m < p.metricCount(); m++) {
            String name = p.metrics().get(m);
            if (!name.equals("area_um2") && !name.equals("luts") && !name.equals("dsps")) {
                ms.add(m);
                sb.append(',').append(name);
            }
        }
        sb.append('\n');
        for (int l = 0; l < p.layerCount(); l++) {
            for (int f = 0; f < p.formatCount(); f++) {
                if (!p.allowed(l, f) || (p.pinned(l) >= 0 && p.pinned(l) != f)) {
                    continue;
                }
                for (int h = 0; h < p.hardwareCount(); h++) {
                    sb.append(csvCell(p.layers().get(l))).append(',').append(p.formats().get(f));
                    if (p.hardwareCount() > 1) {
                        sb.append(',').append(p.hardware().get(h));
                    }
                    for (int m : ms) {
                        sb.append(',').append(p.cost(l, f, h, m));
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        if (s.contains(",")) {
            throw new InvalidInputException("layer name", s, "no commas (CSV output)");
        }
        return s;
    }

    private static String abbreviate(List<String> names) {
        if (names.size() <= 4) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 3)) + ", ... (" + names.size() + " in all)";
    }

    /** Writes every file of --out as one set: all of them, or none (an earlier run's other files are removed). */
    private void writeOut() {
        try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
            outFiles.forEach(set::write);
            set.commit();
        }
    }

}
