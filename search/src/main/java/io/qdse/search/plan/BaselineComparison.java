package io.qdse.search.plan;

import io.qdse.search.Assignment;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Query;
import io.qdse.search.Search;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What mixed precision buys over a uniform baseline (every layer in one format on one hardware option): the optimum
 * of an objective under budgets — fractions of a metric's range, and "no worse than the baseline" on other metrics —
 * then the optimum and the greedy heuristic under the same budgets plus a cap on one more metric at a multiple of the
 * baseline's total.
 *
 * @param plan           the plan compared on
 * @param baseline       the uniform assignment
 * @param baselineTotals its totals, in problem metric order
 * @param budgets        the budgets of the first optimum, in their metrics' units
 * @param cap            the extra budget of the capped optimum and the greedy run
 * @param optimum        the optimum under {@code budgets}
 * @param capped         the optimum under {@code budgets} and {@code cap}
 * @param greedy         the greedy heuristic under {@code budgets} and {@code cap} (may have no assignment)
 */
public record BaselineComparison(SearchPlan plan, Assignment baseline, double[] baselineTotals, List<Budget> budgets,
                                 Budget cap, SearchResult optimum, SearchResult capped, SearchResult greedy) {
    public BaselineComparison {
        baselineTotals = baselineTotals.clone();
        budgets = List.copyOf(budgets);
    }

    /**
     * @param format        the baseline's format
     * @param hardware      the baseline's hardware option
     * @param objective     the metric minimised
     * @param fractions     {@code metric=r} budgets, r of the way from the all-cheapest to the all-dearest total
     * @param noWorse       metrics whose total may not exceed the baseline's
     * @param capMetric     the metric capped in the second optimum and the greedy run
     * @param capFactor     the cap as a multiple of the baseline's total
     * @param options       the solver of the optima (the greedy run uses {@link Backend#GREEDY})
     */
    public static BaselineComparison run(SearchPlan plan, String format, String hardware, String objective,
                                         List<String> fractions, List<String> noWorse, String capMetric,
                                         double capFactor, SolverOptions options) {
        SearchProblem p = plan.problem();
        Assignment uniform = plan.uniform(format, hardware);
        double[] ut = plan.totals(uniform);
        List<Budget> budgets = new ArrayList<>(plan.budgets(SearchRequest.Goal.minimise(objective, List.of(),
                fractions)));
        for (String m : noWorse) {
            budgets.add(new Budget(m, ut[p.metric(m, "no-worse metric")]));
        }
        String obj = SearchPlanner.metric(objective, p, "objective");
        SearchResult free = Search.solve(p, Query.minimise(obj, budgets), options);
        Budget cap = new Budget(capMetric, capFactor * ut[p.metric(capMetric, "capped metric")]);
        List<Budget> withCap = new ArrayList<>(budgets);
        withCap.add(cap);
        Query q = Query.minimise(obj, withCap);
        SearchResult capped = Search.solve(p, q, options);
        SearchResult greedy = Search.solve(p, q, options.with(Backend.GREEDY));
        return new BaselineComparison(plan, uniform, ut, budgets, cap, free, capped, greedy);
    }

    @Override
    public double[] baselineTotals() {
        return baselineTotals.clone();
    }
}
