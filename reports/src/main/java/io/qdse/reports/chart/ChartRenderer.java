package io.qdse.reports.chart;

import io.qdse.reports.internal.JFreeCharts;

/** Draws chart specs to PNG and SVG (both from the same drawing, at the spec's size). */
public final class ChartRenderer {
    private ChartRenderer() {
    }

    /** @return the chart as a PNG image of {@code spec.width() x spec.height()} pixels */
    public static byte[] png(ChartSpec spec) {
        return JFreeCharts.png(spec);
    }

    /** @return the chart as a standalone SVG document of the spec's size (ids prefixed with the spec's id) */
    public static String svg(ChartSpec spec) {
        return JFreeCharts.svg(spec);
    }
}
