package io.qdse.search.internal;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.Assignment;
import io.qdse.search.Query;
import io.qdse.search.SearchProblem;
import io.qdse.search.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enumerates every assignment (tie groups as units, pins and links respected) in exact arithmetic: the oracle the integer
 * program is tested against, and a solver for tiny problems. Ties between equal objective vectors go to the first
 * assignment in enumeration order (hardware option, then units in layer order, formats in index order).
 */
public final class ExhaustiveEngine {
    /** Refuses problems with more assignments than this. */
    public static final long LIMIT = 20_000_000L;

    private ExhaustiveEngine() {
    }

    public static Outcome solve(SearchProblem p, Query q) {
        int[] objs = q.objectives().stream().mapToInt(m -> p.metric(m, "objective")).toArray();
        Assignment[] best = new Assignment[1];
        BigDecimal[][] bestVal = new BigDecimal[1][];
        long[] count = new long[1];
        forEachFeasible(p, q, (a, t) -> {
            count[0]++;
            if (best[0] == null || lexLess(t, bestVal[0], objs)) {
                best[0] = a;
                bestVal[0] = t;
            }
        });
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("feasible_assignments", Long.toString(count[0]));
        if (best[0] == null) {
            return new Outcome(Status.INFEASIBLE, null, Double.NaN, 0, stats);
        }
        return new Outcome(Status.OPTIMAL, best[0], bestVal[0][objs[0]].doubleValue(), 0, stats);
    }

    private static boolean lexLess(BigDecimal[] a, BigDecimal[] b, int[] objs) {
        for (int m : objs) {
            int c = a[m].compareTo(b[m]);
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }

    /** Calls {@code sink} with every assignment meeting the query's budgets and strict bounds, with exact totals. */
    public static void forEachFeasible(SearchProblem p, Query q, java.util.function.BiConsumer<Assignment,
            BigDecimal[]> sink) {
        Units u = new Units(p);
        long n = u.combinations(p.hardwareCount());
        if (n > LIMIT) {
            throw new InvalidInputException("--solver exhaustive", n + " assignments",
                    "at most " + LIMIT + "; use cpsat or scip for a problem this size");
        }
        int nm = p.metricCount();
        int nl = p.layerCount();
        int nf = p.formatCount();
        int nh = p.hardwareCount();
        BigDecimal[][][][] c = new BigDecimal[nl][nf][nh][nm];
        for (int l = 0; l < nl; l++) {
            for (int f = 0; f < nf; f++) {
                if (p.allowed(l, f)) {
                    for (int h = 0; h < nh; h++) {
                        for (int m = 0; m < nm; m++) {
                            c[l][f][h][m] = new BigDecimal(p.cost(l, f, h, m));
                        }
                    }
                }
            }
        }
        int[] budgetMetric = q.budgets().stream().mapToInt(b -> p.metric(b.metric(), "budget")).toArray();
        BigDecimal[] budgetMax = q.budgets().stream().map(b -> new BigDecimal(b.max())).toArray(BigDecimal[]::new);
        int[] strictMetric = q.strict().stream().mapToInt(s -> p.metric(s.metric(), "bound")).toArray();
        BigDecimal[] strictMax = new BigDecimal[strictMetric.length];
        for (int i = 0; i < strictMetric.length; i++) {
            strictMax[i] = io.qdse.search.Evaluator.exactTotals(p, q.strict().get(i).reference())[strictMetric[i]];
        }
        int[] choice = new int[u.count()];
        int[] fmt = new int[nl];
        for (int h = 0; h < nh; h++) {
            java.util.Arrays.fill(choice, 0);
            if (u.combinations(1) == 0) {
                return;
            }
            while (true) {
                for (int k = 0; k < u.count(); k++) {
                    for (int l : u.members[k]) {
                        fmt[l] = u.candidates[k][choice[k]];
                    }
                }
                boolean ok = p.linksMet(fmt);
                Assignment a = ok ? new Assignment(fmt, h) : null;
                BigDecimal[] t = ok ? totals(p, a, c) : null;
                for (int i = 0; i < budgetMetric.length && ok; i++) {
                    ok = t[budgetMetric[i]].compareTo(budgetMax[i]) <= 0;
                }
                for (int i = 0; i < strictMetric.length && ok; i++) {
                    ok = t[strictMetric[i]].compareTo(strictMax[i]) < 0;
                }
                if (ok) {
                    sink.accept(a, t);
                }
                int k = u.count() - 1;
                while (k >= 0 && ++choice[k] == u.candidates[k].length) {
                    choice[k] = 0;
                    k--;
                }
                if (k < 0) {
                    break;
                }
            }
        }
    }

    private static BigDecimal[] totals(SearchProblem p, Assignment a, BigDecimal[][][][] c) {
        int nm = p.metricCount();
        int h = a.hardware();
        BigDecimal[] t = new BigDecimal[nm];
        boolean[] used = a.used(p.formatCount());
        for (int m = 0; m < nm; m++) {
            BigDecimal s = new BigDecimal(p.hwCost(h, m));
            for (int l = 0; l < p.layerCount(); l++) {
                s = s.add(c[l][a.format(l)][h][m]);
            }
            for (int f = 0; f < used.length; f++) {
                if (used[f] && p.unitCost(f, h, m) != 0) {
                    s = s.add(new BigDecimal(p.unitCost(f, h, m)));
                }
            }
            t[m] = s;
        }
        return t;
    }

    /** Every feasible assignment's totals (for brute-force Pareto checks in tests and small problems). */
    public static List<BigDecimal[]> allTotals(SearchProblem p, Query q) {
        List<BigDecimal[]> out = new ArrayList<>();
        forEachFeasible(p, q, (a, t) -> out.add(t));
        return out;
    }
}
