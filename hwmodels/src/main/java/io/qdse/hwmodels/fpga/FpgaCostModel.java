package io.qdse.hwmodels.fpga;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.cost.Block;
import io.qdse.hwmodels.cost.Component;
import io.qdse.hwmodels.cost.Datapath;
import io.qdse.hwmodels.cost.DatapathBuilder;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * LUT/FF/carry/DSP counts of arithmetic on an FPGA, from the same structural datapath as the ASIC model
 * ({@link DatapathBuilder}) mapped with coefficients measured by Yosys ({@link FpgaCalibration}).
 *
 * <p>Mapping: multipliers as whole units from the measured grid, or as DSP blocks when the part has them and the
 * product is at least as wide as Yosys' threshold (9 bits for DSP48, 11 for SB_MAC16; larger operands tile
 * several DSPs). The accumulator stays in fabric: Yosys 0.23 does not pull an accumulator with enable and
 * synchronous clear (rtl-gen's IntMac form) into the DSP48's P register, as the measured MACs show. A fabric
 * multiplier feeding an integer accumulator is costed from measured whole MACs, since Yosys maps the fused
 * multiply-add differently from a lone multiplier. Adders: one LUT per bit plus carry cells. Shifters:
 * LUTs per 2:1 mux bit fitted to measured shifters. Registers: one FF per bit. Miscellaneous logic (LZC, rounding,
 * special values) is not yet calibrated: we assume one LUT6 per 4 NAND2-equivalents and one LUT4 per 2, to be
 * checked against Yosys runs of rtl-gen's minifloat PEs.
 *
 * <p>Families: Xilinx parts use the UltraScale+ {@code synth_xilinx} measurements (7-series and Versal too, with a
 * note for Versal), iCE40 parts the {@code synth_ice40} ones. Lattice ECP5 parts are refused
 * ({@link #requireCalibrated}): no ECP5 synthesis was measured, and borrowing the iCE40 LUT4 counts would hide that
 * ECP5 packs carries two bits per CCU2C and widens LUTs with PFUMX.
 */
public final class FpgaCostModel {
    /** NAND2-equivalent gates per LUT6 / LUT4: an assumption, see the class comment. */
    static final double GATES_PER_LUT6 = 4;
    static final double GATES_PER_LUT4 = 2;

    private final FpgaCalibration cal;
    private final LutFit fit;

    public FpgaCostModel(FpgaCalibration cal) {
        this(cal, LutFit.NONE);
    }

    public FpgaCostModel(FpgaCalibration cal, LutFit fit) {
        this.cal = cal;
        this.fit = fit;
    }

    /** The model with the PE-level LUT refit ({@link LutFit}) when one is stored. */
    public static FpgaCostModel standard() {
        return new FpgaCostModel(FpgaCalibration.yosys023(), LutFit.standard());
    }

    /** The model from isolated-circuit measurements only (no PE-level refit): the features of the refit. */
    public static FpgaCostModel unfitted() {
        return new FpgaCostModel(FpgaCalibration.yosys023(), LutFit.NONE);
    }

    /**
     * Refuses parts of a family the model has no measurements for (Lattice ECP5): their LUT4 + CCU2C + PFUMX mapping
     * and DSP inference were never synthesized with Yosys here, so an estimate would be a guess.
     *
     * @throws InvalidInputException naming the part
     */
    public static void requireCalibrated(FpgaPart part) {
        if (!part.family().costCalibrated()) {
            throw new InvalidInputException("target", "fpga:" + part.name(), "the FPGA cost model has no "
                    + part.family().displayName() + " calibration (its LUT/carry/DSP counts are measured with Yosys "
                    + "synth_xilinx and synth_ice40 only; " + part.family().displayName() + " maps arithmetic to "
                    + part.lutInputs() + "-input LUTs, " + part.carryCell() + " carry and " + part.family().dspCell()
                    + " differently); the part is in the catalogue for device budgets. Estimate on an iCE40 or "
                    + "Xilinx part (" + String.join(", ", calibratedParts()) + ")");
        }
    }

    private static List<String> calibratedParts() {
        List<String> out = new ArrayList<>();
        for (FpgaPart p : Targets.fpgaParts().values()) {
            if (p.family().costCalibrated()) {
                out.add(p.name());
            }
        }
        return out;
    }

    /** @return the flow key of the fit: xilinx, xilinx_nodsp, ice40 (or ice40_dsp on parts with SB_MAC16) */
    public static String flowKey(FpgaPart part, boolean useDsp) {
        requireCalibrated(part);
        if (part.family() == FpgaFamily.LATTICE_ICE40) {
            return useDsp && part.hasDsp() ? "ice40_dsp" : "ice40";
        }
        return useDsp && part.hasDsp() ? "xilinx" : "xilinx_nodsp";
    }

    /** The PE-structure features of a MAC ({@link PeFeatures}) that {@code qdse rtl calibrate} fits Yosys to. */
    public PeFeatures peFeatures(OpSpec op, FpgaPart part, boolean useDsp) {
        requireCalibrated(part);
        return PeFeatures.of(op, part, useDsp, cal);
    }

    /**
     * @param useDsp map multipliers to DSP blocks where the part has them (what synthesis does by default)
     */
    public FpgaCost estimate(OpSpec op, FpgaPart part, boolean useDsp) {
        FpgaCost base = estimatePerCircuit(op, part, useDsp);
        PeFeatures pf = PeFeatures.of(op, part, useDsp, cal);
        double[] k = pf == null ? null : fit.coeffs().get(pf.fitKey(flowKey(part, useDsp)));
        if (k == null) {
            return base;
        }
        // LUTs from the PE-level fit to Yosys runs of rtl-gen's PEs; FFs, carry and DSPs from the per-circuit model
        List<String> names = PeFeatures.names(pf.cls());
        List<FpgaCost.BlockCost> parts = new ArrayList<>();
        for (FpgaCost.BlockCost b : base.breakdown()) {
            if (b.ffs() + b.carry() + b.dsps() > 0) {
                parts.add(new FpgaCost.BlockCost(b.block(), 0, b.ffs(), b.carry(), b.dsps()));
            }
        }
        double luts = 0;
        for (int i = 0; i < k.length; i++) {
            double l = k[i] * pf.values()[i];
            if (l > 0) {
                parts.add(new FpgaCost.BlockCost("LUTs: " + names.get(i) + " (fitted)", l, 0, 0, 0));
            }
            luts += l;
        }
        List<String> notes = new ArrayList<>();
        for (String n : base.notes()) {
            if (!n.contains("uncalibrated")) {
                notes.add(n);
            }
        }
        notes.add("LUTs fitted to " + fit.yosys() + " synthesis of rtl-gen's PEs (qdse rtl calibrate; "
                + "held-out error in docs/rtl.md)");
        return new FpgaCost(op, part, luts, base.ffs(), base.carryCells(), base.muxf(), base.dsps(),
                base.dspsPacked(), parts, notes);
    }

    /** The per-circuit estimate (multipliers, adders, shifters and registers measured in isolation). */
    public FpgaCost estimatePerCircuit(OpSpec op, FpgaPart part, boolean useDsp) {
        return estimatePerCircuit(op, DatapathBuilder.build(op), part, useDsp);
    }

    /**
     * Resources of any structure built from the model's cells (e.g. a bit-serial PE), per circuit: multipliers from
     * the measured multiplier grid (or DSPs), adders, shifters and gates per their LUT factors, registers as FFs.
     */
    public FpgaCost estimate(Datapath d, FpgaPart part, boolean useDsp) {
        return estimatePerCircuit(null, d, part, useDsp);
    }

    private FpgaCost estimatePerCircuit(OpSpec op, Datapath d, FpgaPart part, boolean useDsp) {
        requireCalibrated(part);
        FpgaFamily fam = part.family();
        FpgaCalibration.Flow flow = fam == FpgaFamily.LATTICE_ICE40 ? FpgaCalibration.Flow.ICE40
                : FpgaCalibration.Flow.XILINX;
        Set<String> notes = new LinkedHashSet<>();
        List<FpgaCost.BlockCost> parts = new ArrayList<>();
        double luts = 0;
        double ffs = 0;
        double carry = 0;
        double muxf = 0;
        double dsps = 0;
        double packed = 0;
        boolean intMac = op != null && op.acc() instanceof io.qdse.hwmodels.arith.FixedPointAccumulator
                && d.blocks().stream().anyMatch(b -> b.multiplier() != null && b.name().equals("partial-product array")
                && b.share() == 1.0);
        for (Block b : d.blocks()) {
            double bl = 0;
            double bf = 0;
            double bc = 0;
            double bm = 0;
            double bd = 0;
            Block.MultiplierShape m = b.multiplier();
            if (m != null) {
                if (m.finalAdder()) {
                    continue; // costed with the array half
                }
                int dspTiles = useDsp && part.hasDsp() ? dspTiles(fam, m) : 0;
                if (dspTiles > 0) {
                    bd = dspTiles * b.share();
                    double perDsp = packing(fam, m);
                    packed += bd * perDsp;
                } else {
                    boolean inMac = intMac && b.name().equals("partial-product array") && b.share() == 1.0;
                    FpgaCalibration.MulCount mc = inMac ? cal.multiplierInMac(flow, m.a(), m.b(), m.signed())
                            : cal.multiplier(flow, m.a(), m.b(), m.signed());
                    bl = mc.luts() * b.share();
                    bc = mc.carry() * b.share();
                    bm = mc.muxf() * b.share();
                    if (mc.extrapolated()) {
                        notes.add("multipliers wider than 16 bits are extrapolated from the measured 8-16-bit grid");
                    }
                }
            } else {
                double adderBits = b.count(Component.ADDER_BIT);
                double regBits = b.count(Component.REGISTER_BIT);
                double addL = adderBits * cal.lutPerAdderBit(flow);
                double shL = b.count(Component.SHIFT_MUX) * cal.lutPerShiftMuxBit(flow);
                double gates = b.count(Component.LOGIC_GATE);
                double logL = gates / (fam.lutInputs() >= 6 ? GATES_PER_LUT6 : GATES_PER_LUT4);
                bl += addL;
                if (adderBits > 0) {
                    bc += flow == FpgaCalibration.Flow.ICE40 ? adderBits
                            : Math.ceil(Math.round(adderBits / b.share()) / 4.0) * b.share();
                }
                bl += shL;
                if (gates > 0) {
                    bl += logL;
                    notes.add("LZC/rounding/special-value logic uses an uncalibrated gates-per-LUT factor");
                }
                bf += regBits;
            }
            if (bl + bf + bc + bd > 0) {
                parts.add(new FpgaCost.BlockCost(b.name(), bl, bf, bc, bd));
            }
            luts += bl;
            ffs += bf;
            carry += bc;
            muxf += bm;
            dsps += bd;
        }
        if (part.family() == FpgaFamily.XILINX_VERSAL) {
            notes.add("Versal LUT counts use the UltraScale+ mapping measured with Yosys (Yosys has no Versal flow)");
        }
        return new FpgaCost(op, part, luts, ffs, carry, muxf, dsps, dsps == 0 ? 0 : packed, parts,
                new ArrayList<>(notes));
    }

    /** DSP blocks for one multiplier, 0 when Yosys would keep it in LUTs. */
    static int dspTiles(FpgaFamily fam, Block.MultiplierShape m) {
        int minProduct = fam == FpgaFamily.LATTICE_ICE40 ? 11 : 9; // Yosys DSP_Y_MINWIDTH (synth_ice40, xilinx_dsp)
        if (m.a() < 2 || m.b() < 2 || m.a() + m.b() < minProduct) {
            return 0;
        }
        int portA = fam.dspWidthA() - (m.signed() || fam == FpgaFamily.LATTICE_ICE40 ? 0 : 1);
        int portB = fam.dspWidthB() - (m.signed() || fam == FpgaFamily.LATTICE_ICE40 ? 0 : 1);
        int hi = Math.max(m.a(), m.b());
        int lo = Math.min(m.a(), m.b());
        return (int) (Math.ceil(hi / (double) portA) * Math.ceil(lo / (double) portB));
    }

    /** DSPs per product when products sharing an operand are packed. */
    static double packing(FpgaFamily fam, Block.MultiplierShape m) {
        if (Math.max(m.a(), m.b()) > 8) {
            return 1;
        }
        switch (fam) {
            case XILINX_ULTRASCALE_PLUS:
                return 0.5; // two INT8 products per DSP48E2 (Xilinx WP486)
            case XILINX_VERSAL:
                return 1.0 / 3; // three INT8 lanes per DSP58 (FINN mvu_vvu_8sx9_dsp58)
            default:
                return 1;
        }
    }
}
