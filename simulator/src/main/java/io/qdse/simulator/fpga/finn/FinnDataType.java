package io.qdse.simulator.fpga.finn;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QONNX/FINN data type as FINN's estimates see it: its name, its bit width ({@code DataType.bitwidth()}) and
 * whether it is signed ({@code DataType.signed()}, i.e. its minimum is below zero).
 *
 * <p>Names as QONNX spells them: {@code BIPOLAR} (1 bit, signed: -1/+1), {@code BINARY} (1 bit, unsigned),
 * {@code TERNARY} (2 bits, signed), {@code INT<n>}, {@code UINT<n>}, {@code FIXED<w,i>} (signed, w bits),
 * {@code SCALEDINT<n>} (signed), {@code FLOAT32}, {@code FLOAT16}.
 *
 * @param name     the canonical QONNX name
 * @param bitwidth bits per value
 * @param signed   whether the type has negative values
 */
public record FinnDataType(String name, int bitwidth, boolean signed) {

    private static final Pattern INT = Pattern.compile("(U?)INT(\\d+)");
    private static final Pattern FIXED = Pattern.compile("FIXED<\\s*(\\d+)\\s*,\\s*(-?\\d+)\\s*>");
    private static final Pattern SCALED = Pattern.compile("SCALEDINT<\\s*(\\d+)\\s*>");

    public FinnDataType {
        InvalidInputException.require(name != null && !name.isBlank(), "datatype", name, "a QONNX data type name");
        InvalidInputException.require(bitwidth >= 1, "datatype " + name + " bitwidth", bitwidth, "must be >= 1");
    }

    /** {@code BIPOLAR}. */
    public static final FinnDataType BIPOLAR = new FinnDataType("BIPOLAR", 1, true);
    /** {@code BINARY}. */
    public static final FinnDataType BINARY = new FinnDataType("BINARY", 1, false);
    /** {@code TERNARY}. */
    public static final FinnDataType TERNARY = new FinnDataType("TERNARY", 2, true);

    /** @return {@code INT<bits>} */
    public static FinnDataType intType(int bits) {
        return new FinnDataType("INT" + bits, bits, true);
    }

    /** @return {@code UINT<bits>} ({@code BINARY} for one bit, as QONNX names it) */
    public static FinnDataType uintType(int bits) {
        return bits == 1 ? BINARY : new FinnDataType("UINT" + bits, bits, false);
    }

    /**
     * Parses a QONNX data type name.
     *
     * @throws InvalidInputException naming the text and the names accepted
     */
    public static FinnDataType parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "BIPOLAR":
                return BIPOLAR;
            case "BINARY":
                return BINARY;
            case "TERNARY":
                return TERNARY;
            case "FLOAT32":
                return new FinnDataType("FLOAT32", 32, true);
            case "FLOAT16":
                return new FinnDataType("FLOAT16", 16, true);
            default:
                break;
        }
        Matcher m = INT.matcher(t);
        if (m.matches()) {
            int bits = Integer.parseInt(m.group(2));
            if (bits >= 1 && bits <= 64) {
                return m.group(1).isEmpty() ? intType(bits) : uintType(bits);
            }
        }
        m = FIXED.matcher(t);
        if (m.matches()) {
            int bits = Integer.parseInt(m.group(1));
            if (bits >= 1) {
                return new FinnDataType("FIXED<" + bits + "," + Integer.parseInt(m.group(2)) + ">", bits, true);
            }
        }
        m = SCALED.matcher(t);
        if (m.matches() && Integer.parseInt(m.group(1)) >= 1) {
            return new FinnDataType("SCALEDINT<" + m.group(1) + ">", Integer.parseInt(m.group(1)), true);
        }
        throw new InvalidInputException("datatype", text,
                "a QONNX data type: BIPOLAR, BINARY, TERNARY, INT<n>, UINT<n> (1..64), FIXED<w,i>, SCALEDINT<n>, "
                        + "FLOAT32, FLOAT16");
    }

    @Override
    public String toString() {
        return name;
    }
}
