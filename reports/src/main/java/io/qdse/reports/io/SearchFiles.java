package io.qdse.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.reports.results.CsvData;
import io.qdse.reports.results.SearchRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a stored {@code qdse search --out DIR} folder. */
public final class SearchFiles {
    /** The files a search run may write. */
    public static final List<String> FILES = List.of("assignment.csv", "costs.csv", "sensitivity.csv",
            "pareto.csv");
    private static final Set<String> PARETO_TEXT = Set.of("point", "hardware", "formats_used", "assignment");

    private SearchFiles() {
    }

    /** @return the search run in {@code dir} ({@code result.json} when it is a search result, and the CSVs) */
    public static SearchRun read(Path dir) {
        Path rf = dir.resolve("result.json");
        SearchRun.Result r = Files.isRegularFile(rf) ? result(rf, JsonFiles.object(rf)) : null;
        CsvData assignment = csv(dir, "assignment.csv");
        CsvData costs = csv(dir, "costs.csv");
        CsvData sensitivity = csv(dir, "sensitivity.csv");
        CsvData paretoCsv = csv(dir, "pareto.csv");
        SearchRun.Pareto pareto = paretoCsv == null ? null : pareto(dir.resolve("pareto.csv"), paretoCsv);
        if (costs != null) {
            requireColumns(dir.resolve("costs.csv"), costs, "layer", "format");
        }
        if (assignment != null) {
            requireColumns(dir.resolve("assignment.csv"), assignment, "layer", "format");
        }
        return new SearchRun(r, assignment, costs, sensitivity, pareto);
    }

    private static CsvData csv(Path dir, String name) {
        Path f = dir.resolve(name);
        return Files.isRegularFile(f) ? CsvFiles.read(f) : null;
    }

    private static void requireColumns(Path f, CsvData csv, String... names) {
        Problems p = new Problems(f);
        for (String n : names) {
            if (csv.column(n) < 0) {
                p.add("header: a column '" + n + "' (columns were " + String.join(",", csv.header()) + ")");
            }
        }
        p.check();
    }

    static SearchRun.Result result(Path f, JsonNode root) {
        Problems p = new Problems(f);
        String what = Problems.optText(root, "what", "");
        String status = Problems.optText(root, "status", "");
        String metric = p.text(root, "objective_metric", "");
        double objective = p.optNum(root, "objective", "");
        Map<String, String> units = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("units").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            units.put(e.getKey(), e.getValue().asText());
        }
        Map<String, Double> totals = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("totals").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            totals.put(e.getKey(), p.num(root.get("totals"), e.getKey(), "totals"));
        }
        List<SearchRun.Budget> budgets = new ArrayList<>();
        JsonNode bs = root.path("budgets");
        for (int i = 0; i < bs.size(); i++) {
            String w = "budgets[" + i + "]";
            budgets.add(new SearchRun.Budget(p.text(bs.get(i), "metric", w), p.num(bs.get(i), "limit", w),
                    p.optNum(bs.get(i), "total", w)));
        }
        List<SearchRun.Layer> layers = new ArrayList<>();
        JsonNode ls = root.has("layers") ? p.array(root, "layers", "") : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < ls.size(); i++) {
            String w = "layers[" + i + "]";
            JsonNode l = ls.get(i);
            Map<String, Double> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber()) {
                    m.put(e.getKey(), e.getValue().asDouble());
                }
            }
            layers.add(new SearchRun.Layer(p.text(l, "layer", w), p.text(l, "format", w),
                    l.path("pinned").asBoolean(false), m));
        }
        List<String> formats = new ArrayList<>();
        root.path("supported_formats").forEach(n -> formats.add(n.asText()));
        List<String> notes = new ArrayList<>();
        root.path("notes").forEach(n -> notes.add(n.asText()));
        p.check();
        return new SearchRun.Result(what, status, metric, objective, Problems.optText(root, "solver", ""),
                Problems.optText(root, "hardware", ""), formats, units, totals, budgets, layers, notes);
    }

    static SearchRun.Pareto pareto(Path f, CsvData csv) {
        Problems p = new Problems(f);
        int point = csv.column("point");
        if (point < 0) {
            p.add("header: a column 'point' (columns were " + String.join(",", csv.header()) + ")");
            p.check();
        }
        List<String> metrics = new ArrayList<>();
        for (String h : csv.header()) {
            if (!PARETO_TEXT.contains(h)) {
                metrics.add(h);
            }
        }
        List<SearchRun.Point> points = new ArrayList<>();
        for (int r = 0; r < csv.rows().size(); r++) {
            List<String> row = csv.rows().get(r);
            Map<String, Double> m = new LinkedHashMap<>();
            for (String h : metrics) {
                m.put(h, CsvFiles.number(csv, r, csv.column(h), p));
            }
            double id = CsvFiles.number(csv, r, point, p);
            int hw = csv.column("hardware");
            int fu = csv.column("formats_used");
            points.add(new SearchRun.Point(Double.isNaN(id) ? r : (int) id, hw < 0 ? "" : row.get(hw),
                    fu < 0 ? "" : row.get(fu), m));
        }
        p.check();
        return new SearchRun.Pareto(metrics, points);
    }
}
