package io.qdse.simulator.engine;

import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.eval.Energy;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.eval.Traffic;
import io.qdse.simulator.workload.LayerOp;

/**
 * Closed forms of a bit-serial array ({@link BitSerialGeometry}): per GEMM, with mB·nB blocks of kS steps of
 * {@code s} cycles, compute = Σ block lengths (mB·nB·kS·s; term-serial: mB·Σ over (N-block, K-step) of the step's
 * largest term count) and the op's last write-back cycle; busy lane-cycles = Σ ru·cu·ku·s = M·N·K·s for uniform
 * steps; scratchpad reads A: nB·M·K, B: mB·K·N, writes M·N; DRAM: compulsory traffic plus re-fetch of an M-block of A
 * per N-block when it does not fit in half the ifmap scratchpad, and of B per M-block when B does not fit in half the
 * filter scratchpad; bandwidth stalls from the same DRAM channel schedule as the systolic engines, over the block
 * lengths. Cost O(1) per op (term-serial: O(K·N) to read the terms).
 */
public final class BitSerialAnalyticalEngine implements Engine<BitSerialArray> {
    private final BitSerialCosts costs;
    private final TermSource terms;

    public BitSerialAnalyticalEngine() {
        this(TermSource.NONE, new BitSerialCosts());
    }

    /**
     * @param terms weights' Booth terms for term-serial arrays
     * @param costs the cost roll-up (shared so its PE cache is)
     */
    public BitSerialAnalyticalEngine(TermSource terms, BitSerialCosts costs) {
        this.terms = terms;
        this.costs = costs;
    }

    @Override
    public Evaluation evaluate(LayerOp op, BitSerialArray a, LayerFormats f) {
        BitSerialGeometry g = BitSerialGeometry.of(op, a, f);
        long mB = g.mBlocks();
        long nB = g.nBlocks();
        long kS = g.kSteps();
        long m = g.m();
        long n = g.n();
        long k = g.k();
        BitSerialGeometry.TermPlan plan = termPlan(op, a, f, g);
        long blockCyclesSum; // Σ over the blocks of one GEMM
        long busy; // Σ ru·cu·ku·cycles
        long activePe; // Σ ru·cu·cycles
        DramChannel.Histogram lengths;
        if (plan == null) {
            long s = g.stepCycles();
            blockCyclesSum = mB * nB * kS * s;
            busy = m * n * k * s;
            activePe = m * n * kS * s;
            lengths = DramChannel.Histogram.uniform(kS * s, mB * nB);
        } else {
            long[] nBlockLen = new long[(int) nB];
            // every M-block repeats the N-blocks' step sequence; Σ over M-blocks of the columns used is M
            long perM = 0;
            long activePerM = 0;
            for (int b = 0; b < nB; b++) {
                long len = 0;
                for (int s = 0; s < kS; s++) {
                    long c = plan.cycles()[b][s];
                    len += c;
                    activePerM += g.ru(b) * c;
                }
                nBlockLen[b] = len;
                perM += len;
            }
            blockCyclesSum = mB * perM;
            busy = m * plan.termSum();
            activePe = m * activePerM;
            long[] counts = new long[(int) nB];
            java.util.Arrays.fill(counts, mB); // blocks run M-block major: each N-block once per M-block
            lengths = new DramChannel.Histogram(nBlockLen[0], nBlockLen[(int) nB - 1], nBlockLen, counts);
        }
        long activeSteps = m * n * kS;
        return assemble(op, a, f, g, blockCyclesSum, busy, activePe, activeSteps, nB * k * m, mB * k * n, m * n,
                DramChannel.solved(lengths), costs);
    }

    /** @return the steps from the weights' terms, or null for uniform steps */
    static BitSerialGeometry.TermPlan termPlan(LayerOp op, BitSerialArray a, LayerFormats f, BitSerialGeometry g,
                                               TermSource terms) {
        if (!a.pe().termSerial() || !op.kind().hasWeights()) {
            return null;
        }
        byte[] t = terms.terms(op, f.weight());
        return t == null ? null : g.termPlan(t);
    }

    private BitSerialGeometry.TermPlan termPlan(LayerOp op, BitSerialArray a, LayerFormats f, BitSerialGeometry g) {
        return termPlan(op, a, f, g, terms);
    }

    /**
     * Shared by both engines: per-GEMM counters → batch totals, DRAM plan, channel stalls over the block lengths,
     * energy, cost.
     *
     * @param blockCycles Σ of the block lengths of one GEMM
     * @param busy        busy lane-cycles of one GEMM
     * @param activePe    busy PE-cycles of one GEMM
     * @param activeSteps busy PE-steps of one GEMM
     * @param aElems      A elements read from the scratchpad (one GEMM)
     * @param bElems      B elements read
     * @param outElems    outputs written
     * @param schedule    the DRAM channel schedule over the block lengths (solved or replayed)
     */
    static Evaluation assemble(LayerOp op, BitSerialArray a, LayerFormats f, BitSerialGeometry g, long blockCycles,
                               long busy, long activePe, long activeSteps, long aElems, long bElems, long outElems,
                               DramChannel.Schedule schedule, BitSerialCosts costs) {
        long batch = op.batch();
        NumberFormat af = f.activation();
        NumberFormat bf = OperandBits.bFormat(op, f);
        long aBitsPer = Math.max(1, OperandBits.bits(1, af));
        long bBitsPer = Math.max(1, OperandBits.bits(1, bf));
        long uniqueA = DramPlan.uniqueA(op);
        long uniqueB = g.k() * g.n();
        boolean aBlockFits = Math.min(a.cols(), g.m()) * g.k() * aBitsPer <= a.ifmapSram().bits() / 2;
        boolean bFits = uniqueB * bBitsPer <= a.filterSram().bits() / 2;
        long aDram = aBlockFits ? uniqueA : uniqueA * g.nBlocks();
        long bDram = bFits ? uniqueB : uniqueB * g.mBlocks();
        Traffic t = new Traffic(OperandBits.bits(aElems, af) * batch, OperandBits.bits(bElems, bf) * batch, 0,
                OperandBits.bits(outElems, f.output()) * batch, OperandBits.bits(aDram * batch, af),
                OperandBits.bits(bDram * batch, bf), 0, OperandBits.bits(outElems * batch, f.output()));
        long compute = blockCycles * batch + 1;
        long stall = schedule.stalls(batch, t, a);
        long cycles = compute + stall;
        long slots = (long) g.rows() * g.cols() * g.kPerStep();
        Energy e = costs.energy(a, f, activePe * batch, activeSteps * batch, t, cycles);
        long steps = g.blocks() * g.kSteps() * batch;
        return new io.qdse.simulator.eval.Evaluation(cycles, stall, compute, op.macs(), busy * batch, cycles * slots,
                g.m() * g.n() * g.k() * batch, steps * slots, t, e, costs.cost(a, f));
    }
}
