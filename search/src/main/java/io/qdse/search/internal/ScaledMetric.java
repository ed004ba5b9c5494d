package io.qdse.search.internal;

import io.qdse.search.Assignment;
import io.qdse.search.SearchProblem;

/**
 * One metric's costs as integers for CP-SAT: {@code c' = round(c · S)} with S a power of two (so {@code c · S} is
 * exact in double and the rounding to an integer is the only error). Metrics whose costs are all integers (bits,
 * BOPs, cycles) keep S = 1 and are exact. Otherwise S makes the largest possible total about 2^40, so one
 * assignment's scaled total is within T/2 of S × its true total, T being the number of cost terms it sums
 * (layers + hardware + supported formats).
 *
 * <p>Objectives and strict bounds use round-to-nearest; budgets use floor, which turns {@code Σ c ≤ B} into the
 * relaxation {@code Σ floor(c·S) ≤ floor(B·S)}: it keeps every truly feasible assignment, and whatever it lets in
 * that is not truly feasible is caught by the exact re-check and cut off.
 */
public final class ScaledMetric {
    private static final double TARGET = 0x1p40;
    private static final double INTEGRAL_LIMIT = 0x1p50;

    final double scale;
    final boolean exact;
    final long[][][] layer;
    final long[] hw;
    final long[][] unit;
    final int terms;

    private ScaledMetric(double scale, boolean exact, long[][][] layer, long[] hw, long[][] unit, int terms) {
        this.scale = scale;
        this.exact = exact;
        this.layer = layer;
        this.hw = hw;
        this.unit = unit;
        this.terms = terms;
    }

    /** @return the largest absolute total any assignment could reach (an upper bound) */
    static double maxTotal(SearchProblem p, int m) {
        double total = 0;
        for (int l = 0; l < p.layerCount(); l++) {
            double mx = 0;
            for (int f = 0; f < p.formatCount(); f++) {
                if (p.allowed(l, f)) {
                    for (int h = 0; h < p.hardwareCount(); h++) {
                        mx = Math.max(mx, Math.abs(p.cost(l, f, h, m)));
                    }
                }
            }
            total += mx;
        }
        double hw = 0;
        for (int h = 0; h < p.hardwareCount(); h++) {
            hw = Math.max(hw, p.hwCost(h, m));
        }
        total += hw;
        for (int f = 0; f < p.formatCount(); f++) {
            double mx = 0;
            for (int h = 0; h < p.hardwareCount(); h++) {
                mx = Math.max(mx, p.unitCost(f, h, m));
            }
            total += mx;
        }
        return total;
    }

    /** @return S: 1 for all-integer costs of moderate size, else a power of two putting totals near 2^40 */
    public static double chooseScale(SearchProblem p, int m) {
        return chooseScale(p, m, TARGET);
    }

    private static double chooseScale(SearchProblem p, int m, double target) {
        double max = maxTotal(p, m);
        if (max == 0) {
            return 1;
        }
        boolean integral = max <= INTEGRAL_LIMIT;
        for (int l = 0; l < p.layerCount() && integral; l++) {
            for (int f = 0; f < p.formatCount() && integral; f++) {
                if (p.allowed(l, f)) {
                    for (int h = 0; h < p.hardwareCount(); h++) {
                        double c = p.cost(l, f, h, m);
                        integral &= c == Math.rint(c);
                    }
                }
            }
        }
        for (int h = 0; h < p.hardwareCount() && integral; h++) {
            integral &= p.hwCost(h, m) == Math.rint(p.hwCost(h, m));
            for (int f = 0; f < p.formatCount(); f++) {
                integral &= p.unitCost(f, h, m) == Math.rint(p.unitCost(f, h, m));
            }
        }
        if (integral) {
            return 1;
        }
        int e = Math.getExponent(target / max);
        return Math.scalb(1.0, Math.max(-1000, Math.min(e, 1000)));
    }

    /**
     * @param floor true: floor (budgets, a relaxation); false: round to nearest (objectives)
     */
    public static ScaledMetric of(SearchProblem p, int m, double scale, boolean floor) {
        int nl = p.layerCount();
        int nf = p.formatCount();
        int nh = p.hardwareCount();
        boolean exact = true;
        long[][][] layer = new long[nl][nf][nh];
        for (int l = 0; l < nl; l++) {
            for (int f = 0; f < nf; f++) {
                if (!p.allowed(l, f)) {
                    continue;
                }
                for (int h = 0; h < nh; h++) {
                    double v = p.cost(l, f, h, m) * scale;
                    layer[l][f][h] = toLong(v, floor);
                    exact &= v == Math.rint(v);
                }
            }
        }
        long[] hw = new long[nh];
        long[][] unit = new long[nf][nh];
        for (int h = 0; h < nh; h++) {
            double v = p.hwCost(h, m) * scale;
            hw[h] = toLong(v, floor);
            exact &= v == Math.rint(v);
            for (int f = 0; f < nf; f++) {
                double u = p.unitCost(f, h, m) * scale;
                unit[f][h] = toLong(u, floor);
                exact &= u == Math.rint(u);
            }
        }
        return new ScaledMetric(scale, exact, layer, hw, unit, nl + 1 + nf);
    }

    private static long toLong(double v, boolean floor) {
        double r = floor ? Math.floor(v) : Math.rint(v);
        if (Math.abs(r) > 0x1p62) {
            throw new ArithmeticException("scaled cost " + v + " overflows");
        }
        return (long) r;
    }

    /** @return the assignment's scaled total */
    long total(Assignment a) {
        long s = hw[a.hardware()];
        for (int l = 0; l < layer.length; l++) {
            s += layer[l][a.format(l)][a.hardware()];
        }
        boolean[] used = a.used(unit.length);
        for (int f = 0; f < used.length; f++) {
            if (used[f]) {
                s += unit[f][a.hardware()];
            }
        }
        return s;
    }

    /** @return the certified bound on |true optimum − reported optimum| for an objective scaled this way */
    double certifiedError() {
        return exact ? 0 : terms / scale;
    }

    /** @return floor(b · S), the right-hand side of a relaxed budget */
    long budgetBound(double b) {
        double v = Math.floor(b * scale);
        if (v > 0x1p62) {
            return Long.MAX_VALUE / 4;
        }
        if (v < -0x1p62) {
            return Long.MIN_VALUE / 4;
        }
        return (long) v;
    }
}
