package io.qdse.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.reports.results.CsvData;
import io.qdse.reports.results.SweepRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a stored sweep folder: {@code manifest.json} and {@code rows.csv} (or {@code rows.jsonl}). */
public final class SweepFiles {
    private SweepFiles() {
    }

    /** @return the sweep in {@code dir} */
    public static SweepRun read(Path dir) {
        Path mf = dir.resolve("manifest.json");
        JsonNode m = JsonFiles.object(mf);
        Problems p = new Problems(mf);
        Map<String, String> manifest = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode()) {
                manifest.put(e.getKey(), e.getValue().asText());
            } else if (e.getKey().equals("sampling")) {
                e.getValue().fields().forEachRemaining(x -> manifest.put("sampling." + x.getKey(),
                        x.getValue().asText()));
            }
        }
        String status = Problems.optText(m, "status", "");
        List<String> params = strings(p.array(m, "parameters", ""));
        Map<String, String> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.object(m, "metrics", "").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            metrics.put(e.getKey(), unit(e.getKey(), e.getValue().asText()));
        }
        List<String> pareto = m.has("pareto") ? strings(p.array(m, "pareto", "")) : List.of();
        List<String> constraints = m.has("constraints") ? strings(m.get("constraints")) : List.of();
        for (String o : pareto) {
            String name = o.startsWith("-") ? o.substring(1) : o;
            if (!metrics.containsKey(name)) {
                p.add("pareto: metrics listed in 'metrics' (was " + o + ")");
            }
        }
        p.check();
        Path csv = dir.resolve("rows.csv");
        Path jsonl = dir.resolve("rows.jsonl");
        List<SweepRun.Row> rows;
        if (Files.isRegularFile(csv)) {
            rows = csvRows(csv, params, metrics);
        } else if (Files.isRegularFile(jsonl)) {
            rows = jsonlRows(jsonl, params, metrics);
        } else {
            throw io.qdse.hwmodels.InvalidInputException.ofProblems(dir.toString(),
                    List.of("manifest.json without rows.csv or rows.jsonl beside it"));
        }
        return new SweepRun(manifest, status, params, metrics, pareto, constraints, rows);
    }

    /** A metric's unit as the manifest states it; a derived metric's expression gives none. */
    static String unit(String metric, String stated) {
        if (stated.isBlank() || stated.startsWith("derived") || stated.startsWith("(")) {
            String g = io.qdse.reports.internal.Units.guess(metric);
            return stated.startsWith("(") && g.equals(io.qdse.reports.internal.Units.UNSTATED) ? "1" : g;
        }
        return stated;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<SweepRun.Row> csvRows(Path f, List<String> params, Map<String, String> metrics) {
        CsvData d = CsvFiles.read(f);
        Problems p = new Problems(f);
        List<String> need = new ArrayList<>(List.of("point", "workload"));
        need.addAll(params);
        need.addAll(metrics.keySet());
        need.addAll(List.of("feasible", "pareto"));
        for (String n : need) {
            if (d.column(n) < 0) {
                p.add("header: a column '" + n + "' (named by manifest.json)");
            }
        }
        p.check();
        int fmt = d.column("formats");
        int err = d.column("error");
        List<String> known = new ArrayList<>(need);
        known.addAll(List.of("formats", "error"));
        List<String> labelCols = d.header().stream().filter(h -> !known.contains(h)).toList();
        List<SweepRun.Row> rows = new ArrayList<>();
        for (int r = 0; r < d.rows().size(); r++) {
            List<String> row = d.rows().get(r);
            Map<String, String> pv = new LinkedHashMap<>();
            for (String n : params) {
                pv.put(n, row.get(d.column(n)));
            }
            Map<String, Double> mv = new LinkedHashMap<>();
            for (String n : metrics.keySet()) {
                mv.put(n, CsvFiles.number(d, r, d.column(n), p));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (String l : labelCols) {
                labels.put(l, row.get(d.column(l)));
            }
            double point = CsvFiles.number(d, r, d.column("point"), p);
            rows.add(new SweepRun.Row(Double.isNaN(point) ? -1 : (int) point, row.get(d.column("workload")), pv,
                    fmt < 0 ? "" : row.get(fmt), mv, bool(row.get(d.column("feasible")), "feasible", r, p),
                    bool(row.get(d.column("pareto")), "pareto", r, p), err < 0 ? "" : row.get(err), labels));
        }
        p.check();
        return rows;
    }

    private static boolean bool(String s, String col, int r, Problems p) {
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return true;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0") || s.isEmpty()) {
            return false;
        }
        p.add("row " + (r + 1) + " (after the header), column '" + col + "': true or false (was '" + s + "')");
        return false;
    }

    private static List<SweepRun.Row> jsonlRows(Path f, List<String> params, Map<String, String> metrics) {
        String text = CsvFiles.readText(f);
        Problems p = new Problems(f);
        List<SweepRun.Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode o;
            try {
                o = JsonFiles.parse(f, lines[i]);
            } catch (io.qdse.hwmodels.InvalidInputException e) {
                p.add("line " + (i + 1) + ": " + e.allowed() + " (was " + e.value() + ")");
                continue;
            }
            String w = "line " + (i + 1);
            Map<String, String> pv = new LinkedHashMap<>();
            for (String n : params) {
                pv.put(n, Problems.optText(o, n, ""));
            }
            Map<String, Double> mv = new LinkedHashMap<>();
            for (String n : metrics.keySet()) {
                mv.put(n, p.optNum(o, n, w));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (String l : List.of("design", "kind", "arch")) {
                if (o.has(l) && o.get(l).isValueNode()) {
                    labels.put(l, o.get(l).asText());
                }
            }
            rows.add(new SweepRun.Row((int) p.num(o, "point", w), p.text(o, "workload", w), pv,
                    Problems.optText(o, "formats", ""), mv, o.path("feasible").asBoolean(false),
                    o.path("pareto").asBoolean(false), Problems.optText(o, "error", ""), labels));
        }
        p.check();
        return rows;
    }
}
