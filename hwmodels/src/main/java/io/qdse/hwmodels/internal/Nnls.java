package io.qdse.hwmodels.internal;

/**
 * Non-negative least squares, {@code min ‖Ax − b‖ subject to x ≥ 0}, by the Lawson–Hanson active-set method
 * (C. L. Lawson, R. J. Hanson, "Solving Least Squares Problems", 1974, ch. 23). Sized for calibration fits (a few
 * dozen rows and columns); deterministic.
 */
public final class Nnls {
    private Nnls() {
    }

    /** @return the non-negative minimiser of ‖Ax − b‖ */
    public static double[] solve(double[][] a, double[] b) {
        int m = a.length;
        int n = a[0].length;
        double[] x = new double[n];
        boolean[] passive = new boolean[n];
        double tol = 1e-12 * norm(a) * Math.max(m, n);
        for (int iter = 0; iter < 30 * n; iter++) {
            double[] w = gradient(a, b, x);
            int t = -1;
            double best = tol;
            for (int j = 0; j < n; j++) {
                if (!passive[j] && w[j] > best) {
                    best = w[j];
                    t = j;
                }
            }
            if (t < 0) {
                break;
            }
            passive[t] = true;
            while (true) {
                double[] z = leastSquares(a, b, passive);
                boolean allPositive = true;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && z[j] <= 0) {
                        allPositive = false;
                        break;
                    }
                }
                if (allPositive) {
                    x = z;
                    break;
                }
                double alpha = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && z[j] <= 0) {
                        alpha = Math.min(alpha, x[j] / (x[j] - z[j]));
                    }
                }
                for (int j = 0; j < n; j++) {
                    x[j] += alpha * (z[j] - x[j]);
                    if (passive[j] && Math.abs(x[j]) <= tol) {
                        passive[j] = false;
                        x[j] = 0;
                    }
                }
            }
        }
        return x;
    }

    private static double[] gradient(double[][] a, double[] b, double[] x) {
        int m = a.length;
        int n = x.length;
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            double s = b[i];
            for (int j = 0; j < n; j++) {
                s -= a[i][j] * x[j];
            }
            r[i] = s;
        }
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += a[i][j] * r[i];
            }
            w[j] = s;
        }
        return w;
    }

    /** Unconstrained least squares on the passive columns (normal equations, Gaussian elimination with pivoting). */
    private static double[] leastSquares(double[][] a, double[] b, boolean[] passive) {
        int n = passive.length;
        int[] idx = new int[n];
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (passive[j]) {
                idx[k++] = j;
            }
        }
        double[][] g = new double[k][k + 1];
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                double s = 0;
                for (double[] row : a) {
                    s += row[idx[p]] * row[idx[q]];
                }
                g[p][q] = s;
            }
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i][idx[p]] * b[i];
            }
            g[p][k] = s;
        }
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(g[r][c]) > Math.abs(g[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = g[c];
            g[c] = g[piv];
            g[piv] = tmp;
            if (Math.abs(g[c][c]) < 1e-300) {
                continue;
            }
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = g[r][c] / g[c][c];
                    for (int cc = c; cc <= k; cc++) {
                        g[r][cc] -= f * g[c][cc];
                    }
                }
            }
        }
        double[] z = new double[n];
        for (int p = 0; p < k; p++) {
            z[idx[p]] = Math.abs(g[p][p]) < 1e-300 ? 0 : g[p][k] / g[p][p];
        }
        return z;
    }

    private static double norm(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s = Math.max(s, Math.abs(v));
            }
        }
        return s;
    }
}
