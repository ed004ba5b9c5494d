package io.qdse.search.internal;

import io.qdse.search.Assignment;
import io.qdse.search.Budget;
import io.qdse.search.Evaluator;
import io.qdse.search.Query;
import io.qdse.search.SearchProblem;
import io.qdse.search.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline heuristic: for each hardware option, start every unit (layer or tie group) at its best format for
 * the objective, then, while a budget is broken, make the move (one unit to another format) that costs the least
 * objective per unit of budget violation removed ("sensitivity per cost", as in HAQ/HAWQ-style greedy bit
 * allocation); once feasible, take objective-improving moves that stay feasible until none is left. No optimality
 * claim: its status is FEASIBLE, and it can fail on tight budgets that the integer program meets.
 */
public final class GreedyEngine {
    private GreedyEngine() {
    }

    public static Outcome solve(SearchProblem p, Query q) {
        Units u = new Units(p);
        int obj = p.metric(q.objective(), "objective");
        if (u.combinations(1) == 0) {
            return new Outcome(Status.INFEASIBLE, null, Double.NaN, 0, Map.of("reason", "ties and pins conflict"));
        }
        List<Budget> budgets = new ArrayList<>(q.budgets());
        for (Query.Strict s : q.strict()) {
            double ref = Evaluator.totals(p, s.reference())[p.metric(s.metric(), "bound")];
            budgets.add(new Budget(s.metric(), Math.nextDown(ref)));
        }
        int[] bm = budgets.stream().mapToInt(b -> p.metric(b.metric(), "budget")).toArray();
        double[] bmax = budgets.stream().mapToDouble(Budget::max).toArray();
        Assignment best = null;
        double bestObj = Double.POSITIVE_INFINITY;
        long moves = 0;
        for (int h = 0; h < p.hardwareCount(); h++) {
            State st = new State(p, u, h);
            for (int k = 0; k < u.count(); k++) {
                int bestC = 0;
                double bestV = Double.POSITIVE_INFINITY;
                for (int c = 0; c < u.candidates[k].length; c++) {
                    double v = 0;
                    for (int l : u.members[k]) {
                        v += p.cost(l, u.candidates[k][c], h, obj);
                    }
                    if (v < bestV) {
                        bestV = v;
                        bestC = c;
                    }
                }
                st.choice[k] = bestC;
            }
            st.recompute();
            // phase 1: repair budgets
            while (violation(st.totals, bm, bmax) > 0) {
                double viol = violation(st.totals, bm, bmax);
                int mk = -1;
                int mc = -1;
                double bestScore = Double.POSITIVE_INFINITY;
                for (int k = 0; k < u.count(); k++) {
                    for (int c = 0; c < u.candidates[k].length; c++) {
                        if (c == st.choice[k]) {
                            continue;
                        }
                        double[] t = st.after(k, c);
                        double reduction = viol - violation(t, bm, bmax);
                        if (reduction <= 0) {
                            continue;
                        }
                        double dObj = t[obj] - st.totals[obj];
                        double score = dObj / reduction;
                        if (score < bestScore) {
                            bestScore = score;
                            mk = k;
                            mc = c;
                        }
                    }
                }
                if (mk < 0) {
                    break;
                }
                st.move(mk, mc);
                moves++;
            }
            Assignment a = st.assignment();
            if (!Evaluator.meetsBudgets(p, a, budgets)) {
                continue;
            }
            // phase 2: improve the objective while staying feasible
            Set<Long> rejected = new HashSet<>();
            for (int iter = 0; iter < 4 * p.layerCount() * p.formatCount() + 16; iter++) {
                int mk = -1;
                int mc = -1;
                double bestD = 0;
                for (int k = 0; k < u.count(); k++) {
                    for (int c = 0; c < u.candidates[k].length; c++) {
                        if (c == st.choice[k] || rejected.contains(((long) k << 32) | c)) {
                            continue;
                        }
                        double[] t = st.after(k, c);
                        double d = t[obj] - st.totals[obj];
                        if (d < bestD && violation(t, bm, bmax) == 0) {
                            bestD = d;
                            mk = k;
                            mc = c;
                        }
                    }
                }
                if (mk < 0) {
                    break;
                }
                int old = st.choice[mk];
                st.move(mk, mc);
                if (!Evaluator.meetsBudgets(p, st.assignment(), budgets)) {
                    st.move(mk, old);
                    rejected.add(((long) mk << 32) | mc);
                } else {
                    moves++;
                    rejected.clear();
                }
            }
            a = st.assignment();
            double o = Evaluator.totals(p, a)[obj];
            if (o < bestObj) {
                bestObj = o;
                best = a;
            }
        }
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("moves", Long.toString(moves));
        return new Outcome(best == null ? Status.UNKNOWN : Status.FEASIBLE, best, Double.NaN, 0, stats);
    }

    private static double violation(double[] t, int[] bm, double[] bmax) {
        double v = 0;
        for (int i = 0; i < bm.length; i++) {
            double excess = t[bm[i]] - bmax[i];
            if (excess > 0) {
                v += excess / Math.max(Math.abs(bmax[i]), 1e-300);
            }
        }
        return v;
    }

    /** Current choice per unit with incrementally kept totals and format use counts. */
    private static final class State {
        final SearchProblem p;
        final Units u;
        final int h;
        final int[] choice;
        final double[] totals;
        final int[] useCount;

        State(SearchProblem p, Units u, int h) {
            this.p = p;
            this.u = u;
            this.h = h;
            choice = new int[u.count()];
            totals = new double[p.metricCount()];
            useCount = new int[p.formatCount()];
        }

        void recompute() {
            java.util.Arrays.fill(useCount, 0);
            for (int m = 0; m < totals.length; m++) {
                totals[m] = p.hwCost(h, m);
            }
            for (int k = 0; k < u.count(); k++) {
                int f = u.candidates[k][choice[k]];
                useCount[f] += u.members[k].length;
                for (int l : u.members[k]) {
                    for (int m = 0; m < totals.length; m++) {
                        totals[m] += p.cost(l, f, h, m);
                    }
                }
            }
            for (int f = 0; f < useCount.length; f++) {
                if (useCount[f] > 0) {
                    for (int m = 0; m < totals.length; m++) {
                        totals[m] += p.unitCost(f, h, m);
                    }
                }
            }
        }

        double[] after(int k, int c) {
            int from = u.candidates[k][choice[k]];
            int to = u.candidates[k][c];
            double[] t = totals.clone();
            for (int l : u.members[k]) {
                for (int m = 0; m < t.length; m++) {
                    t[m] += p.cost(l, to, h, m) - p.cost(l, from, h, m);
                }
            }
            int n = u.members[k].length;
            for (int m = 0; m < t.length; m++) {
                if (useCount[from] == n) {
                    t[m] -= p.unitCost(from, h, m);
                }
                if (useCount[to] == 0) {
                    t[m] += p.unitCost(to, h, m);
                }
            }
            return t;
        }

        void move(int k, int c) {
            double[] t = after(k, c);
            int from = u.candidates[k][choice[k]];
            int to = u.candidates[k][c];
            useCount[from] -= u.members[k].length;
            useCount[to] += u.members[k].length;
            choice[k] = c;
            System.arraycopy(t, 0, totals, 0, t.length);
        }

        Assignment assignment() {
            int[] fmt = new int[p.layerCount()];
            for (int k = 0; k < u.count(); k++) {
                for (int l : u.members[k]) {
                    fmt[l] = u.candidates[k][choice[k]];
                }
            }
            return new Assignment(fmt, h);
        }
    }
}
