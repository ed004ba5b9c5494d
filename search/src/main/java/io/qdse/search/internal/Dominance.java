package io.qdse.search.internal;

import io.qdse.search.SearchProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Removes candidate formats that can never be needed, keeping the optimum (and every Pareto objective vector):
 * format f of a decision unit (a layer, or a tie group) is dominated by g when g costs no more than f in every metric
 * the query uses, on every hardware option, for every layer of the unit.
 * <ul>
 *   <li>When no used metric has format-support costs, dominated (unit, f) pairs are dropped one by one: moving that
 *       unit from f to g never makes any total larger.</li>
 *   <li>Otherwise only globally dominated formats are dropped: g dominates f for every unit that may use f, and
 *       supporting g costs no more than supporting f; moving every such unit from f to g drops f's support cost and
 *       adds at most g's.</li>
 * </ul>
 * Equal candidates count as dominated by the lower-indexed one (a deterministic choice). Pinned layers are never
 * touched. A linked layer's f is dominated only by a g of the same class in each of its links
 * ({@link SearchProblem.Link}), so the swap keeps every link.
 */
public final class Dominance {
    private Dominance() {
    }

    /** @return a copy of the problem without dominated candidates (the same object when nothing is dominated) */
    public static SearchProblem reduce(SearchProblem p, int[] metrics) {
        Units u = new Units(p);
        int nf = p.formatCount();
        int nh = p.hardwareCount();
        boolean supportCosts = false;
        for (int m : metrics) {
            supportCosts |= p.hasUnitCost(m);
        }
        boolean[][] drop = new boolean[u.count()][nf];
        boolean any = false;
        if (!supportCosts) {
            for (int k = 0; k < u.count(); k++) {
                if (pinned(p, u.members[k])) {
                    continue;
                }
                for (int f : u.candidates[k]) {
                    for (int g : u.candidates[k]) {
                        if (g != f && !drop[k][g] && dominates(p, u.members[k], g, f, metrics, nh)) {
                            drop[k][f] = true;
                            any = true;
                            break;
                        }
                    }
                }
            }
        } else {
            for (int f = 0; f < nf; f++) {
                for (int g = 0; g < nf; g++) {
                    if (g == f || !supportNoDearer(p, g, f, metrics, nh)) {
                        continue;
                    }
                    boolean all = true;
                    boolean used = false;
                    for (int k = 0; k < u.count() && all; k++) {
                        if (!contains(u.candidates[k], f)) {
                            continue;
                        }
                        used = true;
                        all = !pinned(p, u.members[k]) && !drop[k][g] && contains(u.candidates[k], g)
                                && dominates(p, u.members[k], g, f, metrics, nh);
                    }
                    if (all && used) {
                        for (int k = 0; k < u.count(); k++) {
                            if (contains(u.candidates[k], f)) {
                                drop[k][f] = true;
                            }
                        }
                        any = true;
                        break;
                    }
                }
            }
        }
        if (!any) {
            return p;
        }
        List<String> units = new ArrayList<>();
        for (int m = 0; m < p.metricCount(); m++) {
            units.add(p.unit(m));
        }
        SearchProblem.Builder b = SearchProblem.builder(p.layers(), p.formats(), p.hardware(), p.metrics(), units);
        for (int k = 0; k < u.count(); k++) {
            for (int l : u.members[k]) {
                for (int f = 0; f < nf; f++) {
                    if (!p.allowed(l, f) || drop[k][f]) {
                        continue;
                    }
                    for (int h = 0; h < nh; h++) {
                        double[] v = new double[p.metricCount()];
                        for (int m = 0; m < v.length; m++) {
                            v[m] = p.cost(l, f, h, m);
                        }
                        b.cost(l, f, h, v);
                    }
                }
                if (p.pinned(l) >= 0) {
                    b.pin(l, p.pinned(l));
                }
            }
        }
        for (int h = 0; h < nh; h++) {
            for (int m = 0; m < p.metricCount(); m++) {
                b.hwCost(h, m, p.hwCost(h, m));
                for (int f = 0; f < nf; f++) {
                    b.unitCost(f, h, m, p.unitCost(f, h, m));
                }
            }
        }
        for (int[] t : p.ties()) {
            b.tie(t);
        }
        for (SearchProblem.Link k : p.links()) {
            b.link(k);
        }
        return b.build();
    }

    /** @return how many (layer, format) pairs a reduction removed */
    public static int removed(SearchProblem before, SearchProblem after) {
        int n = 0;
        for (int l = 0; l < before.layerCount(); l++) {
            for (int f = 0; f < before.formatCount(); f++) {
                if (before.allowed(l, f) && !after.allowed(l, f)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean dominates(SearchProblem p, int[] layers, int g, int f, int[] metrics, int nh) {
        boolean strict = false;
        for (int l : layers) {
            if (!p.allowed(l, g)) {
                return false;
            }
            for (SearchProblem.Link k : p.links()) {
                if (!k.sameClass(l, f, g)) {
                    return false; // swapping f for g would break a link
                }
            }
            for (int h = 0; h < nh; h++) {
                for (int m : metrics) {
                    int c = Double.compare(p.cost(l, g, h, m), p.cost(l, f, h, m));
                    if (c > 0) {
                        return false;
                    }
                    strict |= c < 0;
                }
            }
        }
        return strict || g < f;
    }

    private static boolean supportNoDearer(SearchProblem p, int g, int f, int[] metrics, int nh) {
        for (int h = 0; h < nh; h++) {
            for (int m : metrics) {
                if (p.unitCost(g, h, m) > p.unitCost(f, h, m)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean pinned(SearchProblem p, int[] layers) {
        for (int l : layers) {
            if (p.pinned(l) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] a, int v) {
        return Arrays.stream(a).anyMatch(x -> x == v);
    }
}
