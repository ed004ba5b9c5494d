package io.qdse.search;

import io.qdse.hwmodels.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto fronts by the ε-constraint method, returning only non-dominated points.
 *
 * <p>Two objectives (f1, f2): minimise f1 then f2 lexicographically; require f2 strictly below the point just found;
 * repeat until infeasible. Every point found is non-dominated, and every non-dominated objective vector is found
 * (standard result for lexicographic ε-constraint). Three objectives: the two-objective front of (f1, f2) under
 * "f3 strictly below a reference", points tie-broken lexicographically on f3; the next reference is the found point
 * with the largest f3, until no point remains. A point q missed in one round is dominated in (f1, f2) by a point with
 * larger f3, so the rounds keep f3(q) eligible until q is found. A final exact filter removes dominated and repeated
 * vectors (one assignment per objective vector).
 */
public final class Pareto {
    private Pareto() {
    }


    /**
     * @param point  an assignment on the front and its metric totals
     */
    public record Point(Assignment assignment, double[] totals) {
    }

    /**
     * @param objectives the metrics traded off
     * @param points     non-dominated points, sorted by the first objective
     * @param proven     whether every solve was proven optimal (otherwise the front may be approximate)
     * @param solves     solver calls
     * @param millis     wall time
     */
    public record Front(List<String> objectives, List<Point> points, boolean proven, int solves, long millis) {
    }

    public static Front front(SearchProblem p, List<String> objectives, List<Budget> budgets, SolverOptions o) {
        return front(p, objectives, budgets, o, pt -> { });
    }

    /**
     * {@link #front(SearchProblem, List, List, SolverOptions)}, telling {@code progress} of every point as it is found
     * (before the final filter), so a long front can show progress.
     */
    public static Front front(SearchProblem p, List<String> objectives, List<Budget> budgets, SolverOptions o,
                              java.util.function.Consumer<Point> progress) {
        if (objectives.size() < 2 || objectives.size() > 3) {
            throw new InvalidInputException("--pareto", String.join(",", objectives), "two or three metrics");
        }
        for (String m : objectives) {
            p.metric(m, "--pareto");
        }
        if (o.backend() == Backend.GREEDY) {
            throw new InvalidInputException("--solver", "greedy", "cpsat, scip or exhaustive for a Pareto front");
        }
        long t0 = System.nanoTime();
        int[] solves = new int[1];
        boolean[] proven = {true};
        List<Point> found = new ArrayList<>();
        if (objectives.size() == 2) {
            found.addAll(front2(p, objectives, budgets, null, o, solves, proven, progress));
        } else {
            Assignment ref3 = null;
            while (true) {
                List<Point> round = front2(p, objectives, budgets, ref3, o, solves, proven, progress);
                if (round.isEmpty()) {
                    break;
                }
                found.addAll(round);
                int m3 = p.metric(objectives.get(2), "--pareto");
                Point maxF3 = round.stream().max(Comparator.comparingDouble(pt -> pt.totals()[m3])).get();
                ref3 = maxF3.assignment();
            }
        }
        List<Point> nd = nonDominated(p, objectives, found);
        int m1 = p.metric(objectives.get(0), "--pareto");
        nd.sort(Comparator.comparingDouble((Point pt) -> pt.totals()[m1]));
        return new Front(List.copyOf(objectives), List.copyOf(nd), proven[0], solves[0],
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static List<Point> front2(SearchProblem p, List<String> objectives, List<Budget> budgets, Assignment ref3,
                                      SolverOptions o, int[] solves, boolean[] proven,
                                      java.util.function.Consumer<Point> progress) {
        List<Point> out = new ArrayList<>();
        List<Query.Strict> base = new ArrayList<>();
        if (ref3 != null) {
            base.add(new Query.Strict(objectives.get(2), ref3));
        }
        Assignment prev = null;
        while (true) {
            List<Query.Strict> strict = new ArrayList<>(base);
            if (prev != null) {
                strict.add(new Query.Strict(objectives.get(1), prev));
            }
            SearchResult r = Search.solve(p, new Query(objectives, budgets, strict), o, false);
            solves[0] += r.solves();
            if (!r.hasAssignment()) {
                if (r.status() == Status.UNKNOWN) {
                    proven[0] = false;
                }
                return out;
            }
            if (r.status() != Status.OPTIMAL) {
                proven[0] = false;
            }
            out.add(new Point(r.assignment(), r.totals()));
            progress.accept(out.get(out.size() - 1));
            prev = r.assignment();
        }
    }

    /** @return the points whose objective vectors no other point dominates, one per distinct vector */
    public static List<Point> nonDominated(SearchProblem p, List<String> objectives, List<Point> points) {
        int[] ms = objectives.stream().mapToInt(m -> p.metric(m, "objective")).toArray();
        List<BigDecimal[]> vec = new ArrayList<>();
        for (Point pt : points) {
            BigDecimal[] t = Evaluator.exactTotals(p, pt.assignment());
            BigDecimal[] v = new BigDecimal[ms.length];
            for (int i = 0; i < ms.length; i++) {
                v[i] = t[ms[i]];
            }
            vec.add(v);
        }
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            boolean keep = true;
            for (int j = 0; j < points.size() && keep; j++) {
                if (i == j) {
                    continue;
                }
                int c = compare(vec.get(j), vec.get(i));
                if (c == 1 || (c == 0 && j < i)) {
                    keep = false; // j dominates i, or i repeats an earlier vector
                }
            }
            if (keep) {
                out.add(points.get(i));
            }
        }
        return out;
    }

    /** @return 1 if a dominates b, 0 if equal, -1 otherwise */
    static int compare(BigDecimal[] a, BigDecimal[] b) {
        boolean le = true;
        boolean lt = false;
        for (int i = 0; i < a.length; i++) {
            int c = a[i].compareTo(b[i]);
            le &= c <= 0;
            lt |= c < 0;
        }
        if (le && lt) {
            return 1;
        }
        return le ? 0 : -1;
    }
}
