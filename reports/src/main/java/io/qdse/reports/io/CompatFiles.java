package io.qdse.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.reports.results.CompatRun;
import io.qdse.reports.results.CsvData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Reads compat-mode outputs: a {@code result.json} with {@code "compat"}, or SCALE-Sim's report CSVs. */
public final class CompatFiles {
    /** SCALE-Sim's reports, in the order SCALE-Sim writes them. */
    public static final List<String> SCALESIM = List.of("COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv",
            "DETAILED_ACCESS_REPORT.csv");

    private CompatFiles() {
    }

    /** @return the JSON compat run in {@code dir/result.json} as a summary table and a per-layer table */
    public static CompatRun json(Path dir) {
        return json(JsonFiles.object(dir.resolve("result.json")));
    }

    static CompatRun json(JsonNode root) {
        List<List<String>> summary = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("layers")) {
                flatten(e.getKey(), e.getValue(), summary);
            }
        }
        List<CsvData> tables = new ArrayList<>();
        tables.add(new CsvData("summary", List.of("field", "value"), summary));
        JsonNode layers = root.path("layers");
        if (layers.isArray() && !layers.isEmpty()) {
            Set<String> cols = new LinkedHashSet<>();
            for (JsonNode l : layers) {
                l.fieldNames().forEachRemaining(cols::add);
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode l : layers) {
                List<String> r = new ArrayList<>();
                for (String c : cols) {
                    JsonNode v = l.get(c);
                    r.add(v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
                }
                rows.add(r);
            }
            tables.add(new CsvData("layers", new ArrayList<>(cols), rows));
        }
        return new CompatRun(Problems.optText(root, "compat", "compat"), tables);
    }

    private static void flatten(String key, JsonNode v, List<List<String>> out) {
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(key + "." + e.getKey(), e.getValue(), out);
            }
        } else if (v.isArray() && v.size() <= 16) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.isValueNode() ? x.asText() : x.toString()));
            out.add(List.of(key, String.join(" x ".equals(key) ? "x" : ", ", parts)));
        } else if (v.isArray()) {
            out.add(List.of(key, v.size() + " entries"));
        } else {
            out.add(List.of(key, v.isNull() ? "" : v.asText()));
        }
    }

    /** @return SCALE-Sim's reports in {@code dir} */
    public static CompatRun scaleSim(Path dir) {
        List<CsvData> tables = new ArrayList<>();
        for (String n : SCALESIM) {
            Path f = dir.resolve(n);
            if (Files.isRegularFile(f)) {
                tables.add(CsvFiles.read(f));
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(x -> x.getFileName().toString().endsWith("_REPORT.csv")
                    && !SCALESIM.contains(x.getFileName().toString())).sorted().toList()) {
                tables.add(CsvFiles.read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CompatRun("SCALE-Sim v2", tables);
    }

    /** @return flattened scalar fields of a JSON object, for key/value tables */
    static Map<String, String> scalars(JsonNode root) {
        Map<String, String> m = new LinkedHashMap<>();
        for (List<String> r : json(root).tables().get(0).rows()) {
            m.put(r.get(0), r.get(1));
        }
        return m;
    }
}
