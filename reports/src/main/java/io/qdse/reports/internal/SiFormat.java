package io.qdse.reports.internal;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Axis tick labels in at most three significant digits with SI prefixes ({@code 1.5k}, {@code 20M}, {@code 3G});
 * small values in plain or scientific notation. Locale-independent, so images are the same everywhere.
 */
final class SiFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private static final String[] PREFIX = {"", "k", "M", "G", "T", "P", "E"};

    @Override
    public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
        return to.append(text(v));
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
        return to.append(text(v));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        return null;
    }

    static String text(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a < 1e-3) {
            return trimExp(String.format(Locale.ROOT, "%.2e", v));
        }
        int k = 0;
        while (a >= 1000 && k < PREFIX.length - 1) {
            a /= 1000;
            v /= 1000;
            k++;
        }
        String s;
        if (a >= 100) {
            s = String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 10) {
            s = String.format(Locale.ROOT, "%.1f", v);
        } else if (a >= 1) {
            s = String.format(Locale.ROOT, "%.2f", v);
        } else {
            s = String.format(Locale.ROOT, "%.3f", v);
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s + PREFIX[k];
    }

    private static String trimExp(String s) {
        String[] p = s.split("e");
        String m = p[0].contains(".") ? p[0].replaceAll("0+$", "").replaceAll("\\.$", "") : p[0];
        return m + "e" + Integer.parseInt(p[1]);
    }
}
