package io.qdse.simulator.arch;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Target;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.OpKind;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A dataflow accelerator on an FPGA in the manner of FINN: every layer of one network gets its own compute unit — a
 * matrix-vector unit (MVAU) for convolutions and linear layers, a vector-vector unit (VVAU) for depthwise
 * convolutions — folded by PE (outputs in parallel) × SIMD (reduction elements in parallel); all units run at once as
 * a pipeline with FIFOs between them, weights held on chip. A design is made for one workload: {@link #of} resolves
 * each layer's fold (given, or chosen for a target cycles per frame) and checks it divides the layer.
 *
 * <p>Unit geometry (per frame): an MVAU of a layer with reduction length MW = K, outputs MH = N and NV output
 * vectors (output pixels, or tokens) takes NV·(MH/PE)·(MW/SIMD) cycles; PE must divide MH and SIMD must divide MW.
 * A VVAU of C channels and a K-element kernel takes NV·(C/PE)·(K/SIMD) cycles with PE | C and SIMD | K.
 *
 * @param name     a name for tables
 * @param part     the FPGA part
 * @param clockMhz the design's clock
 * @param formats  default layer formats
 * @param folds    every compute layer's fold, by layer name, in network order
 * @param resType  multipliers in LUTs, in DSP blocks, or chosen per layer
 * @param frames   inferences (frames) one run of the workload pushes through the pipeline
 * @param dram     off-chip memory (the first layer's input and the last layer's output stream through it)
 * @param synth    the synthesis flow whose LUT figures the resources mean (null: the part vendor's own flow,
 *                 {@link io.qdse.hwmodels.fpga.Synth#defaultFor})
 * @param ramStyle where the weight memories go (FINN's {@code ram_style}, with iCE40 UltraPlus SPRAM added)
 */
public record FpgaDataflow(String name, FpgaPart part, double clockMhz, LayerFormats formats, Map<String, Fold> folds,
                           ResType resType, long frames, DramSpec dram, io.qdse.hwmodels.fpga.Synth synth,
                           RamStyle ramStyle)
        implements Accelerator {

    /** A design with its weight memories placed by {@link RamStyle#AUTO}. */
    public FpgaDataflow(String name, FpgaPart part, double clockMhz, LayerFormats formats, Map<String, Fold> folds,
                        ResType resType, long frames, DramSpec dram, io.qdse.hwmodels.fpga.Synth synth) {
        this(name, part, clockMhz, formats, folds, resType, frames, dram, synth, RamStyle.AUTO);
    }

    public FpgaDataflow {
        require(part != null, "arch.technology", null, "an FPGA part (fpga:<part>)");
        ramStyle = ramStyle == null ? RamStyle.AUTO : ramStyle;
        require(clockMhz > 0 && clockMhz <= 2_000, "arch.clock_mhz", clockMhz, "must be in (0, 2000] MHz");
        require(formats != null, "arch.formats", null, "default layer formats");
        require(folds != null && !folds.isEmpty(), "arch.folding", null, "a fold for every compute layer");
        require(frames >= 1, "frames", frames, "must be >= 1");
        folds = Collections.unmodifiableMap(new LinkedHashMap<>(folds));
    }

    /**
     * One layer's parallelism.
     *
     * @param pe       processing elements (outputs computed in parallel)
     * @param simd     lanes per PE (reduction elements consumed in parallel)
     * @param ramStyle this layer's weight memory style (a folding file's {@code ram_style}, or the search's choice),
     *                 or null for the design's {@link FpgaDataflow#ramStyle}
     */
    public record Fold(int pe, int simd, RamStyle ramStyle) {
        public Fold {
            require(pe >= 1, "PE", pe, "must be >= 1");
            require(simd >= 1, "SIMD", simd, "must be >= 1");
        }

        /** A fold whose weight memory follows the design's style. */
        public Fold(int pe, int simd) {
            this(pe, simd, null);
        }

        /** @return the same PE and SIMD with weight memory style {@code s} (null: the design's) */
        public Fold withRamStyle(RamStyle s) {
            return new Fold(pe, simd, s);
        }
    }

    /**
     * A dataflow design before it meets its workload (a sweep point, an {@code --arch dataflow:...}): the part, clock
     * and a throughput target; {@link #build} folds every layer of a workload for the target.
     *
     * @param targetFps frames per second every unit must reach at the clock (0: PE = SIMD = 1 everywhere)
     * @param synth     whose LUT figures (null: the part vendor's flow)
     */
    public record Spec(String name, FpgaPart part, double clockMhz, double targetFps, ResType resType,
                       io.qdse.hwmodels.fpga.Synth synth, LayerFormats formats, DramSpec dram) {
        public Spec {
            require(part != null, "technology", null, "an FPGA part (fpga:<part>)");
            require(clockMhz > 0 && clockMhz <= 2_000, "clock_mhz", clockMhz, "must be in (0, 2000] MHz");
            require(targetFps >= 0 && Double.isFinite(targetFps), "target_fps", targetFps,
                    "frames per second >= 0 (0: no target, PE = SIMD = 1)");
            require(resType != null, "res_type", null, "lut, dsp or auto");
            if (synth != null) {
                synth.requireFor(part, "synth");
            }
        }

        /** @return cycles per frame each unit must meet (0 for no target) */
        public long targetCycles() {
            return targetFps == 0 ? 0 : Math.max(1, (long) Math.floor(clockMhz * 1e6 / targetFps));
        }

        /** @return the design for {@code w}, every layer folded for the target */
        public FpgaDataflow build(Workload w, LayerFormats f, Function<String, LayerFormats> perLayer) {
            FpgaDataflow d = of(name, part, clockMhz, f == null ? formats : f, w, Map.of(), targetCycles(), resType,
                    dram, perLayer);
            return synth == null ? d : d.withSynth(synth);
        }

        public String summary() {
            return name + " (dataflow on " + part.name() + ", " + SystolicArray.fmt(clockMhz) + " MHz, "
                    + (targetFps > 0 ? SystolicArray.fmt(targetFps) + " frames/s target" : "PE = SIMD = 1") + ")";
        }
    }

    /** Where the multipliers go. */
    public enum ResType {
        /** LUTs and carry only. */
        LUT,
        /** DSP blocks (where the part has them). */
        DSP,
        /** DSP blocks for products of 10 bits or more (significands included), LUTs below. */
        AUTO
    }

    /**
     * Where each unit's weight memory goes: FINN's {@code ram_style} names (auto, block, distributed, ultra) and
     * {@code spram} for the iCE40 UltraPlus single-port RAM. Only the weights move; input buffers and threshold
     * memories keep their own placement.
     */
    public enum RamStyle {
        /** The synthesis flow's own choice: a ROM in logic, or block RAM where that saves LUTs (the engine's rule). */
        AUTO,
        /** Block RAM (BRAM18 on Xilinx, 4-Kbit EBR on iCE40) for every weight memory. */
        BLOCK,
        /** A ROM in logic (LUTs) for every weight memory. */
        DISTRIBUTED,
        /** UltraRAM (288 Kbit blocks) for every weight memory that {@link #AUTO} would put in block RAM. */
        ULTRA,
        /**
         * iCE40 UltraPlus SPRAM (SB_SPRAM256KA, 16K × 16) for every weight memory that {@link #AUTO} would put in EBR;
         * SPRAM has no initial contents, so those weights are written after configuration (a one-time load).
         */
        SPRAM;

        /** @return the lower-case name, as typed */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @return the style named {@code s} (auto, block, distributed, ultra, spram), or exit 2 naming {@code option} */
        public static RamStyle parse(String s, String option) {
            String k = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
            for (RamStyle r : values()) {
                if (r.label().equals(k)) {
                    return r;
                }
            }
            throw new InvalidInputException(option, s, "auto, block, distributed, ultra (UltraRAM) or spram (iCE40 "
                    + "UltraPlus SPRAM)");
        }

        /** Refuses a style the part has no memory for, naming {@code option}, the part and what it has. */
        public void requireFor(FpgaPart part, String option) {
            if (this == ULTRA && (part.urams() == null || part.urams() == 0)) {
                throw new InvalidInputException(option, label(), "a part with UltraRAM: " + part.name() + " has "
                        + (part.urams() == null ? "no known URAM count" : "0 URAM") + " (" + part.bramBlocks() + " "
                        + part.family().bramBlock() + (part.sprams() > 0 ? ", " + part.sprams() + " SPRAM" : "")
                        + "); URAM parts: xczu7ev, xcvu9p, xcu250, xcvc1902; use block, distributed or auto");
            }
            if (this == SPRAM && part.sprams() == 0) {
                throw new InvalidInputException(option, label(), "a part with SPRAM (iCE40 UltraPlus, e.g. "
                        + "ice40-up5k): " + part.name() + " has 0 SPRAM (" + part.bramBlocks() + " "
                        + part.family().bramBlock() + (part.urams() != null && part.urams() > 0 ? ", " + part.urams()
                        + " URAM" : "") + "); use block, distributed or auto");
            }
        }
    }

    /**
     * The shape one layer's unit works on.
     *
     * @param vvau     a vector-vector unit (depthwise convolution) rather than a matrix-vector unit
     * @param mw       reduction length per output (MVAU: K; VVAU: kernel elements)
     * @param mh       outputs per vector (MVAU: N; VVAU: channels)
     * @param vectors  output vectors per frame (output pixels or tokens)
     * @param passes   independent groups run one after another (grouped, non-depthwise convolutions)
     */
    public record Shape(boolean vvau, long mw, long mh, long vectors, long passes) {
        /** @return cycles per frame with this fold */
        public long cycles(Fold f) {
            return Math.multiplyExact(Math.multiplyExact(vectors, passes),
                    Math.multiplyExact(mh / f.pe(), mw / f.simd()));
        }
    }

    /**
     * @return the unit shape of an op with weights, for {@code frames} frames in its M; an error naming the layer for
     *     ops a dataflow unit does not run (matrix products of two activations, such as attention)
     */
    public static Shape shape(LayerOp op, long frames) {
        if (!op.kind().hasWeights()) {
            throw new InvalidInputException(op.name(), op.kind().name().toLowerCase(java.util.Locale.ROOT),
                    "a layer with weights (conv, dwconv, linear): a dataflow unit holds its weights on chip; products "
                    + "of two activations (attention) need an overlay (a shared MAC array)");
        }
        if (op.m() % frames != 0) {
            throw new InvalidInputException(op.name() + ".M", op.m(), "a multiple of the " + frames + " frames");
        }
        long vectors = op.m() / frames;
        if (op.kind() == OpKind.DEPTHWISE_CONV) {
            return new Shape(true, op.k(), op.batch(), vectors, 1);
        }
        return new Shape(false, op.k(), op.n(), vectors, op.batch());
    }

    /**
     * Builds the design for a workload.
     *
     * @param explicit     folds given by name (layers not in it are folded to {@code targetCycles})
     * @param targetCycles cycles per frame each unfolded layer should meet (0: fully folded, PE = SIMD = 1)
     * @param formatsOf    each layer's formats (for checks)
     */
    public static FpgaDataflow of(String name, FpgaPart part, double clockMhz, LayerFormats formats, Workload w,
                                  Map<String, Fold> explicit, long targetCycles, ResType resType, DramSpec dram,
                                  Function<String, LayerFormats> formatsOf) {
        require(targetCycles >= 0, "target cycles per frame", targetCycles, "must be >= 0");
        long frames = frames(w);
        Map<String, Fold> folds = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>(explicit.keySet());
        for (Layer l : w.computeLayers()) {
            if (l.ops().size() != 1) {
                throw new InvalidInputException(l.name(), l.ops().size() + " ops", "one op per layer in a dataflow "
                        + "design (one unit per layer)");
            }
            LayerOp op = l.ops().get(0);
            Shape s = shape(op, frames);
            LayerFormats f = formatsOf == null || formatsOf.apply(l.name()) == null ? formats
                    : formatsOf.apply(l.name());
            for (var fmt : List.of(f.weight(), f.activation())) {
                if (fmt instanceof BlockFormat) {
                    throw new InvalidInputException(l.name() + " formats", fmt.name(), "scalar formats (a block format's "
                            + "shared scale needs a unit the dataflow model does not have)");
                }
            }
            Fold fold = explicit.get(l.name());
            unknown.remove(l.name());
            if (fold == null) {
                fold = autoFold(s, targetCycles);
            }
            String where = "folding." + l.name();
            if (s.mh() % fold.pe() != 0) {
                throw new InvalidInputException(where + ".PE", fold.pe(), "a divisor of " + s.mh() + " (the layer's "
                        + (s.vvau() ? "channels" : "outputs") + ")");
            }
            if (s.mw() % fold.simd() != 0) {
                throw new InvalidInputException(where + ".SIMD", fold.simd(), "a divisor of " + s.mw() + " (the "
                        + "layer's " + (s.vvau() ? "kernel elements" : "reduction length") + ")");
            }
            if (fold.ramStyle() != null) {
                fold.ramStyle().requireFor(part, where + ".ram_style");
            }
            folds.put(l.name(), fold);
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("folding", String.join(", ", unknown), "names of the workload's compute "
                    + "layers (these match none)");
        }
        return new FpgaDataflow(name, part, clockMhz, formats, folds, resType, frames, dram, null);
    }

    /** @return this design costed with the LUT figures of {@code s} (null: the vendor's flow) */
    public FpgaDataflow withSynth(io.qdse.hwmodels.fpga.Synth s) {
        if (s != null) {
            s.requireFor(part, "--synth");
        }
        return new FpgaDataflow(name, part, clockMhz, formats, folds, resType, frames, dram, s, ramStyle);
    }

    /** @return this design with its weight memories placed by {@code style} (refused where the part lacks it) */
    public FpgaDataflow withRamStyle(RamStyle style, String option) {
        RamStyle st = style == null ? RamStyle.AUTO : style;
        st.requireFor(part, option);
        return new FpgaDataflow(name, part, clockMhz, formats, folds, resType, frames, dram, synth, st);
    }

    /**
     * The smallest parallelism meeting a target, in FINN's SetFolding order: an MVAU raises SIMD through the divisors
     * of MW, then PE through the divisors of MH; a VVAU raises PE (channels) first, then SIMD (kernel).
     */
    static Fold autoFold(Shape s, long target) {
        int pe = 1;
        int simd = 1;
        if (target <= 0) {
            return new Fold(1, 1);
        }
        List<Long> simds = divisors(s.mw());
        List<Long> pes = divisors(s.mh());
        if (!s.vvau()) {
            for (long d : simds) {
                simd = (int) d;
                if (s.cycles(new Fold(pe, simd)) <= target) {
                    return new Fold(pe, simd);
                }
            }
            for (long d : pes) {
                pe = (int) d;
                if (s.cycles(new Fold(pe, simd)) <= target) {
                    return new Fold(pe, simd);
                }
            }
        } else {
            for (long d : pes) {
                pe = (int) d;
                if (s.cycles(new Fold(pe, simd)) <= target) {
                    return new Fold(pe, simd);
                }
            }
            for (long d : simds) {
                simd = (int) d;
                if (s.cycles(new Fold(pe, simd)) <= target) {
                    return new Fold(pe, simd);
                }
            }
        }
        return new Fold(pe, simd);
    }

    static List<Long> divisors(long n) {
        List<Long> lo = new ArrayList<>();
        List<Long> hi = new ArrayList<>();
        for (long d = 1; d * d <= n; d++) {
            if (n % d == 0) {
                lo.add(d);
                if (d != n / d) {
                    hi.add(0, n / d);
                }
            }
        }
        lo.addAll(hi);
        lo.removeIf(d -> d > Integer.MAX_VALUE);
        return lo;
    }

    /** @return frames in one run: a convolution's images (M over output pixels), else the first layer's rows */
    public static long frames(Workload w) {
        for (Layer l : w.computeLayers()) {
            for (LayerOp op : l.ops()) {
                if (op.conv() != null) {
                    long pixels = (long) op.conv().outH() * op.conv().outW();
                    return Math.max(1, op.m() / pixels);
                }
            }
        }
        return 1;
    }

    /** @return the weight memory style of {@code layer}: its fold's, else the design's */
    public RamStyle ramStyle(String layer) {
        Fold f = fold(layer);
        return f.ramStyle() != null ? f.ramStyle() : ramStyle;
    }

    /** @return the layer's fold, or an error naming it */
    public Fold fold(String layer) {
        Fold f = folds.get(layer);
        if (f == null) {
            throw new InvalidInputException("layer", layer, "a layer this dataflow design was built for ("
                    + folds.size() + " layers)");
        }
        return f;
    }

    @Override
    public String kind() {
        return "fpga-dataflow";
    }

    @Override
    public Target technology() {
        return part;
    }

    /** @return the same design (folds, formats, memories) at another clock */
    public FpgaDataflow withClock(double mhz) {
        return new FpgaDataflow(name, part, mhz, formats, folds, resType, frames, dram, synth, ramStyle);
    }

    @Override
    public FpgaDataflow withFormats(LayerFormats f) {
        return new FpgaDataflow(name, part, clockMhz, f, folds, resType, frames, dram, synth, ramStyle);
    }

    /** @return Σ PE·SIMD over the layers: every unit computes at once */
    @Override
    public long computeUnits() {
        long n = 0;
        for (Fold f : folds.values()) {
            n += (long) f.pe() * f.simd();
        }
        return n;
    }

    @Override
    public double peakMacsPerCycle(LayerFormats f) {
        return computeUnits();
    }

    @Override
    public String summary() {
        return name + " (dataflow, " + folds.size() + " units, " + computeUnits() + " MAC lanes, "
                + SystolicArray.fmt(clockMhz) + " MHz, " + part.name() + ")";
    }
}
