package io.qdse.search.plan;

import io.qdse.search.Assignment;
import io.qdse.search.Budget;
import io.qdse.search.Evaluator;
import io.qdse.search.Pareto;
import io.qdse.search.Query;
import io.qdse.search.Search;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.build.Candidate;
import io.qdse.search.sensitivity.SensitivityTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A search ready to solve: the problem (costs, ties and pins applied), what it is of, and what was learnt on the way.
 * Built by {@link SearchPlanner}; {@link #solve} answers a {@link SearchRequest.Goal}.
 *
 * @param problem     the problem, pins and ties included
 * @param what        what is searched, for people ({@code minilm on edge-32x32 (arrays 16x16,32x32)})
 * @param candidates  the candidate formats in problem order (empty for a cost table)
 * @param sensitivity the sensitivities the costs were built with, or null (a cost table brings its own)
 * @param fromNetwork whether the costs were built from a network (rather than read from the user's table)
 * @param notes       things the user should know (ONNX import, sensitivity source, ties found, unscored layers)
 */
public record SearchPlan(SearchProblem problem, String what, List<Candidate> candidates, SensitivityTable sensitivity,
                         boolean fromNetwork, List<String> notes) {
    public SearchPlan {
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
    }

    /** @return the goal's budgets on this problem (metric aliases resolved; fractions turned into totals) */
    public List<Budget> budgets(SearchRequest.Goal goal) {
        return SearchPlanner.budgets(problem, goal);
    }

    /**
     * Solves for the goal: one optimum, or the Pareto front when it names metrics to trade off. An infeasible
     * problem is an {@link SearchOutcome.Optimum} whose result says so (with the solver's diagnosis), not an error.
     */
    public SearchOutcome solve(SearchRequest.Goal goal, SolverOptions options) {
        return goal.isPareto() ? front(goal, options) : optimum(goal, options);
    }

    /** Minimises the goal's objective under its budgets (its Pareto metrics, if any, are not looked at). */
    public SearchOutcome.Optimum optimum(SearchRequest.Goal goal, SolverOptions options) {
        List<Budget> budgets = budgets(goal);
        String objective = SearchPlanner.metric(goal.objective(), problem, goal.fields().objective());
        SearchResult r = Search.solve(problem, Query.minimise(objective, budgets), options);
        return new SearchOutcome.Optimum(this, budgets, options, r);
    }

    /** Traces the Pareto front of the goal's metrics under its budgets. */
    public SearchOutcome.Front front(SearchRequest.Goal goal, SolverOptions options) {
        return front(goal, options, Pareto.defaultJobs(), pt -> { });
    }

    /**
     * {@link #front(SearchRequest.Goal, SolverOptions)} on {@code jobs} threads (the front is the same for any number),
     * telling {@code progress} of each point as it is found.
     */
    public SearchOutcome.Front front(SearchRequest.Goal goal, SolverOptions options, int jobs,
                                     java.util.function.Consumer<Pareto.Point> progress) {
        return front(goal, options, Pareto.Tracing.of(jobs), progress);
    }

    /** {@link #front(SearchRequest.Goal, SolverOptions)} traced as {@code tracing} says (threads, a bound on points). */
    public SearchOutcome.Front front(SearchRequest.Goal goal, SolverOptions options, Pareto.Tracing tracing,
                                     java.util.function.Consumer<Pareto.Point> progress) {
        List<Budget> budgets = budgets(goal);
        List<String> objectives = new ArrayList<>();
        for (String m : goal.pareto()) {
            objectives.add(SearchPlanner.metric(m, problem, goal.fields().objective()));
        }
        Pareto.Front f = Pareto.front(problem, objectives, budgets, options, tracing, progress);
        return new SearchOutcome.Front(this, budgets, options, f);
    }

    /** @return every layer in one format on one hardware option (a uniform baseline, e.g. all int8 on 32x32) */
    public Assignment uniform(String format, String hardware) {
        int f = index(problem.formats(), format, "format");
        int h = index(problem.hardware(), hardware, "hardware option");
        int[] formats = new int[problem.layerCount()];
        Arrays.fill(formats, f);
        return new Assignment(formats, h);
    }

    /** @return the totals of every metric for an assignment, in problem metric order */
    public double[] totals(Assignment a) {
        return Evaluator.totals(problem, a);
    }

    private static int index(List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new io.qdse.hwmodels.InvalidInputException(what, name, "one of " + String.join(", ", names));
        }
        return i;
    }
}
