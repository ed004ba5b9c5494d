package io.qdse.hwmodels.format;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Brute-force round-to-nearest-even over the explicit list of a format's finite values: the oracle the fast
 * quantizers are checked against. Ties go to the neighbour whose code is even.
 */
final class ReferenceRounding {
    final ScalarFormat format;
    final double[] values; // ascending, distinct finite values
    final long[] codes; // a code for each value (the even one when two codes share a value: ±0 never collide)

    ReferenceRounding(ScalarFormat format) {
        this.format = format;
        List<double[]> pairs = new ArrayList<>();
        for (long c = 0; c < format.codeCount(); c++) {
            if (!format.isValidCode(c)) {
                continue;
            }
            double v = format.decode(c);
            if (Double.isFinite(v)) {
                pairs.add(new double[] {v, c});
            }
        }
        pairs.sort((a, b) -> Double.compare(a[0], b[0]) != 0 ? Double.compare(a[0], b[0])
                : Double.compare(a[1], b[1]));
        List<double[]> distinct = new ArrayList<>();
        for (double[] p : pairs) {
            if (!distinct.isEmpty() && distinct.get(distinct.size() - 1)[0] == p[0]) {
                continue; // +0 and -0: keep one
            }
            distinct.add(p);
        }
        values = new double[distinct.size()];
        codes = new long[distinct.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = distinct.get(i)[0];
            codes[i] = (long) distinct.get(i)[1];
        }
    }

    /** Nearest finite value, ties to the even code, saturating at both ends. */
    double nearestEvenSaturating(double x) {
        if (x <= values[0]) {
            return values[0];
        }
        if (x >= values[values.length - 1]) {
            return values[values.length - 1];
        }
        int lo = 0;
        int hi = values.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // exact distances: double subtraction could turn a clear winner into a false tie
        BigDecimal bx = new BigDecimal(x);
        int cmp = bx.subtract(new BigDecimal(values[lo])).compareTo(new BigDecimal(values[hi]).subtract(bx));
        if (cmp < 0) {
            return values[lo];
        }
        if (cmp > 0) {
            return values[hi];
        }
        if (evenCode(lo) != evenCode(hi)) {
            return evenCode(lo) ? values[lo] : values[hi];
        }
        // both codes even (a signed float without zero has +m and -m at codes 0 and 100..0): keep x's sign
        boolean negative = x < 0 || (x == 0 && 1 / x < 0);
        return negative ? values[lo] : values[hi];
    }

    private boolean evenCode(int index) {
        return (codes[index] & 1) == 0; // for sign-magnitude and two's complement alike, the last code bit
    }
}
