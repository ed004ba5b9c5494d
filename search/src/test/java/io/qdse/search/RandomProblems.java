package io.qdse.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random small instances with ties, pins, forbidden formats, hardware options and every cost kind. */
final class RandomProblems {
    static final List<String> METRICS = List.of("sensitivity", "size_bits", "latency_cycles", "area_um2");
    static final List<String> UNITS = List.of("", "bits", "cycles", "um2");

    private RandomProblems() {
    }

    static SearchProblem make(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nl = 2 + r.nextInt(6);
        int nf = 2 + r.nextInt(3);
        int nh = 1 + r.nextInt(3);
        List<String> layers = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            layers.add("L" + l);
        }
        List<String> formats = new ArrayList<>();
        int[] bits = new int[nf];
        for (int f = 0; f < nf; f++) {
            bits[f] = 2 + 2 * f + r.nextInt(2);
            formats.add("f" + bits[f] + "_" + f);
        }
        List<String> hw = new ArrayList<>();
        for (int h = 0; h < nh; h++) {
            hw.add("hw" + h);
        }
        SearchProblem.Builder b = SearchProblem.builder(layers, formats, hw, METRICS, UNITS);
        for (int l = 0; l < nl; l++) {
            long params = 100 + r.nextInt(5000);
            double sens = r.nextDouble() * 10;
            boolean any = false;
            for (int f = 0; f < nf; f++) {
                boolean allowed = r.nextInt(6) != 0 || (f == nf - 1 && !any);
                if (!allowed) {
                    continue;
                }
                any = true;
                double s = sens * Math.pow(2, -bits[f]) * (0.5 + r.nextDouble());
                for (int h = 0; h < nh; h++) {
                    double lat = (1000 + r.nextInt(5000)) * (1 + 0.1 * bits[f]) / (1 + h) * (0.8 + 0.4 * r.nextDouble());
                    b.cost(l, f, h, s, (double) params * bits[f], Math.rint(lat), r.nextDouble() * 3);
                }
            }
        }
        for (int h = 0; h < nh; h++) {
            b.hwCost(h, 3, 100 * (h + 1) + r.nextDouble());
            for (int f = 0; f < nf; f++) {
                b.unitCost(f, h, 3, (h + 1) * bits[f] * (5 + r.nextDouble() * 5));
            }
        }
        SearchProblem pre = b.build();
        // ties between layers that share at least one format; pins to an allowed format
        if (nl >= 3 && r.nextBoolean()) {
            int a = r.nextInt(nl);
            int c = r.nextInt(nl);
            if (a != c && sharesFormat(pre, a, c)) {
                b.tie(a, c);
            }
        }
        if (r.nextInt(3) == 0) {
            int l = r.nextInt(nl);
            for (int f = 0; f < nf; f++) {
                if (pre.allowed(l, f) && r.nextBoolean()) {
                    b.pin(l, f);
                    break;
                }
            }
        }
        return b.build();
    }

    /**
     * {@link #make} with one or two links ({@link SearchProblem.Link}) between consecutive layers, each side's
     * classes drawn from 0..2 per format (so some pairs of formats match and some do not; some instances cannot meet
     * their links at all).
     */
    static SearchProblem linked(long seed) {
        SearchProblem p = make(seed);
        SplittableRandom r = new SplittableRandom(seed * 97 + 13);
        SearchProblem.Builder b = p.toBuilder();
        int links = 1 + r.nextInt(2);
        for (int k = 0; k < links; k++) {
            int from = r.nextInt(p.layerCount() - 1);
            int[] fc = new int[p.formatCount()];
            int[] tc = new int[p.formatCount()];
            for (int f = 0; f < fc.length; f++) {
                fc[f] = r.nextInt(3);
                tc[f] = r.nextInt(3);
            }
            b.link(new SearchProblem.Link(from, from + 1, fc, tc));
        }
        return b.build();
    }

    private static boolean sharesFormat(SearchProblem p, int a, int c) {
        for (int f = 0; f < p.formatCount(); f++) {
            if (p.allowed(a, f) && p.allowed(c, f)) {
                return true;
            }
        }
        return false;
    }

    /** Random budgets placed between the smallest and largest totals over the whole space (sometimes infeasible). */
    static List<Budget> budgets(SearchProblem p, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        Query any = Query.minimise("sensitivity", List.of());
        List<java.math.BigDecimal[]> all = io.qdse.search.internal.ExhaustiveEngine.allTotals(p, any);
        List<Budget> out = new ArrayList<>();
        if (all.isEmpty()) {
            return out; // ties and pins conflict: infeasible whatever the budgets
        }
        for (String m : List.of("size_bits", "latency_cycles", "area_um2")) {
            if (r.nextInt(3) == 0) {
                continue;
            }
            int mi = p.metric(m, "m");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (java.math.BigDecimal[] t : all) {
                lo = Math.min(lo, t[mi].doubleValue());
                hi = Math.max(hi, t[mi].doubleValue());
            }
            double frac = r.nextDouble() * 1.1 - 0.05;
            double v = lo + frac * (hi - lo);
            if (m.equals("size_bits") && r.nextBoolean()) {
                v = Math.floor(v); // exact integer limits on integer metrics, hit exactly by some assignments
            }
            out.add(new Budget(m, v));
        }
        return out;
    }
}
