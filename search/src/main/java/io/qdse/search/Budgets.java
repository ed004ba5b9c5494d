package io.qdse.search;

import io.qdse.hwmodels.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Budgets from the command line: {@code --max metric=value} (an absolute total, in the metric's unit) and
 * {@code --max-fraction metric=r} (r of the way from the all-cheapest to the all-most-expensive total, HAWQ's way of
 * stating budgets: 0 = every layer at its cheapest format, 1 = every layer at its dearest).
 *
 * <p>All-cheapest: on each hardware option, every layer (tie group) at the format with the smallest cost in this
 * metric (pins respected), totals evaluated exactly with hardware and format-support costs; the smallest over
 * hardware options. All-most-expensive: the same with the largest, the largest over options.
 */
public final class Budgets {
    private Budgets() {
    }

    /** @return [all-cheapest total, all-most-expensive total] of a metric */
    public static double[] range(SearchProblem p, int m) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<int[]> units = unitsOf(p);
        for (int h = 0; h < p.hardwareCount(); h++) {
            int[] cheap = new int[p.layerCount()];
            int[] dear = new int[p.layerCount()];
            for (int[] u : units) {
                int bestF = -1;
                int worstF = -1;
                double best = Double.POSITIVE_INFINITY;
                double worst = Double.NEGATIVE_INFINITY;
                for (int f = 0; f < p.formatCount(); f++) {
                    boolean ok = true;
                    double c = 0;
                    for (int l : u) {
                        ok &= p.allowed(l, f) && (p.pinned(l) < 0 || p.pinned(l) == f);
                        if (ok) {
                            c += p.cost(l, f, h, m);
                        }
                    }
                    if (!ok) {
                        continue;
                    }
                    if (c < best) {
                        best = c;
                        bestF = f;
                    }
                    if (c > worst) {
                        worst = c;
                        worstF = f;
                    }
                }
                if (bestF < 0) {
                    return new double[] {Double.NaN, Double.NaN};
                }
                for (int l : u) {
                    cheap[l] = bestF;
                    dear[l] = worstF;
                }
            }
            lo = Math.min(lo, Evaluator.totals(p, new Assignment(cheap, h))[m]);
            hi = Math.max(hi, Evaluator.totals(p, new Assignment(dear, h))[m]);
        }
        return new double[] {lo, hi};
    }

    private static List<int[]> unitsOf(SearchProblem p) {
        List<int[]> units = new ArrayList<>();
        boolean[] inTie = new boolean[p.layerCount()];
        for (int[] g : p.ties()) {
            units.add(g);
            for (int l : g) {
                inTie[l] = true;
            }
        }
        for (int l = 0; l < p.layerCount(); l++) {
            if (!inTie[l]) {
                units.add(new int[] {l});
            }
        }
        return units;
    }

    /**
     * @param max      entries {@code metric=value}
     * @param fraction entries {@code metric=r}
     */
    public static List<Budget> parse(SearchProblem p, List<String> max, List<String> fraction) {
        List<Budget> out = new ArrayList<>();
        for (String s : max) {
            String[] kv = split(s, "--max");
            int m = p.metric(kv[0], "--max " + s);
            out.add(new Budget(p.metrics().get(m), number(kv[1], "--max " + s)));
        }
        for (String s : fraction) {
            String[] kv = split(s, "--max-fraction");
            int m = p.metric(kv[0], "--max-fraction " + s);
            double r = number(kv[1], "--max-fraction " + s);
            if (r < 0 || r > 1) {
                throw new InvalidInputException("--max-fraction " + s, r, "a fraction in [0, 1] of the way from the "
                        + "all-cheapest to the all-most-expensive total");
            }
            double[] range = range(p, m);
            out.add(new Budget(p.metrics().get(m), range[0] + r * (range[1] - range[0])));
        }
        return out;
    }

    private static String[] split(String s, String field) {
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
            throw new InvalidInputException(field, s, "metric=value, e.g. latency_cycles=1.2e6");
        }
        return new String[] {s.substring(0, eq).trim(), s.substring(eq + 1).trim()};
    }

    private static double number(String v, String field) {
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInputException(field, v, "a finite number");
    }

    /**
     * A metric name or its alias ({@code size}, {@code latency}, {@code cycles}, {@code energy}, {@code area}) as the
     * problem names it.
     *
     * @param field the option or path, for errors
     */
    public static String metric(String s, SearchProblem p, String field) {
        String k = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (p.hasMetric(k)) {
            return k;
        }
        java.util.Map<String, String> alias = java.util.Map.of("size", "size_bits", "latency", "latency_cycles",
                "energy", "energy_pj", "area", "area_um2", "cycles", "latency_cycles", "uram", "urams", "spram", "sprams",
                "bram", "brams", "lut", "luts");
        String a = alias.get(k);
        if (a != null && p.hasMetric(a)) {
            return a;
        }
        throw new io.qdse.hwmodels.InvalidInputException(field, s, "one of " + String.join(", ", p.metrics())
                + " (aliases size, latency, energy, area)");
    }

    /** {@code metric=value} items with their metric names made canonical ({@link #metric}). */
    public static List<String> canonical(List<String> items, SearchProblem p, String field) {
        List<String> out = new java.util.ArrayList<>();
        for (String s : items) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                out.add(s); // parse() reports the error
            } else {
                out.add(metric(s.substring(0, eq), p, field) + s.substring(eq));
            }
        }
        return out;
    }

}
