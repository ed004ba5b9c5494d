package io.qdse.hwmodels.arith;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses accumulator names: {@code intN} (wrapping), {@code intN:sat}, {@code kulisch} (exact, width from the
 * operand formats and the dot length), {@code kulischW} (explicit width), and any minifloat name ({@code fp32},
 * {@code fp16}, {@code bf16}, {@code e6m9}…), optionally {@code :unfused}.
 */
public final class AccumulatorSpecs {
    private AccumulatorSpecs() {
    }

    private static final Pattern INT = Pattern.compile("int(\\d+)(:sat)?");
    private static final Pattern KULISCH = Pattern.compile("kulisch(\\d*)");

    /**
     * @param a         first operand's element format (for {@code kulisch})
     * @param b         second operand's element format
     * @param dotLength products per accumulation (for {@code kulisch})
     */
    public static AccumulatorSpec parse(String text, String field, ScalarFormat a, ScalarFormat b, long dotLength) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, text, "an accumulator such as int32, int32:sat, fp32, kulisch");
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = INT.matcher(key);
        if (m.matches()) {
            int bits = Integer.parseInt(m.group(1));
            if (bits < 2 || bits > 4096) {
                throw new InvalidInputException(field, text, "integer accumulators have 2..4096 bits");
            }
            return new FixedPointAccumulator(bits, m.group(2) != null, false);
        }
        m = KULISCH.matcher(key);
        if (m.matches()) {
            if (m.group(1).isEmpty()) {
                return FixedPointAccumulator.kulisch(a, b, dotLength);
            }
            int w = Integer.parseInt(m.group(1));
            if (w < 2 || w > 4096) {
                throw new InvalidInputException(field, text, "Kulisch widths are 2..4096 bits");
            }
            return new FixedPointAccumulator(w, false, true);
        }
        boolean fused = true;
        if (key.endsWith(":unfused")) {
            fused = false;
            key = key.substring(0, key.length() - ":unfused".length());
        }
        NumberFormat f;
        try {
            f = Formats.parse(key, field);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, text, "unknown accumulator; use intN, intN:sat, kulisch, kulischW "
                    + "or a float format such as fp32, fp16, bf16");
        }
        if (!(f instanceof MinifloatFormat)) {
            throw new InvalidInputException(field, text, "a float accumulator must be a minifloat format (fp32, fp16,"
                    + " bf16, eXmY); integer accumulators are written intN");
        }
        return new FloatAccumulator((MinifloatFormat) f, fused);
    }
}
