package io.qdse.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The integer program must equal exhaustive search, and CP-SAT and SCIP must agree, on random small instances
 * with ties, pins, forbidden formats, several hardware options and several budgets (fixed seeds).
 */
class SolverAgreementTest {
    private static final SolverOptions CPSAT = new SolverOptions(Backend.CPSAT, 30, 2, 1);

    @Test
    void ilpEqualsExhaustiveAndBackendsAgreeOn250Instances() {
        int feasible = 0;
        int infeasible = 0;
        int withTies = 0;
        int withPins = 0;
        int multiHw = 0;
        long seeds = Long.getLong("qdse.agreementSeeds", 250); // more for a long soak run
        for (long seed = 1; seed <= seeds; seed++) {
            SearchProblem p = RandomProblems.make(seed);
            List<Budget> budgets = RandomProblems.budgets(p, seed);
            withTies += p.ties().isEmpty() ? 0 : 1;
            multiHw += p.hardwareCount() > 1 ? 1 : 0;
            for (int l = 0; l < p.layerCount(); l++) {
                if (p.pinned(l) >= 0) {
                    withPins++;
                    break;
                }
            }
            String objective = seed % 5 == 0 ? "latency_cycles" : seed % 7 == 0 ? "area_um2" : "sensitivity";
            Query q = Query.minimise(objective, budgets);
            String where = "seed " + seed + " " + q;
            SearchResult[] r3 = threeBackendsAgree(p, q, where);
            SearchResult ex = r3[0];
            SearchResult cp = r3[1];
            if (ex.status() == Status.INFEASIBLE) {
                infeasible++;
                assertNull(cp.assignment());
                assertTrue(!cp.diagnosis().isEmpty(), where);
                continue;
            }
            feasible++;
            double opt = ex.objective(p);
            double tol = cp.certifiedError() + 1e-12 * Math.abs(opt);
            SearchResult greedy = Search.solve(p, q, CPSAT.with(Backend.GREEDY));
            if (greedy.hasAssignment()) {
                assertTrue(greedy.objective(p) >= opt - tol, where + " greedy beat the optimum");
                assertTrue(Evaluator.meetsBudgets(p, greedy.assignment(), budgets), where);
            }
        }
        assertTrue(feasible >= 150 && infeasible >= 10, feasible + " feasible, " + infeasible + " infeasible");
        assertTrue(withTies >= 40 && withPins >= 40 && multiHw >= 100, withTies + " " + withPins + " " + multiHw);
    }

    @Test
    void linkedLayersAreSolvedExactlyByEveryExactBackendAndRefusedByGreedy() {
        int feasible = 0;
        int infeasible = 0;
        int cut = 0;
        for (long seed = 1; seed <= 150; seed++) {
            SearchProblem p = RandomProblems.linked(seed);
            SearchProblem free = RandomProblems.make(seed);
            List<Budget> budgets = RandomProblems.budgets(free, seed);
            String objective = seed % 5 == 0 ? "latency_cycles" : seed % 7 == 0 ? "area_um2" : "sensitivity";
            Query q = Query.minimise(objective, budgets);
            String where = "seed " + seed + " " + q;
            SearchResult[] r3 = threeBackendsAgree(p, q, where);
            SearchResult ex = r3[0];
            // brute force over every assignment, links checked by the evaluator alone
            double best = Double.POSITIVE_INFINITY;
            for (java.math.BigDecimal[] t : io.qdse.search.internal.ExhaustiveEngine.allTotals(p, q)) {
                best = Math.min(best, t[p.metric(objective, "o")].doubleValue());
            }
            if (ex.status() == Status.INFEASIBLE) {
                infeasible++;
                assertEquals(Double.POSITIVE_INFINITY, best, where);
                continue;
            }
            feasible++;
            double opt = ex.objective(p);
            assertEquals(best, opt, 1e-9 * Math.max(1, Math.abs(opt)), where);
            for (SearchResult r : r3) {
                assertTrue(p.linksMet(r.assignment().formats()), where);
            }
            SearchResult unlinked = Search.solve(free, q, CPSAT.with(Backend.EXHAUSTIVE));
            if (unlinked.hasAssignment() && !p.linksMet(unlinked.assignment().formats())) {
                cut++; // the links cut off the unlinked optimum here: they matter in this instance
                assertTrue(opt >= unlinked.objective(free) - 1e-9 * Math.max(1, Math.abs(opt)), where);
            }
        }
        assertTrue(feasible >= 60 && infeasible >= 5 && cut >= 20, feasible + " feasible, " + infeasible
                + " infeasible, links binding in " + cut);
        SearchProblem p = RandomProblems.linked(2);
        io.qdse.hwmodels.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.qdse.hwmodels.InvalidInputException.class, () -> Search.solve(p, Query.minimise("sensitivity",
                        List.of()), CPSAT.with(Backend.GREEDY)));
        assertTrue(e.getMessage().contains("--solver") && e.getMessage().contains("links"), e.getMessage());
    }

    /**
     * Solves a query exhaustively, by CP-SAT and by SCIP: the same status, and when feasible the same optimum (CP-SAT
     * within its certified error, SCIP to 1e-9) with every answer meeting the budgets, pins, ties and links.
     *
     * @return {exhaustive, cpsat, scip}
     */
    private static SearchResult[] threeBackendsAgree(SearchProblem p, Query q, String where) {
        SearchResult ex = Search.solve(p, q, CPSAT.with(Backend.EXHAUSTIVE));
        SearchResult cp = Search.solve(p, q, CPSAT);
        SearchResult scip = Search.solve(p, q, CPSAT.with(Backend.SCIP));
        assertEquals(ex.status(), cp.status(), where);
        assertEquals(ex.status(), scip.status(), where);
        if (ex.status() != Status.INFEASIBLE) {
            double opt = ex.objective(p);
            assertEquals(opt, cp.objective(p), cp.certifiedError() + 1e-12 * Math.abs(opt), where + " cpsat");
            assertEquals(opt, scip.objective(p), 1e-9 * Math.max(1, Math.abs(opt)), where + " scip");
            for (SearchResult r : List.of(ex, cp, scip)) {
                assertTrue(Evaluator.meetsBudgets(p, r.assignment(), q.budgets()), where);
                assertNull(Evaluator.structuralViolation(p, r.assignment()), where);
            }
        }
        return new SearchResult[] {ex, cp, scip};
    }

    @Test
    void integerMetricsAreSolvedExactly() {
        SearchProblem p = RandomProblems.make(3);
        SearchResult r = Search.solve(p, Query.minimise("size_bits", List.of()), CPSAT);
        assertEquals(0.0, r.certifiedError());
        assertEquals(Status.OPTIMAL, r.status());
    }
}
