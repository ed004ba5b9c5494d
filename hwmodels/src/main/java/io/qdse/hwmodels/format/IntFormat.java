package io.qdse.hwmodels.format;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.InvalidInputException;
import java.util.random.RandomGenerator;

/**
 * Two's-complement signed or unsigned integer of 1–32 bits, optionally fixed point ({@code fractionBits}: the
 * value is the integer times {@code 2^-fractionBits}) and optionally narrow (signed range made symmetric by never
 * using the {@code -2^(bits-1)} code, as in int8 with range [-127, 127]).
 *
 * @param bits         width in bits, 1–32
 * @param signed       two's complement if true, unsigned otherwise
 * @param narrow       symmetric signed range; only for signed formats
 * @param fractionBits binary point position (0 for plain integers), 0–32
 */
public record IntFormat(int bits, boolean signed, boolean narrow, int fractionBits) implements ScalarFormat {

    public IntFormat {
        require(bits >= 1 && bits <= 32, "bits", bits, "integer formats have 1 to 32 bits");
        require(!narrow || signed, "narrow", narrow, "only signed integers can be narrow");
        require(!narrow || bits >= 2, "bits", bits, "a narrow integer needs at least 2 bits");
        require(fractionBits >= 0 && fractionBits <= 32, "fractionBits", fractionBits, "must be in 0..32");
    }

    /** Plain integer {@code intN} / {@code uintN}. */
    public static IntFormat of(int bits, boolean signed) {
        return new IntFormat(bits, signed, false, 0);
    }

    /** @return the largest integer code value (before the fixed-point scale) */
    public long maxInt() {
        return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    }

    /** @return the smallest integer code value (before the fixed-point scale) */
    public long minInt() {
        if (!signed) {
            return 0;
        }
        return narrow ? -((1L << (bits - 1)) - 1) : -(1L << (bits - 1));
    }

    private double unit() {
        return Math.scalb(1.0, -fractionBits);
    }

    @Override
    public String name() {
        String base = (signed ? "int" : "uint") + bits + (narrow ? "n" : "");
        return fractionBits == 0 ? base : base + ":frac=" + fractionBits;
    }

    @Override
    public String description() {
        String kind = signed ? (narrow ? "signed narrow" : "signed") : "unsigned";
        String fixed = fractionBits == 0 ? "integer" : "fixed point (" + fractionBits + " fraction bits)";
        return bits + "-bit " + kind + " " + fixed + ", range [" + fmt(minFinite()) + ", " + fmt(maxFinite()) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public boolean isValidCode(long code) {
        if (code < 0 || code >= codeCount()) {
            return false;
        }
        return !(narrow && code == (1L << (bits - 1)));
    }

    /** @return the integer (before the fixed-point scale) a code stands for */
    public long decodeInt(long code) {
        if (code < 0 || code >= codeCount()) {
            throw new InvalidInputException("code", code, "must be in [0, " + codeCount() + ") for " + name());
        }
        if (!isValidCode(code)) {
            throw new InvalidInputException("code", code, "is not used by narrow format " + name());
        }
        if (signed && (code >>> (bits - 1)) != 0) {
            return code - (1L << bits);
        }
        return code;
    }

    @Override
    public double decode(long code) {
        return decodeInt(code) * unit();
    }

    /** @return the code of an integer that is in range */
    public long encodeInt(long value) {
        return value & (codeCount() - 1);
    }

    @Override
    public long encode(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random) {
        return encodeInt(roundToInt(value, rounding, overflow, random));
    }

    @Override
    public double quantize(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random) {
        return roundToInt(value, rounding, overflow, random) * unit();
    }

    /** Rounds to the integer grid (in units of {@code 2^-fractionBits}) and applies the overflow policy. */
    public long roundToInt(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random) {
        if (Double.isNaN(value)) {
            throw new InvalidInputException("value", value, name() + " has no NaN code; clean the input first");
        }
        double scaled = Math.scalb(value, fractionBits);
        double r = Rounder.round(scaled, rounding, random);
        if (r >= minInt() && r <= maxInt()) {
            return (long) r;
        }
        if (overflow == Overflow.SATURATE || narrow || Double.isInfinite(r)) {
            return r > 0 ? maxInt() : minInt(); // narrow formats exist to saturate symmetrically: they never wrap
        }
        // two's-complement wrap-around of the exact integer (r is integer-valued; beyond 2^62 go through BigDecimal)
        long wrapped = Math.abs(r) < 0x1p62 ? ((long) r) & (codeCount() - 1)
                : new java.math.BigDecimal(r).toBigInteger().mod(java.math.BigInteger.valueOf(codeCount())).longValue();
        return signed && (wrapped >>> (bits - 1)) != 0 ? wrapped - (1L << bits) : wrapped;
    }

    @Override
    public double maxFinite() {
        return maxInt() * unit();
    }

    @Override
    public double minFinite() {
        return minInt() * unit();
    }

    @Override
    public double minPositive() {
        return unit();
    }

    @Override
    public boolean hasInfinity() {
        return false;
    }

    @Override
    public boolean hasNaN() {
        return false;
    }

    @Override
    public boolean hasZero() {
        return true;
    }

    @Override
    public int lsbExponent() {
        return -fractionBits;
    }
}
