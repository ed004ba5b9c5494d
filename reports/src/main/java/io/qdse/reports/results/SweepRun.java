package io.qdse.reports.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored sweep folder ({@code manifest.json} + {@code rows.csv} / {@code rows.jsonl}).
 *
 * @param manifest   the manifest's scalar fields, as text, in file order
 * @param status     {@code complete} or {@code interrupted}
 * @param parameters parameter column names
 * @param metrics    metric column name → unit
 * @param pareto     Pareto objectives (a leading {@code -} means maximise)
 * @param rows       one per (point, workload)
 */
public record SweepRun(Map<String, String> manifest, String status, List<String> parameters,
                       Map<String, String> metrics, List<String> pareto, List<String> constraints, List<Row> rows) {
    /**
     * One (point, workload) row.
     *
     * @param labels the row's other text columns ({@code design}, {@code kind}, {@code arch})
     */
    public record Row(int point, String workload, Map<String, String> parameters, String formats,
                      Map<String, Double> metrics, boolean feasible, boolean pareto, String error,
                      Map<String, String> labels) {
        public Row {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            error = error == null ? "" : error;
        }

        /** @return a metric, NaN when absent */
        public double metric(String name) {
            Double v = metrics.get(name);
            return v == null ? Double.NaN : v;
        }
    }

    public SweepRun {
        manifest = Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
        parameters = List.copyOf(parameters);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        pareto = List.copyOf(pareto);
        constraints = List.copyOf(constraints);
        rows = List.copyOf(rows);
    }
}
