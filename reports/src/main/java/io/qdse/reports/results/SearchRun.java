package io.qdse.reports.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored {@code qdse search --out DIR} run: its {@code result.json} (null when absent), the per-layer assignment,
 * and the CSV files written beside it (each null when absent).
 *
 * @param result      the solved problem (null for a Pareto run)
 * @param assignment  {@code assignment.csv}
 * @param costs       {@code costs.csv}
 * @param sensitivity {@code sensitivity.csv}
 * @param pareto      {@code pareto.csv}
 */
public record SearchRun(Result result, CsvData assignment, CsvData costs, CsvData sensitivity, Pareto pareto) {

    /**
     * {@code result.json}.
     *
     * @param units  metric → unit
     * @param totals metric → total of the assignment
     */
    public record Result(String what, String status, String objectiveMetric, double objective, String solver,
                         String hardware, List<String> supportedFormats, Map<String, String> units,
                         Map<String, Double> totals, List<Budget> budgets, List<Layer> layers, List<String> notes) {
        public Result {
            supportedFormats = List.copyOf(supportedFormats);
            units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
            totals = Collections.unmodifiableMap(new LinkedHashMap<>(totals));
            budgets = List.copyOf(budgets);
            layers = List.copyOf(layers);
            notes = List.copyOf(notes);
        }
    }

    /** A budget: metric ≤ limit, and what the assignment used. */
    public record Budget(String metric, double limit, double total) {
    }

    /** One layer's chosen format and its metrics. */
    public record Layer(String layer, String format, boolean pinned, Map<String, Double> metrics) {
        public Layer {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /**
     * {@code pareto.csv}: non-dominated points.
     *
     * @param metrics metric columns, in file order
     */
    public record Pareto(List<String> metrics, List<Point> points) {
        public Pareto {
            metrics = List.copyOf(metrics);
            points = List.copyOf(points);
        }
    }

    /** One Pareto point. */
    public record Point(int point, String hardware, String formatsUsed, Map<String, Double> metrics) {
        public Point {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }
}
