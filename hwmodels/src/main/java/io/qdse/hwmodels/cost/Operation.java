package io.qdse.hwmodels.cost;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Locale;

/** The arithmetic operation a cost is asked for. */
public enum Operation {
    /** a × b. Integer products are exact; float products are rounded to the wider operand significand. */
    MUL,
    /** a + b, rounded to the wider operand format. */
    ADD,
    /** acc ← acc + a × b with the product kept exact (a fused MAC), into the given accumulator. */
    MAC;

    /** @throws InvalidInputException naming {@code field} for anything but mul, add, mac */
    public static Operation parse(String text, String field) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "mul":
                case "mult":
                case "multiply":
                    return MUL;
                case "add":
                    return ADD;
                case "mac":
                case "fma":
                    return MAC;
                default:
                    break;
            }
        }
        throw new InvalidInputException(field, text, "one of mul, add, mac");
    }
}
