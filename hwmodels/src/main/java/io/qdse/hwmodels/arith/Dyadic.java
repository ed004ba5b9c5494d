package io.qdse.hwmodels.arith;

import java.math.BigInteger;

/**
 * An exact dyadic rational {@code significand × 2^exponent}, normalised so the significand is odd (or zero with
 * exponent 0). Every finite value of every supported format, every product of two and every sum of products is
 * one, so the golden arithmetic model never rounds except where the modelled hardware rounds.
 *
 * @param significand signed integer significand
 * @param exponent    power of two
 */
public record Dyadic(BigInteger significand, int exponent) implements Comparable<Dyadic> {
    public static final Dyadic ZERO = new Dyadic(BigInteger.ZERO, 0);

    public Dyadic {
        if (significand.signum() == 0) {
            exponent = 0;
        } else {
            int tz = significand.getLowestSetBit();
            if (tz > 0) {
                significand = significand.shiftRight(tz);
                exponent += tz;
            }
        }
    }

    /** @return the exact value of a finite double */
    public static Dyadic of(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite value: " + v);
        }
        if (v == 0) {
            return ZERO;
        }
        long bits = Double.doubleToRawLongBits(v);
        int biased = (int) ((bits >>> 52) & 0x7FF);
        long mantissa = bits & ((1L << 52) - 1);
        long sig = biased == 0 ? mantissa : mantissa | (1L << 52);
        int exp = (biased == 0 ? 1 : biased) - 1075;
        return new Dyadic(BigInteger.valueOf(v < 0 ? -sig : sig), exp);
    }

    public static Dyadic of(long integer) {
        return new Dyadic(BigInteger.valueOf(integer), 0);
    }

    public int signum() {
        return significand.signum();
    }

    public boolean isZero() {
        return significand.signum() == 0;
    }

    public Dyadic negate() {
        return new Dyadic(significand.negate(), exponent);
    }

    public Dyadic multiply(Dyadic o) {
        return new Dyadic(significand.multiply(o.significand), exponent + o.exponent);
    }

    public Dyadic add(Dyadic o) {
        if (isZero()) {
            return o;
        }
        if (o.isZero()) {
            return this;
        }
        int e = Math.min(exponent, o.exponent);
        BigInteger a = significand.shiftLeft(exponent - e);
        BigInteger b = o.significand.shiftLeft(o.exponent - e);
        return new Dyadic(a.add(b), e);
    }

    /** Multiplies by {@code 2^k}. */
    public Dyadic scalb(int k) {
        return new Dyadic(significand, exponent + k);
    }

    /** @return {@code floor(log2|x|)}; undefined for zero */
    public int msbExponent() {
        return exponent + significand.abs().bitLength() - 1;
    }

    /**
     * @return this value as an integer number of units of {@code 2^lsbExponent}
     * @throws ArithmeticException if it is not a multiple of that unit
     */
    public BigInteger toFixedPoint(int lsbExponent) {
        if (isZero()) {
            return BigInteger.ZERO;
        }
        if (exponent < lsbExponent) {
            throw new ArithmeticException(this + " is not a multiple of 2^" + lsbExponent);
        }
        return significand.shiftLeft(exponent - lsbExponent);
    }

    /** @return the value of {@code units × 2^lsbExponent} */
    public static Dyadic ofFixedPoint(BigInteger units, int lsbExponent) {
        return new Dyadic(units, lsbExponent);
    }

    /**
     * Rounds to a double with round-to-odd (truncate, then set the last bit if anything was cut off). Rounding that
     * double again to any format with at most 51 significand bits gives the correctly rounded result of the exact
     * value (Boldo and Melquiond, "When double rounding is odd", 2005): the golden model rounds exact sums this way.
     */
    public double toDoubleRoundToOdd() {
        if (isZero()) {
            return 0.0;
        }
        BigInteger mag = significand.abs();
        int len = mag.bitLength();
        double d;
        if (len <= 53) {
            d = Math.scalb((double) mag.longValue(), exponent);
        } else {
            int cut = len - 53;
            long t = mag.shiftRight(cut).longValue();
            if (mag.getLowestSetBit() < cut) {
                t |= 1;
            }
            d = Math.scalb((double) t, exponent + cut);
        }
        return significand.signum() < 0 ? -d : d;
    }

    /** @return the exact value as a double if it has one, else the nearest double (ties to even) */
    public double toDouble() {
        return significand.abs().bitLength() <= 53 ? toDoubleRoundToOdd() : nearest();
    }

    private double nearest() {
        BigInteger mag = significand.abs();
        int cut = mag.bitLength() - 53;
        BigInteger kept = mag.shiftRight(cut);
        BigInteger rest = mag.subtract(kept.shiftLeft(cut));
        BigInteger half = BigInteger.ONE.shiftLeft(cut - 1);
        int c = rest.compareTo(half);
        if (c > 0 || (c == 0 && kept.testBit(0))) {
            kept = kept.add(BigInteger.ONE);
        }
        double d = Math.scalb(kept.doubleValue(), exponent + cut);
        return significand.signum() < 0 ? -d : d;
    }

    @Override
    public int compareTo(Dyadic o) {
        return add(o.negate()).signum();
    }

    @Override
    public String toString() {
        return significand + "*2^" + exponent;
    }
}
