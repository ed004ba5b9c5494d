package io.qdse.search.fpga;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.Budget;
import io.qdse.search.Pareto;
import io.qdse.search.Query;
import io.qdse.search.Search;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The seed question on one network and device ({@code qdse fpga pareto}, issue 12 §7): resources against the accuracy
 * proxy for every candidate format used uniformly and for the mixed per-layer assignments of the Pareto front, all at
 * one throughput target on one part.
 *
 * <ul>
 *   <li>Uniform: every layer in format f, each layer's fold chosen by the integer program to minimise the resource
 *       metric under the device budget ({@link DataflowSearch.Problem#uniform}). A format that cannot fit is still
 *       reported, at its smallest resource total without the device budget, marked as not fitting.</li>
 *   <li>Mixed: the Pareto front of (resource metric, sensitivity) over every per-layer (format, fold) assignment
 *       under the device budget — the complete front by the search's ε-constraint method ({@link Pareto#front}), or,
 *       with {@code points > 0}, that many points of it: its two ends, and between them the least resource (then the
 *       least sensitivity) under sensitivity ≤ ε for ε spread evenly in log scale between the ends' sensitivities
 *       (each point is on the front; the front may have more).</li>
 *   <li>The Pareto set: the points (uniform or mixed) no other point dominates in (resource, sensitivity).</li>
 * </ul>
 */
public final class DataflowPareto {
    private DataflowPareto() {
    }

    /**
     * One design on the chart.
     *
     * @param label     the format (uniform) or "mixed" with its format counts
     * @param uniform   every layer in one format
     * @param design    the design
     * @param resource  its total of the resource metric
     * @param fits      whether it meets the device budget (uniform designs may not)
     * @param pareto    whether no other point dominates it
     * @param misfit    for a uniform design that does not fit: per device budget it breaks, the smallest total any
     *                  folding of that format reaches (the format search's diagnosis); empty when it fits
     * @param least     the least total of the resource metric the design's format reaches with the device budget
     *                  aside (uniform designs: what the format itself costs at the target; mixed: {@link #resource})
     */
    public record Point(String label, boolean uniform, DataflowSearch.Design design, double resource, boolean fits,
                        boolean pareto, List<SearchResult.Diagnosis> misfit, double least) {
        public Point {
            misfit = List.copyOf(misfit);
        }

        /** @return the design's summed sensitivity */
        public double sensitivity() {
            return design.sensitivity();
        }
    }

    /**
     * @param problem   the problem
     * @param resource  the resource metric traded against sensitivity ({@code luts}, ..., {@code resource_fraction})
     * @param budgets   the budgets held (device ceiling and the user's)
     * @param uniform   one point per candidate format, in candidate order
     * @param mixed     the mixed front, by increasing resource
     * @param complete  whether {@link #mixed} is the complete front (false when sampled)
     * @param proven    whether every solve was proven optimal
     * @param solves    solver calls
     * @param millis    wall time
     */
    public record Result(DataflowSearch.Problem problem, String resource, List<Budget> budgets, List<Point> uniform,
                         List<Point> mixed, boolean complete, boolean proven, int solves, long millis) {
        public Result {
            budgets = List.copyOf(budgets);
            uniform = List.copyOf(uniform);
            mixed = List.copyOf(mixed);
        }
    }

    /**
     * @param resource a resource metric of {@link DataflowSearch#METRICS} (not sensitivity)
     * @param budgets  budgets to hold (the device ceiling and any of the user's)
     * @param points   0 for the complete front; else how many points of it, spread evenly in log(sensitivity)
     */
    public static Result run(DataflowSearch.Problem p, String resource, List<Budget> budgets, SolverOptions o,
                             int points) {
        if (!p.reachable()) {
            throw new IllegalStateException("the throughput target cannot be met");
        }
        if (!DataflowSearch.METRICS.contains(resource) || resource.equals("sensitivity")) {
            throw new InvalidInputException("--resource", resource, "one of luts, ffs, dsps, brams, "
                    + "resource_fraction");
        }
        if (points < 0 || points == 1) {
            throw new InvalidInputException("--points", points, "0 (the complete front) or at least 2");
        }
        long t0 = System.nanoTime();
        int[] solves = {0};
        boolean proven = true;
        SearchProblem sp = p.problem();
        int rm = sp.metric(resource, "--resource");
        List<Point> uniform = new ArrayList<>();
        for (int f = 0; f < p.formats().size(); f++) {
            SearchProblem u = p.uniform(f);
            Query q = new Query(List.of(resource, "sensitivity"), budgets, List.of());
            SearchResult r = Search.solve(u, q, o);
            solves[0] += r.solves();
            boolean fits = r.hasAssignment();
            List<SearchResult.Diagnosis> misfit = r.diagnosis();
            SearchResult free = Search.solve(u, new Query(List.of(resource, "sensitivity"), List.of(), List.of()), o);
            solves[0] += free.solves();
            if (!fits) {
                r = free;
            }
            proven &= r.status() == Status.OPTIMAL;
            if (!r.hasAssignment()) {
                // without budgets a reachable target always has a design: only the time limit stops the solve here
                throw new io.qdse.search.NoSolutionException("no uniform " + p.formats().get(f).name() + " design "
                        + "found within the time limit (--time-limit " + String.format(java.util.Locale.ROOT, "%.4g",
                        o.timeLimitSeconds()) + " s per solve, "
                        + o.backend().key() + ", " + r.status() + "), and none proven impossible. Raise "
                        + "--time-limit.");
            }
            uniform.add(new Point(p.formats().get(f).name(), true, p.decode(r.assignment()), r.totals()[rm], fits,
                    false, fits ? List.of() : misfit, free.totals()[rm]));
        }
        List<Point> mixed = new ArrayList<>();
        boolean complete = points == 0;
        if (complete) {
            Pareto.Front front = Pareto.front(sp, List.of(resource, "sensitivity"), budgets, o);
            solves[0] += front.solves();
            proven &= front.proven();
            for (Pareto.Point pt : front.points()) {
                mixed.add(mixedPoint(p, pt, rm));
            }
        } else {
            List<Pareto.Point> found = new ArrayList<>();
            List<String> lex = List.of(resource, "sensitivity");
            SearchResult lo = Search.solve(sp, new Query(lex, budgets, List.of()), o);
            SearchResult hi = Search.solve(sp, new Query(List.of("sensitivity", resource), budgets, List.of()), o);
            solves[0] += lo.solves() + hi.solves();
            if (lo.hasAssignment() && hi.hasAssignment()) {
                proven &= lo.status() == Status.OPTIMAL && hi.status() == Status.OPTIMAL;
                found.add(new Pareto.Point(lo.assignment(), lo.totals()));
                found.add(new Pareto.Point(hi.assignment(), hi.totals()));
                // sensitivity budgets spread evenly in log scale between the two ends (the chart's y axis)
                double a = hi.totals()[0];
                double b = lo.totals()[0];
                for (int k = 1; k < points - 1; k++) {
                    double eps = a > 0 ? a * Math.pow(b / a, (double) k / (points - 1)) : a + (b - a) * k / (points
                            - 1);
                    List<Budget> bs = new ArrayList<>(budgets);
                    bs.add(new Budget("sensitivity", eps));
                    SearchResult r = Search.solve(sp, new Query(lex, bs, List.of()), o);
                    solves[0] += r.solves();
                    proven &= r.status() == Status.OPTIMAL;
                    if (r.hasAssignment()) {
                        found.add(new Pareto.Point(r.assignment(), r.totals()));
                    }
                }
            }
            for (Pareto.Point pt : Pareto.nonDominated(sp, List.of(resource, "sensitivity"), found)) {
                mixed.add(mixedPoint(p, pt, rm));
            }
            mixed.sort(Comparator.comparingDouble(Point::resource));
        }
        // the Pareto set over uniform and mixed points (the front already holds every non-dominated mixed vector)
        List<Point> all = new ArrayList<>(uniform);
        all.addAll(mixed);
        List<Point> u2 = new ArrayList<>();
        for (Point pt : uniform) {
            u2.add(withPareto(pt, pt.fits() && !dominated(pt, all)));
        }
        List<Point> m2 = new ArrayList<>();
        for (Point pt : mixed) {
            m2.add(withPareto(pt, !dominated(pt, all)));
        }
        return new Result(p, resource, budgets, u2, m2, complete, proven, solves[0],
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static Point mixedPoint(DataflowSearch.Problem p, Pareto.Point pt, int rm) {
        DataflowSearch.Design d = p.decode(pt.assignment());
        return new Point(mixLabel(d, p), false, d, pt.totals()[rm], true, false, List.of(), pt.totals()[rm]);
    }

    private static Point withPareto(Point p, boolean pareto) {
        return new Point(p.label(), p.uniform(), p.design(), p.resource(), p.fits(), pareto, p.misfit(), p.least());
    }

    /** @return whether a fitting point other than {@code p} is no worse in both and better in one */
    private static boolean dominated(Point p, List<Point> all) {
        for (Point q : all) {
            if (q == p || !q.fits()) {
                continue;
            }
            boolean le = q.resource() <= p.resource() && q.sensitivity() <= p.sensitivity();
            boolean lt = q.resource() < p.resource() || q.sensitivity() < p.sensitivity();
            if (le && lt) {
                return true;
            }
        }
        return false;
    }

    /** @return "mixed: 12 int4, 3 int8" (formats by count, then candidate order) */
    static String mixLabel(DataflowSearch.Design d, DataflowSearch.Problem p) {
        int[] n = new int[p.formats().size()];
        for (DataflowSearch.Choice c : d.layers()) {
            n[p.formats().indexOf(c.format())]++;
        }
        List<Integer> order = new ArrayList<>();
        for (int f = 0; f < n.length; f++) {
            if (n[f] > 0) {
                order.add(f);
            }
        }
        order.sort(Comparator.comparingInt((Integer f) -> -n[f]).thenComparingInt(f -> f));
        StringBuilder sb = new StringBuilder();
        for (int f : order) {
            sb.append(sb.length() == 0 ? "" : ", ").append(n[f]).append(' ').append(p.formats().get(f).name());
        }
        return sb.toString();
    }
}
