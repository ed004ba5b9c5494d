package io.qdse.hwmodels.arith;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.ScalarFormat;
import java.math.BigInteger;

/**
 * A two's-complement register of {@code width} bits counting in units of the product LSB: an integer accumulator
 * ({@code int32}: width 32) or an exact Kulisch accumulator whose width is computed so that a dot product of a given
 * length can never overflow ({@link #kulisch}).
 *
 * @param width      register width in bits, 2–4096
 * @param saturating clamp at the register range instead of wrapping
 * @param kulisch    whether the width was computed for exact accumulation (affects only the name)
 */
public record FixedPointAccumulator(int width, boolean saturating, boolean kulisch) implements AccumulatorSpec {

    public FixedPointAccumulator {
        require(width >= 2 && width <= 4096, "acc width", width, "must be in 2..4096 bits");
    }

    /** A wrapping integer accumulator of {@code bits} bits, e.g. int32. */
    public static FixedPointAccumulator integer(int bits) {
        return new FixedPointAccumulator(bits, false, false);
    }

    /**
     * The narrowest two's-complement register that holds every sum of {@code n} products of {@code a × b} values
     * exactly: {@code W = 1 + ceil(log2(n·max|product| / lsb))} evaluated with the exact product range. For
     * integer pairs it equals the A2Q bound FINN uses (e.g. int8×int8, n = 4608: 28 bits); for minifloats it is at
     * most Kulisch's {@code 2^ea + ma + 2^eb + mb + ceil(log2 n) − 1} of Aggarwal et al. (arXiv:2311.12359), often
     * one bit less because it uses the real max values.
     */
    public static FixedPointAccumulator kulisch(ScalarFormat a, ScalarFormat b, long n) {
        return new FixedPointAccumulator(kulischWidth(a, b, n), false, true);
    }

    /** @return the exact-accumulation width for {@code n} products of {@code a × b} */
    public static int kulischWidth(ScalarFormat a, ScalarFormat b, long n) {
        require(n >= 1, "dot-length", n, "must be >= 1");
        int lsb = a.lsbExponent() + b.lsbExponent();
        double[] ea = {a.minFinite(), a.maxFinite()};
        double[] eb = {b.minFinite(), b.maxFinite()};
        BigInteger maxPos = BigInteger.ZERO;
        BigInteger maxNeg = BigInteger.ZERO;
        for (double x : ea) {
            for (double y : eb) {
                BigInteger p = Dyadic.of(x).multiply(Dyadic.of(y)).toFixedPoint(lsb);
                if (p.signum() > 0 && p.compareTo(maxPos) > 0) {
                    maxPos = p;
                }
                if (p.signum() < 0 && p.negate().compareTo(maxNeg) > 0) {
                    maxNeg = p.negate();
                }
            }
        }
        BigInteger bn = BigInteger.valueOf(n);
        BigInteger pos = maxPos.multiply(bn); // need pos <= 2^(W-1) - 1
        BigInteger neg = maxNeg.multiply(bn); // need neg <= 2^(W-1)
        int w = Math.max(pos.bitLength() + 1, neg.subtract(BigInteger.ONE).bitLength() + 1);
        return Math.max(2, w);
    }

    @Override
    public String name() {
        if (kulisch) {
            return "kulisch" + width;
        }
        return "int" + width + (saturating ? ":sat" : "");
    }

    @Override
    public int registerBits() {
        return width;
    }

    @Override
    public Accumulator start(int productLsbExponent) {
        return new State(productLsbExponent);
    }

    private final class State implements Accumulator {
        private final int lsb;
        private final BigInteger max = BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE);
        private final BigInteger min = BigInteger.ONE.shiftLeft(width - 1).negate();
        private final BigInteger modulus = BigInteger.ONE.shiftLeft(width);
        private BigInteger units = BigInteger.ZERO;
        private boolean overflow;

        State(int lsb) {
            this.lsb = lsb;
        }

        @Override
        public void addProduct(double a, double b) {
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                throw new InvalidInputException("operand", Double.isFinite(a) ? b : a,
                        "a fixed-point accumulator takes finite operands only");
            }
            add(Dyadic.of(a).multiply(Dyadic.of(b)));
        }

        @Override
        public void add(Dyadic value) {
            BigInteger sum = units.add(value.toFixedPoint(lsb));
            if (sum.compareTo(max) > 0 || sum.compareTo(min) < 0) {
                overflow = true;
                if (saturating) {
                    sum = sum.signum() > 0 ? max : min;
                } else {
                    sum = sum.mod(modulus);
                    if (sum.compareTo(max) > 0) {
                        sum = sum.subtract(modulus);
                    }
                }
            }
            units = sum;
        }

        @Override
        public double value() {
            return exactValue().toDouble();
        }

        @Override
        public Dyadic exactValue() {
            return Dyadic.ofFixedPoint(units, lsb);
        }

        @Override
        public long registerCode() {
            if (width > 64) {
                throw new UnsupportedOperationException("a " + width + "-bit register does not fit a long");
            }
            return units.longValue() & (width == 64 ? -1L : (1L << width) - 1);
        }

        @Override
        public boolean overflowed() {
            return overflow;
        }
    }
}
