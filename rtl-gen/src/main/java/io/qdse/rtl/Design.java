package io.qdse.rtl;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.simulator.arch.Dataflow;

/**
 * A design rtl-gen can build, in the Java format types. Each maps field for field onto the Scala generator's config
 * record ({@link #toCfg()}), which the generator elaborates; Java never writes the design's Verilog itself.
 */
public sealed interface Design permits Design.MacPe, Design.FloatMacPe, Design.BitSerialPe, Design.Array,
        Design.BitSerialArray, Design.Mvu, Design.Chain {

    /** @return the Verilog module name of the design's top */
    String top();

    /** @return a short name for folders and reports, e.g. {@code mac_fp8_e4m3xfp8_e4m3_kulisch42} */
    String slug();

    /** @return the SystemVerilog text of the design (all modules) */
    String verilog();

    /**
     * A multiply-accumulate PE for a pair of integer/minifloat formats into a two's-complement register (an
     * integer accumulator, wrapping or saturating, or an exact Kulisch register).
     */
    record MacPe(ScalarFormat a, ScalarFormat b, FixedPointAccumulator acc) implements Design {
        public MacPe {
            RtlFormats.check(a, "a");
            RtlFormats.check(b, "b");
            if (acc == null) {
                throw new InvalidInputException("acc", null, "intN, intN:sat, kulisch or kulischW");
            }
            if (a instanceof IntFormat && b instanceof IntFormat && acc.width() < a.bits() + b.bits()) {
                throw new InvalidInputException("acc", acc.name(), "must be at least " + (a.bits() + b.bits())
                        + " bits to hold one " + Formats.nameOf(a) + "x" + Formats.nameOf(b) + " product");
            }
            if (acc.saturating() && acc.width() < FixedPointAccumulator.kulischWidth(a, b, 1)) {
                throw new InvalidInputException("acc", acc.name(), "a saturating register must hold one full product ("
                        + FixedPointAccumulator.kulischWidth(a, b, 1) + " bits for " + Formats.nameOf(a) + "x"
                        + Formats.nameOf(b) + ")");
            }
            if (acc.width() > 512) {
                throw new InvalidInputException("acc", acc.name(), "the RTL generator takes registers up to 512 bits");
            }
        }

        public MacCfg toCfg() {
            return new MacCfg(RtlFormats.cfg(a), RtlFormats.cfg(b), acc.width(), acc.saturating());
        }

        @Override
        public String top() {
            return "MacPe";
        }

        @Override
        public String slug() {
            return "mac_" + Formats.nameOf(a) + "x" + Formats.nameOf(b) + "_" + acc.name().replace(':', '_');
        }

        @Override
        public String verilog() {
            return Generators.run(() -> RtlGen.macPe(toCfg()));
        }

        @Override
        public String toString() {
            return slug();
        }

        /** @return whether the product can be NaN or infinite (the flags output is live) */
        public boolean hasSpecials() {
            return toCfg().hasSpecials();
        }
    }

    /**
     * A MAC PE accumulating in a floating-point register: {@code acc <= round(acc + a·b)}, exact product, one
     * round-to-nearest-even per MAC (Java {@code FloatAccumulator(acc, fused = true)}).
     */
    record FloatMacPe(ScalarFormat a, ScalarFormat b, MinifloatFormat acc) implements Design {
        public FloatMacPe {
            RtlFormats.check(a, "a");
            RtlFormats.check(b, "b");
            for (ScalarFormat f : new ScalarFormat[] {a, b}) {
                if (f instanceof IntFormat i && i.fractionBits() != 0) {
                    throw new InvalidInputException("a/b", Formats.nameOf(f), "a float-accumulator PE takes plain "
                            + "integers (no fraction bits)");
                }
            }
            if (acc == null || !acc.signed() || !acc.subnormals() || acc.mantissaBits() < 1 || acc.bits() > 32) {
                throw new InvalidInputException("acc", acc == null ? null : Formats.nameOf(acc), "a signed float "
                        + "format with subnormals and mantissa bits, up to 32 bits (fp32, bf16, fp16, fp8_e4m3, ...)");
            }
        }

        public FloatMacCfg toCfg() {
            return new FloatMacCfg(RtlFormats.cfg(a), RtlFormats.cfg(b), RtlFormats.cfg(acc));
        }

        public io.qdse.hwmodels.arith.FloatAccumulator spec() {
            return new io.qdse.hwmodels.arith.FloatAccumulator(acc, true);
        }

        @Override
        public String top() {
            return "FloatMacPe";
        }

        @Override
        public String slug() {
            return "fmac_" + Formats.nameOf(a) + "x" + Formats.nameOf(b) + "_" + Formats.nameOf(acc);
        }

        @Override
        public String toString() {
            return slug();
        }

        @Override
        public String verilog() {
            return Generators.run(() -> RtlGen.floatMacPe(toCfg()));
        }
    }

    /**
     * A bit-serial PE: integer {@code a} in parallel times an integer serial operand fed {@code k} bits per cycle
     * (least significant chunk first, sign in the top chunk), into a wrapping accumulator of {@code accBits}.
     */
    record BitSerialPe(IntFormat a, IntFormat serial, int k, int accBits) implements Design {
        public BitSerialPe {
            RtlFormats.check(a, "a");
            RtlFormats.check(serial, "serial");
            if (k < 1 || k > serial.bits()) {
                throw new InvalidInputException("k", k, "bits per cycle must be in 1.." + serial.bits());
            }
            if (accBits < a.bits() + serial.bits() || accBits > 128) {
                throw new InvalidInputException("acc", accBits, "must be in " + (a.bits() + serial.bits())
                        + "..128 bits");
            }
        }

        @Override
        public String toString() {
            return slug();
        }

        public BitSerialCfg toCfg() {
            return new BitSerialCfg(RtlFormats.cfg(a), serial.bits(), serial.signed(), k, accBits);
        }

        /** @return cycles per serial operand, ⌈bits / k⌉ */
        public int steps() {
            return (serial.bits() + k - 1) / k;
        }

        @Override
        public String top() {
            return "BitSerialPe";
        }

        @Override
        public String slug() {
            return "bitserial_" + Formats.nameOf(a) + "x" + Formats.nameOf(serial) + "_k" + k + "_acc" + accBits;
        }

        @Override
        public String verilog() {
            return Generators.run(() -> RtlGen.bitSerialPe(toCfg()));
        }
    }

    /** An R×C systolic array of MAC PEs with its buffers and fold sequencer, for GEMMs up to maxM×maxN×maxK. */
    record Array(int rows, int cols, Dataflow dataflow, MacPe pe, int maxM, int maxN, int maxK) implements Design {
        public Array {
            if (rows < 1 || rows > 64) {
                throw new InvalidInputException("rows", rows, "must be in 1..64");
            }
            if (cols < 1 || cols > 64) {
                throw new InvalidInputException("cols", cols, "must be in 1..64");
            }
            if (dataflow != Dataflow.OS && dataflow != Dataflow.WS) {
                throw new InvalidInputException("dataflow", dataflow, "the RTL array is os or ws");
            }
            for (int[] v : new int[][] {{maxM, 'M'}, {maxN, 'N'}, {maxK, 'K'}}) {
                if (v[0] < 1 || v[0] > 4096) {
                    throw new InvalidInputException("max-" + (char) v[1], v[0], "must be in 1..4096");
                }
            }
        }

        @Override
        public String toString() {
            return slug();
        }

        public ArrayCfg toCfg() {
            return new ArrayCfg(rows, cols, dataflow.name().toLowerCase(java.util.Locale.ROOT), pe.toCfg(), maxM, maxN,
                    maxK);
        }

        @Override
        public String top() {
            return "SystolicArray";
        }

        @Override
        public String slug() {
            return "array_" + rows + "x" + cols + "_" + dataflow.name().toLowerCase(java.util.Locale.ROOT) + "_"
                    + Formats.nameOf(pe.a()) + "x" + Formats.nameOf(pe.b()) + "_" + pe.acc().name().replace(':', '_');
        }

        @Override
        public String verilog() {
            return Generators.run(() -> RtlGen.systolicArray(toCfg()));
        }
    }

    /**
     * An R×C array of bit-serial dot-product PEs, Stripes style: activations (operand A, M×K) serial at {@code k}
     * bits per cycle, weights (operand B, K×N) parallel, {@code lanes} products per PE per step; N on rows, M on
     * columns, K over the lanes; a wrapping two's-complement accumulator of {@code accBits} per PE. The cycles of a
     * GEMM equal the Java bit-serial engines' compute cycles (see docs/rtl.md).
     *
     * @param a activation format (integer, 1..16 bits, signed or unsigned)
     * @param w weight format (integer, 1..16 bits)
     */
    record BitSerialArray(int rows, int cols, int lanes, int k, IntFormat a, IntFormat w, int accBits, int maxM,
                          int maxN, int maxK) implements Design {
        public BitSerialArray {
            if (rows < 1 || rows > 64) {
                throw new InvalidInputException("rows", rows, "must be in 1..64");
            }
            if (cols < 1 || cols > 64) {
                throw new InvalidInputException("cols", cols, "must be in 1..64");
            }
            if (lanes < 1 || lanes > 256) {
                throw new InvalidInputException("lanes", lanes, "must be in 1..256");
            }
            checkOperand(a, "a");
            checkOperand(w, "b");
            if (k < 1 || k > a.bits()) {
                throw new InvalidInputException("k", k, "activation bits per cycle must be in 1.." + a.bits()
                        + " (the activation has " + a.bits() + " bits)");
            }
            if (accBits < a.bits() + w.bits() || accBits > 64) {
                throw new InvalidInputException("acc", accBits, "must be in " + (a.bits() + w.bits()) + "..64 bits");
            }
            for (int[] v : new int[][] {{maxM, 'm'}, {maxN, 'n'}, {maxK, 'k'}}) {
                if (v[0] < 1 || v[0] > 4096) {
                    throw new InvalidInputException("max-" + (char) v[1], v[0], "must be in 1..4096");
                }
            }
        }

        private static void checkOperand(IntFormat f, String field) {
            RtlFormats.check(f, field);
            if (f.bits() > 16 || f.fractionBits() != 0) {
                throw new InvalidInputException(field, Formats.nameOf(f), "the bit-serial array takes plain integers "
                        + "of 1..16 bits");
            }
        }

        /** @return the accumulator width that holds any dot product of {@code maxK} products exactly */
        public static int exactAccBits(IntFormat a, IntFormat w, int maxK) {
            return a.bits() + w.bits() + 1 + (32 - Integer.numberOfLeadingZeros(Math.max(1, maxK - 1)));
        }

        public BitSerialArrayCfg toCfg() {
            return new BitSerialArrayCfg(rows, cols, lanes, k, RtlFormats.cfg(a), RtlFormats.cfg(w), accBits, maxM,
                    maxN, maxK);
        }

        /** @return cycles per step, ⌈Pa / k⌉ */
        public int stepCycles() {
            return (a.bits() + k - 1) / k;
        }

        /** @return the Java model's PE: Stripes family, activations serial at k bits per cycle */
        public io.qdse.hwmodels.cost.BitSerialPeSpec peSpec() {
            return new io.qdse.hwmodels.cost.BitSerialPeSpec("stripes",
                    io.qdse.hwmodels.cost.BitSerialPeSpec.Serial.ACTIVATIONS, lanes, k, 1, a.bits(), w.bits(), 0, 0,
                    false, false, 0, accBits);
        }

        @Override
        public String top() {
            return "BitSerialArray";
        }

        @Override
        public String slug() {
            return "bsarray_" + rows + "x" + cols + "_l" + lanes + "_k" + k + "_" + Formats.nameOf(a) + "x"
                    + Formats.nameOf(w) + "_acc" + accBits;
        }

        @Override
        public String toString() {
            return slug();
        }

        @Override
        public String verilog() {
            return Generators.run(() -> RtlGen.bitSerialArray(toCfg()));
        }
    }

    /**
     * A FINN-style matrix-vector unit (MVAU): an MH×MW weight matrix (codes in a ROM, drawn from {@code seed}) times
     * streamed MW-element vectors, {@code pe} outputs × {@code simd} reduction elements per cycle; exact products,
     * an adder tree one bit wider per level and an accumulator exact for MW products
     * ({@link FixedPointAccumulator#kulischWidth}: the A2Q bound for integers, the Kulisch width for minifloats);
     * with {@code outBits} &gt; 0 FINN's thresholds (2^outBits − 1 per output) quantize each output.
     *
     * @param w       weight format (integer or minifloat)
     * @param a       input (activation) format
     * @param outBits output bits of the threshold quantizer, 0 for none (the accumulator is the output)
     * @param dsp     the DSP variant: the same RTL, whose products Yosys maps to DSP blocks where it infers them
     *                (the {@code xilinx} flow); the LUT variant is synthesized with {@code -nodsp}
     * @param seed    seed of the weights and thresholds
     */
    record Mvu(int mw, int mh, int pe, int simd, ScalarFormat w, ScalarFormat a, int outBits, boolean dsp, long seed)
            implements Design {
        public Mvu {
            RtlFormats.check(w, "w");
            RtlFormats.check(a, "a");
            if (mw < 1 || mw > 4096) {
                throw new InvalidInputException("mw", mw, "must be in 1..4096");
            }
            if (mh < 1 || mh > 4096) {
                throw new InvalidInputException("mh", mh, "must be in 1..4096");
            }
            if (pe < 1 || mh % pe != 0) {
                throw new InvalidInputException("pe", pe, "a divisor of MH = " + mh);
            }
            if (simd < 1 || mw % simd != 0) {
                throw new InvalidInputException("simd", simd, "a divisor of MW = " + mw);
            }
            if ((long) pe * simd > 1024) {
                throw new InvalidInputException("pe", pe, "PE x SIMD at most 1024 lanes (was " + pe * simd + ")");
            }
            if (outBits < 0 || outBits > 8) {
                throw new InvalidInputException("out-bits", outBits, "0 (no thresholds) or 1..8");
            }
            if (accBits(w, a, mw) > 256) {
                throw new InvalidInputException("w/a", Formats.nameOf(w) + "x" + Formats.nameOf(a), "an exact "
                        + "accumulator of at most 256 bits (this pair needs " + accBits(w, a, mw) + ")");
            }
        }

        /** @return the exact accumulator width for {@code mw} products */
        public static int accBits(ScalarFormat w, ScalarFormat a, int mw) {
            return FixedPointAccumulator.kulischWidth(w, a, mw);
        }

        /** @return the accumulator's width, exact for MW products */
        public int accBits() {
            return accBits(w, a, mw);
        }

        /** @return the width of one exact product (the adder tree's leaves) */
        public int productBits() {
            return FixedPointAccumulator.kulischWidth(w, a, 1);
        }

        /** @return input beats per vector, MW/SIMD (the synapse fold) */
        public int sf() {
            return mw / simd;
        }

        /** @return output beats per vector, MH/PE (the neuron fold) */
        public int nf() {
            return mh / pe;
        }

        /** @return thresholds per output, 2^outBits − 1 (0 without a quantizer) */
        public int thresholds() {
            return outBits == 0 ? 0 : (1 << outBits) - 1;
        }

        /** @return whether the formats have NaN/infinity codes (each output element then carries flags) */
        public boolean hasSpecials() {
            return w.hasNaN() || w.hasInfinity() || a.hasNaN() || a.hasInfinity();
        }

        /** @return bits of one output element: the value (thresholded or the accumulator), flags above it */
        public int elementBits() {
            return (outBits > 0 ? outBits : accBits()) + (hasSpecials() ? 3 : 0);
        }

        /** @return the weights and thresholds the ROMs hold */
        public MvuGolden.Params params() {
            return MvuGolden.params(this);
        }

        public MvuCfg toCfg() {
            MvuGolden.Params p = params();
            return new MvuCfg(mw, mh, pe, simd, RtlFormats.cfg(w), RtlFormats.cfg(a), productBits(), accBits(),
                    outBits, p.weightRom(), outBits == 0 ? new java.math.BigInteger[0] : p.thresholdRom(), "Mvu", false, false);
        }

        @Override
        public String top() {
            return "Mvu";
        }

        @Override
        public String slug() {
            return "mvu_" + mw + "x" + mh + "_pe" + pe + "_simd" + simd + "_" + Formats.nameOf(w) + "x"
                    + Formats.nameOf(a) + (outBits > 0 ? "_out" + outBits : "") + (dsp ? "_dsp" : "_lut");
        }

        @Override
        public String toString() {
            return slug();
        }

        @Override
        public String verilog() {
            return Generators.run(() -> RtlGen.mvu(toCfg()));
        }
    }

    /**
     * A whole network as a dataflow accelerator: one matrix-vector unit per layer, in a chain (Scala {@code Dataflow}:
     * unit i's thresholded outputs, zero-extended, are unit i+1's inputs; width converters regroup PE(i) elements per
     * beat into SIMD(i+1)). Each stage holds its layer's weight codes and thresholds (from {@link NetQuant}).
     *
     * @param name   the network's name, for the slug
     * @param stages the units in order; every one but the last has thresholds
     */
    record Chain(String name, java.util.List<Stage> stages) implements Design {
        /**
         * One unit: the layer it computes, its shape/fold/formats, and the contents of its ROMs.
         *
         * @param spram the weights in SB_SPRAM256KA blocks filled by the chain's load stream (Scala
         *              {@code SpramWeights}), not in a ROM
         */
        public record Stage(String layer, Mvu unit, long[][] weights, java.math.BigInteger[][] thresholds,
                            boolean spram) {
            /** A unit with its weights in a ROM. */
            public Stage(String layer, Mvu unit, long[][] weights, java.math.BigInteger[][] thresholds) {
                this(layer, unit, weights, thresholds, false);
            }

            public MvuGolden.Params params() {
                return MvuGolden.pack(unit, weights, thresholds);
            }

            /** @return SB_SPRAM256KA blocks side by side: ⌈PE·SIMD·w / 16⌉ (0 for a ROM) */
            public int spramCols() {
                return spram ? (int) ((long) unit.pe() * unit.simd() * unit.w().bits() + 15) / 16 : 0;
            }

            /** @return SB_SPRAM256KA banks one above the other: ⌈(MW/SIMD)·(MH/PE) / 16384⌉ (0 for a ROM) */
            public int spramBanks() {
                return spram ? (int) ((weightDepth() + 16383) / 16384) : 0;
            }

            /** @return SB_SPRAM256KA blocks: columns × banks, as the dataflow engine counts them */
            public int sprams() {
                return spramCols() * spramBanks();
            }

            /** @return 16-bit words the load stream writes into this unit: columns × weight words (0 for a ROM) */
            public long loadWords() {
                return (long) spramCols() * weightDepth();
            }

            /** @return weight words, (MW/SIMD)·(MH/PE) */
            public long weightDepth() {
                return (long) unit.sf() * unit.nf();
            }
        }

        public Chain {
            stages = java.util.List.copyOf(stages);
            if (stages.isEmpty()) {
                throw new InvalidInputException("layers", "none", "at least one layer");
            }
            for (int i = 1; i < stages.size(); i++) {
                Mvu p = stages.get(i - 1).unit();
                Mvu n = stages.get(i).unit();
                String at = "layer " + stages.get(i).layer();
                if (p.mh() != n.mw()) {
                    throw new InvalidInputException(at, n.mw(), "MW equal to the previous layer's MH = " + p.mh());
                }
                if (p.outBits() == 0 || p.hasSpecials()) {
                    throw new InvalidInputException("layer " + stages.get(i - 1).layer(), Formats.nameOf(p.w()),
                            "thresholded outputs without NaN/infinity flags (it feeds another unit)");
                }
                if (p.outBits() > n.a().bits()) {
                    throw new InvalidInputException(at, Formats.nameOf(n.a()), "inputs of at least " + p.outBits()
                            + " bits (the previous unit's outputs)");
                }
                if (p.pe() % n.simd() != 0 && n.simd() % p.pe() != 0) {
                    throw new InvalidInputException(at + " SIMD", n.simd(), "a divisor or multiple of the previous "
                            + "unit's PE = " + p.pe() + " (the width converter between them regroups whole beats)");
                }
            }
        }

        public DataflowCfg toCfg() {
            MvuCfg[] units = new MvuCfg[stages.size()];
            for (int i = 0; i < units.length; i++) {
                Stage st = stages.get(i);
                Mvu u = st.unit();
                MvuGolden.Params p = st.params();
                units[i] = new MvuCfg(u.mw(), u.mh(), u.pe(), u.simd(), RtlFormats.cfg(u.w()), RtlFormats.cfg(u.a()),
                        u.productBits(), u.accBits(), u.outBits(), p.weightRom(),
                        u.outBits() == 0 ? new java.math.BigInteger[0] : p.thresholdRom(), "Mvu" + i, true,
                        st.spram());
            }
            return new DataflowCfg(units);
        }

        public Mvu first() {
            return stages.get(0).unit();
        }

        /** @return whether some unit holds its weights in SPRAM (the chain then has a weight-load port) */
        public boolean hasSpram() {
            return stages.stream().anyMatch(Stage::spram);
        }

        /**
         * The weight-load image: the 16-bit words the chain's {@code load} port takes after reset, in order — the SPRAM
         * units in chain order; in each, weight word a = 0 … depth−1 (word nf·SF + sf of the unit's ROM layout), its
         * ⌈width/16⌉ 16-bit slices low bits first, the top slice zero-padded.
         */
        public java.util.List<Integer> loadImage() {
            java.util.List<Integer> img = new java.util.ArrayList<>();
            for (Stage st : stages) {
                if (!st.spram()) {
                    continue;
                }
                java.math.BigInteger[] rom = st.params().weightRom();
                for (java.math.BigInteger word : rom) {
                    for (int c = 0; c < st.spramCols(); c++) {
                        img.add(word.shiftRight(16 * c).intValue() & 0xFFFF);
                    }
                }
            }
            return img;
        }

        public Mvu last() {
            return stages.get(stages.size() - 1).unit();
        }

        @Override
        public String top() {
            return "Dataflow";
        }

        @Override
        public String slug() {
            StringBuilder sb = new StringBuilder("dataflow_" + name.replaceAll("[^A-Za-z0-9]+", "_"));
            for (Stage st : stages) {
                Mvu u = st.unit();
                sb.append("_").append(Formats.nameOf(u.w())).append("p").append(u.pe()).append("s").append(u.simd())
                        .append(st.spram() ? "sp" : "");
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return slug();
        }

        @Override
        public String verilog() {
            return Generators.run(() -> RtlGen.dataflow(toCfg()));
        }
    }
}
