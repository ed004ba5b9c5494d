package io.qdse.reports.chart;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Points (or a polyline) of an {@link XyChart}, drawn in the order given.
 *
 * @param name  legend entry
 * @param style how the series is drawn
 * @param x     x values
 * @param y     y values, as many as {@code x}
 * @param labels a text drawn beside each point (empty: none; else as many as {@code x})
 */
public record XySeries(String name, Style style, double[] x, double[] y, List<String> labels) {
    /** How a series is drawn. */
    public enum Style {
        /** Ordinary markers. */
        POINTS,
        /** Pale markers behind the others (dominated design points). */
        FADED,
        /** Grey crosses (infeasible design points). */
        INFEASIBLE,
        /** Large bright markers joined by a line (a Pareto front, in the given order). */
        FRONT,
        /** Large bright markers without a line (front members in a projection). */
        HIGHLIGHT,
        /** A thin dashed line without markers (y = x, a front in a projection). */
        REFERENCE,
        /** A thick solid line without markers (a roofline). */
        BOUND
    }

    public XySeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(style, "style");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length
                    + " y values");
        }
        x = x.clone();
        y = y.clone();
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (!labels.isEmpty() && labels.size() != x.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " points but " + labels.size()
                    + " labels");
        }
    }

    /** Points without labels. */
    public XySeries(String name, Style style, double[] x, double[] y) {
        this(name, style, x, y, List.of());
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** @return number of points */
    public int size() {
        return x.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XySeries s && s.name.equals(name) && s.style == style && Arrays.equals(s.x, x)
                && Arrays.equals(s.y, y) && s.labels.equals(labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, style, Arrays.hashCode(x), Arrays.hashCode(y), labels);
    }

    @Override
    public String toString() {
        return "XySeries[" + name + ", " + style + ", " + x.length + " points]";
    }
}
