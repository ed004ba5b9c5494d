package io.qdse.simulator.scalesim;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest decimal that reads back as the same double (closest to it among the
 * shortest), laid out positionally when the decimal exponent is in (-4, 16] and with an exponent otherwise, always
 * with a fractional part ({@code 32.0}, {@code 1e-05}, {@code 1.5e+16}). Java 17's {@code Double.toString} differs
 * in layout and is not always shortest, so SCALE-Sim-compatible reports format through this.
 */
public final class PyFloat {
    private PyFloat() {
    }

    public static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        String sign = v < 0 ? "-" : "";
        BigDecimal exact = new BigDecimal(Math.abs(v));
        BigDecimal best = null;
        for (int p = 1; p <= 17 && best == null; p++) {
            MathContext mc = new MathContext(p, RoundingMode.HALF_EVEN);
            BigDecimal[] candidates = {exact.round(mc), exact.round(new MathContext(p, RoundingMode.FLOOR)),
                exact.round(new MathContext(p, RoundingMode.CEILING))};
            for (BigDecimal c : candidates) {
                if (c.doubleValue() == Math.abs(v)) {
                    if (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                        best = c;
                    }
                }
            }
        }
        BigDecimal s = best.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        // value = 0.digits × 10^decpt
        int decpt = digits.length() - s.scale();
        StringBuilder out = new StringBuilder(sign);
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                out.append("0.").append("0".repeat(-decpt)).append(digits);
            } else if (decpt >= digits.length()) {
                out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            } else {
                out.append(digits, 0, decpt).append('.').append(digits.substring(decpt));
            }
            return out.toString();
        }
        int exp = decpt - 1;
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits.substring(1));
        }
        out.append('e').append(exp < 0 ? '-' : '+');
        String e = Integer.toString(Math.abs(exp));
        out.append(e.length() < 2 ? "0" + e : e);
        return out.toString();
    }

    /** Python's {@code a / b} on ints: the correctly rounded quotient (exact operands up to any size). */
    public static double trueDiv(long a, long b) {
        if (Math.abs(a) < (1L << 53) && Math.abs(b) < (1L << 53)) {
            return (double) a / (double) b;
        }
        return new BigDecimal(BigInteger.valueOf(a)).divide(new BigDecimal(BigInteger.valueOf(b)),
                new MathContext(60, RoundingMode.HALF_EVEN)).doubleValue();
    }
}
