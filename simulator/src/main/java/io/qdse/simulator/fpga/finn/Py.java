package io.qdse.simulator.fpga.finn;

/**
 * The few pieces of Python/numpy arithmetic FINN's estimates rest on, spelled out so that every formula in
 * {@link FinnEstimates} evaluates in the same order, type and rounding as FINN's Python.
 */
final class Py {
    private Py() {
    }

    /**
     * Python's {@code a / b} on two ints: the correctly rounded quotient. For operands below 2^53 the double division
     * is that (both convert exactly); FINN's operands here are memory depths and bit counts, far below.
     */
    static double div(long a, long b) {
        return (double) a / (double) b;
    }

    /** {@code math.ceil(a / b)} on two ints (true division, then ceiling), as an int like Python's. */
    static long ceilDiv(long a, long b) {
        return (long) Math.ceil(div(a, b));
    }

    /** {@code math.ceil(x / b)} on a float numerator. */
    static long ceilDiv(double x, long b) {
        return (long) Math.ceil(x / b);
    }

    /**
     * {@code math.log(x, 2)}: CPython computes {@code log(x) / log(2)} (not {@code log2}), so e.g. 2^29 gives
     * 29.000000000000004. Java's {@code Math.log} agrees with the C library CPython calls on every integer up to
     * 200,000 but four (9170, 136837, 141614, 147674, one ulp apart, none near an integer, so no ceiling FINN takes
     * of them changes).
     */
    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Python's {@code int(x)} on a float: truncation toward zero. */
    static long trunc(double x) {
        return (long) x;
    }

    /** {@code 2**b - 1} as the exact integer Python computes, as a double (exact for b ≤ 53). */
    static double pow2m1(int b) {
        return Math.pow(2, b) - 1;
    }
}
