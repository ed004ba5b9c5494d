package io.qdse.rtl;

import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Operand codes for golden vectors: uniform over the valid codes, mixed with each format's edge values. */
final class Codes {
    private final ScalarFormat f;
    private final long[] edges;
    private final long count;

    Codes(ScalarFormat f) {
        this.f = f;
        this.count = 1L << f.bits();
        this.edges = edges(f);
    }

    /** @return a code: an edge value with probability {@code pEdge}, else uniform over the valid codes */
    long next(SplittableRandom rnd, double pEdge) {
        if (rnd.nextDouble() < pEdge) {
            return edges[rnd.nextInt(edges.length)];
        }
        while (true) {
            long c = rnd.nextLong(count);
            if (f.isValidCode(c)) {
                return c;
            }
        }
    }

    /**
     * Integers: min, min+1, −1, 0, 1, max−1, max. Minifloats: ±0, ±smallest subnormal, ±largest subnormal, ±smallest
     * normal, ±1, ±largest finite, and every NaN and infinity code.
     */
    static long[] edges(ScalarFormat f) {
        TreeSet<Long> s = new TreeSet<>();
        if (f instanceof IntFormat i) {
            long mask = (1L << i.bits()) - 1;
            for (long v : new long[] {i.minInt(), i.minInt() + 1, -1, 0, 1, i.maxInt() - 1, i.maxInt()}) {
                if (v >= i.minInt() && v <= i.maxInt()) {
                    s.add(v & mask);
                }
            }
        } else {
            MinifloatFormat m = (MinifloatFormat) f;
            double[] mags = {0, m.minPositive(), m.maxSubnormal(), m.minNormal(), 1, m.maxFinite()};
            long n = 1L << m.bits();
            for (long c = 0; c < n; c++) {
                double v = m.decode(c);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    s.add(c);
                    continue;
                }
                for (double x : mags) {
                    if (Math.abs(v) == x) {
                        s.add(c);
                    }
                }
            }
        }
        List<Long> l = new ArrayList<>(s);
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i);
        }
        return out;
    }
}
