package io.qdse.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marks the non-dominated rows of a sweep, per workload, among the feasible rows without errors: minimise every
 * objective ({@code -metric} maximises it). A row is dominated when another is no worse in every objective and better
 * in one; rows with a NaN objective are never on the front. Equal rows are all kept.
 */
public final class ParetoMarks {
    private ParetoMarks() {
    }

    /** @return the rows in the same order, with their Pareto flag set */
    public static List<PointEvaluator.Row> mark(List<PointEvaluator.Row> rows, List<String> objectives) {
        Map<String, List<Integer>> byWorkload = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byWorkload.computeIfAbsent(rows.get(i).workload(), k -> new ArrayList<>()).add(i);
        }
        boolean[] on = new boolean[rows.size()];
        for (List<Integer> idx : byWorkload.values()) {
            List<double[]> pts = new ArrayList<>();
            List<Integer> who = new ArrayList<>();
            for (int i : idx) {
                PointEvaluator.Row r = rows.get(i);
                if (!r.feasible() || !r.error().isEmpty()) {
                    continue;
                }
                double[] v = new double[objectives.size()];
                boolean ok = true;
                for (int k = 0; k < v.length; k++) {
                    String o = objectives.get(k);
                    boolean max = o.startsWith("-");
                    Double x = r.metrics().get(max ? o.substring(1) : o);
                    if (x == null || x.isNaN()) {
                        ok = false;
                        break;
                    }
                    v[k] = max ? -x : x;
                }
                if (ok) {
                    pts.add(v);
                    who.add(i);
                }
            }
            // sort by the first objective, then the rest: a point can only be dominated by one before it
            Integer[] order = new Integer[pts.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> {
                double[] a = pts.get(x);
                double[] b = pts.get(y);
                for (int k = 0; k < a.length; k++) {
                    int c = Double.compare(a[k], b[k]);
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(x, y);
            });
            List<double[]> front = new ArrayList<>();
            for (int oi : order) {
                double[] p = pts.get(oi);
                boolean dominated = false;
                for (double[] f : front) {
                    if (dominates(f, p)) {
                        dominated = true;
                        break;
                    }
                }
                if (!dominated) {
                    front.add(p);
                    on[who.get(oi)] = true;
                }
            }
        }
        List<PointEvaluator.Row> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.get(i).withPareto(on[i]));
        }
        return out;
    }

    static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            better |= a[k] < b[k];
        }
        return better;
    }
}
