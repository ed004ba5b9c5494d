package io.qdse.hwmodels.arith;

import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.Overflow;
import io.qdse.hwmodels.format.RoundingMode;

/**
 * A floating-point accumulator register in {@code format}, rounding to nearest even after every add. Fused (the
 * default, an FMA): {@code acc ← round(acc + a·b)} with the exact product. Unfused: the product is first rounded to
 * the accumulator format, then added and rounded again. Overflow goes to ±inf (or NaN, for FN formats) as in IEEE
 * arithmetic; infinities and NaNs propagate with IEEE semantics.
 *
 * @param format the register's format
 * @param fused  one rounding per MAC (true) or two (false)
 */
public record FloatAccumulator(MinifloatFormat format, boolean fused) implements AccumulatorSpec {

    @Override
    public String name() {
        return Formats.nameOf(format) + (fused ? "" : ":unfused");
    }

    @Override
    public int registerBits() {
        return format.bits();
    }

    @Override
    public Accumulator start(int productLsbExponent) {
        return new State();
    }

    private double round(double roundedToOdd) {
        return format.quantize(roundedToOdd, RoundingMode.NEAREST_EVEN, Overflow.OVERFLOW, null);
    }

    private final class State implements Accumulator {
        private double acc = 0.0;
        private boolean overflow;

        @Override
        public void addProduct(double a, double b) {
            double p = a * b; // only its sign and class are used when both are finite
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                setSpecial(acc + p);
                return;
            }
            Dyadic exact = Dyadic.of(a).multiply(Dyadic.of(b));
            if (!fused) {
                double odd = exact.toDoubleRoundToOdd();
                double rp = round(odd);
                if (Math.abs(odd) > format.maxFinite()) {
                    overflow = true;
                }
                if (!Double.isFinite(rp)) {
                    setSpecial(acc + rp);
                    return;
                }
                exact = Dyadic.of(rp);
                p = rp;
            }
            addExact(exact, exact.isZero() && (1 / p < 0 || p < 0));
        }

        @Override
        public void add(Dyadic value) {
            addExact(value, false);
        }

        private void addExact(Dyadic value, boolean negativeZero) {
            if (!Double.isFinite(acc)) {
                return; // ±inf + finite stays ±inf, NaN stays NaN
            }
            Dyadic sum = Dyadic.of(acc).add(value);
            double r;
            if (sum.isZero()) {
                // IEEE: x + (-x) = +0 under round-to-nearest; -0 + -0 = -0
                boolean accNegZero = acc == 0 && 1 / acc < 0;
                r = (accNegZero && (value.isZero() && negativeZero)) ? -0.0 : 0.0;
                if (!format.hasNegativeZero()) {
                    r = 0.0;
                }
            } else {
                double odd = sum.toDoubleRoundToOdd();
                r = round(odd);
                if (Math.abs(odd) > format.maxFinite() && Math.abs(r) <= format.maxFinite()) {
                    overflow = true; // saturated: the format has neither inf nor NaN
                }
            }
            if (!Double.isFinite(r)) {
                overflow = true;
            }
            acc = r;
        }

        private void setSpecial(double v) {
            overflow = true;
            acc = Double.isNaN(v) ? Double.NaN : round(v);
        }

        @Override
        public double value() {
            return acc;
        }

        @Override
        public Dyadic exactValue() {
            return Dyadic.of(acc);
        }

        @Override
        public long registerCode() {
            return format.codeOf(acc);
        }

        @Override
        public boolean overflowed() {
            return overflow;
        }
    }
}
