package io.qdse.reports.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored {@code qdse compare --out DIR} result ({@code compare.json}).
 *
 * @param workload the workload compared on
 * @param rows     one per architecture
 * @param units    metric → unit, as the file states them
 */
public record CompareRun(String workload, List<Row> rows, Map<String, String> units) {
    /**
     * @param metrics metric name (with unit: {@code latency_ms}) → value; NaN where the JSON had null
     * @param texts   the row's other fields ({@code summary}, {@code formats})
     */
    public record Row(String arch, String kind, Map<String, Double> metrics, Map<String, String> texts) {
        public Row {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        }
    }

    public CompareRun {
        rows = List.copyOf(rows);
        units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
    }
}
