package io.qdse.hwmodels.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Every valid code of a scalar format and the exact value it decodes to, in code order (what {@code qdse formats
 * show} lists).
 *
 * @param format the format
 * @param codes  its valid codes, ascending
 */
public record CodeTable(ScalarFormat format, List<Code> codes) {
    /** Formats wider than this have too many codes to list. */
    public static final int MAX_BITS = 20;

    /**
     * One code.
     *
     * @param code  the unsigned bit pattern
     * @param value its exact value (finite, ±infinity or NaN)
     */
    public record Code(long code, double value) {
    }

    public CodeTable {
        if (format == null) {
            throw new IllegalArgumentException("format: must not be null");
        }
        codes = List.copyOf(codes);
    }

    /**
     * @return every valid code of {@code s} and its value
     * @throws IllegalArgumentException when {@code s} has more than {@link #MAX_BITS} bits
     */
    public static CodeTable of(ScalarFormat s) {
        if (s.bits() > MAX_BITS) {
            throw new IllegalArgumentException("format: at most " + MAX_BITS + " bits to list every code (was "
                    + s.name() + ", " + s.bits() + " bits)");
        }
        List<Code> codes = new ArrayList<>();
        for (long c = 0; c < s.codeCount(); c++) {
            if (s.isValidCode(c)) {
                codes.add(new Code(c, s.decode(c)));
            }
        }
        return new CodeTable(s, codes);
    }
}
