package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Csv;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.search.Assignment;
import io.qdse.search.Budget;
import io.qdse.search.Pareto;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.Status;
import io.qdse.search.build.Candidate;
import io.qdse.search.plan.SearchOutcome;
import io.qdse.search.plan.SearchPlan;
import io.qdse.search.sensitivity.SensitivityTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code qdse search} prints and writes: the sensitivity table, the optimum (text and JSON), the Pareto front
 * (text, JSON, CSV), the per-layer assignment and cost table as CSV, and the message of an infeasible search. Text
 * ends every line with LF; units are in every header.
 */
public final class SearchRender {
    /** Hardware-level metrics: totals of the design, not of a layer (left out of per-layer tables). */
    private static final List<String> HARDWARE_METRICS = List.of("area_um2", "luts", "dsps");

    private SearchRender() {
    }

    // ---- sensitivity --------------------------------------------------------------------------------------------

    /** @return the per-layer SQNR of each candidate's weight format, with the source, and a blank line */
    public static String sensitivityText(SensitivityTable t, List<Candidate> cands) {
        List<String> header = new ArrayList<>(List.of("layer", "weights"));
        for (Candidate c : cands) {
            header.add(c.formats().weight().name() + " SQNR (dB)");
        }
        TextTable tt = new TextTable(header.toArray(new String[0]));
        tt.numeric(range(1, header.size()));
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
        return "Weight quantization error per layer (" + t.source().replaceFirst("^weights: ", "") + ")\n"
                + tt.render() + "\n";
    }

    /**
     * @return {@code sensitivity.csv}: layer, format (candidate), sensitivity, weight error (sum of squares, MSE,
     *         SQNR in dB) and weight elements; a missing value is empty
     */
    public static String sensitivityCsv(SensitivityTable t) {
        List<List<Object>> rows = new ArrayList<>();
        for (SensitivityTable.Entry e : t.entries()) {
            rows.add(List.of(e.layer(), e.format(), full(e.sensitivity()), full(e.errorSquared()), full(e.mse()),
                    full(e.sqnrDb()), e.elements()));
        }
        return Csv.write(List.of("layer", "format", "sensitivity", "weight_error_sq", "weight_mse", "weight_sqnr_db",
                "weight_elements"), rows);
    }

    private static String full(double d) {
        return Double.isNaN(d) ? "" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
    }

    // ---- one optimum --------------------------------------------------------------------------------------------

    /** @return the optimum for people: the problem, the solver, the hardware, notes, budgets, layers and totals */
    public static String text(SearchOutcome.Optimum o) {
        SearchProblem p = o.plan().problem();
        SearchResult r = o.result();
        StringBuilder sb = new StringBuilder();
        int obj = p.metric(r.query().objective(), "objective");
        line(sb, "Search: minimise " + r.query().objective() + " on " + o.plan().what());
        line(sb, "Problem: " + p.layerCount() + " layers x " + p.formatCount() + " formats x " + p.hardwareCount()
                + " hardware option(s), " + p.ties().size() + " tie group(s), " + pinnedCount(p) + " pinned layer(s)");
        line(sb, "Solver: " + o.options().backend().key() + ", " + r.status() + statusDetail(p, r) + ", "
                + r.solves() + " solve(s), " + r.millis() + " ms; " + stats(r));
        Assignment a = r.assignment();
        line(sb, "Hardware: " + p.hardware().get(a.hardware()) + "; the datapath supports "
                + String.join(", ", supported(p, a)));
        for (String n : o.plan().notes()) {
            line(sb, "Note: " + n);
        }
        line(sb, "");
        if (!o.budgets().isEmpty()) {
            TextTable bt = new TextTable("budget", "unit", "limit", "total", "used (%)").numeric(2, 3, 4);
            for (Budget b : o.budgets()) {
                int m = p.metric(b.metric(), "budget");
                bt.row(b.metric(), p.unit(m), Numbers.sig(b.max()), Numbers.sig(r.totals()[m]),
                        Numbers.pct(100 * r.totals()[m] / b.max()));
            }
            sb.append(bt.render());
            line(sb, "");
        }
        List<Integer> perLayer = layerMetrics(p);
        List<String> header = new ArrayList<>(List.of("layer", "format"));
        for (int m : perLayer) {
            header.add(p.metrics().get(m) + unitSuffix(p.unit(m)));
        }
        TextTable lt = new TextTable(header.toArray(new String[0]));
        lt.numeric(range(2, header.size()));
        for (int l = 0; l < p.layerCount(); l++) {
            List<Object> row = new ArrayList<>();
            row.add(p.layers().get(l));
            row.add(p.formats().get(a.format(l)) + (p.pinned(l) >= 0 ? " (pinned)" : ""));
            for (int m : perLayer) {
                row.add(Numbers.sig(p.cost(l, a.format(l), a.hardware(), m)));
            }
            lt.row(row.toArray());
        }
        List<Object> total = new ArrayList<>(List.of("total", ""));
        for (int m : perLayer) {
            total.add(Numbers.sig(r.totals()[m]));
        }
        lt.row(total.toArray());
        sb.append(lt.render());
        line(sb, "");
        StringBuilder t = new StringBuilder("Totals:");
        for (int m = 0; m < p.metricCount(); m++) {
            t.append(' ').append(p.metrics().get(m)).append('=').append(Numbers.sig(r.totals()[m]))
                    .append(p.unit(m).isEmpty() || p.unit(m).startsWith("(") ? "" : " " + p.unit(m)).append(';');
        }
        line(sb, t.substring(0, t.length() - 1));
        line(sb, "Objective " + p.metrics().get(obj) + " = " + Numbers.sig(r.totals()[obj], 10));
        return sb.toString();
    }

    /** @return the optimum as a JSON document ({@code result.json}): status, totals with units, budgets, layers */
    public static String json(SearchOutcome.Optimum o) {
        SearchProblem p = o.plan().problem();
        SearchResult r = o.result();
        ObjectNode j = Json.object();
        j.put("what", o.plan().what());
        j.put("status", r.status().toString());
        j.put("objective_metric", r.query().objective());
        Json.put(j, "objective", r.objective(p));
        Json.put(j, "bound", r.bound());
        Json.put(j, "certified_error", r.certifiedError());
        j.put("solver", o.options().backend().key());
        j.put("millis", r.millis());
        j.put("solves", r.solves());
        ObjectNode st = j.putObject("solver_stats");
        new TreeMap<>(r.stats()).forEach(st::put);
        j.put("hardware", p.hardware().get(r.assignment().hardware()));
        ArrayNode sup = j.putArray("supported_formats");
        supported(p, r.assignment()).forEach(sup::add);
        ObjectNode units = j.putObject("units");
        ObjectNode totals = j.putObject("totals");
        for (int m = 0; m < p.metricCount(); m++) {
            units.put(p.metrics().get(m), p.unit(m));
            Json.put(totals, p.metrics().get(m), r.totals()[m]);
        }
        ArrayNode bs = j.putArray("budgets");
        for (Budget b : o.budgets()) {
            ObjectNode bo = bs.addObject();
            bo.put("metric", b.metric());
            Json.put(bo, "limit", b.max());
            Json.put(bo, "total", r.totals()[p.metric(b.metric(), "m")]);
        }
        ArrayNode layers = j.putArray("layers");
        for (int l = 0; l < p.layerCount(); l++) {
            ObjectNode lo = layers.addObject();
            lo.put("layer", p.layers().get(l));
            lo.put("format", p.formats().get(r.assignment().format(l)));
            lo.put("pinned", p.pinned(l) >= 0);
            for (int m = 0; m < p.metricCount(); m++) {
                Json.put(lo, p.metrics().get(m), p.cost(l, r.assignment().format(l), r.assignment().hardware(), m));
            }
        }
        ArrayNode n = j.putArray("notes");
        o.plan().notes().forEach(n::add);
        return Json.write(j);
    }

    /**
     * @return why no assignment meets the budgets: per budget, the smallest total reachable and by how much it is
     *         over; or that ties and pins contradict each other
     */
    public static String infeasible(SearchOutcome.Optimum o) {
        SearchProblem p = o.plan().problem();
        StringBuilder sb = new StringBuilder("no assignment meets every budget.");
        for (SearchResult.Diagnosis d : o.result().diagnosis()) {
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

    /**
     * @return the message of a search that stopped without any solution and without proving there is none (the time
     *     limit reached first): the limit, the solver's best bound on the objective, and what to do
     */
    public static String noSolution(SearchOutcome.Optimum o) {
        SearchProblem p = o.plan().problem();
        SearchResult r = o.result();
        String objective = r.query().objective();
        String unit = p.unit(p.metric(objective, "objective"));
        String u = unit.isEmpty() || unit.startsWith("(") ? "" : " " + unit;
        StringBuilder sb = new StringBuilder("none found within the time limit (--time-limit "
                + Numbers.sig(o.options().timeLimitSeconds()) + " s per solve, " + r.backend().key()
                + "), and none proven impossible");
        double simple = p.lowerBound(p.metric(objective, "objective"));
        boolean solvers = !Double.isNaN(r.bound()) && r.bound() >= simple;
        sb.append("; best bound: ").append(objective).append(" >= ").append(Numbers.sig(solvers ? r.bound() : simple,
                8)).append(u).append(solvers ? " (the solver's)" : " (every layer in its least costly format, "
                + "budgets aside)");
        if (r.stats().containsKey("note")) {
            sb.append(" (").append(r.stats().get("note")).append(")");
        }
        return sb.append(". Raise --time-limit, or relax the budgets.").toString();
    }

    /** @return {@code assignment.csv}: per layer its format, the hardware, and every metric's per-layer cost */
    public static String assignmentCsv(SearchProblem p, Assignment a) {
        List<String> header = new ArrayList<>(List.of("layer", "format", "hardware"));
        header.addAll(p.metrics());
        List<List<Object>> rows = new ArrayList<>();
        for (int l = 0; l < p.layerCount(); l++) {
            List<Object> row = new ArrayList<>(List.of(p.layers().get(l), p.formats().get(a.format(l)),
                    p.hardware().get(a.hardware())));
            for (int m = 0; m < p.metricCount(); m++) {
                row.add(p.cost(l, a.format(l), a.hardware(), m));
            }
            rows.add(row);
        }
        return Csv.write(header, rows);
    }

    /**
     * @return {@code costs.csv}: the per-layer costs in the generic table format {@code qdse search --table} reads
     *         (one row per allowed layer, format and hardware; pinned layers only in their format; hardware-level
     *         metrics such as area are not per layer and left out)
     */
    public static String costsCsv(SearchProblem p) {
        List<String> header = new ArrayList<>(List.of("layer", "format"));
        if (p.hardwareCount() > 1) {
            header.add("hardware");
        }
        List<Integer> ms = layerMetrics(p);
        for (int m : ms) {
            header.add(p.metrics().get(m));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int l = 0; l < p.layerCount(); l++) {
            for (int f = 0; f < p.formatCount(); f++) {
                if (!p.allowed(l, f) || (p.pinned(l) >= 0 && p.pinned(l) != f)) {
                    continue;
                }
                for (int h = 0; h < p.hardwareCount(); h++) {
                    List<Object> row = new ArrayList<>(List.of(p.layers().get(l), p.formats().get(f)));
                    if (p.hardwareCount() > 1) {
                        row.add(p.hardware().get(h));
                    }
                    for (int m : ms) {
                        row.add(p.cost(l, f, h, m));
                    }
                    rows.add(row);
                }
            }
        }
        return Csv.write(header, rows);
    }

    /**
     * @param out  the folder written
     * @param plan the plan solved (a plan built from a network also wrote its cost table and sensitivities)
     * @return the line saying what an optimum's {@code --out} wrote
     */
    public static String wrote(Path out, SearchPlan plan) {
        return "wrote " + out.resolve("result.json") + ", assignment.csv" + (plan.fromNetwork()
                ? ", costs.csv" + (plan.sensitivity() != null ? ", sensitivity.csv" : "") : "") + "\n";
    }

    // ---- Pareto front -------------------------------------------------------------------------------------------

    /** Points of a front the terminal shows at most; the rest are in {@code --out}'s pareto.csv and in --json. */
    public static final int FRONT_ROWS_SHOWN = 25;

    /**
     * @return the front for people: what, how it was found, notes, then one row per point; a front longer than
     *     {@link #FRONT_ROWS_SHOWN} points is summarised by that many, evenly spread along it (both ends included,
     *     each with its number on the front), and says where the whole front is
     */
    public static String text(SearchOutcome.Front o) {
        SearchProblem p = o.plan().problem();
        Pareto.Front f = o.front();
        List<String> header = new ArrayList<>(List.of("#"));
        for (String m : f.objectives()) {
            header.add(m + unitSuffix(p.unit(p.metric(m, "m"))));
        }
        header.add("hardware");
        header.add("formats (layers)");
        TextTable t = new TextTable(header.toArray(new String[0]));
        t.numeric(range(0, f.objectives().size() + 1));
        int n = f.points().size();
        java.util.SortedSet<Integer> shown = new java.util.TreeSet<>();
        for (int k = 0; k < Math.min(n, FRONT_ROWS_SHOWN); k++) {
            shown.add(n <= FRONT_ROWS_SHOWN ? k : (int) Math.round((double) k * (n - 1) / (FRONT_ROWS_SHOWN - 1)));
        }
        for (int i : shown) {
            Pareto.Point pt = f.points().get(i);
            List<Object> row = new ArrayList<>();
            row.add(i);
            for (String m : f.objectives()) {
                row.add(Numbers.sig(pt.totals()[p.metric(m, "m")], 6));
            }
            row.add(p.hardware().get(pt.assignment().hardware()));
            row.add(mix(p, pt.assignment()));
            t.row(row.toArray());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, "Pareto front of " + String.join(" vs ", f.objectives()) + " on " + o.plan().what());
        line(sb, f.points().size() + " non-dominated points, " + f.solves() + " solves ("
                + o.options().backend().key() + "), " + f.millis() + " ms" + (f.proven() ? "" : "; some solves were "
                + "not proven optimal: the front may be approximate") + (o.budgets().isEmpty() ? ""
                : "; budgets held: " + o.budgets().size()));
        for (String note : o.plan().notes()) {
            line(sb, "Note: " + note);
        }
        if (!f.complete()) {
            line(sb, "Note: cut at --max-points: the front has more points than these (each one shown is on it); "
                    + "--max-points 0 traces the whole front.");
        }
        if (n > shown.size()) {
            line(sb, "Showing " + shown.size() + " of the " + Numbers.count(n) + " points, evenly spread along the front "
                    + "(both ends included); every point: --out DIR (pareto.csv) or --json.");
        }
        line(sb, "");
        sb.append(t.render());
        return sb.toString();
    }

    /** @return the front as a JSON document: objectives, whether proven, and per point its totals and assignment */
    public static String json(SearchOutcome.Front o) {
        SearchProblem p = o.plan().problem();
        Pareto.Front f = o.front();
        ArrayNode points = Json.array();
        for (Pareto.Point pt : f.points()) {
            ObjectNode po = points.addObject();
            po.put("hardware", p.hardware().get(pt.assignment().hardware()));
            ObjectNode tot = po.putObject("totals");
            for (int m = 0; m < p.metricCount(); m++) {
                Json.put(tot, p.metrics().get(m), pt.totals()[m]);
            }
            ArrayNode asg = po.putArray("assignment");
            for (int l = 0; l < p.layerCount(); l++) {
                asg.addObject().put("layer", p.layers().get(l)).put("format",
                        p.formats().get(pt.assignment().format(l)));
            }
        }
        ObjectNode j = Json.object();
        j.put("what", o.plan().what());
        j.putPOJO("objectives", f.objectives());
        j.put("proven", f.proven());
        j.put("complete", f.complete());
        j.put("solves", f.solves());
        j.put("millis", f.millis());
        j.set("points", points);
        return Json.write(j);
    }

    /**
     * @return {@code pareto.csv}: per point its hardware, the formats used (format:layers), every metric's total and
     *         the assignment (formats in layer order, separated by semicolons)
     */
    public static String paretoCsv(SearchOutcome.Front o) {
        SearchProblem p = o.plan().problem();
        List<String> header = new ArrayList<>(List.of("point", "hardware", "formats_used"));
        header.addAll(p.metrics());
        header.add("assignment");
        List<List<Object>> rows = new ArrayList<>();
        int i = 0;
        for (Pareto.Point pt : o.front().points()) {
            List<Object> row = new ArrayList<>(List.of(i++, p.hardware().get(pt.assignment().hardware()),
                    mix(p, pt.assignment())));
            for (int m = 0; m < p.metricCount(); m++) {
                row.add(pt.totals()[m]);
            }
            StringBuilder as = new StringBuilder();
            for (int l = 0; l < p.layerCount(); l++) {
                as.append(l == 0 ? "" : ";").append(p.formats().get(pt.assignment().format(l)));
            }
            row.add(as.toString());
            rows.add(row);
        }
        return Csv.write(header, rows);
    }

    /** @return the line saying what a front's {@code --out} wrote */
    public static String wroteFront(Path out) {
        return "wrote " + out.resolve("pareto.csv") + "\n";
    }

    /** @return the formats an assignment uses with how many layers each, e.g. {@code int4:3 int8:2} */
    public static String mix(SearchProblem p, Assignment a) {
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

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static List<String> supported(SearchProblem p, Assignment a) {
        List<String> used = new ArrayList<>();
        boolean[] u = a.used(p.formatCount());
        for (int f = 0; f < u.length; f++) {
            if (u[f]) {
                used.add(p.formats().get(f));
            }
        }
        return used;
    }

    /** Metrics with a per-layer value (not hardware totals such as area). */
    private static List<Integer> layerMetrics(SearchProblem p) {
        List<Integer> ms = new ArrayList<>();
        for (int m = 0; m < p.metricCount(); m++) {
            if (!HARDWARE_METRICS.contains(p.metrics().get(m))) {
                ms.add(m);
            }
        }
        return ms;
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
        for (Map.Entry<String, String> e : new TreeMap<>(r.stats()).entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        }
        return sb.toString();
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append('\n');
    }
}
