package io.qdse.rtl;

import io.qdse.hwmodels.arith.Accumulator;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.arith.GoldenArithmetic;
import io.qdse.hwmodels.format.ScalarFormat;
import java.math.BigInteger;

/**
 * The bit-exact reference a generated MAC PE is checked against, built on hwmodels' {@link GoldenArithmetic} and
 * {@link FixedPointAccumulator}: finite products go exactly into the accumulator register (wrapping or saturating at
 * its width, as the Java model does); a non-finite product (NaN operand, ∞·0, ±∞) leaves the register alone and
 * is summed in IEEE double arithmetic, whose class is the PE's {nan, +inf, −inf} flags output.
 */
public final class MacGolden {
    private final ScalarFormat fa;
    private final ScalarFormat fb;
    private final FixedPointAccumulator spec;
    private final int lsb;
    private Accumulator acc;
    private double special;

    public MacGolden(ScalarFormat fa, ScalarFormat fb, FixedPointAccumulator spec) {
        this.fa = fa;
        this.fb = fb;
        this.spec = spec;
        this.lsb = GoldenArithmetic.productLsbExponent(fa, fb);
        clear();
    }

    public void clear() {
        acc = spec.start(lsb);
        special = 0.0;
    }

    /** One MAC of two codes. */
    public void mac(long codeA, long codeB) {
        double a = fa.decode(codeA);
        double b = fb.decode(codeB);
        if (Double.isFinite(a) && Double.isFinite(b)) {
            acc.add(GoldenArithmetic.product(fa, codeA, fb, codeB));
        } else {
            special += a * b;
        }
    }

    /** Adds another register's exact value (a partial sum of earlier row folds, in WS arrays). */
    public void addPartial(MacGolden other) {
        acc.add(other.acc.exactValue());
        special += other.special;
    }

    /** @return the register's two's-complement bit pattern ({@code width} bits) */
    public BigInteger register() {
        return toBits(acc.exactValue().toFixedPoint(lsb), spec.width());
    }

    /** @return {nan, +inf, −inf} as bits 2..0 */
    public int flags() {
        if (Double.isNaN(special)) {
            return 4;
        }
        if (special == Double.POSITIVE_INFINITY) {
            return 2;
        }
        return special == Double.NEGATIVE_INFINITY ? 1 : 0;
    }

    /** @return {flags, register}: the word an array's result buffer reads back */
    public BigInteger word() {
        return BigInteger.valueOf(flags()).shiftLeft(spec.width()).or(register());
    }

    static BigInteger toBits(BigInteger v, int width) {
        return v.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
    }
}
