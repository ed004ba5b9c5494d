package io.qdse.hwmodels.format;

import java.util.random.RandomGenerator;

/**
 * A format in which each code stands for one value on its own: integers (optionally fixed point), minifloats and
 * bipolar integers. Codes are unsigned integers in {@code [0, 2^bits)}; values are exact doubles (every value of
 * every supported format is a dyadic rational that a double holds exactly).
 */
public sealed interface ScalarFormat extends NumberFormat permits IntFormat, MinifloatFormat, BipolarIntFormat {

    /** @return width of one code in bits */
    int bits();

    @Override
    default int elementBits() {
        return bits();
    }

    @Override
    default double bitsPerElement() {
        return bits();
    }

    /** @return number of codes, {@code 2^bits} */
    default long codeCount() {
        return 1L << bits();
    }

    /** @return whether the format can hold negative values */
    boolean signed();

    /**
     * @return false for a bit pattern that the format never produces and that has no value (the {@code -2^(n-1)}
     *     code of a narrow integer); decoding such a code throws
     */
    boolean isValidCode(long code);

    /** @return the exact value of a code: finite, ±infinity or NaN as the format's special-value policy says */
    double decode(long code);

    /**
     * Rounds to nearest, ties to even, and encodes. Overflow follows the format's own behaviour
     * ({@link Overflow#OVERFLOW}): ±inf where it has infinities, NaN where it has only NaN, wrap-around for integers
     * (narrow integers always saturate).
     */
    default long encode(double value) {
        return encode(value, RoundingMode.NEAREST_EVEN, Overflow.OVERFLOW, null);
    }

    /** Rounds {@code value} under the given rules and returns the code of the result. */
    long encode(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random);

    /**
     * Rounds {@code value} to a value of this format (the fast path used for tensors).
     *
     * @param random only read for {@link RoundingMode#STOCHASTIC}; pass a seeded generator for reproducible runs
     */
    double quantize(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random);

    /** Round to nearest even, saturating: what ML quantizers do by default. */
    default double quantize(double value) {
        return quantize(value, RoundingMode.NEAREST_EVEN, Overflow.SATURATE, null);
    }

    /** @return the largest finite value */
    double maxFinite();

    /** @return the most negative finite value (0 for unsigned formats) */
    double minFinite();

    /** @return the smallest non-zero magnitude (a subnormal where the format has them) */
    double minPositive();

    /** @return whether some code decodes to ±infinity */
    boolean hasInfinity();

    /** @return whether some code decodes to NaN */
    boolean hasNaN();

    /** @return whether the value 0 is representable */
    boolean hasZero();

    /**
     * Exponent of the least significant bit of every value: every finite value is an integer multiple of
     * {@code 2^lsbExponent()}. This sizes exact (Kulisch) accumulators.
     */
    int lsbExponent();
}
