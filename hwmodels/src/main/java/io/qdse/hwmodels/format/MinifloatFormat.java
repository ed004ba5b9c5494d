package io.qdse.hwmodels.format;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.InvalidInputException;
import java.util.random.RandomGenerator;

/**
 * A binary floating-point format with {@code exponentBits} (1–8) and {@code mantissaBits} (0–23) fields, an
 * optional sign bit, any bias, subnormals on or off and a {@link SpecialValues} policy. fp32, tf32, bf16, fp16, the
 * OCP FP8/FP6/FP4 formats and the E8M0 block-scale format are all instances.
 *
 * <p>Code layout {@code [sign][exponent][mantissa]}. Decoding follows gfloat's {@code decode_float}
 * (graphcore-research/gfloat): with subnormals, exponent field 0 holds {@code 0.M × 2^(1−bias)}; without them it is
 * an ordinary binade {@code 1.M × 2^(−bias)} whose all-zero code is zero (or, when there are no mantissa bits, the
 * value {@code 2^(−bias)}: a format like E8M0 has no zero).
 *
 * @param exponentBits width of the exponent field, 1–8
 * @param mantissaBits width of the trailing significand field, 0–23
 * @param bias         exponent bias (value exponent = field − bias)
 * @param specials     which codes are infinities / NaNs
 * @param subnormals   whether exponent field 0 holds subnormals (always false without mantissa bits)
 * @param signed       whether there is a sign bit
 */
public record MinifloatFormat(int exponentBits, int mantissaBits, int bias, SpecialValues specials,
                              boolean subnormals, boolean signed) implements ScalarFormat {

    public MinifloatFormat {
        require(exponentBits >= 1 && exponentBits <= 8, "exponentBits", exponentBits,
                "minifloats have 1 to 8 exponent bits");
        require(mantissaBits >= 0 && mantissaBits <= 23, "mantissaBits", mantissaBits,
                "minifloats have 0 to 23 mantissa bits");
        require(specials != null, "specials", null, "one of ieee, fn, fnuz, none");
        require(specials != SpecialValues.FNUZ || signed, "specials", "fnuz",
                "FNUZ puts NaN at the negative-zero code, so it needs a sign bit");
        require(specials != SpecialValues.IEEE || exponentBits >= 2, "exponentBits", exponentBits,
                "IEEE specials take the whole top binade, so they need at least 2 exponent bits");
        subnormals = subnormals && mantissaBits > 0;
        int emaxField = (1 << exponentBits) - 1;
        int lsb = (subnormals ? 1 - bias : -bias) - mantissaBits;
        require(emaxField - bias <= 1000 && lsb >= -1022, "bias", bias,
                "must keep every value a normal double (roughly -990 to 990 for these field widths)");
    }

    /** Signed format with the standard bias {@code 2^(e−1) − 1} (or {@code 2^(e−1)} for FNUZ) and subnormals. */
    public static MinifloatFormat of(int exponentBits, int mantissaBits, SpecialValues specials) {
        return new MinifloatFormat(exponentBits, mantissaBits, defaultBias(exponentBits, specials), specials, true, true);
    }

    /** @return the IEEE-style bias {@code 2^(e−1) − 1}, or {@code 2^(e−1)} under FNUZ */
    public static int defaultBias(int exponentBits, SpecialValues specials) {
        int ieee = (1 << (exponentBits - 1)) - 1;
        return specials == SpecialValues.FNUZ ? ieee + 1 : ieee;
    }

    /**
     * The special-value policy a bare {@code eXmY} name gets: IEEE for formats of 16 bits or more and for E5M2 (as
     * OCP E5M2), FN for E4M3 (as OCP E4M3FN), and NONE for everything else narrower (as OCP FP6/FP4, Brevitas).
     */
    public static SpecialValues defaultSpecials(int exponentBits, int mantissaBits) {
        int bits = 1 + exponentBits + mantissaBits;
        if (bits >= 16 || (exponentBits == 5 && mantissaBits == 2)) {
            return SpecialValues.IEEE;
        }
        if (exponentBits == 4 && mantissaBits == 3) {
            return SpecialValues.FN;
        }
        return SpecialValues.NONE;
    }

    @Override
    public int bits() {
        return (signed ? 1 : 0) + exponentBits + mantissaBits;
    }

    /** @return the all-ones exponent field value */
    public int maxExponentField() {
        return (1 << exponentBits) - 1;
    }

    /** @return number of NaN codes (per sign) at the top of the all-ones exponent binade */
    int highNaNCount() {
        switch (specials) {
            case IEEE:
                return (1 << mantissaBits) - 1;
            case FN:
                return 1;
            default:
                return 0;
        }
    }

    /** @return whether the negative-zero code is a NaN (FNUZ with a zero) */
    boolean negativeZeroIsNaN() {
        return specials == SpecialValues.FNUZ && mantissaBits > 0;
    }

    @Override
    public boolean hasInfinity() {
        return specials == SpecialValues.IEEE;
    }

    @Override
    public boolean hasNaN() {
        return highNaNCount() > 0 || negativeZeroIsNaN();
    }

    @Override
    public boolean hasZero() {
        return mantissaBits > 0;
    }

    /** @return whether −0 is a distinct value */
    public boolean hasNegativeZero() {
        return signed && hasZero() && !negativeZeroIsNaN();
    }

    @Override
    public int lsbExponent() {
        return (subnormals ? 1 - bias : -bias) - mantissaBits;
    }

    /** @return the value exponent of the lowest binade (its spacing is {@code 2^(minExponent − m)}) */
    public int minExponent() {
        return subnormals ? 1 - bias : -bias;
    }

    /** @return the largest unbiased exponent of a finite value, {@code floor(log2(maxFinite))} */
    public int maxExponent() {
        return topFiniteExponentField() - bias;
    }

    private int topSpecialCount() {
        return highNaNCount() + (hasInfinity() ? 1 : 0);
    }

    private int topFiniteExponentField() {
        return topSpecialCount() >= (1 << mantissaBits) ? maxExponentField() - 1 : maxExponentField();
    }

    private int topFiniteMantissa() {
        int all = (1 << mantissaBits) - 1;
        int special = topSpecialCount();
        return special >= (1 << mantissaBits) ? all : all - special;
    }

    /** Value of a non-special (exponent field, mantissa field) pair, without sign. */
    double magnitude(int exponentField, int mantissaField) {
        if (exponentField == 0 && (subnormals || (mantissaField == 0 && mantissaBits > 0))) {
            return Math.scalb((double) mantissaField, 1 - bias - mantissaBits);
        }
        return Math.scalb((double) ((1L << mantissaBits) + mantissaField), exponentField - bias - mantissaBits);
    }

    @Override
    public double maxFinite() {
        return magnitude(topFiniteExponentField(), topFiniteMantissa());
    }

    @Override
    public double minFinite() {
        return signed ? -maxFinite() : (hasZero() ? 0.0 : minPositive());
    }

    @Override
    public double minPositive() {
        if (subnormals) {
            return Math.scalb(1.0, 1 - bias - mantissaBits);
        }
        return mantissaBits > 0 ? magnitude(0, 1) : Math.scalb(1.0, -bias);
    }

    /** @return the smallest positive value of the normal class */
    public double minNormal() {
        return subnormals ? Math.scalb(1.0, 1 - bias) : minPositive();
    }

    /** @return the largest subnormal, or 0 when the format has none */
    public double maxSubnormal() {
        return subnormals ? magnitude(0, (1 << mantissaBits) - 1) : 0.0;
    }

    @Override
    public boolean isValidCode(long code) {
        return code >= 0 && code < codeCount();
    }

    @Override
    public double decode(long code) {
        if (!isValidCode(code)) {
            throw new InvalidInputException("code", code, "must be in [0, " + codeCount() + ") for " + name());
        }
        int m = mantissaBits;
        int e = exponentBits;
        boolean negative = signed && ((code >>> (e + m)) & 1) == 1;
        int exponentField = (int) ((code >>> m) & ((1 << e) - 1));
        int mantissaField = (int) (code & ((1L << m) - 1));
        if (exponentField == maxExponentField()) {
            int minNaN = (1 << m) - highNaNCount();
            if (highNaNCount() > 0 && mantissaField >= minNaN) {
                return Double.NaN;
            }
            if (hasInfinity() && mantissaField == minNaN - 1) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
        }
        if (negative && exponentField == 0 && mantissaField == 0 && hasZero()) {
            return negativeZeroIsNaN() ? Double.NaN : -0.0;
        }
        double v = magnitude(exponentField, mantissaField);
        return negative ? -v : v;
    }

    /** @return the canonical NaN code (positive quiet NaN; the negative-zero code under FNUZ) */
    public long canonicalNaNCode() {
        if (negativeZeroIsNaN()) {
            return 1L << (bits() - 1);
        }
        if (highNaNCount() == 0) {
            throw new InvalidInputException("value", "NaN", name() + " has no NaN code");
        }
        long exponentPart = (long) maxExponentField() << mantissaBits;
        long mantissa = specials == SpecialValues.IEEE ? 1L << (mantissaBits - 1) : (1L << mantissaBits) - 1;
        return exponentPart | mantissa;
    }

    /** @return the code of +infinity; only for IEEE formats */
    public long positiveInfinityCode() {
        if (!hasInfinity()) {
            throw new InvalidInputException("value", "Infinity", name() + " has no infinity");
        }
        return (long) maxExponentField() << mantissaBits;
    }

    @Override
    public long encode(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random) {
        return codeOf(quantize(value, rounding, overflow, random));
    }

    /** @return the code of a value that this format represents exactly (NaN maps to the canonical NaN) */
    public long codeOf(double v) {
        if (Double.isNaN(v)) {
            return canonicalNaNCode();
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        long sign = signed && negative && !(v == 0 && !hasNegativeZero()) ? 1L << (bits() - 1) : 0L;
        double a = Math.abs(v);
        if (Double.isInfinite(a)) {
            return sign | positiveInfinityCode();
        }
        if (a == 0) {
            require(hasZero(), "value", v, name() + " has no zero");
            return sign;
        }
        require(signed || !negative, "value", v, name() + " is unsigned");
        int exponentField;
        long mantissaField;
        if (subnormals && a < Math.scalb(1.0, 1 - bias)) {
            exponentField = 0;
            mantissaField = (long) Math.scalb(a, bias - 1 + mantissaBits);
        } else {
            int exp = Math.getExponent(a);
            exponentField = exp + bias;
            mantissaField = (long) Math.scalb(a, mantissaBits - exp) - (1L << mantissaBits);
        }
        long code = sign | ((long) exponentField << mantissaBits) | mantissaField;
        if (exponentField < 0 || exponentField > maxExponentField() || decode(code) != v) {
            throw new InvalidInputException("value", v, "is not exactly representable in " + name());
        }
        return code;
    }

    @Override
    public double quantize(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random) {
        return new MinifloatQuantizer(this, rounding, overflow).quantize(value, random);
    }

    @Override
    public String name() {
        return Formats.nameOf(this);
    }

    /** @return the generic grammar name, e.g. {@code e4m3}, {@code e5m2:ieee:nosub}, {@code e2m1:bias=3} */
    public String genericName() {
        StringBuilder sb = new StringBuilder();
        sb.append('e').append(exponentBits).append('m').append(mantissaBits);
        if (specials != defaultSpecials(exponentBits, mantissaBits)) {
            sb.append(':').append(specials.token());
        }
        if (bias != defaultBias(exponentBits, specials)) {
            sb.append(":bias=").append(bias);
        }
        if (!subnormals && mantissaBits > 0) {
            sb.append(":nosub");
        }
        if (!signed) {
            sb.append(":unsigned");
        }
        return sb.toString();
    }

    /** @return the name with every option spelled out, e.g. {@code e8m0:none:nosub:bias=127} */
    public String fullName() {
        return "e" + exponentBits + "m" + mantissaBits + ":" + specials.token() + (subnormals ? ":sub" : ":nosub")
                + ":bias=" + bias + (signed ? "" : ":unsigned");
    }

    @Override
    public String description() {
        return (signed ? "" : "unsigned ") + "float E" + exponentBits + "M" + mantissaBits + ", bias " + bias + ", "
                + specials.token() + " specials, " + (subnormals ? "subnormals" : "no subnormals") + ", max "
                + Formats.formatValue(maxFinite());
    }
}
