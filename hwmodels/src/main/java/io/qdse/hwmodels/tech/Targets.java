package io.qdse.hwmodels.tech;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code asic:<node>nm[@<vdd>V]} and {@code fpga:<part>} and holds the FPGA part catalogue. */
public final class Targets {
    private Targets() {
    }

    private static final Map<String, FpgaPart> PARTS = new LinkedHashMap<>();

    static {
        part(new FpgaPart("xcvu9p", FpgaFamily.XILINX_ULTRASCALE_PLUS, 1_182_240, 2_364_480, 6_840, 75_900,
                "AMD DS890 (UltraScale+ product selection), VU9P"));
        part(new FpgaPart("xczu9eg", FpgaFamily.XILINX_ULTRASCALE_PLUS, 274_080, 548_160, 2_520, 32_100,
                "AMD DS891 (Zynq UltraScale+ MPSoC overview), ZU9EG"));
        part(new FpgaPart("xcvc1902", FpgaFamily.XILINX_VERSAL, 899_840, 1_799_680, 1_968, 34_000,
                "AMD DS950 (Versal AI Core overview), VC1902 (VCK190 board)"));
        part(new FpgaPart("xc7z020", FpgaFamily.XILINX_7SERIES, 53_200, 106_400, 220, 4_900,
                "AMD DS190 (Zynq-7000 overview), Z-7020"));
        part(new FpgaPart("xc7a35t", FpgaFamily.XILINX_7SERIES, 20_800, 41_600, 90, 1_800,
                "AMD DS180 (7 series overview), Artix-7 35T"));
        part(new FpgaPart("ice40-hx8k", FpgaFamily.LATTICE_ICE40, 7_680, 7_680, 0, 128,
                "Lattice DS1040 (iCE40 LP/HX family), HX8K"));
        part(new FpgaPart("ice40-hx1k", FpgaFamily.LATTICE_ICE40, 1_280, 1_280, 0, 64,
                "Lattice DS1040 (iCE40 LP/HX family), HX1K"));
        part(new FpgaPart("ice40-up5k", FpgaFamily.LATTICE_ICE40, 5_280, 5_280, 8, 120,
                "Lattice DS1056 (iCE40 UltraPlus), UP5K: 8 SB_MAC16"));
    }

    private static void part(FpgaPart p) {
        PARTS.put(p.name(), p);
    }

    /** @return the known FPGA parts by name */
    public static Map<String, FpgaPart> fpgaParts() {
        return Collections.unmodifiableMap(PARTS);
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
            FpgaPart p = PARTS.get(part);
            if (p == null) {
                throw new InvalidInputException(field, text, "unknown FPGA part" + nearest(part) + "; known parts: "
                        + String.join(", ", PARTS.keySet()));
            }
            return p;
        }
        throw new InvalidInputException(field, text, "a target is asic:<node>nm (7-130 nm) or fpga:<part> ("
                + String.join(", ", PARTS.keySet()) + ")");
    }

    private static String nearest(String part) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String p : PARTS.keySet()) {
            int d = io.qdse.hwmodels.format.Formats.editDistance(part, p);
            if (d < bestD) {
                bestD = d;
                best = p;
            }
        }
        return bestD <= Math.max(2, part.length() / 3) ? " (did you mean " + best + "?)" : "";
    }
}
