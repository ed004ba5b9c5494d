package io.qdse.hwmodels.tech;

/**
 * FPGA architecture families of the part catalogue: LUT size, carry cell, DSP block, block-RAM block, LUT RAM, and
 * whether the FPGA cost model ({@code io.qdse.hwmodels.fpga.FpgaCostModel}) is calibrated for the family.
 */
public enum FpgaFamily {
    /** Xilinx 7-series: LUT6, CARRY4, DSP48E1 (25×18 signed multiplier, 48-bit accumulator). UG479, UG474. */
    XILINX_7SERIES("Xilinx 7-series", 6, 4, "CARRY4", "DSP48E1", 25, 18, false, "RAMB18", 18, 64, true),
    /** UltraScale+: LUT6, CARRY8, DSP48E2 (27×18, 27-bit pre-adder: two INT8 products per DSP, WP486). UG579. */
    XILINX_ULTRASCALE_PLUS("Xilinx UltraScale+", 6, 8, "CARRY8", "DSP48E2", 27, 18, true, "RAMB18", 18, 64, true),
    /** Versal: LUT6, LOOKAHEAD8, DSP58 (27×24; three INT8 lanes per DSP58 in FINN's RTL MVU). AM004. */
    XILINX_VERSAL("AMD Versal", 6, 8, "LOOKAHEAD8", "DSP58", 27, 24, true, "RAMB18", 18, 64, true),
    /**
     * Lattice iCE40: 4-input LUTs with a dedicated carry (SB_CARRY); SB_MAC16 16×16 only on UltraPlus parts; 4-Kbit
     * EBR (SB_RAM40_4K); no LUT RAM.
     */
    LATTICE_ICE40("Lattice iCE40", 4, 1, "SB_CARRY", "SB_MAC16", 16, 16, false, "EBR 4 Kbit", 4, 0, true),
    /**
     * Lattice ECP5: LUT4 in two-LUT slices with CCU2C carry (2 bits per cell), MULT18X18D (18×18) in the sysDSP
     * slices, 18-Kbit EBR (DP16KD), LUT4s of half the slices usable as 16×1 RAM. In the catalogue for device budgets;
     * the FPGA cost model is not calibrated for it (no Yosys {@code synth_ecp5} runs) and refuses ECP5 parts.
     */
    LATTICE_ECP5("Lattice ECP5", 4, 2, "CCU2C", "MULT18X18D", 18, 18, false, "EBR 18 Kbit", 18, 16, false);

    private final String displayName;
    private final int lutInputs;
    private final int carryBitsPerCell;
    private final String carryCell;
    private final String dspCell;
    private final int dspWidthA;
    private final int dspWidthB;
    private final boolean packsTwoInt8PerDsp;
    private final String bramBlock;
    private final int bramBlockKbit;
    private final int lutramBitsPerLut;
    private final boolean costCalibrated;

    FpgaFamily(String displayName, int lutInputs, int carryBitsPerCell, String carryCell, String dspCell,
               int dspWidthA, int dspWidthB, boolean packsTwoInt8PerDsp, String bramBlock, int bramBlockKbit,
               int lutramBitsPerLut, boolean costCalibrated) {
        this.displayName = displayName;
        this.lutInputs = lutInputs;
        this.carryBitsPerCell = carryBitsPerCell;
        this.carryCell = carryCell;
        this.dspCell = dspCell;
        this.dspWidthA = dspWidthA;
        this.dspWidthB = dspWidthB;
        this.packsTwoInt8PerDsp = packsTwoInt8PerDsp;
        this.bramBlock = bramBlock;
        this.bramBlockKbit = bramBlockKbit;
        this.lutramBitsPerLut = lutramBitsPerLut;
        this.costCalibrated = costCalibrated;
    }

    public String displayName() {
        return displayName;
    }

    /** @return inputs per LUT (6 for Xilinx, 4 for iCE40 and ECP5) */
    public int lutInputs() {
        return lutInputs;
    }

    /** @return adder bits per carry cell (CARRY4: 4, CARRY8 and LOOKAHEAD8: 8, SB_CARRY: 1, CCU2C: 2) */
    public int carryBitsPerCell() {
        return carryBitsPerCell;
    }

    public String carryCell() {
        return carryCell;
    }

    /** @return the DSP primitive of the family (SB_MAC16 exists only on iCE40 UltraPlus parts) */
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

    /** @return the block-RAM unit the catalogue counts: RAMB18 on Xilinx (a RAMB36 is two), EBR on Lattice */
    public String bramBlock() {
        return bramBlock;
    }

    /** @return capacity of one counted block-RAM unit in Kbit (1 Kbit = 1024 bits): 18, or 4 for iCE40 EBR */
    public int bramBlockKbit() {
        return bramBlockKbit;
    }

    /** @return bits of one LUT used as RAM: 64 for LUT6 (SLICEM / CLBM / Versal), 16 for ECP5, 0 for iCE40 */
    public int lutramBitsPerLut() {
        return lutramBitsPerLut;
    }

    /**
     * @return whether the FPGA cost model has measured Yosys mappings for the family (Xilinx families share the
     *         UltraScale+ {@code synth_xilinx} runs; iCE40 has {@code synth_ice40}; ECP5 has none)
     */
    public boolean costCalibrated() {
        return costCalibrated;
    }

    /** @return whether the family is AMD/Xilinx (RAMB36 = two RAMB18, URAM possible) */
    public boolean xilinx() {
        return this == XILINX_7SERIES || this == XILINX_ULTRASCALE_PLUS || this == XILINX_VERSAL;
    }
}
