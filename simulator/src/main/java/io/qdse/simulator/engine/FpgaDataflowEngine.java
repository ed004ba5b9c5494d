package io.qdse.simulator.engine;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.memory.FpgaRam;
import io.qdse.hwmodels.memory.SramSpec;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.eval.Energy;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.eval.Traffic;
import io.qdse.simulator.workload.LayerOp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One layer of a {@link FpgaDataflow} design: its unit's cycles for all frames and its FPGA resources.
 *
 * <p>Cycles: frames · vectors · passes · (MH/PE) · (MW/SIMD) (the fold divides the layer; every lane busy every
 * cycle). On-chip traffic: each weight is read once per output vector; the input vector once per PE fold (MH/PE
 * times); each output written once. No DRAM traffic inside the pipeline.
 *
 * <p>Resources (QDSE's own model from the hwmodels cost models, not FINN's; {@code qdse fpga estimate --compat finn}
 * gives FINN's): the structure of the matrix-vector unit rtl-gen builds ({@code qdse rtl mvu}), {@link #structure}:
 * <ul>
 *   <li>PE·SIMD lanes, each an exact product of the layer's format pair, registered (in fabric, also when the product
 *   is in a DSP block): two integers a multiplier ({@link FpgaCostModel} on {@code OpSpec.mul}; a signed × unsigned
 *   pair as the (n+1)-bit signed product the RTL computes), with a minifloat operand the calibrated MAC PE minus its
 *   accumulator (decode, significand product, shift onto the exact grid, negation); or DSP blocks;</li>
 *   <li>per PE an adder tree of SIMD − 1 adders at the exact product width growing one bit per level and an
 *   accumulator of the exact width for the layer's dot length ({@link FixedPointAccumulator#kulischWidth}: the A2Q
 *   bound for integers, the Kulisch width for minifloats), none when MW = SIMD;</li>
 *   <li>the weights in a ROM of (MW/SIMD)·(MH/PE)·passes words of PE·SIMD·w bits: in the Yosys layer in logic
 *   (w·⌈depth/64⌉ LUT6 on Xilinx, w·max(1, depth/8 − 1) LUT4 on iCE40, plus its read register) unless block RAM
 *   ({@link FpgaRam#bram18}) saves at least 192 LUT6 per BRAM18 (Xilinx) or 150 LUT4 per 4-Kbit EBR (iCE40), Yosys
 *   0.23's choice measured on ROMs of 64–4096 words × 4–256 bits; in the Vivado layer LUT ROM up to 128 words, block
 *   RAM beyond (unmeasured);</li>
 *   <li>an MVAU's input buffer of MW/SIMD input beats (the input vector is re-read for each of the MH/PE output
 *   folds): LUT RAM on Xilinx (RAM32M16: 14 bits of 32 words in 8 LUTs; RAM64M8: 7 bits of 64 words), on iCE40 an
 *   EBR above 4 words and 128 bits (and a register and multiplexer per bit that Yosys adds to its read), flip-flops
 *   below;</li>
 *   <li>an output quantizer as FINN's thresholds (an output narrower than the accumulator): 2^ob − 1 comparators of
 *   the accumulator width per PE against a distributed ROM of the output fold's thresholds
 *   ({@link #comparatorLutsPerBit}), and a count of the hits;</li>
 *   <li>a FIFO of two output beats to the next unit (flip-flops and its input multiplexer), the pipeline registers
 *   (input beat, weight word, products, accumulators, output register) and the fold counters.</li>
 * </ul>
 * LUTs = the counted structure (ROM, buffer, comparators and hit counts, FIFO multiplexer) + k_int·integer-lane LUTs +
 * k_float·minifloat-lane LUTs + k_add·adder bits + k_unit, four coefficients per family fitted to Yosys synthesis of
 * rtl-gen's units ({@link #LUT_COEFFICIENTS}); FFs, DSPs and block RAMs are counted, not fitted. The Vivado layer uses
 * the same structure and coefficients with its own multipliers. Energy: MACs × the 45 nm ASIC MAC energy of the pair
 * (FPGA dynamic and static power are not modelled yet).
 */
public final class FpgaDataflowEngine implements Engine<FpgaDataflow> {
    private final AsicCostModel asic = AsicCostModel.standard();
    private final Map<Object, double[]> memo = new ConcurrentHashMap<>();

    @Override
    public Evaluation evaluate(LayerOp op, FpgaDataflow a, LayerFormats f) {
        FpgaDataflow.Fold fold = a.fold(op.name());
        FpgaDataflow.Shape s = FpgaDataflow.shape(op, a.frames());
        long cycles = Math.multiplyExact(a.frames(), s.cycles(fold));
        long lanes = (long) fold.pe() * fold.simd();
        int wb = f.weight().elementBits();
        int ab = f.activation().elementBits();
        int ob = f.output().elementBits();
        long vectors = Math.multiplyExact(a.frames(), Math.multiplyExact(s.vectors(), s.passes()));
        long weights = Math.multiplyExact(s.mw(), s.mh());
        Traffic t = new Traffic(
                Math.multiplyExact(vectors, Math.multiplyExact(s.mw() * ab, s.vvau() ? 1 : s.mh() / fold.pe())),
                Math.multiplyExact(vectors, weights * wb), 0, Math.multiplyExact(vectors, s.mh() * ob), 0, 0, 0, 0);
        double macPj = asic.estimate(OpSpec.mac(f.weight(), f.activation(), f.accumulator(), Math.max(1, op.k())),
                AsicTechnology.of(45)).energyPj();
        Energy e = new Energy(op.macs() * macPj, 0, 0, 0, 0, 0);
        double[] r = resources(s, fold, f, a.part(), a.resType(), a.synth(), a.ramStyle(op.name()));
        Cost cost = new Cost.FpgaResources(r[0], r[1], r[2], r[3], r[4], r[5]);
        return new Evaluation(cycles, 0, cycles, op.macs(), op.macs(), Math.multiplyExact(cycles, lanes), 1, 1, t, e,
                cost);
    }

    /**
     * @param synth the synthesis flow the LUT figures mean (null: the part vendor's own, {@link FpgaCostModel#standard})
     * @return [LUTs, FFs, DSPs, BRAM18, URAM, SPRAM, SPRAM load cycles] of one layer's unit, weights placed by
     *     {@link FpgaDataflow.RamStyle#AUTO}
     */
    public double[] resources(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f, FpgaPart part,
                              FpgaDataflow.ResType resType, io.qdse.hwmodels.fpga.Synth synth) {
        return resources(s, fold, f, part, resType, synth, FpgaDataflow.RamStyle.AUTO);
    }

    /**
     * @param synth    the synthesis flow the LUT figures mean (null: the part vendor's own)
     * @param ramStyle where the weight memory goes ({@link #weightMemory})
     * @return [LUTs, FFs, DSPs, block RAMs (BRAM18 or EBR), URAM, SPRAM, SPRAM load cycles] of one layer's unit
     */
    public double[] resources(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f, FpgaPart part,
                              FpgaDataflow.ResType resType, io.qdse.hwmodels.fpga.Synth synth,
                              FpgaDataflow.RamStyle ramStyle) {
        return memo.computeIfAbsent(java.util.Arrays.asList(s, fold, f, part.name(), resType, synth, ramStyle),
                k -> compute(s, fold, f, part, resType, synth, ramStyle)).clone();
    }

    /**
     * LUT coefficients {k_int, k_float, k_add, k_unit} per family (Xilinx: both Yosys flows; iCE40),
     * non-negative least squares on relative error over the {@code fit} configurations of rtl-gen's
     * {@code MvuSynthesis} sweep ({@code rtl-gen/src/main/resources/io/qdse/rtl/mvu_synthesis.csv}, Yosys 0.23, made
     * by {@code qdse rtl mvu-sweep}); its {@code held_out} configurations are the model's measured accuracy
     * (docs/fpga.md). rtl-gen's {@code MvuModelTest} recomputes the fit from the stored measurements and fails if
     * these drift from it.
     */
    public static final Map<String, double[]> LUT_COEFFICIENTS = Map.of(
            "xilinx", new double[] {1.093570, 0.966858, 1.230337, 49.463960},
            "ice40", new double[] {0.976034, 0.722647, 1.300239, 62.313889});

    /**
     * The share of an iCE40 unit's flip-flops that nextpnr-ice40 places in a logic cell without a LUT (see
     * {@link UnitStructure#logicCells(double)}): least squares on relative error of nextpnr's logic cells over the
     * {@code fit} rows of rtl-gen's {@code mvu_fmax.csv} (its {@code lcs} column, HX8K), the LUTs and flip-flops the
     * engine's; {@code io.qdse.rtl.MvuTiming.fitFfOnlyShare}, which MvuTimingTest recomputes (and reports the
     * held-out error of).
     */
    public static final double ICE40_FF_ONLY_SHARE = 0.49267769387082766;

    /**
     * The unit's structure as the resource model counts it: LUT features (before the fitted coefficients), and the
     * counted flip-flops, DSP blocks and block RAMs.
     *
     * @param intLaneLuts    Σ over the PE·SIMD lanes of an integer product's LUTs (0 for a product in a DSP)
     * @param floatLaneLuts  the same for lanes with a minifloat operand (decode, significand product, shift onto the
     *                       exact grid, negation)
     * @param adderBits      Σ of the adder tree's and the accumulators' adder widths
     * @param comparatorBits threshold comparators × accumulator width (in {@code fixedLuts}, one LUT per bit)
     * @param fixedLuts      LUTs counted structurally: weight ROM in logic, input buffer, threshold comparators and
     *                       hit counts, FIFO input mux
     * @param ffs            flip-flops
     * @param dsps           DSP blocks
     * @param brams          block RAMs in 18-Kbit units (Xilinx) or 4-Kbit EBRs (iCE40)
     * @param family         coefficient key: {@code xilinx} or {@code ice40}
     * @param weights        where the weights are held ({@link #weightMemory})
     */
    public record UnitStructure(double intLaneLuts, double floatLaneLuts, double adderBits, double comparatorBits,
                                double fixedLuts, double ffs, double dsps, double brams, String family,
                                WeightMemory weights) {
        /** @return the LUT features in the order of the coefficients: int lanes, float lanes, adder bits, 1 */
        public double[] features() {
            return new double[] {intLaneLuts, floatLaneLuts, adderBits, 1};
        }

        /** @return LUTs with coefficients {@code k} ({k_int, k_float, k_add, k_unit}) */
        public double luts(double[] k) {
            double[] x = features();
            double l = fixedLuts;
            for (int i = 0; i < x.length; i++) {
                l += k[i] * x[i];
            }
            return l;
        }

        /** @return LUTs with the committed coefficients */
        public double luts() {
            return luts(LUT_COEFFICIENTS.get(family));
        }

        /**
         * @return iCE40 logic cells (a cell is a LUT4, its carry and its flip-flop; nextpnr-ice40's ICESTORM_LC):
         *     {@link #logicCells(double)} with the committed {@link #ICE40_FF_ONLY_SHARE}; NaN on other families
         */
        public double logicCells() {
            return logicCells(ICE40_FF_ONLY_SHARE);
        }

        /**
         * @param ffOnlyShare the share of the flip-flops that take a cell of their own
         * @return iCE40 logic cells: the LUTs, plus a cell per threshold comparator bit (a comparator's carry chain
         *     keeps its SB_CARRY cells but Yosys drops their sum LUTs: carry-only cells), plus the flip-flops that
         *     do not sit behind a LUT of their own (the LUT drives other logic too, or the flip-flop takes a RAM's
         *     or another flip-flop's output); NaN on other families
         */
        public double logicCells(double ffOnlyShare) {
            if (!"ice40".equals(family)) {
                return Double.NaN;
            }
            return luts() + comparatorBits + ffOnlyShare * ffs;
        }
    }

    private double[] compute(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f, FpgaPart part,
                             FpgaDataflow.ResType resType, io.qdse.hwmodels.fpga.Synth synth,
                             FpgaDataflow.RamStyle ramStyle) {
        UnitStructure u = structure(s, fold, f, part, resType, synth, ramStyle);
        WeightMemory m = u.weights();
        return new double[] {u.luts(), u.ffs(), u.dsps(), u.brams(), m.urams(), m.sprams(), m.loadCycles()};
    }

    /**
     * @param synth the synthesis flow the LUT figures mean (null: the part vendor's own, {@link FpgaCostModel#standard})
     * @return the structure of one layer's unit (see the class comment), weights placed by the synthesis flow's rule
     */
    public static UnitStructure structure(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f, FpgaPart part,
                                          FpgaDataflow.ResType resType, io.qdse.hwmodels.fpga.Synth synth) {
        return structure(s, fold, f, part, resType, synth, FpgaDataflow.RamStyle.AUTO);
    }

    /** @return the exact accumulator's width of a unit: the Kulisch width of its formats over its dot length MW */
    public static int accumulatorBits(FpgaDataflow.Shape s, LayerFormats f) {
        return FixedPointAccumulator.kulischWidth((ScalarFormat) f.weight(), (ScalarFormat) f.activation(),
                Math.max(1, s.mw()));
    }

    /**
     * @return a unit's output format: unsigned {@code outBits}-bit threshold codes, or with {@code outBits = 0} its
     *     accumulators (a signed integer of the accumulator's width, at most 32 bits, which {@link #thresholdCount}
     *     reads as no thresholds) — the one rule of {@code qdse fpga search}, {@code qdse rtl dataflow} and rtl-gen's
     *     unit model
     */
    public static io.qdse.hwmodels.format.IntFormat unitOutput(int outBits, int accBits) {
        return outBits > 0 ? io.qdse.hwmodels.format.IntFormat.of(outBits, false)
                : io.qdse.hwmodels.format.IntFormat.of(Math.min(accBits, 32), true);
    }

    /**
     * @return thresholds per output of a unit with accumulators of {@code acc} bits: 2^N − 1 for an N-bit output
     *     narrower than the accumulator (and than 32 bits; N capped at 16), else 0 — the accumulators are the output
     *     (the last unit of a chain, or a 32-bit output)
     */
    public static long thresholdCount(LayerFormats f, int acc) {
        int ob = f.output().elementBits();
        return ob >= 1 && ob < acc && ob < 32 ? (1L << Math.min(ob, 16)) - 1 : 0;
    }

    /**
     * @param synth    the synthesis flow the LUT figures mean (null: the part vendor's own)
     * @param ramStyle where the weight memory goes ({@link #weightMemory})
     * @return the structure of one layer's unit (see the class comment)
     */
    public static UnitStructure structure(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f, FpgaPart part,
                                          FpgaDataflow.ResType resType, io.qdse.hwmodels.fpga.Synth synth,
                                          FpgaDataflow.RamStyle ramStyle) {
        FpgaCostModel fpga = synth == null ? FpgaCostModel.standard() : FpgaCostModel.of(synth);
        boolean vivado = fpga.synthFor(part) == io.qdse.hwmodels.fpga.Synth.VIVADO;
        boolean ice40 = part.family() == FpgaFamily.LATTICE_ICE40;
        ScalarFormat w = (ScalarFormat) f.weight();
        ScalarFormat a = (ScalarFormat) f.activation();
        int product = FixedPointAccumulator.kulischWidth(w, a, 1);
        int acc = accumulatorBits(s, f);
        boolean dsp = dspProducts(w, a, part, resType);
        long pe = fold.pe();
        long simd = fold.simd();
        long sf = s.mw() / simd;
        long nf = s.mh() / pe;
        FpgaCost mul = fpga.estimate(OpSpec.mul(w, a), part, dsp);
        boolean ints = w instanceof io.qdse.hwmodels.format.IntFormat && a instanceof io.qdse.hwmodels.format.IntFormat;
        double lanes = pe * simd * productLuts(fpga, w, a, part, dsp);
        double dsps = pe * simd * mul.dsps();
        // each lane's product is registered: in fabric, except that Yosys 0.23 (synth_xilinx -family xc7) packs it into
        // a DSP48E1 as its M register when the product is a DSP's. Measured on one unit (int8, MW 64, MH 16, PE 2,
        // SIMD 16, 4-bit out): 1,245 FFs for xcup (DSP48E2: register in fabric), 733 for xc7, 512 = 32 lanes x 16
        // bits fewer; the whole alexa chain on xc7z020 (int8 / int5 in DSPs): 848 against 1,235 before this rule, 831
        // after. Vivado's layer keeps the fabric count (not measured).
        boolean mregInDsp = dsp && !vivado && part.family() == FpgaFamily.XILINX_7SERIES;
        double ffs = pe * simd * ((mregInDsp ? 0 : product) + (specials(w) || specials(a) ? 3 : 0));
        double fixed = 0;
        double brams = 0;
        // adder tree: level i adds floor(n / 2) pairs at product + i bits; the accumulator when MW > SIMD
        double adder = 0;
        long n = simd;
        int width = product;
        while (n > 1) {
            long adders = n / 2;
            width++;
            adder += pe * adders * Math.min(width, acc);
            n = n - adders;
        }
        if (sf > 1) {
            adder += pe * acc;
            ffs += pe * acc;
        }
        ffs += pe * acc; // output register
        // weights: a ROM read one word (PE·SIMD weights) per cycle
        long wWidth = pe * simd * w.bits();
        WeightMemory wm = weightMemory(wWidth, sf * nf * s.passes(), part, vivado, ramStyle);
        fixed += wm.luts();
        brams += wm.brams();
        ffs += wm.ffs();
        // the input beat's register, and the MVAU's buffer of one input vector (re-read for each output fold)
        long inWidth = simd * a.bits() * (s.vvau() ? pe : 1);
        ffs += inWidth;
        if (!s.vvau() && nf > 1) {
            double[] buf = inputBuffer(inWidth, sf, part);
            fixed += buf[0];
            brams += buf[1];
            ffs += buf[2] + 1;
        }
        // the output quantizer: thresholds
        int ob = f.output().elementBits();
        long thresholds = thresholdCount(f, acc);
        double comparators = pe * thresholds * acc;
        if (thresholds > 0) {
            // the thresholds' ROM: in logic (distributed) or, with too many folds for that, block RAM by the same
            // rule as the weights (Yosys maps it once the fold register is moved onto its data). In logic a
            // comparator bit costs the ROM's LUTs for that bit ({@link #comparatorLutsPerBit}); in block RAM only
            // the comparator's LUT per bit (the carry chain's, against the threshold bit the RAM reads) — the
            // alexa tail's Gemm_3 (128 folds × 3 thresholds × 19 bits, 4 EBR) was charged 855 LUT4 of ROM logic
            // beside its EBRs. Then counting the thresholds that hit.
            double[] tm = rom(pe * thresholds * acc, nf * s.passes(), part, vivado);
            boolean thresholdsInBram = tm[1] > 0;
            double perBit = thresholdsInBram ? 1 : comparatorLutsPerBit(nf * s.passes(), ice40);
            if (ice40 && perBit > 1) {
                // a ROM of more than 16 words: its LUTs beyond the comparator's own one per bit only for the distinct
                // varying bit columns (the sign-extension columns equal the sign's; the same count as the registers
                // after the ROM, thresholdRegisterBits). Charging every bit was +41 % on int4 PE 4, 31 thresholds,
                // 32 folds (Yosys 0.23 synth_ice40: 4,266 LUT4 against 6,009; docs/fpga.md "Logic cells")
                fixed += comparators + (perBit - 1) * thresholdRegisterBits(pe * thresholds, acc, nf * s.passes(),
                        s.mw(), w, a) + pe * thresholds;
            } else {
                fixed += comparators * perBit + pe * thresholds;
            }
            brams += tm[1];
            ffs += 3 * clog2(nf) + (thresholdsInBram ? 0 // the block RAM's own output register
                    : thresholdRegisterBits(pe * thresholds, acc, nf * s.passes(), s.mw(), w, a));
        }
        // FIFO of two output beats (its input multiplexer in LUTs) and its 2-bit count; the fold counters (sf, nf,
        // the weight address: rtl-gen's Mvu.scala, a counter of one value is a constant Yosys removes); the valid
        // flags of the two pipeline stages and the output (valid1, valid2, outValid) and, when the unit accumulates
        // (MW > SIMD), the first/last-beat flags of both stages (first1, first2, last1, last2)
        fixed += pe * ob;
        ffs += 2.0 * pe * ob + 2;
        ffs += clog2(sf) + clog2(nf) + clog2(sf * nf) + 3 + (sf > 1 ? 4 : 0);
        return new UnitStructure(ints ? lanes : 0, ints ? 0 : lanes, adder, comparators, fixed, ffs, dsps, brams,
                ice40 ? "ice40" : "xilinx", wm);
    }

    /**
     * LUTs of one lane's exact product: for two integers the multiplier ({@link FpgaCostModel} on {@code OpSpec.mul}:
     * the measured registered multipliers in the Yosys layer), a signed × unsigned pair as the (n+1)-bit signed
     * product the RTL computes ({@code $signed({1'b0, b})}); with a minifloat operand the calibrated MAC PE's LUTs
     * minus its accumulator's (decode, significand product, shift onto the exact grid, negation).
     */
    static double productLuts(FpgaCostModel fpga, ScalarFormat w, ScalarFormat a, FpgaPart part, boolean dsp) {
        if (w instanceof io.qdse.hwmodels.format.IntFormat iw && a instanceof io.qdse.hwmodels.format.IntFormat ia) {
            ScalarFormat lw = iw;
            ScalarFormat la = ia;
            if (iw.signed() != ia.signed() && iw.bits() < 32 && ia.bits() < 32) {
                lw = iw.signed() ? iw : io.qdse.hwmodels.format.IntFormat.of(iw.bits() + 1, true);
                la = ia.signed() ? ia : io.qdse.hwmodels.format.IntFormat.of(ia.bits() + 1, true);
            }
            return fpga.estimate(OpSpec.mul(lw, la), part, dsp).luts();
        }
        FpgaCost mac = fpga.estimate(OpSpec.mac(w, a, FixedPointAccumulator.kulisch(w, a, 1), 1), part, dsp);
        double l = mac.luts();
        for (FpgaCost.BlockCost b : mac.breakdown()) {
            if (b.block().contains("acc_bits") || b.block().startsWith("accumulator")) {
                l -= b.luts();
            }
        }
        return Math.max(0, l);
    }

    private static boolean specials(ScalarFormat f) {
        return f.hasNaN() || f.hasInfinity();
    }

    /**
     * Flip-flops Yosys keeps after the thresholds' ROM: it moves the register of the ROM's address (the output's
     * neuron fold) to the ROM's data, one flip-flop per distinct non-constant bit column of the ROM (a column is that
     * bit of every fold's word; equal columns share one register, constant ones need none) — measured on rtl-gen's
     * units: 109, 136 and 117 flip-flops where their threshold ROMs have exactly 109, 136 and 117 such columns
     * (int4 units of MW 16, 64 and 32, 10-32 folds, Yosys 0.23 synth_ice40 and synth_xilinx). Which columns vary
     * depends on the thresholds; the model takes the thresholds to differ between output channels by about the
     * standard deviation σ of the dot product of MW weights and inputs spread over their formats' codes
     * (σ = √MW · rms weight · rms input, in units of the product's LSB), so each threshold has ⌈log2 σ⌉ + 1 varying
     * bits (its magnitude below σ and the sign; the sign-extension bits above equal the sign column), at most the
     * accumulator's width; and there are at most 2^folds − 2 distinct non-constant columns. None for one fold.
     *
     * @param comparators thresholds in one ROM word (PE · (2^out − 1))
     * @param accBits     a threshold's width
     * @param folds       the ROM's words (output folds)
     */
    static double thresholdRegisterBits(long comparators, int accBits, long folds, long mw, ScalarFormat w,
                                        ScalarFormat a) {
        if (folds <= 1 || comparators == 0) {
            return 0;
        }
        double sigma = Math.sqrt(mw) * rmsCode(w) * rmsCode(a);
        int bits = Math.min(accBits, (int) Math.ceil(Math.log(Math.max(2, sigma)) / Math.log(2)) + 1);
        double distinct = folds >= 62 ? Double.POSITIVE_INFINITY : Math.pow(2, folds) - 2;
        return Math.min(comparators * (double) bits, distinct);
    }

    /** @return the root-mean-square value of a format's finite codes, every code equally likely, in units of its LSB */
    static double rmsCode(ScalarFormat f) {
        double lsb = Math.scalb(1.0, f.lsbExponent());
        if (f.bits() > 16) { // about uniform over the range
            return Math.max(Math.abs(f.maxFinite()), Math.abs(f.minFinite())) / lsb / Math.sqrt(3);
        }
        double sum = 0;
        long n = 0;
        for (long c = 0; c < f.codeCount(); c++) {
            if (f.isValidCode(c)) {
                double v = f.decode(c);
                if (Double.isFinite(v)) {
                    sum += (v / lsb) * (v / lsb);
                    n++;
                }
            }
        }
        return n == 0 ? 1 : Math.sqrt(sum / n);
    }

    /**
     * LUTs per comparator bit against thresholds held in a distributed ROM of {@code words} words (one per output
     * fold): a bit costs the LUT that computes the threshold bit from the fold (a function of log2(words) address bits,
     * which also feeds the carry chain) — none where that function is trivial (constant, or one address bit or its
     * complement: for bits that differ randomly between the folds a fraction (2 + 2·log2 words) / 2^words), and more
     * than one where the ROM needs more than one LUT per bit (beyond 16 words on iCE40's LUT4, 32 on Xilinx). With
     * one fold the thresholds are constants and a comparator is a chain of AND/OR gates that LUTs take 3 (LUT4) or 5
     * (LUT6) bits at a time.
     */
    static double comparatorLutsPerBit(long words, boolean ice40) {
        if (words <= 1) {
            return ice40 ? 1 / 3.0 : 1 / 5.0;
        }
        int k = clog2(words);
        double trivial = words >= 62 ? 0 : Math.min(1, (2.0 + 2 * k) / Math.pow(2, words));
        double rom = ice40 ? (words <= 16 ? 1 : words / 8.0 - 1) : (words <= 32 ? 1 : Math.ceil(words / 64.0) + 1);
        return (1 - trivial) * rom;
    }

    /**
     * A ROM of {@code depth} words of {@code width} bits with a registered read: [LUTs, block RAMs, FFs]. Yosys layer:
     * in logic unless block RAM saves at least 192 LUT6 per BRAM18 (Xilinx) or 150 LUT4 per EBR (iCE40), as Yosys
     * 0.23 chose on ROMs of 64–4096 words × 4–256 bits; Vivado layer: LUTs up to 128 words.
     */
    static double[] rom(long width, long depth, FpgaPart part, boolean vivado) {
        if (width == 0 || depth == 0) {
            return new double[3];
        }
        boolean ice40 = part.family() == FpgaFamily.LATTICE_ICE40;
        double logic = ice40 ? width * Math.max(1, depth / 8.0 - 1) : width * Math.ceil(depth / 64.0);
        double blocks = blocks(width, depth, part);
        boolean bram = vivado ? depth > 128 : logic >= (ice40 ? 150 : 192) * blocks;
        return bram ? new double[] {0, blocks, 0} : new double[] {logic, 0, width};
    }

    /**
     * Where one unit's weights are held and what that costs.
     *
     * @param kind       {@code lut} (a ROM in logic), {@code block} (BRAM18 / EBR), {@code uram} or {@code spram}
     * @param luts       LUTs of a ROM in logic
     * @param brams      block RAMs (BRAM18 on Xilinx, EBR on iCE40)
     * @param urams      UltraRAM blocks
     * @param sprams     SPRAM blocks
     * @param ffs        the read register of a ROM in logic
     * @param loadCycles cycles to write the weights into SPRAM after configuration (one 16-bit word per cycle;
     *                   0 for memories the bitstream initialises)
     */
    public record WeightMemory(String kind, double luts, double brams, double urams, double sprams, double ffs,
                               long loadCycles) {
    }

    /** UltraRAM shapes (depth, width): UltraScale+ URAM288 is 4K × 72 only; Versal's also 8K × 36 … 32K × 9 (UG1387). */
    private static final int[][] URAM_US_PLUS = {{4096, 72}};
    private static final int[][] URAM_VERSAL = {{4096, 72}, {8192, 36}, {16384, 18}, {32768, 9}};
    /** SB_SPRAM256KA: 16K words of 16 bits (Lattice iCE40 technology library), one shape. */
    public static final int SPRAM_DEPTH = 16384;
    /** Bits of one SPRAM word. */
    public static final int SPRAM_WIDTH = 16;

    /**
     * The weight ROM of {@code depth} words of {@code width} bits placed by {@code style}: AUTO as {@link #rom};
     * DISTRIBUTED in logic; BLOCK in block RAM; ULTRA and SPRAM move a memory that AUTO puts in block RAM into
     * UltraRAM (⌈width/72⌉·⌈depth/4096⌉ URAM288 on UltraScale+, the cheapest of Versal's four shapes) or SPRAM
     * (⌈width/16⌉·⌈depth/16384⌉ SB_SPRAM256KA), shallow memories stay in logic. SPRAM is not initialised by the
     * bitstream: its weights are written after configuration, one 16-bit word per cycle into each block in turn,
     * ⌈width/16⌉·depth cycles.
     */
    public static WeightMemory weightMemory(long width, long depth, FpgaPart part, boolean vivado,
                                            FpgaDataflow.RamStyle style) {
        if (width == 0 || depth == 0) {
            return new WeightMemory("lut", 0, 0, 0, 0, 0, 0);
        }
        double[] auto = rom(width, depth, part, vivado);
        boolean ice40 = part.family() == FpgaFamily.LATTICE_ICE40;
        double logic = ice40 ? width * Math.max(1, depth / 8.0 - 1) : width * Math.ceil(depth / 64.0);
        FpgaDataflow.RamStyle st = style == null ? FpgaDataflow.RamStyle.AUTO : style;
        switch (st) {
            case DISTRIBUTED:
                return new WeightMemory("lut", logic, 0, 0, 0, width, 0);
            case BLOCK:
                return new WeightMemory("block", bankMuxLuts(width, depth, part), blocks(width, depth, part), 0, 0,
                        0, 0);
            case ULTRA:
                if (auto[1] > 0) {
                    int[][] shapes = part.family() == FpgaFamily.XILINX_VERSAL ? URAM_VERSAL : URAM_US_PLUS;
                    return new WeightMemory("uram", 0, 0, tiles(width, depth, shapes), 0, 0, 0);
                }
                break;
            case SPRAM:
                if (auto[1] > 0) {
                    long cols = ceilDiv(width, SPRAM_WIDTH);
                    return new WeightMemory("spram", 0, 0, 0, cols * ceilDiv(depth, SPRAM_DEPTH), 0,
                            Math.multiplyExact(cols, depth));
                }
                break;
            default:
                break;
        }
        return auto[1] > 0 ? new WeightMemory("block", bankMuxLuts(width, depth, part), auto[1], 0, 0, 0, 0)
                : new WeightMemory("lut", auto[0], 0, 0, 0, auto[2], 0);
    }

    /**
     * @return the LUTs selecting the bank of an iCE40 EBR memory deeper than one block's deepest configuration
     *     (2048 × 2): ⌈depth / 2048⌉ banks, a LUT4 per bit for each two of them — measured once: 8,192 words × 12 bits
     *     (24 EBR, 4 banks), Yosys 0.23 {@code synth_ice40 -noflatten}: 24 LUT4 in the weight ROM's module, which the
     *     engine counted as 0 (docs/fpga.md "Logic cells on iCE40"); 0 elsewhere
     */
    static double bankMuxLuts(long width, long depth, FpgaPart part) {
        if (part.family() != FpgaFamily.LATTICE_ICE40 || depth <= 2048) {
            return 0;
        }
        return width * Math.ceil(ceilDiv(depth, 2048) / 2.0);
    }

    /** @return the fewest blocks of one of {@code shapes} (depth, width) holding depth × width */
    static long tiles(long width, long depth, int[][] shapes) {
        long best = Long.MAX_VALUE;
        for (int[] sh : shapes) {
            best = Math.min(best, ceilDiv(width, sh[1]) * ceilDiv(depth, sh[0]));
        }
        return best;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * The input buffer, {@code depth} words of {@code width} bits written once and read back: [LUTs, block RAMs,
     * FFs] — Xilinx LUT RAM (RAM32M16: 14 bits of 32 words in 8 LUTs; RAM64M8: 7 bits of 64 words), block RAM beyond
     * 256 words; iCE40 an EBR above 4 words and 128 bits, with the register and multiplexer per bit Yosys 0.23 adds to
     * its read (measured on RAMs of 4–64 words × 4–64 bits), flip-flops and a read multiplexer below.
     */
    static double[] inputBuffer(long width, long depth, FpgaPart part) {
        int addr = clog2(depth);
        if (part.family() == FpgaFamily.LATTICE_ICE40) {
            if (depth > 4 && depth * width >= 128) {
                return new double[] {width, blocks(width, depth, part), width};
            }
            return new double[] {width * depth / 2.0 + depth, 0, width * depth};
        }
        if (depth > 256) {
            return new double[] {0, blocks(width, depth, part), 0};
        }
        double luts = depth <= 32 ? 8 * Math.ceil(width / 14.0) : depth <= 64 ? 8 * Math.ceil(width / 7.0)
                : width * Math.ceil(depth / 64.0);
        return new double[] {luts, 0, addr};
    }

    /** @return block RAMs (BRAM18 on Xilinx, EBRs on iCE40) of a memory read {@code width} bits at a time */
    static double blocks(long width, long depth, FpgaPart part) {
        long blocks = 0;
        for (long left = width; left > 0; left -= 8192) {
            int piece = (int) Math.min(8192, left);
            long bytes = Math.max(1, (piece * depth + 7) / 8);
            blocks += FpgaRam.bram18(new SramSpec(bytes, piece, 1), part);
        }
        return blocks;
    }

    /**
     * The iCE40 clock model's coefficients {t0, t_level, t_carry} in ns: a register-to-register stage of L logic
     * levels and a carry chain of C bits takes t0 + t_level·L + t_carry·C. Fitted by
     * {@code io.qdse.rtl.MvuTiming.fit} on the fit rows of rtl-gen's {@code mvu_fmax.csv} (nextpnr-ice40 on an HX8K,
     * docs/fpga.md "Clock"); MvuTimingTest checks these equal a refit and reports the held-out error.
     */
    public static final double[] ICE40_TIMING_NS = {2.654127495191229, 1.491100478435583, 0.11503601176560017};

    /**
     * Worst-case primitive delays (ps) of the iCE40 parts in the catalogue, as nextpnr-ice40 times them: the maximum
     * of the rising and falling worst-case figures of icestorm's timing tables ({@code timings_hx1k.txt},
     * {@code timings_hx8k.txt}, {@code timings_up5k.txt} in the fpga-icestorm package's chipdb; nextpnr's own critical
     * path reports on the UP5K show the same figures: clock-to-out 1.4, LUT 1.3, carry 0.3 ns): {flip-flop
     * clock-to-out, set-up at a LUT input, LUT in0 to out, Odrv4, LocalMux, InMux, carry in to carry out}. The UP5K
     * (UltraPlus, low power) is about 2.6 times slower per LUT and net than the HX parts the clock model was fitted on.
     */
    static final Map<String, double[]> ICE40_DELAYS_PS = Map.of(
            "ice40-hx8k", new double[] {540.036, 469.902, 448.861, 371.713, 329.632, 259.498, 126.242},
            "ice40-hx1k", new double[] {540.036, 469.902, 448.861, 371.713, 329.632, 259.498, 126.242},
            "ice40-up5k", new double[] {1390.68, 1231.74, 1284.72, 648.982, 1099.3, 662.227, 278.135});

    /**
     * @return the iCE40 clock model's coefficients on the part: {@link #ICE40_TIMING_NS} (fitted on an HX8K) each
     *     scaled by the part's delays over the HX8K's ({@link #ICE40_DELAYS_PS}): t0 by clock-to-out + set-up, t_level
     *     by a LUT and its net (Odrv4 + LocalMux + InMux), t_carry by the carry hop. An iCE40 part without a timing
     *     table here keeps the HX8K coefficients.
     */
    public static double[] ice40TimingNs(FpgaPart part) {
        double[] d = ICE40_DELAYS_PS.get(part.name());
        double[] h = ICE40_DELAYS_PS.get("ice40-hx8k");
        double[] t = ICE40_TIMING_NS.clone();
        if (d == null) {
            return t;
        }
        t[0] *= (d[0] + d[1]) / (h[0] + h[1]);
        t[1] *= (d[2] + d[3] + d[4] + d[5]) / (h[2] + h[3] + h[4] + h[5]);
        t[2] *= d[6] / h[6];
        return t;
    }

    /**
     * The unit's register-to-register stages as the RTL builds them ({@code qdse rtl mvu}): {logic levels, carry-chain
     * bits} of each. Products: an integer w×a multiplier is min(w, a) − 1 rows of shift-and-add (each a LUT level),
     * its last adder w + a bits; a minifloat product adds decoding, the shift onto the exact grid (log2 of the
     * product's width levels) and a negation over the product's width. Adder tree and accumulator: one level per tree
     * level and one for the accumulator (when MW > SIMD), the carry of the widest adder. Thresholds: the comparator
     * (a carry chain of the accumulator's width) and counting the 2^N − 1 hits (N adder levels, each a LUT and a
     * carry hop: 2N levels; with N levels the fit missed its only 4-bit-output unit, f05, by +37 %).
     */
    public static double[][] timingStages(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f) {
        ScalarFormat w = (ScalarFormat) f.weight();
        ScalarFormat a = (ScalarFormat) f.activation();
        int product = FixedPointAccumulator.kulischWidth(w, a, 1);
        int acc = accumulatorBits(s, f);
        boolean ints = w instanceof io.qdse.hwmodels.format.IntFormat && a instanceof io.qdse.hwmodels.format.IntFormat;
        int sw = significandBits(w);
        int sa = significandBits(a);
        double rows = Math.max(0, Math.min(sw, sa) - 1);
        double[] mul = ints ? new double[] {rows + 1, sw + sa}
                : new double[] {rows + 1 + clog2(product) + 2, product};
        long sf = s.mw() / fold.simd();
        int levels = clog2(fold.simd()) + (sf > 1 ? 1 : 0);
        double[] tree = {Math.max(1, levels), sf > 1 ? acc : Math.min(acc, product + levels)};
        int ob = f.output().elementBits();
        boolean thresholds = thresholdCount(f, acc) > 0;
        if (!thresholds) {
            return new double[][] {mul, tree};
        }
        return new double[][] {mul, tree, {1 + 2 * Math.min(ob, 16), acc}};
    }

    /** @return the stage delay with coefficients {@code t} ({t0, t_level, t_carry}, ns) */
    public static double stageNs(double[] stage, double[] t) {
        return t[0] + t[1] * stage[0] + t[2] * stage[1];
    }

    /**
     * @return the unit's Fmax on the part, MHz, its products placed as {@code --res-type auto} places them
     *     ({@link #fmaxMhz(FpgaDataflow.Shape, FpgaDataflow.Fold, LayerFormats, FpgaPart, FpgaDataflow.ResType)})
     */
    public static double fmaxMhz(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f, FpgaPart part) {
        return fmaxMhz(s, fold, f, part, FpgaDataflow.ResType.AUTO);
    }

    /**
     * @param resType where the products go (as {@link #structure} places them): products in DSP blocks leave the
     *                fabric product stage out on Xilinx parts
     * @return the unit's Fmax on the part, MHz: 1000 / its slowest stage ({@link #timingStages}) — on iCE40 with the
     *     coefficients fitted to nextpnr-ice40 on an HX8K, scaled to the part ({@link #ice40TimingNs}), on AMD/Xilinx parts with FloPoCo's
     *     primitive delays and the data sheets' maxima ({@link XilinxTiming}); NaN on other families (no clock
     *     model: the design's clock is the user's)
     */
    public static double fmaxMhz(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f, FpgaPart part,
                                 FpgaDataflow.ResType resType) {
        if (part.family() == FpgaFamily.LATTICE_ICE40) {
            return fmaxMhz(timingStages(s, fold, f), ice40TimingNs(part));
        }
        if (!part.family().xilinx()) {
            return Double.NaN;
        }
        return XilinxTiming.fmaxMhz(xilinxStages(s, fold, f, part, resType), part);
    }

    /**
     * @return the unit's stages ({@link #timingStages}) as the Xilinx clock model times them: with the products in DSP
     *     blocks, the multiply rows leave the fabric product stage (an integer pair's goes entirely)
     */
    public static double[][] xilinxStages(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f,
                                          FpgaPart part, FpgaDataflow.ResType resType) {
        double[][] stages = timingStages(s, fold, f);
        ScalarFormat w = (ScalarFormat) f.weight();
        ScalarFormat a = (ScalarFormat) f.activation();
        if (dspProducts(w, a, part, resType)) { // the multiply rows run inside the DSP (all its registers: the part's Fmax class)
            double rows = Math.max(0, Math.min(significandBits(w), significandBits(a)) - 1) + 1;
            boolean ints = w instanceof io.qdse.hwmodels.format.IntFormat
                    && a instanceof io.qdse.hwmodels.format.IntFormat;
            stages[0] = ints ? new double[] {0, 0} : new double[] {stages[0][0] - rows, stages[0][1]};
        }
        return stages;
    }

    /** @return whether a unit's products go to DSP blocks: DSP, or AUTO for 10 significand bits or more */
    static boolean dspProducts(ScalarFormat w, ScalarFormat a, FpgaPart part, FpgaDataflow.ResType resType) {
        return part.hasDsp() && (resType == FpgaDataflow.ResType.DSP
                || resType == FpgaDataflow.ResType.AUTO && significandBits(w) + significandBits(a) >= 10);
    }

    /** @return 1000 / the slowest stage's delay, MHz */
    public static double fmaxMhz(double[][] stages, double[] t) {
        double worst = 0;
        for (double[] st : stages) {
            worst = Math.max(worst, stageNs(st, t));
        }
        return 1000 / worst;
    }

    static int clog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    private static int significandBits(ScalarFormat f) {
        if (f instanceof io.qdse.hwmodels.format.MinifloatFormat m) {
            return m.mantissaBits() + 1;
        }
        return f.bits();
    }
}
