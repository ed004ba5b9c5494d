package io.qdse.reports.chart;

import java.util.List;
import java.util.Objects;

/**
 * A scatter / line chart (Pareto fronts, rooflines, calibration scatters). Series are drawn in order, so later
 * series lie on top of earlier ones.
 */
public record XyChart(String id, String title, String subtitle, String caption, Axis x, Axis y,
                      List<XySeries> series, int width, int height) implements ChartSpec {
    public XyChart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        subtitle = subtitle == null ? "" : subtitle;
        caption = caption == null ? "" : caption;
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        series = List.copyOf(series);
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart " + id + ": size must be at least 200x150 (was " + width + "x"
                    + height + ")");
        }
    }
}
