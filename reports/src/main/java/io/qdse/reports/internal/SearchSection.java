package io.qdse.reports.internal;

import io.qdse.hwmodels.format.Formats;
import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.BarPanel;
import io.qdse.reports.chart.BarSeries;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.results.CsvData;
import io.qdse.reports.results.SearchRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The section of a stored {@code qdse search} run. */
public final class SearchSection {
    private static final Pattern DIGITS = Pattern.compile("(\\d+)");

    private SearchSection() {
    }

    public static Section build(String id, String source, SearchRun s) {
        List<ChartSpec> charts = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        SearchRun.Result r = s.result();
        Map<String, String> units = new LinkedHashMap<>();
        if (r != null) {
            units.putAll(r.units());
            summary.add(r.what() + ": " + r.status() + ", " + r.objectiveMetric() + " = " + Fmt.num(r.objective())
                    + (r.hardware().isEmpty() ? "" : "; hardware " + r.hardware())
                    + (r.supportedFormats().isEmpty() ? "" : "; datapath formats "
                    + String.join(", ", r.supportedFormats())));
            notes.addAll(r.notes());
        }
        List<String[]> assignment = assignment(s);
        if (!assignment.isEmpty()) {
            charts.add(formatChart(id, r, assignment));
        }
        if (s.pareto() != null && s.pareto().points().size() > 0) {
            List<String> objectives = inferObjectives(s.pareto());
            if (objectives.isEmpty()) {
                notes.add("pareto.csv: fewer than two metrics vary; no front to draw.");
            } else {
                SearchRun.Pareto p = s.pareto();
                double[][] v = new double[p.points().size()][objectives.size()];
                boolean[] feasible = new boolean[v.length];
                for (int i = 0; i < v.length; i++) {
                    for (int j = 0; j < objectives.size(); j++) {
                        v[i][j] = p.points().get(i).metrics().get(objectives.get(j));
                    }
                    feasible[i] = true;
                }
                Map<String, String> u = new LinkedHashMap<>();
                for (String m : p.metrics()) {
                    u.put(m, units.getOrDefault(m, Units.guess(m)));
                }
                charts.addAll(Charts.pareto(new Charts.ParetoInput(id + "-pareto", "Pareto front of the search",
                        p.points().size() + " points from pareto.csv; metrics inferred: every point is non-dominated "
                                + "in " + String.join(", ", objectives), objectives, u, v, feasible, null)));
                summary.add("Pareto front: " + p.points().size() + " points in " + String.join(", ", objectives));
                notes.add("pareto.csv does not name the metrics the front was traced in; the report takes the "
                        + "smallest set of its metrics in which every point is non-dominated ("
                        + String.join(", ", objectives) + ").");
            }
            tables.add(paretoTable(id, s.pareto(), units));
        }
        if (r != null) {
            tables.add(resultTable(id, r));
            if (!r.budgets().isEmpty()) {
                Table.Builder b = new Table.Builder(id + "-budgets", "Budgets").text("metric").text("unit")
                        .col("limit", "metric's unit").col("total", "metric's unit").col("used", "%");
                for (SearchRun.Budget bu : r.budgets()) {
                    b.row(bu.metric(), r.units().getOrDefault(bu.metric(), Units.guess(bu.metric())), bu.limit(),
                            bu.total(), 100 * bu.total() / bu.limit());
                }
                tables.add(b.build());
            }
            if (!r.layers().isEmpty()) {
                tables.add(layerTable(id, r));
            }
        }
        if (r == null && s.assignment() != null) {
            tables.add(csvTable(id + "-assignment", "Assignment (assignment.csv)", s.assignment(), units));
        }
        if (s.costs() != null) {
            tables.add(csvTable(id + "-costs", "Cost table (costs.csv): every candidate format of every layer",
                    s.costs(), units));
        }
        if (s.sensitivity() != null) {
            tables.add(csvTable(id + "-sensitivity", "Sensitivity (sensitivity.csv)", s.sensitivity(), units));
        }
        String title = r != null ? "Search: " + r.what() : s.pareto() != null ? "Search: Pareto front" : "Search";
        return new Section(id, "search", title, source, summary, notes, charts, tables, List.of());
    }

    /** @return {layer, format, pinned} rows from result.json, else assignment.csv */
    private static List<String[]> assignment(SearchRun s) {
        List<String[]> out = new ArrayList<>();
        if (s.result() != null && !s.result().layers().isEmpty()) {
            for (SearchRun.Layer l : s.result().layers()) {
                out.add(new String[] {l.layer(), l.format(), Boolean.toString(l.pinned())});
            }
        } else if (s.assignment() != null) {
            CsvData a = s.assignment();
            for (List<String> row : a.rows()) {
                out.add(new String[] {row.get(a.column("layer")), row.get(a.column("format")), "false"});
            }
        }
        return out;
    }

    /** @return bits per element of a format name ({@code int4}, {@code fp8_e4m3@fp16}, {@code int4/int8}) */
    static double bits(String format) {
        String f = format.split("[@/]")[0].trim();
        try {
            return Formats.parse(f).bitsPerElement();
        } catch (RuntimeException e) {
            Matcher m = DIGITS.matcher(f);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }
    }

    private static ChartSpec formatChart(String id, SearchRun.Result r, List<String[]> rows) {
        List<String> layers = new ArrayList<>();
        TreeMap<String, Integer> count = new TreeMap<>();
        for (String[] row : rows) {
            layers.add(row[0] + (row[2].equals("true") ? " (pinned)" : ""));
            count.merge(row[1], 1, Integer::sum);
        }
        List<String> formats = new ArrayList<>(count.keySet());
        formats.sort((a, b) -> bits(a) != bits(b) && !Double.isNaN(bits(a)) && !Double.isNaN(bits(b))
                ? Double.compare(bits(a), bits(b)) : a.compareTo(b));
        List<BarSeries> series = new ArrayList<>();
        for (String f : formats) {
            double[] v = new double[rows.size()];
            Arrays.fill(v, Double.NaN);
            for (int i = 0; i < v.length; i++) {
                if (rows.get(i)[1].equals(f)) {
                    double b = bits(f);
                    v[i] = Double.isNaN(b) ? 1 : b;
                }
            }
            series.add(new BarSeries(f + " (" + count.get(f) + " layers)", v));
        }
        String sub = (r == null ? "" : r.what() + ", " + r.status() + "; ") + rows.size() + " layers";
        return Charts.horizontal(id + "-formats", "Per-layer format allocation", sub,
                "The format the search chose for each layer (bar length: bits per element of the format; colour: "
                        + "the format).", "layer", layers,
                List.of(new BarPanel(Axis.linear("format width", "bits per element"), series, true)), 1);
    }

    /**
     * @return the smallest set of varying metrics (2, then 3) in which every point is non-dominated, preferring sets
     *     with {@code sensitivity}, then file order; empty when fewer than two metrics vary
     */
    static List<String> inferObjectives(SearchRun.Pareto p) {
        List<String> varying = new ArrayList<>();
        for (String m : p.metrics()) {
            double first = Double.NaN;
            boolean varies = false;
            boolean finite = true;
            for (SearchRun.Point pt : p.points()) {
                double v = pt.metrics().get(m);
                finite &= Double.isFinite(v);
                if (Double.isNaN(first)) {
                    first = v;
                } else if (v != first) {
                    varies = true;
                }
            }
            if (varies && finite) {
                varying.add(m);
            }
        }
        if (varying.size() < 2) {
            return List.of();
        }
        int n = p.points().size();
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        for (int k = 2; k <= Math.min(3, varying.size()); k++) {
            List<List<String>> sets = new ArrayList<>();
            combos(varying, k, 0, new ArrayList<>(), sets);
            sets.sort((a, b) -> Boolean.compare(!a.contains("sensitivity"), !b.contains("sensitivity")));
            for (List<String> set : sets) {
                double[][] v = new double[n][k];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        v[i][j] = p.points().get(i).metrics().get(set.get(j));
                    }
                }
                boolean[] f = Fronts.nonDominated(v, all);
                boolean every = true;
                for (boolean b : f) {
                    every &= b;
                }
                if (every) {
                    return set;
                }
            }
        }
        return varying.subList(0, 2);
    }

    private static void combos(List<String> items, int k, int from, List<String> cur, List<List<String>> out) {
        if (cur.size() == k) {
            out.add(new ArrayList<>(cur));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            cur.add(items.get(i));
            combos(items, k, i + 1, cur, out);
            cur.remove(cur.size() - 1);
        }
    }

    private static Table resultTable(String id, SearchRun.Result r) {
        Table.Builder b = new Table.Builder(id + "-result", "Search result").text("quantity").text("value")
                .text("unit");
        b.row("problem", r.what(), "");
        b.row("status", r.status(), "");
        if (!r.solver().isEmpty()) {
            b.row("solver", r.solver(), "");
        }
        b.row("objective (" + r.objectiveMetric() + ")", Fmt.num(r.objective()),
                unit(r.units(), r.objectiveMetric()));
        if (!r.hardware().isEmpty()) {
            b.row("hardware", r.hardware(), "");
        }
        if (!r.supportedFormats().isEmpty()) {
            b.row("datapath formats", String.join(", ", r.supportedFormats()), "");
        }
        for (Map.Entry<String, Double> t : r.totals().entrySet()) {
            b.row("total " + t.getKey(), Fmt.num(t.getValue()), unit(r.units(), t.getKey()));
        }
        return b.build();
    }

    private static String unit(Map<String, String> units, String metric) {
        String u = units.getOrDefault(metric, Units.guess(metric));
        return u.startsWith("(") ? "1" : u;
    }

    private static Table layerTable(String id, SearchRun.Result r) {
        List<String> metrics = new ArrayList<>();
        for (SearchRun.Layer l : r.layers()) {
            for (String m : l.metrics().keySet()) {
                if (!metrics.contains(m)) {
                    metrics.add(m);
                }
            }
        }
        Table.Builder b = new Table.Builder(id + "-layers", "Per-layer assignment").text("layer").text("format")
                .text("pinned").col("format_bits", "bits per element");
        for (String m : metrics) {
            b.col(m, unit(r.units(), m));
        }
        for (SearchRun.Layer l : r.layers()) {
            List<Object> row = new ArrayList<>(List.of(l.layer(), l.format(), l.pinned(), bits(l.format())));
            for (String m : metrics) {
                row.add(l.metrics().getOrDefault(m, Double.NaN));
            }
            b.row(row);
        }
        return b.build();
    }

    private static Table paretoTable(String id, SearchRun.Pareto p, Map<String, String> units) {
        Table.Builder b = new Table.Builder(id + "-pareto", "Pareto points (pareto.csv)").col("point", "#")
                .text("hardware").text("formats_used");
        for (String m : p.metrics()) {
            b.col(m, unit(units, m));
        }
        for (SearchRun.Point pt : p.points()) {
            List<Object> row = new ArrayList<>(List.of((double) pt.point(), pt.hardware(), pt.formatsUsed()));
            for (String m : p.metrics()) {
                row.add(pt.metrics().get(m));
            }
            b.row(row);
        }
        return b.build();
    }

    /** A CSV file as a table: numeric columns (every non-empty cell a number) get the unit their name implies. */
    static Table csvTable(String id, String title, CsvData csv, Map<String, String> units) {
        Table.Builder b = new Table.Builder(id, title);
        boolean[] numeric = numericColumns(csv);
        List<String> names = Charts.unique(csv.header().stream().map(SearchSection::columnName).toList());
        for (int c = 0; c < numeric.length; c++) {
            if (numeric[c]) {
                String u = units.getOrDefault(csv.header().get(c), Units.guess(csv.header().get(c)));
                b.col(names.get(c), u.startsWith("(") ? "1" : u);
            } else {
                b.text(names.get(c));
            }
        }
        for (List<String> row : csv.rows()) {
            List<Object> cells = new ArrayList<>();
            for (int c = 0; c < numeric.length; c++) {
                String s = row.get(c);
                cells.add(numeric[c] ? (Object) (s.isEmpty() ? Double.NaN : parse(s)) : s);
            }
            b.row(cells);
        }
        return b.build();
    }

    private static String columnName(String header) {
        String n = header.trim().replaceAll("[^A-Za-z0-9%]+", "_").replaceAll("^_|_$", "");
        return n.isEmpty() ? "column" : n;
    }

    static boolean[] numericColumns(CsvData csv) {
        boolean[] numeric = new boolean[csv.header().size()];
        for (int c = 0; c < numeric.length; c++) {
            boolean any = false;
            boolean all = true;
            for (List<String> row : csv.rows()) {
                String s = row.get(c);
                if (s.isEmpty()) {
                    continue;
                }
                any = true;
                all &= isNumber(s);
            }
            numeric[c] = any && all;
        }
        return numeric;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.endsWith("d") && !s.endsWith("f") && !s.endsWith("D") && !s.endsWith("F");
        } catch (NumberFormatException e) {
            return s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("-inf");
        }
    }

    private static double parse(String s) {
        if (s.equalsIgnoreCase("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.equalsIgnoreCase("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
    }
}
