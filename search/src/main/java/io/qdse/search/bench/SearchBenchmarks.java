package io.qdse.search.bench;

import io.qdse.hwmodels.bench.BenchCase;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Budgets;
import io.qdse.search.Query;
import io.qdse.search.Search;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The integer program on seeded synthetic problems ({@link SyntheticProblems}): 100 layers x 12 formats x 4 arrays and
 * 1000 layers x 12 formats x 1 array, each under one budget (size) and under two (size and latency). Each is solved
 * once, after a warm-up solve that loads OR-Tools' native library; wall-clock times, CP-SAT with one worker.
 */
public final class SearchBenchmarks {
    private SearchBenchmarks() {
    }

    public static List<BenchCase> synthetic() {
        SolverOptions o = new SolverOptions(Backend.CPSAT, 120, 1, 1);
        Search.solve(SyntheticProblems.make(20, 4, 2, 1), Query.minimise("sensitivity", List.of()), o);
        int[][] dims = {{100, 12, 4}, {1000, 12, 1}};
        String[][] budgets = {{"size_bits=0.4"}, {"size_bits=0.4", "latency_cycles=0.3"}};
        List<BenchCase> cases = new ArrayList<>();
        for (String[] b : budgets) {
            for (int[] d : dims) {
                SearchProblem p = SyntheticProblems.make(d[0], d[1], d[2], 7);
                List<Budget> bs = Budgets.parse(p, List.of(), List.of(b));
                long t0 = System.nanoTime();
                SearchResult r = Search.solve(p, Query.minimise("sensitivity", bs), o);
                double ms = (System.nanoTime() - t0) / 1e6;
                String name = "search " + d[0] + " layers x " + d[1] + " formats x " + d[2] + " arrays, budget "
                        + String.join(" + ", b) + ": " + r.status();
                cases.add(new BenchCase(name, (long) d[0] * d[1] * d[2], new double[] {ms}));
            }
        }
        return cases;
    }
}
