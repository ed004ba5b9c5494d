package io.qdse.search;

import io.qdse.hwmodels.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * What to optimise: minimise the objective metrics lexicographically (the first, then the second among the first's
 * optima, …) subject to budgets ({@code total <= max}, checked exactly) and strict bounds ({@code total < that of a
 * reference assignment}, used by the ε-constraint Pareto method).
 *
 * @param objectives metrics to minimise, most important first
 * @param budgets    upper bounds on totals
 * @param strict     strict upper bounds relative to reference assignments
 */
public record Query(List<String> objectives, List<Budget> budgets, List<Strict> strict) {

    /** {@code total(metric) < total(metric) of reference}. */
    public record Strict(String metric, Assignment reference) {
    }

    public Query {
        if (objectives.isEmpty()) {
            throw new InvalidInputException("objective", "none", "at least one metric to minimise");
        }
        objectives = List.copyOf(objectives);
        budgets = List.copyOf(budgets);
        strict = List.copyOf(strict);
    }

    public static Query minimise(String objective, List<Budget> budgets) {
        return new Query(List.of(objective), budgets, List.of());
    }

    public String objective() {
        return objectives.get(0);
    }

    public Query withObjectives(List<String> objs) {
        return new Query(objs, budgets, strict);
    }

    public Query withBudgets(List<Budget> b) {
        return new Query(objectives, b, strict);
    }

    public Query plusStrict(Strict s) {
        List<Strict> l = new ArrayList<>(strict);
        l.add(s);
        return new Query(objectives, budgets, l);
    }
}
