package io.qdse.hwmodels.fpga;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.cost.Block;
import io.qdse.hwmodels.cost.Component;
import io.qdse.hwmodels.cost.Datapath;
import io.qdse.hwmodels.cost.DatapathBuilder;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.cost.Operation;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * LUT/FF/carry/DSP counts of arithmetic on an FPGA, from the same structural datapath as the ASIC model
 * ({@link DatapathBuilder}), in one of two synthesis layers ({@link Synth}): what Yosys makes of it, measured here, or
 * what Vivado makes of it, fitted to published results. The two differ by about 2× on LUT multipliers.
 *
 * <p><b>Yosys layer</b> (coefficients measured by Yosys 0.23, {@link FpgaCalibration}). Mapping: multipliers as whole
 * units from the measured grid, or as DSP blocks when the part has them and the product is at least as wide as
 * Yosys' threshold (9 bits for DSP48, 11 for SB_MAC16; larger operands tile several DSPs). The accumulator stays in
 * fabric: Yosys 0.23 does not pull an accumulator with enable and synchronous clear (rtl-gen's IntMac form) into the
 * DSP48's P register, as the measured MACs show. A fabric multiplier feeding an integer accumulator is costed from
 * measured whole MACs, since Yosys maps the fused multiply-add differently from a lone multiplier. Adders: one LUT per
 * bit plus carry cells. Shifters: LUTs per 2:1 mux bit fitted to measured shifters. Registers: one FF per bit.
 * Miscellaneous logic (LZC, rounding, special values) is not calibrated per circuit: we assume one LUT6 per 4
 * NAND2-equivalents and one LUT4 per 2; for MACs into integer or Kulisch registers the PE-level fit ({@link LutFit})
 * replaces the per-circuit LUT count. Xilinx parts use the UltraScale+ {@code synth_xilinx} measurements (7-series and
 * Versal too, with a note for Versal), iCE40 parts the {@code synth_ice40} ones. Lattice ECP5 parts are refused
 * ({@link #requireCalibrated}): no ECP5 synthesis was measured, and borrowing the iCE40 LUT4 counts would hide that
 * ECP5 packs carries two bits per CCU2C and widens LUTs with PFUMX.
 *
 * <p><b>Vivado layer</b> (AMD parts only; {@link VivadoCalibration}). The same datapath and the same DSP mapping, with
 * every fabric multiplier array (integer products and float significand products) costed as
 * {@code c_mul·a·b} LUTs, signed like unsigned, and adders as {@code c_add} LUTs per bit, both fitted to published
 * Vivado results; carry cells on the family's own chain (CARRY4, CARRY8, LOOKAHEAD8). Shifters, the uncalibrated
 * logic and registers as in the Yosys layer (nothing published to fit them on); for MACs into integer or Kulisch
 * registers the Yosys PE-level fit is kept for the rest of the PE and only its multiplier term is replaced. An integer
 * multiply-accumulate whose product needs one DSP and whose register fits the DSP's P register (48 bits, 58 on
 * DSP58) is one DSP with no fabric, as Vivado infers multiply-accumulate macros (UG901, "Multiply-Add and
 * Multiply-Accumulate Implementation"; documented, not measured here).
 *
 * <p>Which layer: {@link #standard()} costs each part with its vendor's own flow ({@link Synth#defaultFor}: Vivado
 * for AMD/Xilinx, Yosys for iCE40); {@link #of} fixes one, and comparisons with Yosys runs of our RTL use
 * {@link #yosys()} or {@link #unfitted()}.
 */
public final class FpgaCostModel {
    /** NAND2-equivalent gates per LUT6 / LUT4: an assumption, see the class comment. */
    static final double GATES_PER_LUT6 = 4;
    static final double GATES_PER_LUT4 = 2;

    private static final FpgaCostModel STANDARD = new FpgaCostModel(FpgaCalibration.yosys023(), LutFit.standard(),
            null, VivadoCalibration.published());
    private static final FpgaCostModel YOSYS = new FpgaCostModel(FpgaCalibration.yosys023(), LutFit.standard(),
            Synth.YOSYS, VivadoCalibration.published());
    private static final FpgaCostModel VIVADO = new FpgaCostModel(FpgaCalibration.yosys023(), LutFit.standard(),
            Synth.VIVADO, VivadoCalibration.published());

    private final FpgaCalibration cal;
    private final LutFit fit;
    private final Synth synth;
    private final VivadoCalibration vivado;

    /** The Yosys layer on {@code cal}, per circuit (no PE-level fit). */
    public FpgaCostModel(FpgaCalibration cal) {
        this(cal, LutFit.NONE);
    }

    /** The Yosys layer on {@code cal} with the PE-level fit {@code fit}. */
    public FpgaCostModel(FpgaCalibration cal, LutFit fit) {
        this(cal, fit, Synth.YOSYS, VivadoCalibration.published());
    }

    /**
     * @param synth  the layer for every part, or null for each part's vendor flow ({@link Synth#defaultFor})
     * @param vivado the Vivado layer's coefficients
     */
    public FpgaCostModel(FpgaCalibration cal, LutFit fit, Synth synth, VivadoCalibration vivado) {
        this.cal = Objects.requireNonNull(cal, "cal");
        this.fit = Objects.requireNonNull(fit, "fit");
        this.synth = synth;
        this.vivado = Objects.requireNonNull(vivado, "vivado");
    }

    /**
     * The estimate a user gets: every part costed as its vendor's own flow synthesizes it (Vivado for AMD/Xilinx
     * parts, Yosys for Lattice), with the PE-level fit. Since issue 12 §2; before, this was the Yosys layer on every
     * part, which is now {@link #yosys()}.
     */
    public static FpgaCostModel standard() {
        return STANDARD;
    }

    /** One synthesis layer for every part (with the PE-level fit); {@link Synth#VIVADO} refuses Lattice parts. */
    public static FpgaCostModel of(Synth synth) {
        return Objects.requireNonNull(synth, "synth") == Synth.YOSYS ? YOSYS : VIVADO;
    }

    /** The layer of the part vendor's own flow: {@code of(Synth.defaultFor(part))}. */
    public static FpgaCostModel forPart(FpgaPart part) {
        return of(Synth.defaultFor(part));
    }

    /** The Yosys layer with the PE-level LUT refit ({@link LutFit}): what rtl-gen's Yosys runs are compared with. */
    public static FpgaCostModel yosys() {
        return YOSYS;
    }

    /** The Yosys layer from isolated-circuit measurements only (no PE-level refit): the features of the refit. */
    public static FpgaCostModel unfitted() {
        return new FpgaCostModel(FpgaCalibration.yosys023(), LutFit.NONE);
    }

    /** @return the layer this model uses for every part, or null when it follows each part's vendor */
    public Synth synth() {
        return synth;
    }

    /**
     * @return the layer that costs {@code part}: this model's own, or the vendor's flow
     * @throws InvalidInputException (field {@code synth}) for Vivado on a Lattice part
     */
    public Synth synthFor(FpgaPart part) {
        Synth s = synth != null ? synth : Synth.defaultFor(part);
        s.requireFor(part, "synth");
        return s;
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

    /**
     * The PE-structure features of a MAC ({@link PeFeatures}) that {@code qdse rtl calibrate} fits Yosys to (Yosys
     * layer quantities, whatever this model's layer).
     */
    public PeFeatures peFeatures(OpSpec op, FpgaPart part, boolean useDsp) {
        requireCalibrated(part);
        return PeFeatures.of(op, part, useDsp, cal);
    }

    /**
     * @param useDsp map multipliers to DSP blocks where the part has them (what synthesis does by default)
     * @throws InvalidInputException for a part the chosen layer cannot cost (ECP5; Vivado on a Lattice part)
     */
    public FpgaCost estimate(OpSpec op, FpgaPart part, boolean useDsp) {
        Synth s = synthFor(part);
        Datapath d = DatapathBuilder.build(op);
        FpgaCost base = estimatePerCircuit(op, d, part, useDsp, s);
        if (s == Synth.VIVADO && dspMac(op, part, useDsp)) {
            return base; // the whole MAC is one DSP: nothing left in fabric for the PE-level fit to describe
        }
        PeFeatures pf = PeFeatures.of(op, part, useDsp, cal);
        double[] k = pf == null ? null : fit.coeffs().get(pf.fitKey(flowKey(part, useDsp)));
        if (k == null) {
            return base;
        }
        // LUTs from the PE-level fit to Yosys runs of rtl-gen's PEs; FFs, carry and DSPs from the per-circuit model.
        // Vivado: the fit's multiplier term (feature 0, the fabric multiplier; 0 when it is in a DSP) is replaced by
        // the Vivado law for the same multiplier, the rest of the PE kept.
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
            String name = "LUTs: " + names.get(i) + " (fitted)";
            if (i == 0 && s == Synth.VIVADO && pf.values()[0] > 0) {
                Block.MultiplierShape m = mainMultiplier(d);
                l = vivado.multiplier(m.a(), m.b(), m.signed(), part.family().carryBitsPerCell()).luts();
                name = "LUTs: multiplier (Vivado law)";
            }
            if (l > 0) {
                parts.add(new FpgaCost.BlockCost(name, l, 0, 0, 0));
            }
            luts += l;
        }
        List<String> notes = new ArrayList<>();
        for (String n : base.notes()) {
            if (!n.contains("uncalibrated")) {
                notes.add(n);
            }
        }
        notes.add((s == Synth.VIVADO ? "LUTs other than the multiplier's" : "LUTs") + " fitted to " + fit.yosys()
                + " synthesis of rtl-gen's PEs (qdse rtl calibrate; held-out error in docs/rtl.md)");
        return new FpgaCost(op, part, s, luts, base.ffs(), base.carryCells(), base.muxf(), base.dsps(),
                base.dspsPacked(), parts, notes);
    }

    /** The per-circuit estimate (multipliers, adders, shifters and registers measured in isolation). */
    public FpgaCost estimatePerCircuit(OpSpec op, FpgaPart part, boolean useDsp) {
        return estimatePerCircuit(op, DatapathBuilder.build(op), part, useDsp, synthFor(part));
    }

    /**
     * Resources of any structure built from the model's cells (e.g. a bit-serial PE), per circuit: multipliers from
     * the measured multiplier grid or the Vivado law (or DSPs), adders, shifters and gates per their LUT factors,
     * registers as FFs.
     */
    public FpgaCost estimate(Datapath d, FpgaPart part, boolean useDsp) {
        return estimatePerCircuit(null, d, part, useDsp, synthFor(part));
    }

    private FpgaCost estimatePerCircuit(OpSpec op, Datapath d, FpgaPart part, boolean useDsp, Synth s) {
        requireCalibrated(part);
        FpgaFamily fam = part.family();
        FpgaCalibration.Flow flow = fam == FpgaFamily.LATTICE_ICE40 ? FpgaCalibration.Flow.ICE40
                : FpgaCalibration.Flow.XILINX;
        boolean viv = s == Synth.VIVADO;
        // Yosys 0.23 maps every Xilinx family's adders to CARRY4; Vivado uses the family's own carry cell
        int carryBits = flow == FpgaCalibration.Flow.ICE40 ? 1 : viv ? fam.carryBitsPerCell() : 4;
        boolean inDsp = viv && dspMac(op, part, useDsp);
        Set<String> notes = new LinkedHashSet<>();
        List<FpgaCost.BlockCost> parts = new ArrayList<>();
        double luts = 0;
        double ffs = 0;
        double carry = 0;
        double muxf = 0;
        double dsps = 0;
        double packed = 0;
        boolean intMac = op != null && op.acc() instanceof FixedPointAccumulator
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
                    FpgaCalibration.MulCount mc = viv ? vivado.multiplier(m.a(), m.b(), m.signed(), carryBits)
                            : inMac ? cal.multiplierInMac(flow, m.a(), m.b(), m.signed())
                            : cal.multiplier(flow, m.a(), m.b(), m.signed());
                    bl = mc.luts() * b.share();
                    bc = mc.carry() * b.share();
                    bm = mc.muxf() * b.share();
                    if (mc.extrapolated()) {
                        notes.add(viv ? "multipliers wider than 18 bits extrapolate the Vivado law beyond the widest "
                                + "published point (18x18)"
                                : "multipliers wider than 16 bits are extrapolated from the measured 8-16-bit grid");
                    }
                }
            } else if (inDsp && (b.name().equals("accumulator adder") || b.name().equals("accumulator register"))) {
                notes.add("accumulator in the DSP's P register: Vivado infers a multiply-accumulate that needs one DSP "
                        + "into the DSP (UG901; not measured here)");
                continue;
            } else {
                double adderBits = b.count(Component.ADDER_BIT);
                double regBits = b.count(Component.REGISTER_BIT);
                double addL = adderBits * (viv ? vivado.lutPerAdderBit() : cal.lutPerAdderBit(flow));
                double shL = b.count(Component.SHIFT_MUX) * cal.lutPerShiftMuxBit(flow);
                double gates = b.count(Component.LOGIC_GATE);
                double logL = gates / (fam.lutInputs() >= 6 ? GATES_PER_LUT6 : GATES_PER_LUT4);
                bl += addL;
                if (adderBits > 0) {
                    bc += carryBits == 1 ? adderBits
                            : Math.ceil(Math.round(adderBits / b.share()) / (double) carryBits) * b.share();
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
        if (viv) {
            notes.add("Vivado layer: LUT multipliers and adders fitted to published Vivado results; shifters and other "
                    + "logic use the Yosys-measured coefficients (docs/cost-models.md)");
        }
        if (part.family() == FpgaFamily.XILINX_VERSAL) {
            notes.add(viv ? "Versal LUT counts use the Vivado law fitted on earlier LUT6 families (Versal's LUTs may "
                    + "map multipliers smaller)"
                    : "Versal LUT counts use the UltraScale+ mapping measured with Yosys (Yosys has no Versal flow)");
        }
        return new FpgaCost(op, part, s, luts, ffs, carry, muxf, dsps, dsps == 0 ? 0 : packed, parts,
                new ArrayList<>(notes));
    }

    /** The multiplier array of a MAC's element product (the block the PE-level fit's feature 0 describes). */
    private static Block.MultiplierShape mainMultiplier(Datapath d) {
        for (Block b : d.blocks()) {
            if (b.multiplier() != null && !b.multiplier().finalAdder() && b.share() == 1.0) {
                return b.multiplier();
            }
        }
        throw new IllegalStateException("no multiplier in " + d.description());
    }

    /**
     * Whether Vivado puts a whole integer MAC into one DSP: integer operands whose product needs one DSP block, a
     * wrapping fixed-point register that fits the DSP's P register (48 bits; 58 on DSP58).
     */
    static boolean dspMac(OpSpec op, FpgaPart part, boolean useDsp) {
        if (op == null || op.op() != Operation.MAC || !useDsp || !part.hasDsp()
                || !(op.acc() instanceof FixedPointAccumulator acc) || acc.saturating()
                || !(op.a() instanceof IntFormat ia) || !(op.b() instanceof IntFormat ib)) {
            return false;
        }
        FpgaFamily fam = part.family();
        int p = fam == FpgaFamily.XILINX_VERSAL ? 58 : 48;
        return acc.width() <= p && dspTiles(fam, new Block.MultiplierShape(ia.bits(), ib.bits(),
                ia.signed() || ib.signed(), false)) == 1;
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
