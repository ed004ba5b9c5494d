package io.qdse.reports.chart;

import java.util.Objects;

/**
 * One axis of a chart: what it shows, in which unit, linear or logarithmic.
 *
 * @param label the quantity, e.g. {@code energy}
 * @param unit  its unit, e.g. {@code µJ} (empty for a count whose label says what is counted)
 * @param log   logarithmic scale (then only positive values are drawn)
 */
public record Axis(String label, String unit, boolean log) {
    public Axis {
        Objects.requireNonNull(label, "label");
        unit = unit == null ? "" : unit;
    }

    /** A linear axis. */
    public static Axis linear(String label, String unit) {
        return new Axis(label, unit, false);
    }

    /** A logarithmic axis. */
    public static Axis log(String label, String unit) {
        return new Axis(label, unit, true);
    }

    /** @return the axis title as drawn: {@code label (unit)} */
    public String title() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }
}
