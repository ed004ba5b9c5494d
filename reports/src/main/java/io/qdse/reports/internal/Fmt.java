package io.qdse.reports.internal;

import java.util.Locale;

/** Short, locale-independent number text for titles and captions. */
public final class Fmt {
    private Fmt() {
    }

    /** @return {@code v} with 4 significant digits (grouped integers below 1e15) */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "n/a" : v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.4g", v).replace("e+0", "e").replace("e+", "e").replace("e-0", "e-");
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
        int dot = s.indexOf('.');
        String intPart = dot < 0 ? s : s.substring(0, dot);
        if (intPart.replace("-", "").length() > 3) {
            long l = Long.parseLong(intPart);
            return String.format(Locale.ROOT, "%,d", l) + (dot < 0 ? "" : s.substring(dot));
        }
        return s;
    }
}
