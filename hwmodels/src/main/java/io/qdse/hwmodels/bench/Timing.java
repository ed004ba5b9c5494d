package io.qdse.hwmodels.bench;

/**
 * How the benchmark cases time their work, on the calling thread with {@link System#nanoTime()}: after a warm-up
 * (one run, or a fixed time for paths whose steady state needs the JIT to have seen thousands of calls), each timed
 * run separately.
 */
public final class Timing {
    private Timing() {
    }

    /** @return the wall time of each of {@code reps} runs after one warm-up run, ms */
    public static double[] runs(Runnable r, int reps) {
        r.run();
        return timed(r, reps);
    }

    /**
     * @return the wall time of each of {@code reps} runs after {@code warmupMs} of warm-up runs, ms: a sweep runs for
     *     seconds to hours, so its per-core rate is the JIT's steady state
     */
    public static double[] steady(Runnable r, long warmupMs, int reps) {
        long until = System.nanoTime() + warmupMs * 1_000_000L;
        do {
            r.run();
        } while (System.nanoTime() < until);
        return timed(r, reps);
    }

    /** @return the best of {@code reps} runs after one warm-up, ms (for cases reported by their best run) */
    public static double best(Runnable r, int reps) {
        double best = Double.MAX_VALUE;
        for (double ms : runs(r, reps)) {
            best = Math.min(best, ms);
        }
        return best;
    }

    private static double[] timed(Runnable r, int reps) {
        if (reps < 1) {
            throw new IllegalArgumentException("reps must be at least 1, was " + reps);
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }
}
