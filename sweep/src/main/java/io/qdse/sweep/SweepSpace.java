package io.qdse.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A design space as a sweep file declares it (docs/sweep.md): accelerator sub-spaces (a kind, a base design and
 * parameter axes), format assignments, workloads, a sampling plan, constraints, derived metrics and the Pareto
 * objectives. Immutable; built and validated by {@link io.qdse.sweep.io.SpaceFiles}.
 *
 * @param name        a label
 * @param seed        the seed of random, Latin-hypercube and Sobol (scrambling) sampling
 * @param sampling    {@code grid}, {@code random}, {@code lhs} or {@code sobol}
 * @param samples     points to draw (not for grid)
 * @param workloads   workload specs, each point evaluated on every one
 * @param designs     accelerator sub-spaces
 * @param formats     the formats axis: uniform specs ({@code w=int4,a=int8}), or null with {@link #search}
 * @param search      per-point format search (null for uniform formats)
 * @param constraints {@code metric op value} filters (infeasible rows are kept and marked)
 * @param derived     named expressions over metrics, in evaluation order
 * @param pareto      two or three metrics to minimise ({@code -metric} to maximise)
 */
public record SweepSpace(String name, long seed, String sampling, int samples, List<String> workloads,
                         List<Design> designs, List<String> formats, FormatSearch search,
                         List<Constraint> constraints, Map<String, Expr> derived, List<String> pareto) {

    public SweepSpace {
        workloads = List.copyOf(workloads);
        designs = List.copyOf(designs);
        formats = formats == null ? null : List.copyOf(formats);
        constraints = List.copyOf(constraints);
        derived = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(derived));
        pareto = List.copyOf(pareto);
    }

    /**
     * One accelerator sub-space: the base mapping (an architecture file's fields: kind, base preset, fixed values) and
     * the axes that vary (paths into that mapping).
     *
     * @param index   position in the file
     * @param base    the fixed fields
     * @param axes    varying fields
     * @param formats the design's own formats axis (its {@code formats:} list), or null for the file's
     */
    public record Design(int index, JsonNode base, List<Dimension> axes, List<String> formats) {
        public Design {
            axes = List.copyOf(axes);
            formats = formats == null ? null : List.copyOf(formats);
        }

        public Design(int index, JsonNode base, List<Dimension> axes) {
            this(index, base, axes, null);
        }

        /** @return the formats this design's points run: its own list, else the space's (null: a search, or none) */
        public List<String> formatsOf(SweepSpace s) {
            return formats != null ? formats : s.formats();
        }
    }

    /**
     * A per-point format search: the integer program over candidate formats for each design point.
     *
     * @param candidates  candidate formats ({@code int4}, {@code int4/int8}, {@code fp8_e4m3@fp16})
     * @param sensitivity {@code weights:SOURCE} or {@code table:CSV}
     * @param objective   metric to minimise (default sensitivity)
     * @param max         absolute budgets {@code metric=value}
     * @param maxFraction relative budgets {@code metric=fraction}
     */
    public record FormatSearch(List<String> candidates, String sensitivity, String objective, List<String> max,
                               List<String> maxFraction) {
        public FormatSearch {
            candidates = List.copyOf(candidates);
            max = List.copyOf(max);
            maxFraction = List.copyOf(maxFraction);
        }
    }

    /**
     * {@code metric op value}.
     *
     * @param text   as written
     * @param metric metric name
     * @param op     one of {@code <= < >= > ==}
     * @param value  the bound
     */
    public record Constraint(String text, String metric, String op, double value) {
        /** @return whether a metric value satisfies it (NaN never does) */
        public boolean holds(double v) {
            switch (op) {
                case "<=":
                    return v <= value;
                case "<":
                    return v < value;
                case ">=":
                    return v >= value;
                case ">":
                    return v > value;
                default:
                    return v == value;
            }
        }
    }
}
