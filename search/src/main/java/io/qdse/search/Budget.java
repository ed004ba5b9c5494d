package io.qdse.search;

import io.qdse.hwmodels.InvalidInputException;

/**
 * An upper bound on a metric's total: {@code total(metric) <= max}.
 *
 * @param metric metric name
 * @param max    the largest allowed total, in the metric's unit
 */
public record Budget(String metric, double max) {
    public Budget {
        if (metric == null || metric.isBlank()) {
            throw new InvalidInputException("budget metric", metric, "a metric name");
        }
        if (Double.isNaN(max)) {
            throw new InvalidInputException("budget " + metric, max, "a number");
        }
    }
}
