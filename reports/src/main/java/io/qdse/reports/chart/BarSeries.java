package io.qdse.reports.chart;

import java.util.Arrays;
import java.util.Objects;

/**
 * One series of a {@link BarPanel}: a value per category of the chart ({@code NaN}: no bar).
 *
 * @param name   legend entry
 * @param values one per category, in the chart's category order
 */
public record BarSeries(String name, double[] values) {
    public BarSeries {
        Objects.requireNonNull(name, "name");
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarSeries s && s.name.equals(name) && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "BarSeries[" + name + ", " + values.length + " values]";
    }
}
