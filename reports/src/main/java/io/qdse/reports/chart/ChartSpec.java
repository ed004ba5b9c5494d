package io.qdse.reports.chart;

/**
 * What one chart shows, as data: drawn by {@link ChartRenderer} (one JFreeChart adapter) to PNG and SVG. Specs are
 * built from stored results only; they hold no drawing library type.
 */
public sealed interface ChartSpec permits XyChart, BarChart {
    /** Default size of a chart, in pixels. */
    int WIDTH = 960;
    /** Default height of a chart, in pixels. */
    int HEIGHT = 600;

    /** @return a file-name-safe id, unique within a report ({@code sim1-roofline}) */
    String id();

    /** @return the title drawn above the plot */
    String title();

    /** @return a second line under the title (may be empty) */
    String subtitle();

    /** @return image width in pixels */
    int width();

    /** @return image height in pixels */
    int height();

    /** @return one sentence on what the chart shows, for the documents' captions */
    String caption();
}
