package io.qdse.hwmodels.format;

/**
 * Which codes of a minifloat are not finite numbers. The encodings follow gfloat's parameterisation
 * (graphcore-research/gfloat {@code FormatInfo}: has_infs, num_high_nans, has_nz) and the OCP 8-bit FP spec.
 */
public enum SpecialValues {
    /** IEEE 754: all-ones exponent is ±inf (mantissa 0) or NaN (mantissa ≠ 0). */
    IEEE("ieee", "IEEE 754: inf at max exponent with mantissa 0, NaN otherwise"),
    /** OCP E4M3 "FN" (finite): no infinities; only the all-ones exponent+mantissa code is NaN (both signs). */
    FN("fn", "finite + NaN (OCP E4M3FN): no inf, NaN only at all-ones exponent and mantissa"),
    /** "FNUZ": no infinities, no negative zero; the negative-zero code is the only NaN. Default bias is 2^(e-1). */
    FNUZ("fnuz", "finite + NaN, unsigned zero: NaN at the negative-zero code, bias + 1"),
    /** Every code is a finite number (OCP MX FP6/FP4). */
    NONE("none", "every code is finite (OCP FP6/FP4)");

    private final String token;
    private final String description;

    SpecialValues(String token, String description) {
        this.token = token;
        this.description = description;
    }

    /** @return the token used in format names, e.g. {@code e4m3:fnuz} */
    public String token() {
        return token;
    }

    public String description() {
        return description;
    }
}
