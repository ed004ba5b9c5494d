package io.qdse.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.search.internal.ExhaustiveEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** ε-constraint fronts equal the brute-force non-dominated sets (2 and 3 objectives, fixed seeds). */
class ParetoTest {
    private static final SolverOptions CPSAT = new SolverOptions(Backend.CPSAT, 30, 1, 1);

    @Test
    void twoObjectiveFrontsEqualBruteForce() {
        int points = frontsEqualBruteForce(RandomProblems::make, 60, true,
                List.of(Backend.CPSAT, Backend.SCIP, Backend.EXHAUSTIVE));
        assertTrue(points > 150, "fronts too small to mean anything: " + points);
    }

    @Test
    void linkedFrontsEqualBruteForce() {
        int points = frontsEqualBruteForce(RandomProblems::linked, 40, false, List.of(Backend.CPSAT, Backend.SCIP));
        assertTrue(points > 60, "fronts too small to mean anything: " + points);
    }

    /**
     * The 2-metric front of seeds 1..seeds (alternating objective pairs; every third seed with budgets when
     * {@code budgets}) on each backend equals brute force and is proven.
     *
     * @return the fronts' points summed over the seeds
     */
    private static int frontsEqualBruteForce(java.util.function.LongFunction<SearchProblem> make, long seeds,
                                             boolean budgets, List<Backend> backends) {
        int points = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            SearchProblem p = make.apply(seed);
            List<String> objs = seed % 2 == 0 ? List.of("latency_cycles", "sensitivity")
                    : List.of("sensitivity", "area_um2");
            List<Budget> bs = budgets && seed % 3 == 0 ? RandomProblems.budgets(p, seed) : List.of();
            Set<String> expected = bruteForce(p, objs, bs);
            for (Backend b : backends) {
                Pareto.Front f = Pareto.front(p, objs, bs, CPSAT.with(b));
                assertEquals(expected, vectors(p, objs, f), "seed " + seed + " " + b);
                assertTrue(f.proven(), "seed " + seed + " " + b);
            }
            points += expected.size();
        }
        return points;
    }

    @Test
    void slabbedFrontsAreCompleteAndTheSameOnAnyNumberOfThreads() {
        int points = 0;
        for (long seed = 1; seed <= 12; seed++) {
            SearchProblem p = RandomProblems.make(seed);
            List<String> objs = List.of("latency_cycles", "sensitivity");
            Pareto.Front one = Pareto.front(p, objs, List.of(), CPSAT, 1, Pareto.SLABS, 1, pt -> { });
            Pareto.Front three = Pareto.front(p, objs, List.of(), CPSAT, 3, Pareto.SLABS, 1, pt -> { });
            assertEquals(bruteForce(p, objs, List.of()), vectors(p, objs, three), "seed " + seed);
            assertEquals(one.solves(), three.solves(), "seed " + seed);
            assertEquals(one.points().size(), three.points().size(), "seed " + seed);
            for (int i = 0; i < one.points().size(); i++) {
                assertEquals(one.points().get(i).assignment(), three.points().get(i).assignment(),
                        "seed " + seed + " point " + i);
            }
            points += one.points().size();
        }
        assertTrue(points > 30, "fronts too small to mean anything: " + points);
    }

    @Test
    void jobsOutsideTheRangeAreRefused() {
        SearchProblem p = RandomProblems.make(1);
        io.qdse.hwmodels.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.qdse.hwmodels.InvalidInputException.class, () -> Pareto.front(p,
                        List.of("latency_cycles", "sensitivity"), List.of(), CPSAT, 0, pt -> { }));
        assertTrue(e.getMessage().contains("--jobs"), e.getMessage());
    }

    @Test
    void threeObjectiveFrontsEqualBruteForce() {
        int tested = 0;
        int points = 0;
        for (long seed = 100; seed <= 260 && tested < 24; seed++) {
            SearchProblem p = RandomProblems.make(seed);
            if (p.layerCount() > 5) {
                continue; // three-objective fronts grow fast; keep the test quick
            }
            tested++;
            List<String> objs = seed % 2 == 0 ? List.of("sensitivity", "latency_cycles", "area_um2")
                    : List.of("area_um2", "sensitivity", "latency_cycles");
            List<Budget> budgets = seed % 3 == 0 ? RandomProblems.budgets(p, seed) : List.of();
            Set<String> expected = bruteForce(p, objs, budgets);
            Pareto.Front f = Pareto.front(p, objs, budgets, CPSAT);
            assertEquals(expected, vectors(p, objs, f), "seed " + seed);
            assertTrue(f.proven() && f.complete(), "seed " + seed);
            if (seed % 5 == 0) {
                Pareto.Front scip = Pareto.front(p, objs, budgets, CPSAT.with(Backend.SCIP));
                assertEquals(expected, vectors(p, objs, scip), "seed " + seed + " scip");
            }
            points += expected.size();
        }
        assertTrue(points > 200, "fronts too small to mean anything: " + points);
    }

    @Test
    void threeObjectiveBoxesAreTheSameOnAnyNumberOfThreadsAndFewerSolvesThanRounds() {
        int boxSolves = 0;
        int roundSolves = 0;
        int tested = 0;
        for (long seed = 300; seed <= 400 && tested < 8; seed++) {
            SearchProblem p = RandomProblems.make(seed);
            if (p.layerCount() > 5) {
                continue;
            }
            tested++;
            List<String> objs = List.of("sensitivity", "latency_cycles", "area_um2");
            Pareto.Front one = Pareto.front(p, objs, List.of(), CPSAT, Pareto.Tracing.of(1), pt -> { });
            Pareto.Front three = Pareto.front(p, objs, List.of(), CPSAT, Pareto.Tracing.of(3), pt -> { });
            Pareto.Front rounds = Pareto.front(p, objs, List.of(), CPSAT,
                    new Pareto.Tracing(1, Pareto.SLABS, Pareto.SEQUENTIAL, Pareto.BATCH, true, 0), pt -> { });
            assertEquals(vectors(p, objs, rounds), vectors(p, objs, three), "seed " + seed);
            assertEquals(one.solves(), three.solves(), "seed " + seed);
            assertEquals(one.points().size(), three.points().size(), "seed " + seed);
            for (int i = 0; i < one.points().size(); i++) {
                assertEquals(one.points().get(i).assignment(), three.points().get(i).assignment(),
                        "seed " + seed + " point " + i);
            }
            boxSolves += one.solves();
            roundSolves += rounds.solves();
        }
        assertTrue(boxSolves < roundSolves, boxSolves + " solves by boxes, " + roundSolves + " by rounds");
    }

    @Test
    void boundedFrontsKeepAtMostMaxPointsAllOnTheFrontTheSameOnAnyNumberOfThreads() {
        int cut = 0;
        for (long seed = 1; seed <= 40; seed++) {
            SearchProblem p = RandomProblems.make(seed);
            List<String> objs = seed % 2 == 0 ? List.of("latency_cycles", "sensitivity")
                    : List.of("sensitivity", "latency_cycles", "area_um2");
            Set<String> whole = vectors(p, objs, Pareto.front(p, objs, List.of(), CPSAT));
            int max = 2 + (int) (seed % 7) * 3;
            Pareto.Front one = Pareto.front(p, objs, List.of(), CPSAT, Pareto.Tracing.of(1).withMaxPoints(max),
                    pt -> { });
            Pareto.Front two = Pareto.front(p, objs, List.of(), CPSAT, Pareto.Tracing.of(2).withMaxPoints(max),
                    pt -> { });
            Set<String> got = vectors(p, objs, one);
            assertEquals(got, vectors(p, objs, two), "seed " + seed);
            assertTrue(got.size() <= max, "seed " + seed + ": " + got.size() + " points > " + max);
            assertTrue(whole.containsAll(got), "seed " + seed + ": a point off the front");
            if (whole.size() > max) {
                assertTrue(!one.complete(), "seed " + seed);
                cut++;
            }
            if (one.complete()) {
                assertEquals(whole, got, "seed " + seed);
            }
            if (objs.size() == 3) {
                assertEquals(one.complete(), whole.size() <= max, "seed " + seed);
            }
        }
        assertTrue(cut > 10, "too few fronts cut to mean anything: " + cut);
    }

    private static Set<String> vectors(SearchProblem p, List<String> objs, Pareto.Front f) {
        Set<String> s = new TreeSet<>();
        for (Pareto.Point pt : f.points()) {
            BigDecimal[] t = Evaluator.exactTotals(p, pt.assignment());
            s.add(key(p, objs, t));
        }
        assertEquals(f.points().size(), s.size(), "one point per objective vector");
        return s;
    }

    private static Set<String> bruteForce(SearchProblem p, List<String> objs, List<Budget> budgets) {
        List<BigDecimal[]> all = ExhaustiveEngine.allTotals(p, Query.minimise(objs.get(0), budgets));
        int[] ms = objs.stream().mapToInt(m -> p.metric(m, "m")).toArray();
        List<BigDecimal[]> nd = new ArrayList<>();
        for (BigDecimal[] a : all) {
            boolean dominated = false;
            for (BigDecimal[] b : all) {
                boolean le = true;
                boolean lt = false;
                for (int m : ms) {
                    int c = b[m].compareTo(a[m]);
                    le &= c <= 0;
                    lt |= c < 0;
                }
                if (le && lt) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                nd.add(a);
            }
        }
        Set<String> s = new TreeSet<>();
        for (BigDecimal[] t : nd) {
            s.add(key(p, objs, t));
        }
        return s;
    }

    private static String key(SearchProblem p, List<String> objs, BigDecimal[] t) {
        StringBuilder sb = new StringBuilder();
        for (String m : objs) {
            sb.append(t[p.metric(m, "m")].toPlainString()).append('|');
        }
        return sb.toString();
    }
}
