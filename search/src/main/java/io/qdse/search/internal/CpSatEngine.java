package io.qdse.search.internal;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import io.qdse.search.Assignment;
import io.qdse.search.Budget;
import io.qdse.search.Query;
import io.qdse.search.SearchProblem;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The integer program on OR-Tools CP-SAT. Metric costs are scaled to integers by {@link ScaledMetric}; objectives
 * are minimised lexicographically, one CP-SAT solve per objective, each later stage keeping the earlier optima.
 */
public final class CpSatEngine {
    private CpSatEngine() {
    }

    public static Outcome solve(SearchProblem p, Query q, SolverOptions o, List<Assignment> cuts, Assignment hint) {
        Natives.load();
        boolean needSupport = false;
        for (String m : metricsUsed(q)) {
            needSupport |= p.hasUnitCost(p.metric(m, "metric"));
        }
        Formulation form = new Formulation(p, needSupport);
        CpModel model = new CpModel();
        BoolVar[] v = new BoolVar[form.variables()];
        for (int i = 0; i < v.length; i++) {
            v[i] = model.newBoolVar(form.name(i));
        }
        for (Formulation.Row r : form.rows()) {
            LinearExprBuilder e = LinearExpr.newBuilder();
            for (int i = 0; i < r.vars().length; i++) {
                e.addTerm(v[r.vars()[i]], r.coefs()[i]);
            }
            if (r.lo() == Long.MIN_VALUE) {
                model.addLessOrEqual(e, r.hi()); // CP-SAT reads an int64-min bound as a domain limit, not -infinity
            } else {
                model.addLinearConstraint(e, r.lo(), r.hi());
            }
        }
        for (Budget b : q.budgets()) {
            int m = p.metric(b.metric(), "budget");
            ScaledMetric sm = ScaledMetric.of(p, m, ScaledMetric.chooseScale(p, m), true);
            addBound(model, v, form, m, sm, sm.budgetBound(b.max()));
        }
        for (Query.Strict st : q.strict()) {
            int m = p.metric(st.metric(), "bound");
            ScaledMetric sm = ScaledMetric.of(p, m, ScaledMetric.chooseScale(p, m), false);
            addBound(model, v, form, m, sm, sm.total(st.reference()) - 1);
        }
        for (Assignment c : cuts) {
            LinearExprBuilder e = LinearExpr.newBuilder();
            for (int var : form.chosen(c)) {
                e.addTerm(v[var], 1);
            }
            model.addLessOrEqual(e, p.layerCount() - 1L);
        }
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("variables", Integer.toString(form.variables()));
        stats.put("structural_rows", Integer.toString(form.rows().size()));
        Assignment best = hint;
        double bound = Double.NaN;
        double certified = 0;
        Status status = Status.UNKNOWN;
        long branches = 0;
        long conflicts = 0;
        double wall = 0;
        for (int stage = 0; stage < q.objectives().size(); stage++) {
            int m = p.metric(q.objectives().get(stage), "objective");
            ScaledMetric sm = ScaledMetric.of(p, m, ScaledMetric.chooseScale(p, m), false);
            long[] constant = new long[1];
            LinearExprBuilder obj = expression(v, form, m, sm, constant);
            model.minimize(obj);
            model.clearHints();
            if (best != null) {
                hint(model, v, form, best);
            }
            CpSolver solver = solver(o, true);
            CpSolverStatus st = solver.solve(model);
            if (st == CpSolverStatus.INFEASIBLE) {
                // a second opinion without presolve before calling a problem infeasible (see solver())
                CpSolver check = solver(o, false);
                CpSolverStatus st2 = check.solve(model);
                stats.put("infeasible_rechecked_without_presolve", st2.toString());
                if (st2 == CpSolverStatus.OPTIMAL || st2 == CpSolverStatus.FEASIBLE) {
                    solver = check;
                    st = st2;
                }
            }
            CpSolver done = solver;
            branches += solver.numBranches();
            conflicts += solver.numConflicts();
            wall += solver.wallTime();
            if (st == CpSolverStatus.MODEL_INVALID) {
                throw new IllegalStateException("CP-SAT rejected the model: " + model.validate());
            }
            if (st == CpSolverStatus.INFEASIBLE) {
                status = stage == 0 ? Status.INFEASIBLE : status;
                break;
            }
            if (st != CpSolverStatus.OPTIMAL && st != CpSolverStatus.FEASIBLE) {
                status = stage == 0 ? Status.UNKNOWN : Status.FEASIBLE;
                break;
            }
            best = form.decode(i -> done.booleanValue(v[i]));
            if (stage == 0) {
                certified = sm.certifiedError();
                double b = solver.bestObjectiveBound() + constant[0];
                bound = (b - (sm.exact ? 0 : sm.terms / 2.0)) / sm.scale;
                stats.put("objective_scale", String.format(Locale.ROOT, "%.6g", sm.scale));
                stats.put("objective_scaling_exact", Boolean.toString(sm.exact));
            }
            if (st != CpSolverStatus.OPTIMAL) {
                status = Status.FEASIBLE;
                break;
            }
            status = Status.OPTIMAL;
            if (stage + 1 < q.objectives().size()) {
                // keep this objective at its optimum while optimising the next
                addBound(model, v, form, m, sm, sm.total(best));
            }
        }
        stats.put("branches", Long.toString(branches));
        stats.put("conflicts", Long.toString(conflicts));
        stats.put("solver_wall_s", String.format(Locale.ROOT, "%.3f", wall));
        stats.put("workers", Integer.toString(o.threads()));
        return new Outcome(status, status == Status.OPTIMAL || status == Status.FEASIBLE ? best : null, bound,
                certified, stats);
    }

    /**
     * CP-SAT parameters. {@code presolve_inclusion_work_limit = 0} switches off the inclusion-detection presolve
     * (ProcessAtMostOneAndLinear), which in OR-Tools 9.15 certifies wrong optima and wrong infeasibility on
     * exactly-one + linear models like this one (google/or-tools#5293; we reproduced both on our random instances
     * with scaled costs above ~1e9, and both vanish with this setting).
     */
    private static CpSolver solver(SolverOptions o, boolean presolve) {
        CpSolver solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(o.timeLimitSeconds()).setNumWorkers(o.threads())
                .setRandomSeed(o.seed()).setInterleaveSearch(o.threads() > 1).setLogSearchProgress(false)
                .setPresolveInclusionWorkLimit(0).setCpModelPresolve(presolve);
        return solver;
    }

    private static java.util.Set<String> metricsUsed(Query q) {
        java.util.Set<String> s = new java.util.LinkedHashSet<>(q.objectives());
        for (Budget b : q.budgets()) {
            s.add(b.metric());
        }
        for (Query.Strict st : q.strict()) {
            s.add(st.metric());
        }
        return s;
    }

    private static LinearExprBuilder expression(BoolVar[] v, Formulation form, int m, ScaledMetric sm,
                                                long[] constant) {
        LinearExprBuilder e = LinearExpr.newBuilder();
        form.terms(m, new Formulation.TermSink() {
            @Override
            public void layer(int var, int l, int f, int h) {
                long c = sm.layer[l][f][h];
                if (c != 0) {
                    e.addTerm(v[var], c);
                }
            }

            @Override
            public void hw(int var, int h) {
                long c = sm.hw[h];
                if (var < 0) {
                    constant[0] += c;
                } else if (c != 0) {
                    e.addTerm(v[var], c);
                }
            }

            @Override
            public void unit(int var, int f, int h) {
                long c = sm.unit[f][h];
                if (c != 0) {
                    e.addTerm(v[var], c);
                }
            }
        });
        return e;
    }

    private static void addBound(CpModel model, BoolVar[] v, Formulation form, int m, ScaledMetric sm, long max) {
        long[] constant = new long[1];
        LinearExprBuilder e = expression(v, form, m, sm, constant);
        model.addLessOrEqual(e, max - constant[0]);
    }

    private static void hint(CpModel model, BoolVar[] v, Formulation form, Assignment a) {
        boolean[] on = new boolean[v.length];
        for (int var : form.chosen(a)) {
            on[var] = true;
        }
        if (form.hardwareVar(0) >= 0) {
            on[form.hardwareVar(a.hardware())] = true;
        }
        boolean[] used = a.used(form.nf);
        for (int f = 0; f < used.length; f++) {
            if (used[f] && form.support(f) >= 0) {
                on[form.support(f)] = true;
                if (form.pair(f, a.hardware()) >= 0) {
                    on[form.pair(f, a.hardware())] = true;
                }
            }
        }
        for (int i = 0; i < v.length; i++) {
            model.addHint(v[i], on[i]);
        }
    }
}
