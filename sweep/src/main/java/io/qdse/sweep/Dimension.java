package io.qdse.sweep;

import java.util.List;

/**
 * One axis of a design space: a finite list of values, or a continuous interval (random, Latin-hypercube and Sobol
 * sampling only; a grid needs {@code steps}).
 */
public sealed interface Dimension permits Dimension.Choice, Dimension.Interval {

    /** @return the parameter's path, e.g. {@code rows}, {@code sram.ifmap_kib}, {@code pe.lanes} */
    String name();

    /** @return the value a unit coordinate u ∈ [0, 1) selects */
    Object at(double u);

    /**
     * A finite list of values (numbers or strings, in the order the space gives them).
     *
     * @param values the choices
     */
    record Choice(String name, List<Object> values) implements Dimension {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public Object at(double u) {
            int i = (int) Math.floor(u * values.size());
            return values.get(Math.min(values.size() - 1, Math.max(0, i)));
        }
    }

    /**
     * A real interval, sampled uniformly (or log-uniformly), rounded to a whole number when {@code integer}.
     *
     * @param min     lower bound
     * @param max     upper bound (inclusive for integers)
     * @param log     sample uniformly in log space
     * @param integer round to a whole number
     */
    record Interval(String name, double min, double max, boolean log, boolean integer) implements Dimension {
        @Override
        public Object at(double u) {
            if (integer && !log) {
                long lo = (long) Math.ceil(min);
                long hi = (long) Math.floor(max);
                return Math.min(hi, lo + (long) Math.floor(u * (hi - lo + 1)));
            }
            double x;
            if (log) {
                x = Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
            } else {
                x = min + u * (max - min);
            }
            if (integer) {
                long v = Math.round(x);
                return Math.max((long) Math.ceil(min), Math.min((long) Math.floor(max), v));
            }
            return x;
        }
    }
}
