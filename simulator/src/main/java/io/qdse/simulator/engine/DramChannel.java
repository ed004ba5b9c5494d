package io.qdse.simulator.engine;

import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.eval.Traffic;

/**
 * Bandwidth stalls of a layer's fold sequence on one DRAM channel (double buffering).
 *
 * <p>The schedule: a layer is {@code batch} repetitions of one GEMM's folds, n = folds·batch in all. The layer starts
 * with fold 0's fetch (its scratchpads hold nothing of it yet). When fold k starts, the fetch of fold k+1's inputs
 * is issued; when fold k ends, its write-back is issued; the channel serves requests one at a time in issue order.
 * Fold k+1 starts when fold k has ended and its fetch is done; the layer ends when its last write-back is done.
 * Every wait is a stall. The layer's DRAM reads and writes are spread evenly over the folds, and a transfer occupies
 * the channel for whole cycles: a fetch {@code f = ⌈reads/(n·b)⌉}, a write-back {@code w = ⌈writes/(n·b)⌉} cycles at
 * b bits/cycle. So no layer runs faster than its DRAM traffic allows (cycles ≥ bits / b: each layer lies under the
 * roofline); overlap with the neighbouring layers is not taken.
 *
 * <p>Both methods compute this schedule. {@link #stepped} replays it request by request (the cycle-level engines
 * use it); {@link #closedForm} is its solution: while fold k computes, the channel carries fold k−1's write-back and
 * then fold k+1's fetch, so fold k is followed by {@code max(0, w + f − L_k)} stall cycles (fold 0:
 * {@code max(0, f − L_0)}; the last fold: {@code max(0, w − L_last) + w}, the queued and its own write-back), plus
 * {@code f} before fold 0; the total is a sum over the distinct fold lengths, in time independent of the number of
 * folds.
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
        double bpc = a.dram().bitsPerCycle(a.clockMhz());
        long f = transferCycles(fetchBits(t), n, bpc);
        long w = transferCycles(t.dramOfmapWrites(), n, bpc);
        long edges = Math.addExact(f, w); // fold 0's fetch before the layer, the last write-back after it
        if (n == 1) {
            return edges;
        }
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
        return Math.addExact(stall + Math.max(0, f - h.first()) + Math.max(0, w - h.last()), edges);
    }

    /** The schedule replayed request by request: O(folds·batch). */
    public static long stepped(FoldLengths lengths, long foldsPerGemm, long batch, Traffic t, Accelerator a) {
        long n = Math.multiplyExact(foldsPerGemm, batch);
        double bpc = a.dram().bitsPerCycle(a.clockMhz());
        long fetch = transferCycles(fetchBits(t), n, bpc);
        long write = transferCycles(t.dramOfmapWrites(), n, bpc);
        long channelFree = fetch; // fold 0's fetch, issued when the layer starts
        long start = channelFree; // start cycle of fold k
        long stall = start;
        long prevEnd = 0;
        for (long k = 0; k < n; k++) {
            long end = start + lengths.length(k % foldsPerGemm);
            if (k > 0) {
                channelFree = Math.max(channelFree, prevEnd) + write; // fold k−1's write-back, issued at its end
            }
            if (k + 1 < n) {
                channelFree = Math.max(channelFree, start) + fetch; // fold k+1's fetch, issued at fold k's start
            } else {
                channelFree = Math.max(channelFree, end) + write; // the last fold's own write-back
            }
            // fold k+1 waits for its fetch; the layer ends when every write-back is done
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
