package io.qdse.simulator.engine;

import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.eval.Traffic;

/**
 * Bandwidth stalls of a layer's fold sequence on one DRAM channel (double buffering).
 *
 * <p>The schedule: a layer is {@code batch} repetitions of one GEMM's folds, n = folds·batch in all. When fold k
 * starts, the fetch of fold k+1's inputs is issued; when fold k ends, its write-back is issued; the channel serves
 * requests one at a time in issue order. Fold k+1 starts when fold k has ended and its fetch is done; the wait is a
 * stall. The layer's DRAM reads and writes are spread evenly over the folds, and a transfer occupies the channel for
 * whole cycles: a fetch {@code ⌈reads/(n·b)⌉}, a write-back {@code ⌈writes/(n·b)⌉} cycles at b bits/cycle. Fold 0's
 * fetch happens during the previous layer and the last fold's write-back during the next one, so neither is charged
 * here.
 *
 * <p>Both methods compute this schedule. {@link #stepped} replays it request by request (the cycle-level engines
 * use it); {@link #closedForm} is its solution: while fold k computes, the channel carries fold k−1's write-back and
 * then fold k+1's fetch, so fold k is followed by {@code max(0, w + f − L_k)} stall cycles (fold 0:
 * {@code max(0, f − L_0)}; the last fold: {@code max(0, w − L_last)}, the write-back still queued at the end), and
 * the total is a sum over the distinct fold lengths, in time independent of the number of folds.
 */
public final class DramChannel {
    private DramChannel() {
    }

    /** How an engine obtains a layer's stalls: the schedule solved or replayed. */
    public interface Schedule {
        long stalls(long batch, Traffic t, Accelerator a);
    }

    /** @return the solved schedule over one GEMM's fold-length histogram */
    public static Schedule solved(Histogram h) {
        return (batch, t, a) -> closedForm(h, batch, t, a);
    }

    /** @return the replayed schedule over one GEMM's folds */
    public static Schedule replayed(FoldLengths lengths, long foldsPerGemm) {
        return (batch, t, a) -> stepped(lengths, foldsPerGemm, batch, t, a);
    }

    /** Fold lengths of one GEMM in fold order (index → cycles). */
    public interface FoldLengths {
        long length(long index);
    }

    /**
     * One GEMM's fold lengths as a histogram: {@code counts[i]} folds of {@code lengths[i]} cycles (entries may
     * repeat a length), plus the first and the last fold's lengths.
     */
    public record Histogram(long first, long last, long[] lengths, long[] counts) {
        public static Histogram uniform(long length, long folds) {
            return new Histogram(length, length, new long[] {length}, new long[] {folds});
        }

        /** Folds of one GEMM. */
        public long folds() {
            long s = 0;
            for (long c : counts) {
                s = Math.addExact(s, c);
            }
            return s;
        }
    }

    /** Whole channel cycles of one fold's share of {@code bits} spread over {@code n} folds. */
    static long transferCycles(long bits, long n, double bitsPerCycle) {
        if (bits == 0) {
            return 0;
        }
        return (long) Math.ceil((double) bits / n / bitsPerCycle - 1e-9);
    }

    /** The schedule solved: Σ over fold lengths, O(distinct lengths). */
    public static long closedForm(Histogram h, long batch, Traffic t, Accelerator a) {
        long n = Math.multiplyExact(h.folds(), batch);
        if (n <= 1) {
            return 0;
        }
        double bpc = a.dram().bitsPerCycle(a.clockMhz());
        long f = transferCycles(fetchBits(t), n, bpc);
        long w = transferCycles(t.dramOfmapWrites(), n, bpc);
        long both = Math.addExact(f, w);
        long stall = 0;
        for (int i = 0; i < h.lengths().length; i++) {
            long over = both - h.lengths()[i];
            if (over > 0) {
                stall = Math.addExact(stall, Math.multiplyExact(Math.multiplyExact(h.counts()[i], batch), over));
            }
        }
        // fold 0 has no write-back before it, the last fold no fetch after it
        stall -= Math.max(0, both - h.first()) + Math.max(0, both - h.last());
        return stall + Math.max(0, f - h.first()) + Math.max(0, w - h.last());
    }

    /** The schedule replayed request by request: O(folds·batch). */
    public static long stepped(FoldLengths lengths, long foldsPerGemm, long batch, Traffic t, Accelerator a) {
        long n = Math.multiplyExact(foldsPerGemm, batch);
        double bpc = a.dram().bitsPerCycle(a.clockMhz());
        long fetch = transferCycles(fetchBits(t), n, bpc);
        long write = transferCycles(t.dramOfmapWrites(), n, bpc);
        long channelFree = 0; // cycle the channel finishes its queued requests
        long start = 0; // start cycle of fold k
        long prevEnd = 0;
        long stall = 0;
        for (long k = 0; k < n; k++) {
            long end = start + lengths.length(k % foldsPerGemm);
            if (k > 0) {
                channelFree = Math.max(channelFree, prevEnd) + write; // fold k−1's write-back, issued at its end
            }
            if (k + 1 < n) {
                channelFree = Math.max(channelFree, start) + fetch; // fold k+1's fetch, issued at fold k's start
            }
            // fold k+1 waits for its fetch; after the last fold, queued write-backs drain before the layer ends
            long next = Math.max(end, channelFree);
            stall += next - end;
            prevEnd = end;
            start = next;
        }
        return stall;
    }

    private static long fetchBits(Traffic t) {
        return Math.addExact(Math.addExact(t.dramIfmapReads(), t.dramFilterReads()), t.dramOfmapReads());
    }
}
