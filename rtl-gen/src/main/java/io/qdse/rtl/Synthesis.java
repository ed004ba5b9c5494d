package io.qdse.rtl;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.cost.BitSerialPeBuilder;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.fpga.Synth;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Yosys synthesis of a bundle ({@code synth_<target>.ys}) and its cell statistics, beside the model's prediction. */
public final class Synthesis {

    /** A Yosys flow, and the part whose family the model predicts for. */
    public enum Target {
        XILINX("xilinx", "xcvu9p", true), XILINX_NODSP("xilinx_nodsp", "xcvu9p", false),
        ICE40("ice40", "ice40-hx8k", false), ECP5("ecp5", null, true);

        public final String key;
        final String part;
        public final boolean dsp;

        Target(String key, String part, boolean dsp) {
            this.key = key;
            this.part = part;
            this.dsp = dsp;
        }

        /** @return the target of a calibration flow key (xilinx, xilinx_nodsp, ice40) */
        public static Target ofFlow(String flow) {
            return flow.equals("ice40") ? ICE40 : flow.equals("xilinx") ? XILINX : XILINX_NODSP;
        }

        public static Target parse(String text, boolean nodsp) {
            String k = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (Target t : values()) {
                if (t.key.equals(k)) {
                    return nodsp && t == XILINX ? XILINX_NODSP : t;
                }
            }
            throw new InvalidInputException("--target", text, "xilinx, xilinx_nodsp, ice40 or ecp5");
        }
    }

    /**
     * Resource counts from one {@code stat}; {@code brams} in the engine's block-RAM unit: RAMB18 + 2 × RAMB36 on
     * Xilinx (a RAMB36 was counted as one until 2026-12-07), SB_RAM40_4K (EBR) on iCE40, DP16KD on ECP5.
     */
    public record Stats(Target target, Map<String, Integer> cells, int luts, int ffs, int carry, int dsps, int brams,
                        int lutrams, int muxf, String yosysVersion, double seconds) {
        /** @return iCE40 UltraPlus SPRAM blocks (SB_SPRAM256KA cells) */
        public int sprams() {
            return cells.getOrDefault("SB_SPRAM256KA", 0);
        }
    }

    private static final Pattern CELL = Pattern.compile("^\\s+(\\$?[A-Za-z_][\\w$]*)\\s+(\\d+)\\s*$",
            Pattern.MULTILINE);

    private static volatile String yosysVersion;

    /** @return {@code yosys -V}, asked once per JVM (a calibration runs Yosys 108 times) */
    public static String yosysVersion() {
        if (yosysVersion == null) {
            yosysVersion = Tools.version("yosys");
        }
        return yosysVersion;
    }

    private Synthesis() {
    }

    /** Runs Yosys on the bundle; throws with Yosys' log tail when it fails. */
    public static Stats run(Path bundle, Target t, long timeoutSeconds) throws IOException {
        if (!Files.isRegularFile(bundle.resolve("synth_" + t.key + ".ys"))) {
            throw new InvalidInputException("bundle", bundle.toString(), "is not an RTL bundle (no synth_" + t.key
                    + ".ys); make one with qdse rtl pe|array --out DIR");
        }
        return yosys(bundle, t, "synth_" + t.key + ".ys", "build/stat_" + t.key + ".txt", "build/yosys_" + t.key
                + ".log", timeoutSeconds);
    }

    /**
     * Runs the bundle's Yosys flow for {@code t} on one of its modules instead of the design's top (e.g. one
     * {@code BitSerialDotPe} of a bit-serial array, the unit the PE models cost): the script is the bundle's with
     * {@code -top} replaced, written to {@code build/synth_<target>_<module>.ys}.
     */
    public static Stats runModule(Path bundle, Design d, Target t, String module, long timeoutSeconds)
            throws IOException {
        if (!module.matches("\\w+")) {
            throw new InvalidInputException("module", module, "a Verilog module name");
        }
        Path ys = bundle.resolve("synth_" + t.key + ".ys");
        if (!Files.isRegularFile(ys)) {
            throw new InvalidInputException("bundle", bundle.toString(), "is not an RTL bundle (no synth_" + t.key
                    + ".ys); make one with qdse rtl pe|array --out DIR");
        }
        String tag = t.key + "_" + module;
        String script = Files.readString(ys).replace("-top " + d.top(), "-top " + module)
                .replace("build/stat_" + t.key + ".txt", "build/stat_" + tag + ".txt");
        Files.createDirectories(bundle.resolve("build"));
        Files.writeString(bundle.resolve("build/synth_" + tag + ".ys"), script);
        return yosys(bundle, t, "build/synth_" + tag + ".ys", "build/stat_" + tag + ".txt", "build/yosys_" + tag
                + ".log", timeoutSeconds);
    }

    private static Stats yosys(Path bundle, Target t, String script, String stat, String log, long timeoutSeconds)
            throws IOException {
        Tools.require("yosys", "install it (apt-get install yosys)", "to synthesize");
        Files.createDirectories(bundle.resolve("build"));
        Tools.Result r = Tools.run(bundle, timeoutSeconds, List.of("yosys", "-q", "-l", log, "-s", script));
        if (!r.ok()) {
            throw new IOException("yosys failed on " + bundle + (r.timedOut() ? " (timed out)" : "") + ":\n"
                    + r.output());
        }
        return parse(Files.readString(bundle.resolve(stat)), t, yosysVersion(), r.seconds());
    }

    /** Parses Yosys' {@code stat} text (of a flattened design). */
    public static Stats parse(String stat, Target t, String yosysVersion, double seconds) {
        Map<String, Integer> cells = new LinkedHashMap<>();
        Matcher m = CELL.matcher(stat);
        while (m.find()) {
            cells.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
        }
        int luts = 0;
        int ffs = 0;
        int carry = 0;
        int dsps = 0;
        int brams = 0;
        int lutrams = 0;
        int muxf = 0;
        for (Map.Entry<String, Integer> e : cells.entrySet()) {
            String c = e.getKey();
            int n = e.getValue();
            if (c.matches("LUT[1-6]|SB_LUT4|LUT4|INV")) {
                luts += n;
            } else if (c.matches("FD[A-Z]*|SB_DFF\\w*|TRELLIS_FF")) {
                ffs += n;
            } else if (c.matches("CARRY[48]|SB_CARRY|CCU2C")) {
                carry += n;
            } else if (c.matches("DSP48E[12]|SB_MAC16|MULT18X18D|ALU54B")) {
                dsps += n;
            } else if (c.matches("RAMB(18|36)E[12]|SB_RAM40_4K\\w*|DP16KD|PDPW16KD")) {
                brams += c.startsWith("RAMB36") ? 2 * n : n; // Xilinx: 18-Kbit units, as the engine counts them
            } else if (c.matches("RAM\\d+[XM]\\w*|TRELLIS_DPR16X4")) {
                lutrams += n;
            } else if (c.matches("MUXF[789]|PFUMX|L6MUX21")) {
                muxf += n;
            }
        }
        return new Stats(t, cells, luts, ffs, carry, dsps, brams, lutrams, muxf, yosysVersion, seconds);
    }

    /**
     * The model's prediction for what the design's MACs cost on the target's family (PE count × one MAC), or null
     * when the model has no such family (ECP5) or the design is not made of MAC PEs.
     */
    public static FpgaCost predict(Design d, Target t) {
        if (d instanceof Design.Mvu u) {
            double[] r = mvuModel(u, t);
            if (r == null) {
                return null;
            }
            FpgaPart part = (FpgaPart) Targets.parse("fpga:" + t.part, "target");
            return new FpgaCost(null, part, Synth.YOSYS, r[0], r[1], Double.NaN, 0, r[2], r[2], List.of(),
                    List.of(String.format(Locale.ROOT, "simulator FpgaDataflowEngine, the whole unit in the Yosys "
                            + "layer; block RAM18: %.0f", r[3])));
        }
        if (d instanceof Design.BitSerialArray b) {
            return t.part == null ? null : bitSerialPe(b, (FpgaPart) Targets.parse("fpga:" + t.part, "target"), t.dsp);
        }
        Design.MacPe pe = d instanceof Design.MacPe p ? p : d instanceof Design.Array a ? a.pe() : null;
        OpSpec op = pe != null ? OpSpec.mac(pe.a(), pe.b(), pe.acc(), 1)
                : d instanceof Design.FloatMacPe f ? OpSpec.mac(f.a(), f.b(), f.spec(), 1) : null;
        if (op == null || t.part == null) {
            return null;
        }
        FpgaPart part = (FpgaPart) Targets.parse("fpga:" + t.part, "target");
        return FpgaCostModel.yosys().estimate(op, part, t.dsp); // compared with Yosys runs: the Yosys layer
    }

    /**
     * One PE of a bit-serial array as the simulator costs it ({@code BitSerialCosts}), in the Yosys layer
     * ({@link FpgaCostModel#yosys()}, what the Yosys runs are compared with; the simulator uses the part vendor's flow)
     * on {@link BitSerialPeBuilder}'s per-cycle datapath plus its per-step datapath (the stationary operand
     * registers), summed into one estimate.
     */
    public static FpgaCost bitSerialPe(Design.BitSerialArray d, FpgaPart part, boolean useDsp) {
        BitSerialPeBuilder b = BitSerialPeBuilder.of(d.peSpec());
        FpgaCostModel m = FpgaCostModel.yosys();
        FpgaCost c1 = m.estimate(b.perCycle(), part, useDsp);
        FpgaCost c2 = m.estimate(b.perStep(), part, useDsp);
        List<FpgaCost.BlockCost> parts = new ArrayList<>(c1.breakdown());
        parts.addAll(c2.breakdown());
        Set<String> notes = new LinkedHashSet<>(c1.notes());
        notes.addAll(c2.notes());
        return new FpgaCost(null, part, Synth.YOSYS, c1.luts() + c2.luts(), c1.ffs() + c2.ffs(),
                c1.carryCells() + c2.carryCells(), c1.muxf() + c2.muxf(), c1.dsps() + c2.dsps(),
                c1.dspsPacked() + c2.dspsPacked(), parts, new ArrayList<>(notes));
    }

    /**
     * The dataflow engine's estimate of a matrix-vector unit, as the simulator costs a layer's unit
     * ({@code FpgaDataflowEngine.resources} in the Yosys layer, {@link Synth#YOSYS}): xcvu9p with DSP blocks for the
     * {@code xilinx} flow, LUT-only for {@code xilinx_nodsp}, ice40-hx8k for {@code ice40}. The layer formats: the
     * unit's weight and input formats, an exact (Kulisch) accumulator for MW products, and as output the threshold
     * quantizer's unsigned {@code outBits}-bit integer, or without one the accumulator itself (a signed integer of
     * its width: the engine then counts no thresholds).
     *
     * @return [LUTs, FFs, DSPs, BRAM18], or null when the engine cannot express the unit ({@link #mvuModelGap})
     */
    public static double[] mvuModel(Design.Mvu u, Target t) {
        if (t.part == null || mvuModelGap(u) != null) {
            return null;
        }
        FpgaPart part = (FpgaPart) Targets.parse("fpga:" + t.part, "target");
        return new io.qdse.simulator.engine.FpgaDataflowEngine().resources(mvuShape(u), mvuFold(u), mvuFormats(u),
                part, t.dsp ? io.qdse.simulator.arch.FpgaDataflow.ResType.DSP
                        : io.qdse.simulator.arch.FpgaDataflow.ResType.LUT, Synth.YOSYS);
    }

    /**
     * @param part a catalogue part (e.g. xc7z020, ice40-up5k): the engine costs the unit for its family
     * @return [LUTs, FFs, DSPs, BRAM18 or EBR] in the Yosys layer, or null when the engine cannot express the unit
     */
    public static double[] mvuModel(Design.Mvu u, String part, boolean dsp) {
        return mvuModel(u, part, dsp, io.qdse.simulator.arch.FpgaDataflow.RamStyle.AUTO);
    }

    /**
     * @param ramStyle where the engine places the weights ({@code FpgaDataflowEngine.weightMemory}: with SPRAM, the
     *                 memories it would put in block RAM go to SB_SPRAM256KA)
     * @return [LUTs, FFs, DSPs, BRAM18 or EBR, URAM, SPRAM, SPRAM load cycles, logic cells] in the Yosys layer (logic
     *     cells on iCE40 only, what nextpnr packs the unit into: {@code FpgaDataflowEngine.UnitStructure.logicCells};
     *     NaN elsewhere), or null when the engine cannot express the unit
     */
    public static double[] mvuModel(Design.Mvu u, String part, boolean dsp,
                                    io.qdse.simulator.arch.FpgaDataflow.RamStyle ramStyle) {
        if (mvuModelGap(u) != null) {
            return null;
        }
        FpgaPart fp = (FpgaPart) Targets.parse("fpga:" + part, "--device");
        io.qdse.simulator.arch.FpgaDataflow.ResType rt = dsp ? io.qdse.simulator.arch.FpgaDataflow.ResType.DSP
                : io.qdse.simulator.arch.FpgaDataflow.ResType.LUT;
        double[] r = new io.qdse.simulator.engine.FpgaDataflowEngine().resources(mvuShape(u), mvuFold(u),
                mvuFormats(u), fp, rt, Synth.YOSYS, ramStyle);
        double[] out = java.util.Arrays.copyOf(r, 8);
        out[7] = io.qdse.simulator.fpga.DataflowEstimate.lutsCountCells(fp)
                ? io.qdse.simulator.engine.FpgaDataflowEngine.structure(mvuShape(u), mvuFold(u), mvuFormats(u), fp, rt,
                        Synth.YOSYS, ramStyle).logicCells() : Double.NaN;
        return out;
    }

    /**
     * @return the dataflow engine's weight memory of the unit with {@code ram_style spram} on iCE40 UltraPlus
     *     (ice40-up5k, Yosys layer): SPRAM blocks and load cycles, or {@code lut} when it keeps a small memory in logic
     */
    public static io.qdse.simulator.engine.FpgaDataflowEngine.WeightMemory spramModel(Design.Mvu u) {
        FpgaPart fp = (FpgaPart) Targets.parse("fpga:ice40-up5k", "target");
        return io.qdse.simulator.engine.FpgaDataflowEngine.weightMemory((long) u.pe() * u.simd() * u.w().bits(),
                (long) u.sf() * u.nf(), fp, false, io.qdse.simulator.arch.FpgaDataflow.RamStyle.SPRAM);
    }

    /**
     * @return the dataflow engine's iCE40 clock model of the unit ({@code FpgaDataflowEngine.fmaxMhz} on the HX8K the
     *     Fmax sweep places it on, {@link MvuTiming}), MHz
     */
    public static double mvuFmaxModel(Design.Mvu u) {
        FpgaPart part = (FpgaPart) Targets.parse("fpga:ice40-hx8k", "target");
        return io.qdse.simulator.engine.FpgaDataflowEngine.fmaxMhz(mvuShape(u), mvuFold(u), mvuFormats(u), part);
    }

    /** @return why the engine cannot cost the unit, or null when it can */
    public static String mvuModelGap(Design.Mvu u) {
        if (u.outBits() == 0 && u.accBits() > 32) {
            return "an output of the " + u.accBits() + "-bit accumulator itself (layer output formats are integers "
                    + "of up to 32 bits); give --out-bits";
        }
        return null;
    }

    /** @return the unit as one layer's shape: MW, MH, one output vector */
    public static io.qdse.simulator.arch.FpgaDataflow.Shape mvuShape(Design.Mvu u) {
        return new io.qdse.simulator.arch.FpgaDataflow.Shape(false, u.mw(), u.mh(), 1, 1);
    }

    public static io.qdse.simulator.arch.FpgaDataflow.Fold mvuFold(Design.Mvu u) {
        return new io.qdse.simulator.arch.FpgaDataflow.Fold(u.pe(), u.simd());
    }

    /** @return the layer formats the engine costs the unit with (see {@link #mvuModel}) */
    public static io.qdse.simulator.arch.LayerFormats mvuFormats(Design.Mvu u) {
        io.qdse.hwmodels.format.IntFormat out = io.qdse.simulator.engine.FpgaDataflowEngine.unitOutput(u.outBits(),
                u.accBits());
        return new io.qdse.simulator.arch.LayerFormats(u.w(), u.a(),
                io.qdse.hwmodels.arith.FixedPointAccumulator.kulisch(u.w(), u.a(), u.mw()), out);
    }

    /** @return PEs in the design (1 for a PE) */
    public static long pes(Design d) {
        if (d instanceof Design.BitSerialArray b) {
            return (long) b.rows() * b.cols();
        }
        return d instanceof Design.Array a ? (long) a.rows() * a.cols() : 1;
    }
}
