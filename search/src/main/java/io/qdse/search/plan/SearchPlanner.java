package io.qdse.search.plan;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.quant.ClipMethod;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.search.Budget;
import io.qdse.search.Budgets;
import io.qdse.search.SearchProblem;
import io.qdse.search.build.Candidate;
import io.qdse.search.build.CostTableBuilder;
import io.qdse.search.io.CostTableFiles;
import io.qdse.search.models.Workloads;
import io.qdse.search.sensitivity.SensitivityTable;
import io.qdse.search.sensitivity.Sensitivities;
import io.qdse.search.sensitivity.WeightSensitivity;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.io.ArchFiles;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a {@link SearchRequest} into a {@link SearchPlan}: reads the user's cost table, or loads the workload (and,
 * from an ONNX model, its weights and the layers sharing an input), resolves the accelerator and the array shapes,
 * computes or reads the sensitivities, builds the cost table with the analytical simulator, and applies tie groups
 * and pins. Problems are {@link InvalidInputException}s naming {@code qdse search}'s options, found in the order the
 * options are used (formats, arch, workload, sensitivity, ties, pins).
 */
public final class SearchPlanner {
    private SearchPlanner() {
    }

    /**
     * @param log where progress goes (fetching a known model that is not on this machine yet)
     * @return the plan; its notes say what the user should know about the inputs
     */
    public static SearchPlan plan(SearchRequest r, Consumer<String> log) {
        SearchRequest.Network n = r.network();
        if (r.table() != null) {
            if (n.given() || r.tieSharedInputs()) {
                throw new InvalidInputException("--table", r.table(), "on its own: the table already holds the "
                        + "layers, formats and costs (drop --workload/--sensitivity/--formats)");
            }
            SearchProblem p = CostTableFiles.read(r.table(), r.ties(), pins(r.pins()));
            return new SearchPlan(p, "cost table " + r.table(), List.of(), null, false, List.of());
        }
        if (n.formats().isEmpty()) {
            throw new InvalidInputException("--formats", "none", "candidate formats, e.g. --formats "
                    + "int4,int8,fp8_e4m3,fp6_e2m3,fp4_e2m1");
        }
        List<Candidate> cands = new ArrayList<>();
        for (String f : n.formats()) {
            cands.add(Candidate.parse(f, "--formats"));
        }
        Accelerator a = ArchFiles.resolve(n.arch());
        List<String> notes = new ArrayList<>();
        cands = CostTableBuilder.runnable(a, cands, notes);
        Loaded ww = load(n, notes, log);
        SensitivityTable sens = sensitivity(n, ww, cands, notes);
        CostTableBuilder.Built built = CostTableBuilder.build(ww.workload, cands, CostTableBuilder.arrays(a,
                n.arrays()), sens);
        List<int[]> ties = new ArrayList<>();
        if (r.tieSharedInputs()) {
            if (ww.onnxWeights == null && !Workloads.isOnnx(n.workload() == null ? "" : n.workload())) {
                throw new InvalidInputException("--tie-shared-inputs", "set", "an ONNX workload (it reads the graph)");
            }
            ties.addAll(sharedInputTies(ww.sharedInputs, built.problem().layers()));
            notes.add(ties.size() + " tie group(s) of layers reading the same activation tensor");
        }
        if (r.ties() != null) {
            ties.addAll(tieGroups(r.ties(), built.problem().layers()));
        }
        SearchProblem p = withPinsAndTies(built.problem(), pins(r.pins()), ties);
        String what = ww.workload.name() + " on " + a.name() + (n.arrays().isEmpty() ? ""
                : " (arrays " + String.join(",", n.arrays()) + ")");
        unscoredNote(built, p, notes);
        return new SearchPlan(p, what, cands, sens, true, notes);
    }

    /**
     * A plan for a workload already loaded, on an accelerator already resolved, with sensitivities already computed
     * (a sweep's per-point search): no ties or pins beyond the builder's (layers without sensitivity data are pinned
     * to the most precise candidate, with a note).
     *
     * @param arrays array shapes to choose among ({@code 16x16}); empty for the accelerator's own
     */
    public static SearchPlan plan(Workload w, Accelerator a, List<String> arrays, List<Candidate> cands,
                                  SensitivityTable sens) {
        List<String> notes = new ArrayList<>();
        cands = CostTableBuilder.runnable(a, cands, notes);
        CostTableBuilder.Built built = CostTableBuilder.build(w, cands, CostTableBuilder.arrays(a, arrays), sens);
        unscoredNote(built, built.problem(), notes);
        String what = w.name() + " on " + a.name() + (arrays.isEmpty() ? "" : " (arrays " + String.join(",", arrays)
                + ")");
        return new SearchPlan(built.problem(), what, cands, sens, true, notes);
    }

    private static void unscoredNote(CostTableBuilder.Built built, SearchProblem p, List<String> notes) {
        if (!built.unscored().isEmpty()) {
            notes.add(built.unscored().size() + " layer(s) without sensitivity data kept at the most precise "
                    + "candidate " + p.formats().get(p.pinned(p.layers().indexOf(built.unscored().get(0)))) + ": "
                    + abbreviate(built.unscored()));
        }
    }

    // ---- the goal -----------------------------------------------------------------------------------------------

    /** @return the goal's budgets on a problem: metric names made canonical, fractions turned into totals */
    public static List<Budget> budgets(SearchProblem p, SearchRequest.Goal goal) {
        return Budgets.parse(p, Budgets.canonical(goal.max(), p, goal.fields().max()),
                Budgets.canonical(goal.maxFraction(), p, goal.fields().maxFraction()));
    }

    /** @return a metric name as the problem names it, from the name or an alias (size, latency, energy, area) */
    public static String metric(String word, SearchProblem p, String field) {
        return Budgets.metric(word, p, field);
    }

    // ---- inputs -------------------------------------------------------------------------------------------------

    /** A workload and, when it came from the ONNX model that also gives the weights, those weights. */
    private static final class Loaded {
        Workload workload;
        List<OnnxImporter.WeightTensor> onnxWeights;
        List<List<String>> sharedInputs = List.of();
    }

    private static Loaded load(SearchRequest.Network n, List<String> notes, Consumer<String> log) {
        Loaded ww = new Loaded();
        String weightsSrc = n.sensitivity() != null && n.sensitivity().startsWith("weights:")
                ? n.sensitivity().substring("weights:".length()) : null;
        String wl = n.workload() != null ? n.workload()
                : weightsSrc != null && Workloads.isOnnx(weightsSrc) ? weightsSrc : null;
        if (wl == null) {
            throw new InvalidInputException("--workload", "none", "a network (built-in, file, ONNX or known model), "
                    + "or an ONNX model as --sensitivity weights:MODEL to use as both");
        }
        if (Workloads.isOnnx(wl)) {
            Workloads.Onnx o = Workloads.onnx(wl, "--workload", log);
            OnnxImporter.Result r = OnnxImporter.importModel(o.model(), o.name(), Workloads.onnxOptions(
                    n.onnxInputs(), n.onnxDims(), o.defaultInputs()));
            ww.workload = r.workload();
            ww.sharedInputs = r.sharedInputGroups();
            notes.addAll(r.notes());
            if (weightsSrc != null && weightsSrc.equals(wl)) {
                ww.onnxWeights = r.weights();
            }
        } else {
            ww.workload = Workloads.load(wl, n.onnxInputs(), n.onnxDims(), "--workload", log);
        }
        return ww;
    }

    private static SensitivityTable sensitivity(SearchRequest.Network n, Loaded ww, List<Candidate> cands,
                                                List<String> notes) {
        Map<String, Double> trace = n.hessianTrace() == null ? Map.of()
                : SensitivityTable.readTrace(n.hessianTrace());
        if (n.hessianTrace() != null && n.sensitivity() != null && n.sensitivity().startsWith("table:")) {
            throw new InvalidInputException("--hessian-trace", n.hessianTrace(), "only with --sensitivity weights: "
                    + "(a table's values are used as given)");
        }
        return Sensitivities.resolve(n.sensitivity(), "--sensitivity", ww.workload, cands, ww.onnxWeights,
                weightSpec(n.scaling(), n.clip(), n.sensitivityMetric()), trace, notes::add);
    }

    /**
     * @param scaling {@code tensor}, {@code channel} or {@code block[:K]} ({@code --scaling})
     * @param clip    {@code absmax} or {@code mse} ({@code --clip})
     * @param measure {@code l2}, {@code mse} or {@code nsr} ({@code --sensitivity-metric})
     * @return how weights are quantized and their error measured for weight sensitivity
     */
    public static WeightSensitivity.Spec weightSpec(String scaling, String clip, String measure) {
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
        return new WeightSensitivity.Spec(g, block, c, WeightSensitivity.Measure.parse(measure,
                "--sensitivity-metric"));
    }

    // ---- ties and pins ------------------------------------------------------------------------------------------

    /**
     * @param pins {@code LAYER=FORMAT} items ({@code --pin}); the last {@code =} separates
     * @return layer → format, in the order given (a layer pinned twice is refused: the second pin would undo the
     *     first in silence)
     */
    public static Map<String, String> pins(List<String> pins) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : pins) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new InvalidInputException("--pin", s, "LAYER=FORMAT");
            }
            String prev = m.put(s.substring(0, eq), s.substring(eq + 1));
            if (prev != null) {
                throw new InvalidInputException("--pin", s, "each layer once (" + s.substring(0, eq) + " is also "
                        + "pinned to " + prev + ")");
            }
        }
        return m;
    }

    /**
     * @param groups names of layers reading the same activation tensor (from the ONNX graph)
     * @param layers the problem's layers
     * @return the groups as layer indices (names that are not layers of the problem left out)
     */
    public static List<int[]> sharedInputTies(List<List<String>> groups, List<String> layers) {
        List<int[]> out = new ArrayList<>();
        for (List<String> g : groups) {
            out.add(g.stream().mapToInt(layers::indexOf).filter(i -> i >= 0).toArray());
        }
        return out;
    }

    /**
     * Reads a ties file ({@code --ties}): a header {@code layer,group}, then one layer per line; layers with the same
     * group share a format. Blank lines and lines starting with {@code #} are skipped; a layer name holding a comma
     * is quoted as in CSV.
     *
     * @param layers the problem's layers (every layer named must be one)
     * @return one group of layer indices per group name, in order of first appearance
     */
    public static List<int[]> tieGroups(Path ties, List<String> layers) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        boolean header = true;
        for (io.qdse.simulator.io.CsvTable.Record rec : CostTableFiles.records(ties, "--ties")) {
            String[] c = rec.cells().toArray(new String[0]);
            String l = String.join(",", rec.cells());
            long i = rec.line() - 1;
            if (header) {
                header = false;
                if (c.length < 2 || !c[0].equalsIgnoreCase("layer") || !c[1].equalsIgnoreCase("group")) {
                    throw new InvalidInputException("--ties " + ties + " line " + (i + 1), l,
                            "the header layer,group");
                }
                continue;
            }
            int idx = c.length < 2 ? -1 : layers.indexOf(c[0]);
            if (idx < 0) {
                throw new InvalidInputException("--ties " + ties + " line " + (i + 1), c[0],
                        "layer,group with a layer of the workload");
            }
            byGroup.computeIfAbsent(c[1], k -> new ArrayList<>()).add(idx);
        }
        List<int[]> groups = new ArrayList<>();
        for (List<Integer> g : byGroup.values()) {
            groups.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return groups;
    }

    /**
     * @param pins layer → format ({@link #pins})
     * @param ties groups of layer indices that must share a format (groups of one are ignored; overlapping groups
     *             merge)
     * @return the problem with the extra pins and ties (the same problem when there are none)
     */
    public static SearchProblem withPinsAndTies(SearchProblem p, Map<String, String> pins, List<int[]> ties) {
        if (pins.isEmpty() && ties.isEmpty()) {
            return p;
        }
        SearchProblem.Builder nb = p.toBuilder();
        for (int[] g : ties) {
            nb.tie(g);
        }
        for (Map.Entry<String, String> e : pins.entrySet()) {
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

    /** @return up to four names, or the first three and how many in all */
    static String abbreviate(List<String> names) {
        if (names.size() <= 4) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 3)) + ", ... (" + names.size() + " in all)";
    }
}
