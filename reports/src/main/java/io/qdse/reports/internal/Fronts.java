package io.qdse.reports.internal;

import java.util.Arrays;
import java.util.Comparator;

/** Pareto non-dominance of points (all objectives minimised; negate a maximised one first). */
final class Fronts {
    private Fronts() {
    }

    /**
     * @param x, y  two objectives to minimise
     * @param use   which points take part (others are never on the front)
     * @return which points no other taking part dominates (equal points are all kept)
     */
    static boolean[] nonDominated2(double[] x, double[] y, boolean[] use) {
        int n = x.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]));
        boolean[] front = new boolean[n];
        double best = Double.POSITIVE_INFINITY;
        int i = 0;
        while (i < n) {
            int j = i;
            double gx = x[idx[i]];
            double groupMin = Double.POSITIVE_INFINITY;
            while (j < n && x[idx[j]] == gx) {
                int k = idx[j];
                if (use[k] && Double.isFinite(x[k]) && Double.isFinite(y[k])) {
                    groupMin = Math.min(groupMin, y[k]);
                }
                j++;
            }
            if (groupMin < best) {
                for (int t = i; t < j; t++) {
                    int k = idx[t];
                    if (use[k] && y[k] == groupMin) {
                        front[k] = true;
                    }
                }
                best = groupMin;
            }
            i = j;
        }
        return front;
    }

    /**
     * @param v   points × objectives, all minimised
     * @param use which points take part
     * @return which points no other taking part dominates
     */
    static boolean[] nonDominated(double[][] v, boolean[] use) {
        int n = v.length;
        boolean[] front = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!use[i] || !finite(v[i])) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < n && !dominated; j++) {
                if (j != i && use[j] && finite(v[j]) && dominates(v[j], v[i])) {
                    dominated = true;
                }
            }
            front[i] = !dominated;
        }
        return front;
    }

    private static boolean finite(double[] a) {
        for (double d : a) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    static boolean dominates(double[] a, double[] b) {
        boolean strict = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            if (a[k] < b[k]) {
                strict = true;
            }
        }
        return strict;
    }
}
