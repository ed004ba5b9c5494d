package io.qdse.simulator.fpga.finn;

import io.qdse.hwmodels.InvalidInputException;

/** The DSP slice FINN assumes for a part ({@code finn.util.basic.get_dsp_block}). */
public enum FinnDspBlock {
    /** 7-series ({@code xc7…}). */
    DSP48E1,
    /** UltraScale / UltraScale+ (everything that is neither Versal nor 7-series). */
    DSP48E2,
    /** Versal. */
    DSP58;

    /**
     * FINN's rule, on the part name as FINN receives it: Versal when it starts with {@code xcvc}, {@code xcve},
     * {@code xcvp}, {@code xcvm}, {@code xqvc}, {@code xqvm} or {@code xqrvc}; else DSP48E1 when its third character
     * is {@code 7}; else DSP48E2.
     *
     * @param fpgaPart a Xilinx part name, e.g. {@code xczu7ev-ffvc1156-2-e}
     * @throws InvalidInputException for a name FINN could not read (fewer than three characters)
     */
    public static FinnDspBlock ofPart(String fpgaPart) {
        InvalidInputException.require(fpgaPart != null && fpgaPart.length() >= 3, "fpga part", fpgaPart,
                "a Xilinx part name such as xczu7ev-ffvc1156-2-e (FINN reads its prefix)");
        String p4 = fpgaPart.length() >= 4 ? fpgaPart.substring(0, 4) : fpgaPart;
        String p5 = fpgaPart.length() >= 5 ? fpgaPart.substring(0, 5) : fpgaPart;
        if (java.util.List.of("xcvc", "xcve", "xcvp", "xcvm", "xqvc", "xqvm").contains(p4) || p5.equals("xqrvc")) {
            return DSP58;
        }
        return fpgaPart.charAt(2) == '7' ? DSP48E1 : DSP48E2;
    }
}
