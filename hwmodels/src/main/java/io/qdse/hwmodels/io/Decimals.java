package io.qdse.hwmodels.io;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Locale;

/**
 * Decimal numbers as users write them, read the same way by every option and file: a literal beyond the range of a
 * double is an error, not an infinity ({@code 1e400}) or a zero ({@code 1e-400}), which Java's parser would make of it
 * in silence. {@code inf}, {@code infinity} and {@code nan} (any case, optional sign) are read as those values; callers
 * that need a finite number or a range say so themselves.
 */
public final class Decimals {
    private Decimals() {
    }

    /** The range of a double, for messages. */
    public static final String RANGE = "|x| <= 1.797e308 and, unless 0, >= 4.9e-324";

    /**
     * @param t a trimmed literal
     * @return the value of the words QDSE reads as infinities or NaN (inf, +inf, infinity, +infinity, -inf,
     *     -infinity, nan; any case), or null for any other text
     */
    public static Double special(String t) {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                return null;
        }
    }

    /**
     * @param text    the literal
     * @param field   the option or file position, for the message
     * @param allowed what is allowed there, for the message of a literal that is not a number
     * @return the value
     * @throws InvalidInputException naming {@code field} for something that is not a number or out of range
     */
    public static double parse(String text, String field, String allowed) {
        String t = text == null ? "" : text.trim();
        Double word = special(t);
        if (word != null) {
            return word;
        }
        double d;
        try {
            d = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, text, allowed);
        }
        String why = outOfRange(t, d);
        if (why != null) {
            throw new InvalidInputException(field, text, why);
        }
        return d;
    }

    /**
     * @return why literal {@code t}, which Java parsed as {@code d}, is beyond the range of a double, or null when it is
     *     not (infinities and NaN written as such are not)
     */
    public static String outOfRange(String t, double d) {
        String lower = t.toLowerCase(Locale.ROOT);
        if (Double.isInfinite(d) && !lower.contains("inf")) {
            return "a number within the range of a double (" + RANGE + "); this one is too large";
        }
        if (d == 0 && nonzeroSignificand(lower)) {
            return "a number within the range of a double (" + RANGE + "); this one is too small and would be 0";
        }
        return null;
    }

    private static boolean nonzeroSignificand(String t) {
        boolean hex = t.startsWith("0x") || t.startsWith("-0x") || t.startsWith("+0x");
        int start = hex ? t.indexOf('x') + 1 : 0;
        int end = t.length();
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((!hex && (c == 'e')) || (hex && c == 'p')) {
                end = i;
                break;
            }
        }
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            if ((c >= '1' && c <= '9') || (hex && c >= 'a' && c <= 'f')) {
                return true;
            }
        }
        return false;
    }
}
