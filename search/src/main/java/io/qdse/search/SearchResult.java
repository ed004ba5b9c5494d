package io.qdse.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link Query}.
 *
 * @param status          OPTIMAL / FEASIBLE / INFEASIBLE / UNKNOWN
 * @param backend         the solver that produced it
 * @param query           what was asked
 * @param assignment      the chosen formats and hardware (null unless OPTIMAL or FEASIBLE)
 * @param totals          every metric's total for the assignment, from exact arithmetic (empty without one)
 * @param bound           the solver's proven lower bound on the first objective (NaN when none)
 * @param certifiedError  how far the objective can be from the true optimum because the integer model rounds
 *                        non-integer costs (0 when every scaled cost is an integer; in the objective's unit)
 * @param diagnosis       for INFEASIBLE: which budgets cannot be met and the smallest totals that could be
 * @param millis          wall time of all solver calls
 * @param solves          solver calls made (re-solves after an exact re-check rejected an answer included)
 * @param stats           the solver's own statistics
 */
public record SearchResult(Status status, Backend backend, Query query, Assignment assignment, double[] totals,
                           double bound, double certifiedError, List<Diagnosis> diagnosis, long millis, int solves,
                           Map<String, String> stats) {

    /**
     * Why a budget cannot be met.
     *
     * @param metric      the budget's metric
     * @param limit       its maximum
     * @param smallest    the smallest total any assignment reaches (NaN when none is feasible even so)
     * @param withOthers  true: {@code smallest} keeps every other budget; false: it ignores the other budgets
     */
    public record Diagnosis(String metric, double limit, double smallest, boolean withOthers) {
    }

    public boolean hasAssignment() {
        return assignment != null;
    }

    /** @return the first objective's total (NaN without an assignment) */
    public double objective(SearchProblem p) {
        return assignment == null ? Double.NaN : totals[p.metric(query.objective(), "objective")];
    }

    /** @return relative gap between the objective and the bound (0 when proven optimal) */
    public double gap(SearchProblem p) {
        double o = objective(p);
        if (status == Status.OPTIMAL) {
            return 0;
        }
        if (Double.isNaN(o) || Double.isNaN(bound)) {
            return Double.NaN;
        }
        return Math.abs(o - bound) / Math.max(Math.abs(o), 1e-300);
    }
}
