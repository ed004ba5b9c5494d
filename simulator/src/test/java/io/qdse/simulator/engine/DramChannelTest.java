package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Traffic;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The solved DRAM channel schedule equals the request-by-request replay. */
class DramChannelTest {

    @Test
    void closedFormEqualsReplayOnRandomFoldSequences() {
        SplittableRandom r = new SplittableRandom(20261206L);
        int stalled = 0;
        int free = 0;
        for (int c = 0; c < 3000; c++) {
            int distinct = 1 + r.nextInt(5);
            long[] lengths = new long[distinct];
            long[] counts = new long[distinct];
            for (int i = 0; i < distinct; i++) {
                lengths[i] = 1 + r.nextLong(r.nextBoolean() ? 20 : 5000);
                counts[i] = 1 + r.nextLong(r.nextBoolean() ? 3 : 40);
            }
            long[] order = expand(lengths, counts, r);
            DramChannel.Histogram h = new DramChannel.Histogram(order[0], order[order.length - 1], lengths, counts);
            long batch = 1 + r.nextLong(r.nextBoolean() ? 2 : 9);
            SystolicArray a = Presets.edge32x32().withDram(new io.qdse.simulator.arch.DramSpec(
                    Presets.edge32x32().dram().type(), 0.05 + r.nextDouble() * (r.nextBoolean() ? 2 : 200)));
            long reads = r.nextLong(r.nextBoolean() ? 2_000 : 50_000_000);
            long writes = r.nextLong(r.nextBoolean() ? 2_000 : 20_000_000);
            Traffic t = new Traffic(0, 0, 0, 0, reads / 3, reads - reads / 3, 0, writes);
            long stepped = DramChannel.stepped(i -> order[(int) i], order.length, batch, t, a);
            long solved = DramChannel.closedForm(h, batch, t, a);
            assertEquals(stepped, solved, "case " + c);
            long n = order.length * batch;
            double bpc = a.dram().bitsPerCycle(a.clockMhz());
            long edges = DramChannel.transferCycles(reads, n, bpc) + DramChannel.transferCycles(writes, n, bpc);
            long compute = 0;
            for (long len : order) {
                compute += len * batch;
            }
            assertTrue(compute + stepped >= (reads + writes) / bpc - 1e-6, "under the roofline, case " + c);
            if (stepped > edges) {
                stalled++;
            } else {
                free++;
            }
        }
        assertTrue(stalled > 500 && free > 500, "both regimes exercised: " + stalled + " stalled between folds, " + free
                + " only at the layer's edges");
    }

    @Test
    void oneFoldWaitsForItsFetchAndWriteBackAndHugeFoldCountsAnswerAtOnce() {
        SystolicArray a = Presets.edge32x32();
        Traffic t = new Traffic(0, 0, 0, 0, 1L << 40, 0, 0, 1L << 40);
        long one = DramChannel.transferCycles(1L << 40, 1, a.dram().bitsPerCycle(a.clockMhz()));
        assertEquals(2 * one, DramChannel.closedForm(DramChannel.Histogram.uniform(5, 1), 1, t, a));
        long s = DramChannel.closedForm(DramChannel.Histogram.uniform(1, 1L << 30), 1L << 10, t, a);
        assertTrue(s >= 0);
    }

    /** The histogram's folds in a random order (first and last taken from it). */
    private static long[] expand(long[] lengths, long[] counts, SplittableRandom r) {
        int n = 0;
        for (long c : counts) {
            n += (int) c;
        }
        long[] out = new long[n];
        int k = 0;
        for (int i = 0; i < lengths.length; i++) {
            for (long j = 0; j < counts[i]; j++) {
                out[k++] = lengths[i];
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long x = out[i];
            out[i] = out[j];
            out[j] = x;
        }
        return out;
    }
}
