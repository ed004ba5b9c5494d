package io.qdse.hwmodels.quant;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.Overflow;
import io.qdse.hwmodels.format.RoundingMode;
import io.qdse.hwmodels.format.ScalarFormat;
import java.util.SplittableRandom;

/**
 * Values rounded one by one to a scalar format, without a scale: each input, its value in the format and that
 * value's code (what {@code qdse quantize --values} shows).
 *
 * @param format    the format
 * @param inputs    the values as given
 * @param quantized each input rounded to {@code format}
 * @param codes     the code of each quantized value
 */
public record ValueQuantization(ScalarFormat format, double[] inputs, double[] quantized, long[] codes) {
    public ValueQuantization {
        if (inputs.length != quantized.length || inputs.length != codes.length) {
            throw new IllegalArgumentException("inputs, quantized, codes: must be equally long (were "
                    + inputs.length + ", " + quantized.length + ", " + codes.length + ")");
        }
        inputs = inputs.clone();
        quantized = quantized.clone();
        codes = codes.clone();
    }

    /**
     * Rounds each value under the given rules.
     *
     * @param seed  seed of stochastic rounding (one generator, drawn in input order)
     * @param field the option that gave the values, named when a value has no code (NaN in an integer format)
     */
    public static ValueQuantization of(ScalarFormat s, double[] xs, RoundingMode rm, Overflow ov, long seed,
                                       String field) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] q = new double[xs.length];
        long[] codes = new long[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (!(s instanceof MinifloatFormat) && Double.isNaN(xs[i])) {
                throw new InvalidInputException(field, "NaN", s.name() + " has no NaN code");
            }
            q[i] = s.quantize(xs[i], rm, ov, random);
            codes[i] = s instanceof MinifloatFormat m ? m.codeOf(q[i]) : s.encode(q[i]);
        }
        return new ValueQuantization(s, xs, q, codes);
    }

    /** @return the number of values */
    public int size() {
        return inputs.length;
    }

    /** @return |input - quantized| of value {@code i} (NaN when either is NaN) */
    public double absError(int i) {
        return Math.abs(inputs[i] - quantized[i]);
    }

    @Override
    public double[] inputs() {
        return inputs.clone();
    }

    @Override
    public double[] quantized() {
        return quantized.clone();
    }

    @Override
    public long[] codes() {
        return codes.clone();
    }

    /** @return input {@code i} */
    public double input(int i) {
        return inputs[i];
    }

    /** @return quantized value {@code i} */
    public double quantized(int i) {
        return quantized[i];
    }

    /** @return code {@code i} */
    public long code(int i) {
        return codes[i];
    }
}
