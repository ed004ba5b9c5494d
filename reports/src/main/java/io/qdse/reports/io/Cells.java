package io.qdse.reports.io;

/** Cell text → value, as QDSE writes numbers (plain, scientific, {@code nan}, {@code inf}). */
final class Cells {
    private Cells() {
    }

    /** @return the number, NaN when the text is empty, {@code nan} or not a number */
    static double number(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** @return whether the text is a number (or a spelled non-finite value) */
    static boolean isNumber(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return false;
        }
        return !Double.isNaN(number(t)) || t.equalsIgnoreCase("nan");
    }
}
