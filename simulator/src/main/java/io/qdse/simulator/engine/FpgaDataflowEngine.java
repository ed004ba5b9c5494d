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
 * gives FINN's): PE·SIMD multipliers of the layer's format pair ({@link FpgaCostModel}: LUTs and carry, or DSP
 * blocks), per PE an adder tree of SIMD − 1 ripple adders at the exact product width growing one bit per level and an
 * accumulator of the exact width for the layer's dot length ({@link FixedPointAccumulator#kulischWidth}: the A2Q bound
 * for integers, the Kulisch width for minifloats); the weights in LUTRAM (64 bits per LUT6) when the memory is at
 * most 128 words deep and the family has LUTRAM, else block RAM ({@link FpgaRam#bram18}: 18-Kbit blocks on Xilinx); an output quantizer as FINN's
 * thresholds: 2^ob − 1 comparators of the accumulator width per PE and the thresholds' memory; FIFOs of two output
 * vectors between units in flip-flops. A ripple adder or comparator of n bits costs n LUTs and the family's carry
 * cells (UG474/UG574 CARRY4/CARRY8; iCE40 SB_CARRY). Energy: MACs × the 45 nm ASIC MAC energy of the pair (FPGA
 * dynamic and static power are not modelled yet).
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
        double[] r = resources(s, fold, f, a.part(), a.resType(), a.synth());
        Cost cost = new Cost.FpgaResources(r[0], r[1], r[2], r[3]);
        return new Evaluation(cycles, 0, cycles, op.macs(), op.macs(), Math.multiplyExact(cycles, lanes), 1, 1, t, e,
                cost);
    }

    /**
     * @param synth the synthesis flow the LUT figures mean (null: the part vendor's own, {@link FpgaCostModel#standard})
     * @return [LUTs, FFs, DSPs, BRAM18] of one layer's unit
     */
    public double[] resources(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f, FpgaPart part,
                              FpgaDataflow.ResType resType, io.qdse.hwmodels.fpga.Synth synth) {
        return memo.computeIfAbsent(java.util.Arrays.asList(s, fold, f, part.name(), resType, synth),
                k -> compute(s, fold, f, part, resType, synth)).clone();
    }

    private double[] compute(FpgaDataflow.Shape s, FpgaDataflow.Fold fold, LayerFormats f, FpgaPart part,
                             FpgaDataflow.ResType resType, io.qdse.hwmodels.fpga.Synth synth) {
        FpgaCostModel fpga = synth == null ? FpgaCostModel.standard() : FpgaCostModel.of(synth);
        ScalarFormat w = (ScalarFormat) f.weight();
        ScalarFormat a = (ScalarFormat) f.activation();
        int product = FixedPointAccumulator.kulischWidth(w, a, 1);
        int acc = FixedPointAccumulator.kulischWidth(w, a, Math.max(1, s.mw()));
        boolean dsp = part.hasDsp() && (resType == FpgaDataflow.ResType.DSP
                || resType == FpgaDataflow.ResType.AUTO && significandBits(w) + significandBits(a) >= 10);
        FpgaCost mul = fpga.estimate(OpSpec.mul(w, a), part, dsp);
        long pe = fold.pe();
        long simd = fold.simd();
        double luts = pe * simd * mul.luts();
        double ffs = pe * simd * mul.ffs();
        double dsps = pe * simd * mul.dsps();
        // adder tree: level i adds ceil(simd / 2^i) pairs at product + i - 1 bits
        long n = simd;
        int width = product;
        while (n > 1) {
            long adders = n / 2;
            width++;
            luts += pe * adders * adderLuts(width, part);
            n = n - adders;
        }
        luts += pe * adderLuts(acc, part); // accumulator
        ffs += pe * acc;
        // the output quantizer: thresholds
        int ob = f.output().elementBits();
        long thresholds = ob >= 1 && ob < acc ? (1L << Math.min(ob, 16)) - 1 : 0;
        luts += pe * thresholds * adderLuts(acc, part);
        double[] wm = memory(s.mw() * s.mh() * f.weight().elementBits(), pe * simd * f.weight().elementBits(),
                (s.mw() / simd) * (s.mh() / pe) * s.passes(), part);
        double[] tm = thresholds == 0 ? new double[2]
                : memory(s.mh() * thresholds * acc, pe * thresholds * acc, s.mh() / pe, part);
        luts += wm[0] + tm[0];
        double brams = wm[1] + tm[1];
        ffs += 2.0 * pe * ob; // FIFO of two output vectors to the next unit
        return new double[] {luts, ffs, dsps, brams};
    }

    /** @return [LUTs, block RAMs] of a memory of {@code bits} read {@code width} bits at a time */
    static double[] memory(long bits, long width, long depth, FpgaPart part) {
        if (bits == 0) {
            return new double[2];
        }
        boolean lutram = part.family() != FpgaFamily.LATTICE_ICE40 && depth <= 128;
        if (lutram) {
            return new double[] {width * Math.ceil(depth / 64.0), 0}; // one LUT6 holds a 64 x 1 RAM
        }
        long blocks = 0;
        for (long left = width; left > 0; left -= 8192) {
            int piece = (int) Math.min(8192, left);
            long bytes = Math.max(1, (piece * depth + 7) / 8);
            blocks += FpgaRam.bram18(new SramSpec(bytes, piece, 1), part);
        }
        return new double[] {0, blocks};
    }

    /** LUTs of an n-bit ripple adder or comparator: one per bit (the carry chain is in dedicated cells). */
    static double adderLuts(int bits, FpgaPart part) {
        return bits;
    }

    private static int significandBits(ScalarFormat f) {
        if (f instanceof io.qdse.hwmodels.format.MinifloatFormat m) {
            return m.mantissaBits() + 1;
        }
        return f.bits();
    }
}
