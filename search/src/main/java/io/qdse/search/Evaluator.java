package io.qdse.search;

import java.math.BigDecimal;
import java.util.List;

/**
 * Exact metric totals of an assignment: every double cost is summed as a {@link BigDecimal}, so the totals and the
 * budget checks made with them carry no rounding at all. This is how every solver's answer is re-verified.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** @return each metric's exact total */
    public static BigDecimal[] exactTotals(SearchProblem p, Assignment a) {
        int nm = p.metricCount();
        BigDecimal[] t = new BigDecimal[nm];
        int h = a.hardware();
        boolean[] used = a.used(p.formatCount());
        for (int m = 0; m < nm; m++) {
            BigDecimal s = new BigDecimal(p.hwCost(h, m));
            for (int l = 0; l < p.layerCount(); l++) {
                s = s.add(new BigDecimal(p.cost(l, a.format(l), h, m)));
            }
            for (int f = 0; f < used.length; f++) {
                if (used[f]) {
                    s = s.add(new BigDecimal(p.unitCost(f, h, m)));
                }
            }
            t[m] = s;
        }
        return t;
    }

    /** @return each metric's total, the exact sum rounded once to the nearest double */
    public static double[] totals(SearchProblem p, Assignment a) {
        BigDecimal[] e = exactTotals(p, a);
        double[] d = new double[e.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = e[i].doubleValue();
        }
        return d;
    }

    /** @return whether every budget holds exactly */
    public static boolean meetsBudgets(SearchProblem p, Assignment a, List<Budget> budgets) {
        if (budgets.isEmpty()) {
            return true;
        }
        BigDecimal[] t = exactTotals(p, a);
        for (Budget b : budgets) {
            if (t[p.metric(b.metric(), "budget")].compareTo(new BigDecimal(b.max())) > 0) {
                return false;
            }
        }
        return true;
    }

    /** @return null when the assignment respects allowed formats, pins, ties and links; otherwise what it breaks */
    public static String structuralViolation(SearchProblem p, Assignment a) {
        if (a.hardware() < 0 || a.hardware() >= p.hardwareCount()) {
            return "hardware option " + a.hardware() + " out of range";
        }
        for (int l = 0; l < p.layerCount(); l++) {
            int f = a.format(l);
            if (f < 0 || f >= p.formatCount() || !p.allowed(l, f)) {
                return "layer " + p.layers().get(l) + " may not use format " + f;
            }
            if (p.pinned(l) >= 0 && p.pinned(l) != f) {
                return "layer " + p.layers().get(l) + " is pinned to " + p.formats().get(p.pinned(l));
            }
        }
        for (int[] g : p.ties()) {
            for (int l : g) {
                if (a.format(l) != a.format(g[0])) {
                    return "tied layers " + p.layers().get(g[0]) + " and " + p.layers().get(l) + " differ";
                }
            }
        }
        for (SearchProblem.Link k : p.links()) {
            if (!k.met(a.format(k.from()), a.format(k.to()))) {
                return "linked layers " + p.layers().get(k.from()) + " (" + p.formats().get(a.format(k.from()))
                        + ") and " + p.layers().get(k.to()) + " (" + p.formats().get(a.format(k.to()))
                        + ") do not match";
            }
        }
        return null;
    }
}
