package io.qdse.search.plan;

import io.qdse.search.Budget;
import io.qdse.search.Pareto;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import java.util.List;

/** What a {@link SearchPlan} answered: one optimum, or a Pareto front; with the plan and budgets it answered. */
public sealed interface SearchOutcome permits SearchOutcome.Optimum, SearchOutcome.Front {
    /** @return the plan solved */
    SearchPlan plan();

    /** @return the budgets held, in their metrics' units */
    List<Budget> budgets();

    /** @return the solver and its limits */
    SolverOptions options();

    /**
     * One optimum (or the best found in the time limit).
     *
     * @param result the solver's answer; {@link Status#INFEASIBLE} with a diagnosis when the budgets cannot all hold
     */
    record Optimum(SearchPlan plan, List<Budget> budgets, SolverOptions options, SearchResult result)
            implements SearchOutcome {
        public Optimum {
            budgets = List.copyOf(budgets);
        }

        /** @return whether no assignment meets every budget (and the ties and pins) */
        public boolean infeasible() {
            return result.status() == Status.INFEASIBLE;
        }

        /**
         * @return this outcome, when it has an assignment
         * @throws IllegalStateException when the solver stopped without one (not proven infeasible: a time limit)
         */
        public Optimum requireAssignment() {
            if (!result.hasAssignment()) {
                throw new IllegalStateException("the solver stopped without an answer (" + result.status() + ", "
                        + result.stats() + "); raise --time-limit");
            }
            return this;
        }
    }

    /**
     * A Pareto front.
     *
     * @param front the non-dominated points found
     */
    record Front(SearchPlan plan, List<Budget> budgets, SolverOptions options, Pareto.Front front)
            implements SearchOutcome {
        public Front {
            budgets = List.copyOf(budgets);
        }
    }
}
