package io.qdse.hwmodels.bench;

import java.util.Arrays;

/**
 * One timed benchmark case: what was timed, how many items one run handles (values, evaluations, layers, simulated
 * cycles), and the wall time of each timed run in milliseconds. The modules' benchmark classes
 * ({@code io.qdse.hwmodels.bench.HwBenchmarks}, {@code io.qdse.simulator.bench.SimBenchmarks},
 * {@code io.qdse.sweep.bench.SweepBenchmark}, {@code io.qdse.search.bench.SearchBenchmarks}) return these;
 * {@code qdse bench} renders them.
 *
 * @param name  what was timed, with its size
 * @param items items one run handles (the rate's numerator)
 * @param ms    wall time of each timed run, ms (at least one)
 */
public record BenchCase(String name, long items, double[] ms) {
    public BenchCase {
        if (ms.length == 0) {
            throw new IllegalArgumentException("a benchmark case needs at least one timed run: " + name);
        }
        ms = ms.clone();
    }

    @Override
    public double[] ms() {
        return ms.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BenchCase c && c.name.equals(name) && c.items == items && Arrays.equals(c.ms, ms);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(ms);
    }

    @Override
    public String toString() {
        return name + " (" + items + " items, " + Arrays.toString(ms) + " ms)";
    }
}
