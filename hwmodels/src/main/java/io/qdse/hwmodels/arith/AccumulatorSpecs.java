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
 * {@code fp16}, {@code bf16}, {@code e6m9}…), optionally {@code :unfused}; picks the default accumulator of an operand
 * pair ({@link #defaultFor}) and refuses a fixed-point register too narrow for one product
 * ({@link #requireHoldsProduct}). Every command (cost, simulate, search, rtl, demo, sweep) forms accumulators here, so
 * the same operands get the same default and the same refusal everywhere (docs/formats.md, "Accumulators").
 */
public final class AccumulatorSpecs {
    private AccumulatorSpecs() {
    }

    private static final Pattern INT = Pattern.compile("int(\\d+)(:sat)?");
    private static final Pattern KULISCH = Pattern.compile("kulisch(\\d*)");

    /**
     * @param a         first operand's element format (for {@code kulisch}, and the one-product check)
     * @param b         second operand's element format
     * @param dotLength products per accumulation (for {@code kulisch})
     * @throws InvalidInputException naming {@code field} for an unknown name or a fixed-point register narrower than
     *                               one product ({@link #requireHoldsProduct})
     */
    public static AccumulatorSpec parse(String text, String field, ScalarFormat a, ScalarFormat b, long dotLength) {
        AccumulatorSpec acc = parseName(text, field, a, b, dotLength);
        requireHoldsProduct(acc, a, b, field, text);
        return acc;
    }

    private static AccumulatorSpec parseName(String text, String field, ScalarFormat a, ScalarFormat b,
                                             long dotLength) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, text, "an accumulator such as int32, int32:sat, fp32, kulisch");
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = INT.matcher(key);
        if (m.matches()) {
            int bits = m.group(1).length() > 5 ? -1 : Integer.parseInt(m.group(1));
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
            int w = m.group(1).length() > 5 ? -1 : Integer.parseInt(m.group(1));
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

    /**
     * The default accumulator of a MAC on these operands, the same in every command: for integer elements (signed,
     * unsigned, fixed-point or bipolar) a wrapping {@code int32}, widened to the next multiple of 32 bits when one
     * product needs more (int24 x int24: int64); for any floating-point element a fused {@code fp32} register. Why
     * fp32 and not an exact Kulisch register: it is what the hardware these formats are compared on accumulates in
     * (tensor cores, NPUs, the FP8/MX studies and the published FP8-vs-INT8 syntheses) and its width does not grow with
     * the dot length; Kulisch stays one word away ({@code acc=kulisch}, {@code --acc kulisch}).
     */
    public static AccumulatorSpec defaultFor(NumberFormat a, NumberFormat b) {
        ScalarFormat ea = element(a);
        ScalarFormat eb = element(b);
        if (ea instanceof MinifloatFormat || eb instanceof MinifloatFormat) {
            return new FloatAccumulator(Formats.FP32, true);
        }
        int need = productBits(ea, eb);
        return FixedPointAccumulator.integer(Math.max(32, (need + 31) / 32 * 32));
    }

    /** @return the name of {@link #defaultFor}'s accumulator ({@code int32}, {@code fp32}, ...) */
    public static String defaultName(NumberFormat a, NumberFormat b) {
        return defaultFor(a, b).name();
    }

    /**
     * @return bits of the narrowest two's-complement register that holds one product of {@code a × b} exactly, in
     *     units of the product's LSB (int8 x int8: 16; uint8 x uint8: 17; fp8_e4m3 x fp8_e4m3: 37)
     */
    public static int productBits(ScalarFormat a, ScalarFormat b) {
        return FixedPointAccumulator.kulischWidth(a, b, 1);
    }

    /**
     * Refuses a fixed-point accumulator (intN, intN:sat, kulischW) narrower than one product of {@code a × b}: such a
     * register cannot hold a single term of the sum, so its cost and results would describe no working design. The
     * message names the smallest accumulator that holds one product. A floating-point accumulator is never refused:
     * it rounds, and overflows to infinity only for products beyond its range (fp16 x fp16 into fp16 is a common,
     * working design).
     *
     * @param value what the user wrote, for the message (the accumulator's name when null)
     */
    public static void requireHoldsProduct(AccumulatorSpec acc, ScalarFormat a, ScalarFormat b, String field,
                                           String value) {
        if (!(acc instanceof FixedPointAccumulator f)) {
            return;
        }
        int need = productBits(a, b);
        if (f.width() < need) {
            throw new InvalidInputException(field, value == null ? acc.name() : value, acc.name()
                    + " is too narrow for one " + Formats.nameOf(a) + " x " + Formats.nameOf(b) + " product ("
                    + need + " bits); the smallest accumulator that holds one is int" + need
                    + (f.saturating() ? ":sat" : "") + " (or kulisch: exact for the whole dot product)");
        }
    }

    /** @return a block format's element format, else the format itself */
    public static ScalarFormat element(NumberFormat f) {
        return f instanceof io.qdse.hwmodels.format.BlockFormat bf ? bf.element() : (ScalarFormat) f;
    }
}
