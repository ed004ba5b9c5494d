package io.qdse.hwmodels.tech;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.FpgaPartsCsv;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code asic:<node>nm[@<vdd>V]} and {@code fpga:<part>}; holds the FPGA part catalogue, read from
 * {@code io/qdse/hwmodels/fpga/parts.csv} ({@link FpgaPartsCsv}) with each number's source.
 */
public final class Targets {
    private Targets() {
    }

    private static final Map<String, FpgaPart> PARTS = new LinkedHashMap<>();
    private static final Map<String, FpgaPart> BY_NAME = new LinkedHashMap<>();

    static {
        for (FpgaPart p : FpgaPartsCsv.standard()) {
            PARTS.put(p.name(), p);
            for (String n : p.names()) {
                BY_NAME.put(n, p);
            }
        }
    }

    /** @return the known FPGA parts by canonical name, in catalogue order */
    public static Map<String, FpgaPart> fpgaParts() {
        return Collections.unmodifiableMap(PARTS);
    }

    /** @return every accepted FPGA part name (canonical names and aliases) with its part */
    public static Map<String, FpgaPart> fpgaPartNames() {
        return Collections.unmodifiableMap(BY_NAME);
    }

    /** @return canonical part names with their aliases in parentheses, for messages and help */
    public static String describeFpgaParts() {
        List<String> out = new ArrayList<>();
        for (FpgaPart p : PARTS.values()) {
            out.add(p.aliases().isEmpty() ? p.name() : p.name() + " (" + String.join(", ", p.aliases()) + ")");
        }
        return String.join(", ", out);
    }

    private static final Pattern ASIC = Pattern.compile("asic:(-?[0-9.]+)\\s*nm(?:@([0-9.]+)\\s*v)?");

    /**
     * @param field the option the text came from, for error messages
     * @throws InvalidInputException naming {@code field} for unknown kinds, nodes out of range or unknown parts
     */
    public static Target parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, text, "asic:<node>nm[@<vdd>V] or fpga:<part>");
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        if (key.startsWith("asic:")) {
            Matcher m = ASIC.matcher(key);
            if (!m.matches()) {
                throw new InvalidInputException(field, text, "write an ASIC target as asic:<node>nm or "
                        + "asic:<node>nm@<vdd>V, e.g. asic:45nm, asic:7nm@0.7V");
            }
            double node;
            try {
                node = Double.parseDouble(m.group(1));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field, text, "the node must be a number of nm");
            }
            if (node <= 0) {
                throw new InvalidInputException(field, text, "the technology node must be a positive number of nm "
                        + "between 7 and 130");
            }
            double vdd = m.group(2) == null ? AsicTechnology.CALIBRATION_VDD : Double.parseDouble(m.group(2));
            try {
                return new AsicTechnology(node, vdd);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(field, text, e.allowed());
            }
        }
        if (key.startsWith("fpga:")) {
            String part = key.substring(5);
            FpgaPart p = BY_NAME.get(part.trim());
            if (p == null) {
                throw new InvalidInputException(field, text, "unknown FPGA part" + nearest(part) + "; known parts: "
                        + describeFpgaParts());
            }
            return p;
        }
        throw new InvalidInputException(field, text, "a target is asic:<node>nm (7-130 nm) or fpga:<part> ("
                + String.join(", ", PARTS.keySet()) + ")");
    }

    private static String nearest(String part) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String p : BY_NAME.keySet()) {
            int d = io.qdse.hwmodels.format.Formats.editDistance(part, p);
            if (d < bestD) {
                bestD = d;
                best = p;
            }
        }
        return bestD <= Math.max(2, part.length() / 3) ? " (did you mean " + best + "?)" : "";
    }
}
