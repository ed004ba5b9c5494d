package io.qdse.hwmodels.fpga;

import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.tech.FpgaPart;
import java.util.List;
import java.util.Objects;

/**
 * Estimated FPGA resources of one operation unit.
 *
 * @param op         what was costed (null for a structure that is not one operation, e.g. a bit-serial PE)
 * @param part       device
 * @param synth      the synthesis flow the counts reproduce (Yosys or Vivado, {@link Synth})
 * @param luts       LUTs (LUT6 on Xilinx, SB_LUT4 on iCE40)
 * @param ffs        flip-flops
 * @param carryCells carry cells: as Yosys 0.23 maps them (CARRY4 on every Xilinx family, SB_CARRY on iCE40), or on
 *                   the family's own chain for Vivado (CARRY4 on 7-series, CARRY8 on UltraScale+, LOOKAHEAD8 on
 *                   Versal; adders only calibrated)
 * @param muxf       MUXF7/F8/F9 wide-mux cells (Xilinx; Yosys only, 0 where not estimated)
 * @param dsps       DSP blocks as synthesis infers them for one unit
 * @param dspsPacked DSP blocks per unit when products sharing an operand are packed (two INT8 per DSP48E2, WP486;
 *                   three per DSP58, FINN), equal to {@code dsps} where packing does not apply
 * @param breakdown  per block
 * @param notes      caveats that apply to this estimate (extrapolation, uncalibrated parts)
 */
public record FpgaCost(OpSpec op, FpgaPart part, Synth synth, double luts, double ffs, double carryCells, double muxf,
                       double dsps, double dspsPacked, List<BlockCost> breakdown, List<String> notes) {

    public FpgaCost {
        Objects.requireNonNull(synth, "synth");
        breakdown = List.copyOf(breakdown);
        notes = List.copyOf(notes);
    }

    /** @return how many such units the part holds, limited by LUTs, FFs or DSPs */
    public long unitsPerPart() {
        double n = part.luts() / Math.max(luts, 1e-9);
        n = Math.min(n, part.ffs() / Math.max(ffs, 1e-9));
        if (dsps > 0) {
            n = Math.min(n, part.dsps() / dspsPacked);
        }
        return (long) Math.floor(n);
    }

    /**
     * @param block name
     * @param luts  LUTs
     * @param ffs   flip-flops
     * @param carry carry cells
     * @param dsps  DSP blocks
     */
    public record BlockCost(String block, double luts, double ffs, double carry, double dsps) {
    }
}
