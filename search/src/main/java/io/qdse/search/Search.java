package io.qdse.search;

import io.qdse.search.internal.CpSatEngine;
import io.qdse.search.internal.Dominance;
import io.qdse.search.internal.ExhaustiveEngine;
import io.qdse.search.internal.GreedyEngine;
import io.qdse.search.internal.MipEngine;
import io.qdse.search.internal.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Solves a {@link SearchProblem} for a {@link Query} with the chosen backend, then re-verifies the answer in exact
 * arithmetic ({@link Evaluator}): an assignment that breaks a budget or strict bound by any amount is cut off
 * (a no-good constraint) and the problem re-solved, so a reported assignment always meets every budget exactly.
 * Infeasible queries are diagnosed: for each budget, the smallest total reachable with the other budgets kept
 * (or, failing that, on its own).
 */
public final class Search {
    /** Re-solves allowed after exact re-checks reject answers (each adds one no-good cut). */
    private static final int MAX_CUTS = 200;

    private Search() {
    }

    public static SearchResult solve(SearchProblem p, Query q, SolverOptions o) {
        return solve(p, q, o, true);
    }

    static SearchResult solve(SearchProblem p, Query q, SolverOptions o, boolean diagnose) {
        for (String m : q.objectives()) {
            p.metric(m, "--objective");
        }
        for (Budget b : q.budgets()) {
            p.metric(b.metric(), "--max");
        }
        long t0 = System.nanoTime();
        List<Assignment> cuts = new ArrayList<>();
        int solves = 0;
        Map<String, String> stats = new LinkedHashMap<>();
        while (true) {
            Outcome out = engine(p, q, o, cuts);
            solves++;
            stats.putAll(out.stats());
            if (out.assignment() != null) {
                Assignment a = out.assignment();
                String bad = Evaluator.structuralViolation(p, a);
                if (bad != null) {
                    throw new IllegalStateException(o.backend().key() + " returned an invalid assignment: " + bad);
                }
                if (!meets(p, a, q)) {
                    if (o.backend() == Backend.EXHAUSTIVE || o.backend() == Backend.GREEDY) {
                        throw new IllegalStateException(o.backend().key() + " returned an assignment that breaks "
                                + "a budget");
                    }
                    if (cuts.size() >= MAX_CUTS) {
                        stats.put("note", "gave up after " + MAX_CUTS + " exact re-checks rejected answers");
                        return result(p, q, o, Status.UNKNOWN, null, out, t0, solves, stats, List.of());
                    }
                    cuts.add(a);
                    continue;
                }
                stats.put("exact_recheck_cuts", Integer.toString(cuts.size()));
                return result(p, q, o, out.status(), a, out, t0, solves, stats, List.of());
            }
            List<SearchResult.Diagnosis> diag = out.status() == Status.INFEASIBLE && diagnose
                    ? diagnose(p, q, o) : List.of();
            return result(p, q, o, out.status(), null, out, t0, solves, stats, diag);
        }
    }

    private static boolean meets(SearchProblem p, Assignment a, Query q) {
        if (!Evaluator.meetsBudgets(p, a, q.budgets())) {
            return false;
        }
        for (Query.Strict s : q.strict()) {
            int m = p.metric(s.metric(), "bound");
            if (Evaluator.exactTotals(p, a)[m].compareTo(Evaluator.exactTotals(p, s.reference())[m]) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static Outcome engine(SearchProblem p, Query q, SolverOptions o, List<Assignment> cuts) {
        switch (o.backend()) {
            case CPSAT:
            case SCIP: {
                SearchProblem r = Dominance.reduce(p, usedMetrics(p, q));
                Outcome out;
                if (o.backend() == Backend.CPSAT) {
                    Assignment hint = null;
                    if ((long) r.layerCount() * r.formatCount() * r.hardwareCount() <= 50_000 && r.links().isEmpty()) {
                        hint = GreedyEngine.solve(r, q).assignment(); // a good first incumbent; null if none found
                    }
                    out = CpSatEngine.solve(r, q, o, cuts, hint);
                } else {
                    out = MipEngine.solve(r, q, o, cuts, o.backend());
                }
                Map<String, String> st = new LinkedHashMap<>(out.stats());
                st.put("dominated_candidates_removed", Integer.toString(Dominance.removed(p, r)));
                return new Outcome(out.status(), out.assignment(), out.bound(), out.certifiedError(), st);
            }
            case EXHAUSTIVE:
                return ExhaustiveEngine.solve(p, q);
            default:
                if (!p.links().isEmpty()) {
                    throw new io.qdse.hwmodels.InvalidInputException("--solver", "greedy", "cpsat, scip or "
                            + "exhaustive: this problem links layers' choices (a dataflow unit's output width is the "
                            + "next unit's input), which the greedy heuristic does not follow");
                }
                return GreedyEngine.solve(p, q);
        }
    }

    private static int[] usedMetrics(SearchProblem p, Query q) {
        java.util.Set<Integer> ms = new java.util.TreeSet<>();
        for (String m : q.objectives()) {
            ms.add(p.metric(m, "objective"));
        }
        for (Budget b : q.budgets()) {
            ms.add(p.metric(b.metric(), "budget"));
        }
        for (Query.Strict st : q.strict()) {
            ms.add(p.metric(st.metric(), "bound"));
        }
        return ms.stream().mapToInt(Integer::intValue).toArray();
    }

    private static SearchResult result(SearchProblem p, Query q, SolverOptions o, Status status, Assignment a,
                                       Outcome out, long t0, int solves, Map<String, String> stats,
                                       List<SearchResult.Diagnosis> diag) {
        double[] totals = a == null ? new double[0] : Evaluator.totals(p, a);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new SearchResult(status, o.backend(), q, a, totals, out.bound(), out.certifiedError(), diag, ms,
                solves, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats))); // in the order found:
        // Map.copyOf would iterate in an order that changes from run to run (messages and JSON must not)
    }

    /**
     * For each budget: the smallest total of its metric with the other budgets kept; if even that is infeasible,
     * the smallest total on its own. Ties and pins that conflict show as a diagnosis with metric "ties/pins".
     */
    static List<SearchResult.Diagnosis> diagnose(SearchProblem p, Query q, SolverOptions o) {
        List<SearchResult.Diagnosis> out = new ArrayList<>();
        SolverOptions d = o.backend() == Backend.GREEDY ? o.with(Backend.CPSAT) : o;
        Query none = new Query(List.of(q.objective()), List.of(), List.of());
        if (!solve(p, none, d, false).hasAssignment()) {
            out.add(new SearchResult.Diagnosis("ties/pins", Double.NaN, Double.NaN, false));
            return out;
        }
        for (int i = 0; i < q.budgets().size(); i++) {
            Budget b = q.budgets().get(i);
            List<Budget> others = new ArrayList<>(q.budgets());
            others.remove(i);
            SearchResult r = solve(p, new Query(List.of(b.metric()), others, q.strict()), d, false);
            int m = p.metric(b.metric(), "budget");
            if (r.hasAssignment()) {
                if (r.totals()[m] > b.max()) {
                    out.add(new SearchResult.Diagnosis(b.metric(), b.max(), r.totals()[m], true));
                }
            } else {
                SearchResult alone = solve(p, new Query(List.of(b.metric()), List.of(), List.of()), d, false);
                double smallest = alone.hasAssignment() ? alone.totals()[m] : Double.NaN;
                if (!(smallest <= b.max())) {
                    out.add(new SearchResult.Diagnosis(b.metric(), b.max(), smallest, false));
                }
            }
        }
        if (out.isEmpty()) {
            // each budget can be met alone and with any single other one relaxed... only jointly not: say so
            for (Budget b : q.budgets()) {
                out.add(new SearchResult.Diagnosis(b.metric(), b.max(), Double.NaN, true));
            }
        }
        return out;
    }
}
