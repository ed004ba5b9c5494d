package io.qdse.search.internal;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import io.qdse.search.Assignment;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Query;
import io.qdse.search.SearchProblem;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same integer program on OR-Tools' MPSolver with SCIP, in double arithmetic: each metric row is divided
 * by its largest possible total so coefficients are O(1); the relative MIP gap is 0. Budgets are then re-checked
 * exactly by the caller (a solution the solver accepted within its feasibility tolerance but that breaks a budget in
 * exact arithmetic is cut off and the problem re-solved).
 */
public final class MipEngine {
    /** Margin for strict bounds and for holding earlier objectives, relative to a metric's largest total. */
    private static final double EPS = 1e-9;

    private MipEngine() {
    }

    public static Outcome solve(SearchProblem p, Query q, SolverOptions o, List<Assignment> cuts, Backend which) {
        Natives.load();
        MPSolver solver = MPSolver.createSolver("SCIP");
        if (solver == null) {
            throw new IllegalStateException("OR-Tools was built without " + which.key());
        }
        try {
            solver.suppressOutput();

            boolean needSupport = false;
            for (Budget b : q.budgets()) {
                needSupport |= p.hasUnitCost(p.metric(b.metric(), "budget"));
            }
            for (String m : q.objectives()) {
                needSupport |= p.hasUnitCost(p.metric(m, "objective"));
            }
            for (Query.Strict st : q.strict()) {
                needSupport |= p.hasUnitCost(p.metric(st.metric(), "bound"));
            }
            Formulation form = new Formulation(p, needSupport);
            MPVariable[] v = new MPVariable[form.variables()];
            for (int i = 0; i < v.length; i++) {
                v[i] = solver.makeBoolVar(form.name(i));
            }
            double inf = MPSolver.infinity();
            for (Formulation.Row r : form.rows()) {
                MPConstraint c = solver.makeConstraint(r.lo() == Long.MIN_VALUE ? -inf : r.lo(),
                        r.hi() == Long.MAX_VALUE ? inf : r.hi());
                for (int i = 0; i < r.vars().length; i++) {
                    c.setCoefficient(v[r.vars()[i]], r.coefs()[i]);
                }
            }
            // one row per metric with the tightest of its budgets and strict bounds: SCIP 9's presolve was seen to
            // cut off feasible points when given parallel rows on the same metric (a budget and a strict bound)
            Map<Integer, Double> rhs = new java.util.TreeMap<>();
            for (Budget b : q.budgets()) {
                int m = p.metric(b.metric(), "budget");
                rhs.merge(m, b.max() / norm(p, m), Math::min);
            }
            for (Query.Strict st : q.strict()) {
                int m = p.metric(st.metric(), "bound");
                double ref = io.qdse.search.Evaluator.totals(p, st.reference())[m];
                // an integer metric (cycles, bits) is strictly below ref when at most ref - 1: half a unit of margin
                // keeps the reference itself out even within SCIP's feasibility tolerance (1e-9 relative did not:
                // SCIP took the reference, the exact re-check cut it off, and the re-solve missed a front point)
                rhs.merge(m, ScaledMetric.chooseScale(p, m) == 1 ? (ref - 0.5) / norm(p, m) : ref / norm(p, m) - EPS,
                        Math::min);
            }
            Map<Integer, MPConstraint> metricRows = new java.util.HashMap<>();
            for (Map.Entry<Integer, Double> e : rhs.entrySet()) {
                metricRows.put(e.getKey(), row(solver, v, form, p, e.getKey(), norm(p, e.getKey()), e.getValue()));
            }
            for (Assignment c : cuts) {
                MPConstraint row = solver.makeConstraint(-inf, p.layerCount() - 1);
                for (int var : form.chosen(c)) {
                    row.setCoefficient(v[var], 1);
                }
            }
            MPSolverParameters params = new MPSolverParameters();
            params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
            params.setIntegerParam(MPSolverParameters.IntegerParam.INCREMENTALITY,
                    MPSolverParameters.IncrementalityValues.INCREMENTALITY_OFF.swigValue());
            solver.setTimeLimit((long) Math.ceil(o.timeLimitSeconds() * 1000));
            solver.setNumThreads(1); // deterministic; SCIP's concurrent mode was slower on these models
            Map<String, String> stats = new LinkedHashMap<>();
            stats.put("variables", Integer.toString(form.variables()));
            Assignment best = null;
            Status status = Status.UNKNOWN;
            double bound = Double.NaN;
            long nodes = 0;
            long iterations = 0;
            for (int stage = 0; stage < q.objectives().size(); stage++) {
                int m = p.metric(q.objectives().get(stage), "objective");
                double norm = norm(p, m);
                MPObjective obj = solver.objective();
                obj.clear();
                double constant = fill(v, form, p, m, norm, obj::setCoefficient);
                obj.setOffset(constant);
                obj.setMinimization();
                MPSolver.ResultStatus rs = solver.solve(params);
                stats.put("stage" + stage + "_status", rs.toString());
                nodes += solver.nodes();
                iterations += solver.iterations();
                if (rs == MPSolver.ResultStatus.INFEASIBLE) {
                    status = stage == 0 ? Status.INFEASIBLE : status;
                    break;
                }
                if (rs != MPSolver.ResultStatus.OPTIMAL && rs != MPSolver.ResultStatus.FEASIBLE) {
                    status = stage == 0 ? Status.UNKNOWN : Status.FEASIBLE;
                    break;
                }
                best = form.decode(i -> v[i].solutionValue() > 0.5);
                if (stage == 0) {
                    bound = obj.bestBound() * norm;
                }
                if (rs != MPSolver.ResultStatus.OPTIMAL) {
                    status = Status.FEASIBLE;
                    break;
                }
                status = Status.OPTIMAL;
                if (stage + 1 < q.objectives().size()) {
                    // hold this objective at its optimum: tighten its existing row, or add one
                    double val = io.qdse.search.Evaluator.totals(p, best)[m] / norm + EPS;
                    MPConstraint existing = metricRows.get(m);
                    if (existing != null) {
                        double constant2 = fill(v, form, p, m, norm, null, new double[v.length]);
                        existing.setUb(Math.min(existing.ub(), val - constant2));
                    } else {
                        metricRows.put(m, row(solver, v, form, p, m, norm, val));
                    }
                }
            }
            stats.put("nodes", Long.toString(nodes));
            stats.put("simplex_iterations", Long.toString(iterations));
            stats.put("solver_wall_ms", Long.toString(solver.wallTime()));
            return new Outcome(status, status == Status.OPTIMAL || status == Status.FEASIBLE ? best : null, bound,
                    0, stats);
        } finally {
            solver.delete();
        }
    }

    private interface CoefSink {
        void set(MPVariable var, double coef);
    }

    /** Adds Σ terms / norm ≤ max. */
    private static MPConstraint row(MPSolver solver, MPVariable[] v, Formulation form, SearchProblem p, int m, double norm,
                            double max) {
        double[] acc = new double[v.length];
        double constant = fill(v, form, p, m, norm, null, acc);
        MPConstraint c = solver.makeConstraint(-MPSolver.infinity(), max - constant);
        for (int i = 0; i < acc.length; i++) {
            if (acc[i] != 0) {
                c.setCoefficient(v[i], acc[i]);
            }
        }
        return c;
    }

    private static double fill(MPVariable[] v, Formulation form, SearchProblem p, int m, double norm, CoefSink sink) {
        double[] acc = new double[v.length];
        double constant = fill(v, form, p, m, norm, null, acc);
        for (int i = 0; i < acc.length; i++) {
            sink.set(v[i], acc[i]);
        }
        return constant;
    }

    private static double fill(MPVariable[] v, Formulation form, SearchProblem p, int m, double norm, Object unused,
                               double[] acc) {
        double[] constant = new double[1];
        form.terms(m, new Formulation.TermSink() {
            @Override
            public void layer(int var, int l, int f, int h) {
                acc[var] += p.cost(l, f, h, m) / norm;
            }

            @Override
            public void hw(int var, int h) {
                if (var < 0) {
                    constant[0] += p.hwCost(h, m) / norm;
                } else {
                    acc[var] += p.hwCost(h, m) / norm;
                }
            }

            @Override
            public void unit(int var, int f, int h) {
                acc[var] += p.unitCost(f, h, m) / norm;
            }
        });
        return constant[0];
    }

    private static double norm(SearchProblem p, int m) {
        double n = ScaledMetric.maxTotal(p, m);
        return n > 0 ? n : 1;
    }
}
