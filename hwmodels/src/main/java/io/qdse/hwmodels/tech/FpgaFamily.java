package io.qdse.hwmodels.tech;

/**
 * FPGA architecture families the cost model knows: LUT size, carry-chain cell, DSP block.
 */
public enum FpgaFamily {
    /** Xilinx 7-series: LUT6, CARRY4, DSP48E1 (25×18 signed multiplier, 48-bit accumulator). UG479, UG474. */
    XILINX_7SERIES("Xilinx 7-series", 6, 4, "CARRY4", "DSP48E1", 25, 18, false),
    /** UltraScale+: LUT6, CARRY8, DSP48E2 (27×18, 27-bit pre-adder: two INT8 products per DSP, WP486). UG579. */
    XILINX_ULTRASCALE_PLUS("Xilinx UltraScale+", 6, 8, "CARRY8", "DSP48E2", 27, 18, true),
    /** Versal: LUT6, LOOKAHEAD8, DSP58 (27×24; three INT8 lanes per DSP58 in FINN's RTL MVU). AM004. */
    XILINX_VERSAL("AMD Versal", 6, 8, "LOOKAHEAD8", "DSP58", 27, 24, true),
    /** Lattice iCE40: 4-input LUTs with a dedicated carry (SB_CARRY); SB_MAC16 16×16 only on UltraPlus parts. */
    LATTICE_ICE40("Lattice iCE40", 4, 1, "SB_CARRY", "SB_MAC16", 16, 16, false);

    private final String displayName;
    private final int lutInputs;
    private final int carryBitsPerCell;
    private final String carryCell;
    private final String dspCell;
    private final int dspWidthA;
    private final int dspWidthB;
    private final boolean packsTwoInt8PerDsp;

    FpgaFamily(String displayName, int lutInputs, int carryBitsPerCell, String carryCell, String dspCell,
               int dspWidthA, int dspWidthB, boolean packsTwoInt8PerDsp) {
        this.displayName = displayName;
        this.lutInputs = lutInputs;
        this.carryBitsPerCell = carryBitsPerCell;
        this.carryCell = carryCell;
        this.dspCell = dspCell;
        this.dspWidthA = dspWidthA;
        this.dspWidthB = dspWidthB;
        this.packsTwoInt8PerDsp = packsTwoInt8PerDsp;
    }

    public String displayName() {
        return displayName;
    }

    /** @return inputs per LUT (6 for Xilinx, 4 for iCE40) */
    public int lutInputs() {
        return lutInputs;
    }

    /** @return adder bits per carry cell (CARRY4: 4, CARRY8: 8, SB_CARRY: 1) */
    public int carryBitsPerCell() {
        return carryBitsPerCell;
    }

    public String carryCell() {
        return carryCell;
    }

    public String dspCell() {
        return dspCell;
    }

    /** @return signed width of the DSP multiplier's wider port */
    public int dspWidthA() {
        return dspWidthA;
    }

    /** @return signed width of the DSP multiplier's narrower port */
    public int dspWidthB() {
        return dspWidthB;
    }

    /** @return whether two INT8 products sharing an operand fit one DSP (DSP48E2 WP486; DSP58) */
    public boolean packsTwoInt8PerDsp() {
        return packsTwoInt8PerDsp;
    }
}
