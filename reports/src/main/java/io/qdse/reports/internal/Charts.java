package io.qdse.reports.internal;

import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.BarChart;
import io.qdse.reports.chart.BarPanel;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.chart.XyChart;
import io.qdse.reports.chart.XySeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders of the chart specs the sections share (per-layer bars, Pareto scatters). */
final class Charts {
    private Charts() {
    }

    /** @return names made distinct ({@code conv #2}) in order */
    static List<String> unique(List<String> names) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            int k = seen.merge(n, 1, Integer::sum);
            out.add(k == 1 ? n : n + " #" + k);
        }
        return out;
    }

    /** A horizontal bar chart over many categories, as tall as its rows need. */
    static BarChart horizontal(String id, String title, String subtitle, String caption, String categoryLabel,
                               List<String> categories, List<BarPanel> panels, int seriesPerRow) {
        int[] layout = BarChart.horizontalLayout(categories.size(), seriesPerRow);
        String sub = subtitle;
        if (layout[1] > 1) {
            sub = (sub.isEmpty() ? "" : sub + "; ") + categoryLabel + " labels: every " + ordinal(layout[1]) + " of "
                    + categories.size();
        }
        return new BarChart(id, title, sub, caption, categoryLabel, unique(categories), panels, true, layout[1],
                ChartSpec.WIDTH, layout[0]);
    }

    static String ordinal(int n) {
        int t = n % 100;
        String suffix = t >= 11 && t <= 13 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }

    /** @return whether values are all positive and span more than 2.5 decades (draw on a log axis) */
    static boolean wantsLog(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double d : v) {
            if (!Double.isFinite(d)) {
                continue;
            }
            if (d <= 0) {
                return false;
            }
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return max > 0 && max / min > 300;
    }

    /**
     * Inputs of a Pareto chart.
     *
     * @param objectives two or three metric names, {@code -name} for a maximised one
     * @param units      metric → unit
     * @param values     per point, the objectives' values in {@code objectives} order
     * @param feasible   per point
     * @param front      per point, on the stored front (null: computed here from the feasible points)
     */
    record ParetoInput(String idPrefix, String title, String subtitle, List<String> objectives,
                       Map<String, String> units, double[][] values, boolean[] feasible, boolean[] front) {
    }

    /**
     * Pareto fronts: for two objectives one chart (dominated points faded, the front highlighted and joined); for
     * three, the three 2-D projections (front members highlighted, the front of each projection dashed).
     */
    static List<XyChart> pareto(ParetoInput in) {
        int n = in.values().length;
        int k = in.objectives().size();
        double[][] min = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double v = in.values()[i][j];
                min[i][j] = in.objectives().get(j).startsWith("-") ? -v : v;
            }
        }
        boolean[] front = in.front();
        boolean anyStored = false;
        if (front != null) {
            for (int i = 0; i < n; i++) {
                anyStored |= front[i] && in.feasible()[i];
            }
        }
        if (!anyStored) {
            front = Fronts.nonDominated(min, in.feasible());
        }
        List<XyChart> out = new ArrayList<>();
        int[][] pairs = k == 2 ? new int[][] {{0, 1}} : new int[][] {{0, 1}, {0, 2}, {1, 2}};
        int counted = 0;
        int infeasible = 0;
        // rows without a value of an objective (a GPU's energy is not modelled) are on no front and not "dominated"
        boolean[] missing = new boolean[n];
        int nMissing = 0;
        java.util.Set<String> lacking = new java.util.LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            counted += front[i] && in.feasible()[i] ? 1 : 0;
            infeasible += in.feasible()[i] ? 0 : 1;
            for (int j = 0; j < k; j++) {
                if (Double.isNaN(in.values()[i][j])) {
                    missing[i] = true;
                    lacking.add(name(in, j));
                }
            }
            nMissing += missing[i] ? 1 : 0;
        }
        for (int[] p : pairs) {
            List<XySeries> series = new ArrayList<>();
            double[][] infeasibleXy = pick(in.values(), p, i -> !in.feasible()[i]);
            if (infeasibleXy[0].length > 0) {
                series.add(new XySeries("infeasible (" + infeasibleXy[0].length + ")", XySeries.Style.INFEASIBLE,
                        infeasibleXy[0], infeasibleXy[1]));
            }
            final boolean[] f = front;
            double[][] dominated = pick(in.values(), p, i -> in.feasible()[i] && !f[i] && !missing[i]);
            if (dominated[0].length > 0) {
                series.add(new XySeries("dominated (" + dominated[0].length + ")", XySeries.Style.FADED,
                        dominated[0], dominated[1]));
            }
            double[][] onFront = pick(in.values(), p, i -> in.feasible()[i] && f[i]);
            sortByX(onFront);
            if (k == 2) {
                series.add(new XySeries("Pareto front (" + onFront[0].length + ")", XySeries.Style.FRONT,
                        onFront[0], onFront[1]));
            } else {
                series.add(new XySeries("Pareto front in 3 metrics (" + onFront[0].length + ")",
                        XySeries.Style.HIGHLIGHT, onFront[0], onFront[1]));
                double[] px = new double[onFront[0].length];
                double[] py = new double[onFront[0].length];
                for (int i = 0; i < px.length; i++) {
                    px[i] = in.objectives().get(p[0]).startsWith("-") ? -onFront[0][i] : onFront[0][i];
                    py[i] = in.objectives().get(p[1]).startsWith("-") ? -onFront[1][i] : onFront[1][i];
                }
                boolean[] all = new boolean[px.length];
                Arrays.fill(all, true);
                boolean[] pf = Fronts.nonDominated2(px, py, all);
                int m = 0;
                for (boolean b : pf) {
                    m += b ? 1 : 0;
                }
                double[][] proj = new double[2][m];
                for (int i = 0, t = 0; i < pf.length; i++) {
                    if (pf[i]) {
                        proj[0][t] = onFront[0][i];
                        proj[1][t++] = onFront[1][i];
                    }
                }
                series.add(new XySeries("front of this projection", XySeries.Style.REFERENCE, proj[0], proj[1]));
            }
            Axis xa = axis(in, p[0], column(in.values(), p[0]));
            Axis ya = axis(in, p[1], column(in.values(), p[1]));
            String id = in.idPrefix() + (k == 2 ? "" : "-" + name(in, p[0]) + "-" + name(in, p[1]));
            String title = in.title() + (k == 2 ? "" : ": " + name(in, p[0]) + " vs " + name(in, p[1]));
            String sub = in.subtitle() + (in.subtitle().isEmpty() ? "" : "; ") + counted + " of " + n
                    + " points on the front" + (infeasible > 0 ? ", " + infeasible + " infeasible" : "")
                    + (nMissing > 0 ? ", " + nMissing + " without " + String.join(" or ", lacking) + " (not modelled)"
                        : "")
                    + (k == 2 ? "" : "; projection of the front in " + String.join(", ", names(in)));
            String caption = k == 2
                    ? "Pareto front of " + name(in, 0) + " and " + name(in, 1) + ": front points joined, dominated "
                        + "points faded" + (infeasible > 0 ? ", infeasible ones as grey crosses" : "") + "."
                    : "Projection of the 3-metric Pareto front (" + String.join(", ", names(in)) + ") onto "
                        + name(in, p[0]) + " and " + name(in, p[1]) + ": front members highlighted, the points "
                        + "non-dominated in this projection joined by a dashed line, dominated points faded.";
            out.add(new XyChart(id, title, sub, caption, xa, ya, series, ChartSpec.WIDTH, ChartSpec.HEIGHT));
        }
        return out;
    }

    private static List<String> names(ParetoInput in) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < in.objectives().size(); i++) {
            n.add(name(in, i));
        }
        return n;
    }

    private static String name(ParetoInput in, int j) {
        String o = in.objectives().get(j);
        return o.startsWith("-") ? o.substring(1) : o;
    }

    private static Axis axis(ParetoInput in, int j, double[] v) {
        String name = name(in, j);
        String label = in.objectives().get(j).startsWith("-") ? name + ", higher is better" : name;
        String unit = in.units().getOrDefault(name, Units.guess(name));
        if (unit.startsWith("(") || unit.equals("1")) {
            unit = ""; // dimensionless (sensitivity): no "(1)" on the axis
        }
        return new Axis(label, unit, wantsLog(v));
    }

    private static double[] column(double[][] v, int j) {
        double[] c = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i][j];
        }
        return c;
    }

    private static double[][] pick(double[][] v, int[] p, java.util.function.IntPredicate keep) {
        List<double[]> xs = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (keep.test(i)) {
                xs.add(new double[] {v[i][p[0]], v[i][p[1]]});
            }
        }
        double[][] out = new double[2][xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            out[0][i] = xs.get(i)[0];
            out[1][i] = xs.get(i)[1];
        }
        return out;
    }

    private static void sortByX(double[][] xy) {
        Integer[] idx = new Integer[xy[0].length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> xy[0][a] != xy[0][b] ? Double.compare(xy[0][a], xy[0][b])
                : Double.compare(xy[1][a], xy[1][b]));
        double[] x = new double[idx.length];
        double[] y = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            x[i] = xy[0][idx[i]];
            y[i] = xy[1][idx[i]];
        }
        xy[0] = x;
        xy[1] = y;
    }
}
