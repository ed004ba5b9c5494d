package io.qdse.reports.chart;

import java.util.List;
import java.util.Objects;

/**
 * One value axis of a {@link BarChart} with its series; several panels share the chart's categories (small
 * multiples: LUTs, FFs, DSPs, BRAMs of the same designs, each on its own scale).
 *
 * @param value   the value axis
 * @param series  the bars
 * @param stacked stack the series (an energy breakdown) instead of placing them side by side
 */
public record BarPanel(Axis value, List<BarSeries> series, boolean stacked) {
    public BarPanel {
        Objects.requireNonNull(value, "value");
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("panel " + value.title() + ": no series");
        }
    }
}
