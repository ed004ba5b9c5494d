package io.qdse.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.reports.results.CompareRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a stored {@code qdse compare --out DIR} result ({@code compare.json}). */
public final class CompareFiles {
    private CompareFiles() {
    }

    /** @return the comparison in {@code dir} */
    public static CompareRun read(Path dir) {
        Path f = dir.resolve("compare.json");
        JsonNode root = JsonFiles.object(f);
        Problems p = new Problems(f);
        String workload = Problems.optText(root, "workload", "");
        JsonNode rs = p.array(root, "rows", "");
        List<CompareRun.Row> rows = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            String w = "rows[" + i + "]";
            JsonNode r = rs.get(i);
            Map<String, Double> m = new LinkedHashMap<>();
            Map<String, String> texts = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (e.getKey().equals("arch") || e.getKey().equals("kind")) {
                    continue;
                }
                if (v.isNumber() || v.isNull() || v.isTextual() && Cells.isNumber(v.asText())) {
                    m.put(e.getKey(), p.optNum(r, e.getKey(), w));
                } else if (v.isValueNode()) {
                    texts.put(e.getKey(), v.asText());
                } else {
                    p.add(w + "." + e.getKey() + ": a number or text (was " + v.getNodeType().toString()
                            .toLowerCase(java.util.Locale.ROOT) + ")");
                }
            }
            rows.add(new CompareRun.Row(p.text(r, "arch", w), Problems.optText(r, "kind", ""), m, texts));
        }
        if (rs.isArray() && rs.isEmpty() && root.has("rows")) {
            p.add("rows: at least one architecture (was empty)");
        }
        Map<String, String> units = new LinkedHashMap<>();
        root.path("units").fields().forEachRemaining(e -> units.put(e.getKey(), e.getValue().asText()));
        p.check();
        return new CompareRun(workload, rows, units);
    }
}
