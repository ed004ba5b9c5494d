package io.qdse.hwmodels.fpga;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import java.util.Locale;

/**
 * Which synthesis flow an FPGA estimate reproduces: the LUT count of the same arithmetic differs by about 2× between
 * tools (an exact 16×16 multiplier: 662 LUT6 from Yosys {@code synth_xilinx}, 292 from Vivado). Default: the part
 * vendor's own flow ({@link #defaultFor}).
 */
public enum Synth {
    /** Yosys 0.23 {@code synth_xilinx} / {@code synth_ice40}, as measured in this project ({@link FpgaCalibration}). */
    YOSYS,
    /** AMD Vivado, calibrated on published post-synthesis results ({@link VivadoCalibration}); AMD/Xilinx parts only. */
    VIVADO;

    /** @return the name users type ({@code yosys}, {@code vivado}) */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the vendor's own flow: Vivado for AMD/Xilinx parts, Yosys (+ nextpnr) for Lattice iCE40 and ECP5 */
    public static Synth defaultFor(FpgaPart part) {
        return amd(part.family()) ? VIVADO : YOSYS;
    }

    /**
     * @param field the option or config key the value came from, named in the error
     * @throws InvalidInputException for anything but {@code yosys} or {@code vivado} (case-insensitive)
     */
    public static Synth parse(String value, String field) {
        if (value != null) {
            for (Synth s : values()) {
                if (s.key().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new InvalidInputException(field, value, "yosys or vivado (leave it out for the part vendor's own flow: "
                + "vivado for AMD/Xilinx parts, yosys for iCE40 and ECP5)");
    }

    /**
     * Refuses a flow that cannot synthesize for the part: Vivado on a Lattice part.
     *
     * @param field the option or config key that chose this flow, named in the error
     * @throws InvalidInputException naming the field, the value and the part
     */
    public void requireFor(FpgaPart part, String field) {
        if (this == VIVADO && !amd(part.family())) {
            throw new InvalidInputException(field, key(), "Vivado synthesizes AMD/Xilinx parts only; fpga:"
                    + part.name() + " is a " + part.family().displayName() + " part: use yosys, or leave " + field
                    + " out for the vendor's own flow (yosys for Lattice)");
        }
    }

    private static boolean amd(FpgaFamily f) {
        return f == FpgaFamily.XILINX_7SERIES || f == FpgaFamily.XILINX_ULTRASCALE_PLUS
                || f == FpgaFamily.XILINX_VERSAL;
    }
}
