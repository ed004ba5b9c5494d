package io.qdse.simulator.engine;

/**
 * Frames through a chain of dataflow units with FIFOs between them. Unit l spends {@code t[l]} cycles on a frame; it
 * starts frame f when it has finished frame f−1 and unit l−1 has handed frame f over; it hands a finished frame to the
 * FIFO after it, which holds {@code depth} frames, and waits (back-pressure) while that FIFO is full. A frame moves on
 * whole, as FINN's critical-path figure counts it (the overlap of a frame's first vectors with the previous unit's
 * last ones is not taken).
 *
 * <p>{@link #makespan} is the closed form, Σ t + (F − 1) · max t: the first frame crosses every unit, each later one
 * leaves one bottleneck period after the previous. {@link #stepped} replays the units, FIFOs and back-pressure frame
 * by frame; they agree for any FIFO depth ≥ 1 (tested on random pipelines).
 */
public final class FpgaPipeline {
    private FpgaPipeline() {
    }

    /** @return cycles until the last of {@code frames} frames leaves the last unit */
    public static long makespan(long[] t, long frames) {
        long sum = 0;
        long max = 0;
        for (long x : t) {
            sum = Math.addExact(sum, x);
            max = Math.max(max, x);
        }
        return Math.addExact(sum, Math.multiplyExact(frames - 1, max));
    }

    /** @return the steady-state cycles between frames (the slowest unit's) */
    public static long initiationInterval(long[] t) {
        long max = 0;
        for (long x : t) {
            max = Math.max(max, x);
        }
        return max;
    }

    /**
     * Replays the pipeline: O(units · frames).
     *
     * @param depth frames each FIFO between two units holds (≥ 1)
     */
    public static long stepped(long[] t, long frames, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("FIFO depth " + depth);
        }
        int n = t.length;
        if (n == 0) {
            return 0;
        }
        long[][] start = new long[n][(int) frames];
        long[][] leave = new long[n][(int) frames]; // when the frame leaves unit l (handed to the next FIFO)
        for (int f = 0; f < frames; f++) {
            for (int l = 0; l < n; l++) {
                long ready = l == 0 ? 0 : leave[l - 1][f]; // the frame is in the FIFO before unit l
                long free = f == 0 ? 0 : leave[l][f - 1]; // unit l has handed over its previous frame
                start[l][f] = Math.max(ready, free);
                long done = start[l][f] + t[l];
                // back-pressure: the FIFO after l holds frames f-depth+1 .. f only once unit l+1 has taken f-depth
                long space = l + 1 < n && f - depth >= 0 ? start[l + 1][f - depth] : 0;
                leave[l][f] = Math.max(done, space);
            }
        }
        return leave[n - 1][(int) frames - 1];
    }
}
