package io.qdse.hwmodels.arith;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.ScalarFormat;

/**
 * The bit-exact reference for MAC datapaths: exact products of any two formats, accumulated exactly as the
 * accumulator register would. RTL emitted by rtl-gen is checked against this, code for code.
 */
public final class GoldenArithmetic {
    private GoldenArithmetic() {
    }

    /** @return the exact product of two finite codes */
    public static Dyadic product(ScalarFormat fa, long codeA, ScalarFormat fb, long codeB) {
        double a = fa.decode(codeA);
        double b = fb.decode(codeB);
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new InvalidInputException("operand", Double.isFinite(a) ? b : a, "exact products need finite codes");
        }
        return Dyadic.of(a).multiply(Dyadic.of(b));
    }

    /** @return the unit every product of {@code fa × fb} is a multiple of, as a power-of-two exponent */
    public static int productLsbExponent(ScalarFormat fa, ScalarFormat fb) {
        return fa.lsbExponent() + fb.lsbExponent();
    }

    /** Dot product of two code vectors, one MAC per element in order, into a fresh accumulator. */
    public static Accumulator dot(ScalarFormat fa, long[] a, ScalarFormat fb, long[] b, AccumulatorSpec spec) {
        if (a.length != b.length) {
            throw new InvalidInputException("b", b.length + " codes", "must have as many codes as a (" + a.length + ")");
        }
        Accumulator acc = spec.start(productLsbExponent(fa, fb));
        for (int i = 0; i < a.length; i++) {
            acc.addProduct(fa.decode(a[i]), fb.decode(b[i]));
        }
        return acc;
    }

    /**
     * Dot product of two block-format vectors as the OCP MX spec defines it: per block, the exact sum of element
     * products times the two block scales, then one add into {@code outer} per block (the spec leaves internal
     * precision to the implementation; exact per-block sums are the upper bound on accuracy).
     *
     * @param scalesA one scale value per block of {@code a}
     */
    public static Accumulator blockDot(BlockFormat fa, double[] scalesA, long[] a, BlockFormat fb, double[] scalesB,
                                       long[] b, AccumulatorSpec outer) {
        if (fa.blockSize() != fb.blockSize()) {
            throw new InvalidInputException("b", fb.name(), "block sizes must match (" + fa.blockSize() + ")");
        }
        if (a.length != b.length) {
            throw new InvalidInputException("b", b.length + " codes", "must have as many codes as a (" + a.length + ")");
        }
        int k = fa.blockSize();
        int blocks = (a.length + k - 1) / k;
        if (scalesA.length != blocks || scalesB.length != blocks) {
            throw new InvalidInputException("scales", scalesA.length + "/" + scalesB.length, "need one per block ("
                    + blocks + ")");
        }
        Accumulator acc = outer.start(productLsbExponent(fa.element(), fb.element())
                + fa.scale().lsbExponent() + fb.scale().lsbExponent());
        for (int blk = 0; blk < blocks; blk++) {
            Dyadic partial = Dyadic.ZERO;
            for (int i = blk * k; i < Math.min(a.length, (blk + 1) * k); i++) {
                partial = partial.add(product(fa.element(), a[i], fb.element(), b[i]));
            }
            acc.add(partial.multiply(Dyadic.of(scalesA[blk])).multiply(Dyadic.of(scalesB[blk])));
        }
        return acc;
    }
}
