package io.qdse.hwmodels.format;

import java.util.random.RandomGenerator;

/** A rounding function to one scalar format with its rules fixed; built once, applied to many values. */
public interface ScalarQuantizer {

    /** @param random read only under stochastic rounding */
    double quantize(double value, RandomGenerator random);

    /** @return a quantizer for {@code format} under the given rules */
    static ScalarQuantizer of(ScalarFormat format, RoundingMode rounding, Overflow overflow) {
        if (format instanceof MinifloatFormat) {
            return new MinifloatQuantizer((MinifloatFormat) format, rounding, overflow);
        }
        return (value, random) -> format.quantize(value, rounding, overflow, random);
    }
}
