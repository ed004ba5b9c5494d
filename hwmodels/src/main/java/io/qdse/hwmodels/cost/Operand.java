package io.qdse.hwmodels.cost;

import io.qdse.hwmodels.format.BipolarIntFormat;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.ScalarFormat;

/**
 * What a datapath sees of a scalar format: an integer of some width, or a float with an exponent field and a
 * significand (hidden bit included).
 *
 * @param isFloat      float datapath (exponent handling, alignment) or integer
 * @param width        integer width, or significand width {@code m + 1} for floats
 * @param exponentBits exponent field width (0 for integers)
 * @param specials     whether inf/NaN codes need decoding
 * @param subnormals   whether the hidden bit must be derived from the exponent field
 * @param minExponent  lowest value exponent (floats), 0 for integers
 * @param maxExponent  highest value exponent (floats), 0 for integers
 * @param signed       two's-complement integer (floats carry a separate sign: their significand is unsigned)
 */
record Operand(boolean isFloat, int width, int exponentBits, boolean specials, boolean subnormals, int minExponent,
               int maxExponent, boolean signed) {

    static Operand of(ScalarFormat f) {
        if (f instanceof MinifloatFormat) {
            MinifloatFormat m = (MinifloatFormat) f;
            return new Operand(true, m.mantissaBits() + 1, m.exponentBits(), m.hasNaN() || m.hasInfinity(),
                    m.subnormals(), m.minExponent(), m.maxExponent(), false);
        }
        if (f instanceof BipolarIntFormat) {
            // odd values up to 2^b - 1 need b + 1 bits in two's complement
            return new Operand(false, f.bits() + 1, 0, false, false, 0, 0, true);
        }
        return new Operand(false, ((IntFormat) f).bits(), 0, false, false, 0, 0, f.signed());
    }

    /** @return mantissa field bits (significand without the hidden bit) */
    int mantissaBits() {
        return isFloat ? width - 1 : width;
    }

    /** @return the number of distinct exponents (binades) a value can have */
    int exponentRange() {
        return isFloat ? maxExponent - minExponent + 1 : 1;
    }
}
