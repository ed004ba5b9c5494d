package io.qdse.reports.chart;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A bar chart over named categories (layers, designs, architectures), with one or more panels sharing the
 * categories. Horizontal charts put the categories on the left (long layer names stay legible) and panels side by
 * side; vertical ones put them at the bottom and stack the panels.
 *
 * @param categoryLabel what the categories are ({@code layer})
 * @param categories    distinct category names, in drawing order (top to bottom / left to right)
 * @param labelEvery    label only every n-th category (1: all), so that long axes stay legible
 */
public record BarChart(String id, String title, String subtitle, String caption, String categoryLabel,
                       List<String> categories, List<BarPanel> panels, boolean horizontal, int labelEvery,
                       int width, int height) implements ChartSpec {
    public BarChart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        subtitle = subtitle == null ? "" : subtitle;
        caption = caption == null ? "" : caption;
        categories = List.copyOf(categories);
        panels = List.copyOf(panels);
        if (categories.isEmpty() || panels.isEmpty()) {
            throw new IllegalArgumentException("chart " + id + ": needs categories and panels");
        }
        Set<String> seen = new HashSet<>();
        for (String c : categories) {
            if (!seen.add(c)) {
                throw new IllegalArgumentException("chart " + id + ": category " + c + " appears twice");
            }
        }
        for (BarPanel p : panels) {
            for (BarSeries s : p.series()) {
                if (s.values().length != categories.size()) {
                    throw new IllegalArgumentException("chart " + id + ": series " + s.name() + " has "
                            + s.values().length + " values for " + categories.size() + " categories");
                }
            }
        }
        if (labelEvery < 1) {
            throw new IllegalArgumentException("chart " + id + ": labelEvery must be >= 1 (was " + labelEvery + ")");
        }
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart " + id + ": size must be at least 200x150 (was " + width + "x"
                    + height + ")");
        }
    }

    /** Pixels per category row of a horizontal chart with all labels shown. */
    public static final int ROW_PX = 15;
    /** Tallest horizontal chart; longer axes label every n-th category. */
    public static final int MAX_HEIGHT = 2400;

    /**
     * Height and label step for a horizontal chart of {@code n} categories with {@code seriesPerRow} bars each: tall
     * enough for one readable label per row up to {@link #MAX_HEIGHT}, beyond that labelling every n-th row.
     *
     * @return {height, labelEvery}
     */
    public static int[] horizontalLayout(int n, int seriesPerRow) {
        int row = ROW_PX + Math.max(0, seriesPerRow - 1) * 5;
        int h = 170 + n * row;
        if (h <= HEIGHT) {
            return new int[] {HEIGHT, 1};
        }
        if (h <= MAX_HEIGHT) {
            return new int[] {h, 1};
        }
        int every = (int) Math.ceil((double) n * ROW_PX / (MAX_HEIGHT - 170));
        return new int[] {MAX_HEIGHT, every};
    }
}
