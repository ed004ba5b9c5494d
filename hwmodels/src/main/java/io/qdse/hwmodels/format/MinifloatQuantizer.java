package io.qdse.hwmodels.format;

import io.qdse.hwmodels.InvalidInputException;
import java.util.random.RandomGenerator;

/**
 * Rounds doubles to a {@link MinifloatFormat} with the format's constants precomputed: the hot path of tensor
 * quantization. Round-to-nearest-even is done on the value grid of the binade the input falls in (spacing
 * {@code 2^(max(floor(log2|x|), emin) − m)}); the result is range-checked after rounding, which is what IEEE 754
 * prescribes for overflow (a value rounds to infinity only if it rounds past max with an unbounded exponent).
 */
final class MinifloatQuantizer implements ScalarQuantizer {
    private final MinifloatFormat format;
    private final RoundingMode rounding;
    private final Overflow overflow;
    private final int mantissaBits;
    private final int minExponent;
    private final double maxFinite;
    private final double minPositive;
    private final boolean gapBelowMinPositive; // no subnormals: nothing between 0 and minPositive
    private final boolean hasZero;
    private final boolean signed;
    private final boolean negativeZero;
    private final double overflowValue;

    MinifloatQuantizer(MinifloatFormat format, RoundingMode rounding, Overflow overflow) {
        this.format = format;
        this.rounding = rounding;
        this.overflow = overflow;
        this.mantissaBits = format.mantissaBits();
        this.minExponent = format.minExponent();
        this.maxFinite = format.maxFinite();
        this.minPositive = format.minPositive();
        this.gapBelowMinPositive = !format.subnormals();
        this.hasZero = format.hasZero();
        this.signed = format.signed();
        this.negativeZero = format.hasNegativeZero();
        if (overflow == Overflow.SATURATE || rounding == RoundingMode.TOWARD_ZERO) {
            this.overflowValue = maxFinite;
        } else if (format.hasInfinity()) {
            this.overflowValue = Double.POSITIVE_INFINITY;
        } else if (format.hasNaN()) {
            this.overflowValue = Double.NaN;
        } else {
            this.overflowValue = maxFinite;
        }
    }

    @Override
    public double quantize(double value, RandomGenerator random) {
        if (Double.isNaN(value)) {
            if (format.hasNaN()) {
                return Double.NaN;
            }
            throw new InvalidInputException("value", value, format.name() + " has no NaN code; clean the input first");
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        if (negative && !signed) {
            // round the magnitude first: a tiny negative value rounds to zero; anything else is out of range
            double m = Double.isInfinite(value) ? Double.POSITIVE_INFINITY : roundMagnitude(-value, random);
            if (m == 0 || !hasZero && m == minPositive && -value < minPositive) {
                return hasZero ? 0.0 : minPositive;
            }
            if (overflow == Overflow.OVERFLOW && format.hasNaN()) {
                return Double.NaN;
            }
            return hasZero ? 0.0 : minPositive;
        }
        double a = Math.abs(value);
        double v;
        if (a > Double.MAX_VALUE) {
            // converting an infinity is exact: it stays infinite where the format has infinities
            v = overflow == Overflow.OVERFLOW && format.hasInfinity() ? Double.POSITIVE_INFINITY : overflowValue;
        } else {
            v = roundMagnitude(a, random);
            if (v > maxFinite) {
                v = overflowValue;
            }
        }
        if (!negative) {
            return v;
        }
        if (v == 0) {
            return negativeZero ? -0.0 : 0.0;
        }
        return -v;
    }

    private double roundMagnitude(double a, RandomGenerator random) {
        if (a == 0) {
            return hasZero ? 0.0 : minPositive;
        }
        if (a < minPositive && gapBelowMinPositive) {
            if (!hasZero) {
                return minPositive;
            }
            switch (rounding) {
                case NEAREST_EVEN:
                    return a > minPositive / 2 ? minPositive : 0.0; // the tie goes to zero: its code is even
                case TOWARD_ZERO:
                    return 0.0;
                default:
                    return random.nextDouble() < a / minPositive ? minPositive : 0.0;
            }
        }
        int exp = a < Double.MIN_NORMAL ? Double.MIN_EXPONENT - 1 : Math.getExponent(a);
        int gridExponent = Math.max(exp, minExponent) - mantissaBits;
        double r = Math.scalb(a, -gridExponent);
        double n = Rounder.round(r, rounding, random);
        if (mantissaBits == 0 && rounding == RoundingMode.NEAREST_EVEN && r - Math.floor(r) == 0.5) {
            // without mantissa bits each binade holds one value, so a tie between 2^e and 2^(e+1) goes to the even
            // exponent field, not to the even multiple of the spacing
            int exponentField = Math.max(exp, minExponent) + format.bias();
            n = (exponentField & 1) == 0 ? Math.floor(r) : Math.ceil(r);
        }
        double v = Math.scalb(n, gridExponent);
        if (v < minPositive && gapBelowMinPositive) {
            // rounding inside the exponent-0 binade of a format without subnormals landed on its zero code
            return v >= Math.scalb(1.0, minExponent) ? minPositive : (hasZero ? 0.0 : minPositive);
        }
        return v;
    }
}
