package io.qdse.search.bench;

import io.qdse.hwmodels.bench.BenchCase;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Budgets;
import io.qdse.search.Pareto;
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

    /**
     * Pareto fronts (size vs sensitivity, area at most 150,000 µm²) on a seeded synthetic encoder of {@code blocks}
     * blocks ({@link SyntheticProblems#encoder}: 6 layers a block, 5 formats, 3 arrays, sizes tied by shape as in
     * MiniLM): one walk (the method before slabs), the slabbed walk on one thread, and on {@code jobs} threads, each
     * {@code reps} times, alternated. Each case's name carries the points and solves, so the runs can be seen to trace
     * the same front.
     */
    /** The encoder's area budget: between the smallest array with every format and the largest with one. */
    private static final double AREA = 150_000;

    public static List<BenchCase> pareto(int blocks, int jobs, int reps) {
        SolverOptions o = new SolverOptions(Backend.CPSAT, 120, 1, 1);
        SearchProblem p = SyntheticProblems.encoder(blocks, 11);
        Search.solve(SyntheticProblems.make(20, 4, 2, 1), Query.minimise("sensitivity", List.of()), o);
        List<String> objs = List.of("size_bits", "sensitivity");
        int[][] runs = {{1, 1}, {1, Pareto.SLABS}, {jobs, Pareto.SLABS}};
        double[][] ms = new double[runs.length][reps];
        Pareto.Front[] fronts = new Pareto.Front[runs.length];
        for (int rep = 0; rep < reps; rep++) {     // alternated, so a busy spell on the machine hits every case
            for (int k = 0; k < runs.length; k++) {
                long t0 = System.nanoTime();
                fronts[k] = Pareto.front(p, objs, List.of(new Budget("area_um2", AREA)), o, runs[k][0], runs[k][1],
                        Pareto.SEQUENTIAL, pt -> { });
                ms[k][rep] = (System.nanoTime() - t0) / 1e6;
            }
        }
        List<BenchCase> cases = new ArrayList<>();
        for (int k = 0; k < runs.length; k++) {
            int j = runs[k][0];
            String name = "Pareto size vs sensitivity, encoder of " + blocks + " blocks, "
                    + (runs[k][1] == 1 ? "one walk" : Pareto.SLABS + " slabs") + ", " + j
                    + (j == 1 ? " thread: " : " threads: ") + fronts[k].points().size() + " points, "
                    + fronts[k].solves() + " solves";
            cases.add(new BenchCase(name, fronts[k].points().size(), ms[k]));
        }
        return cases;
    }

    /**
     * Three-metric fronts (size vs sensitivity vs latency, area at most 150,000 µm²) on the same synthetic encoder:
     * re-walking a two-metric front per latency round (the method before boxes) on one thread, boxes of local upper
     * bounds on one thread and on {@code jobs} threads, each {@code reps} times, alternated.
     */
    public static List<BenchCase> pareto3(int blocks, int jobs, int reps) {
        SolverOptions o = new SolverOptions(Backend.CPSAT, 120, 1, 1);
        SearchProblem p = SyntheticProblems.encoder(blocks, 11);
        Search.solve(SyntheticProblems.make(20, 4, 2, 1), Query.minimise("sensitivity", List.of()), o);
        List<String> objs = List.of("size_bits", "sensitivity", "latency_cycles");
        Pareto.Tracing[] runs = {new Pareto.Tracing(1, Pareto.SLABS, Pareto.SEQUENTIAL, Pareto.BATCH, true, 0),
            Pareto.Tracing.of(1), Pareto.Tracing.of(jobs)};
        double[][] ms = new double[runs.length][reps];
        Pareto.Front[] fronts = new Pareto.Front[runs.length];
        for (int rep = 0; rep < reps; rep++) {
            for (int k = 0; k < runs.length; k++) {
                long t0 = System.nanoTime();
                fronts[k] = Pareto.front(p, objs, List.of(new Budget("area_um2", AREA)), o, runs[k], pt -> { });
                ms[k][rep] = (System.nanoTime() - t0) / 1e6;
            }
        }
        List<BenchCase> cases = new ArrayList<>();
        for (int k = 0; k < runs.length; k++) {
            int j = runs[k].jobs();
            String name = "Pareto size vs sensitivity vs latency, encoder of " + blocks + " blocks, "
                    + (runs[k].rounds() ? "rounds" : "boxes") + ", " + j + (j == 1 ? " thread: " : " threads: ")
                    + fronts[k].points().size() + " points, " + fronts[k].solves() + " solves";
            cases.add(new BenchCase(name, fronts[k].points().size(), ms[k]));
        }
        return cases;
    }
}
