package io.qdse.reports.text;

import java.util.Locale;

/** Human formatting of numbers with a sensible number of significant digits. */
public final class Numbers {
    private Numbers() {
    }

    /** @return {@code v} with 4 significant digits, no exponent for moderate magnitudes */
    public static String sig(double v) {
        return sig(v, 4);
    }

    public static String sig(double v, int digits) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e9) {
            return Long.toString((long) v);
        }
        if (a >= 1e-3 && a < 1e9) {
            int intDigits = (int) Math.floor(Math.log10(a)) + 1;
            int decimals = Math.max(0, digits - intDigits);
            String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }

    /** @return the shortest decimal that reads back as {@code v} (Java's repr), without exponent when moderate */
    public static String plain(double v) {
        if (!Double.isFinite(v)) {
            return sig(v);
        }
        double a = Math.abs(v);
        if (v != 0 && (a < 1e-6 || a >= 1e15)) {
            return Double.toString(v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** @return a percentage with one decimal, e.g. {@code -1.7} */
    public static String pct(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.equals("-0.0") ? "0.0" : s;
    }

    /** @return {@code v} with thousands separators for integers */
    public static String count(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return sig(v);
    }
}
