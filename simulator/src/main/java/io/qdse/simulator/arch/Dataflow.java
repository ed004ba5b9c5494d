package io.qdse.simulator.arch;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Locale;

/** Which operand stays in the PEs of a systolic array. */
public enum Dataflow {
    /** Output stationary: each PE accumulates one output; inputs and weights stream through. */
    OS,
    /** Weight stationary: weights are preloaded; inputs stream across, partial sums flow down. */
    WS,
    /** Input stationary: inputs are preloaded; weights stream across, partial sums flow down. */
    IS;

    /** @throws InvalidInputException naming {@code field} for anything but os, ws, is */
    public static Dataflow parse(String text, String field) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "os":
                    return OS;
                case "ws":
                    return WS;
                case "is":
                    return IS;
                default:
                    break;
            }
        }
        throw new InvalidInputException(field, text, "one of os (output stationary), ws (weight stationary), is "
                + "(input stationary)");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
