package io.qdse.simulator.engine;

import io.qdse.hwmodels.cost.BitSerialPeSpec;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.LayerOp;

/**
 * Steps a bit-serial array cycle by cycle through every block and step of a GEMM ({@link BitSerialGeometry}'s loop
 * order). At a step's first cycle each busy PE latches its stationary operand (B: rows × lanes words) and the step's
 * A words; then, each cycle, every lane consumes the next slice of its serial operand(s) — a k-bit activation plane
 * (Stripes), a weight plane (BitMoD), an (activation plane, weight plane) pair in order (Loom), one Booth term of its
 * weight (term-serial: a lane whose weight has fewer terms idles until the step's slowest lane is done), or its
 * fused products at once (Bit Fusion, bit-parallel). A PE is busy while any of its lanes is; a block writes its
 * outputs when its last step ends, and the op's last block adds one cycle for that write. DRAM is the systolic
 * engines' channel schedule over the block lengths.
 *
 * <p>Assertion mode re-checks, step by step, that the slices consumed equal the operands' precision and that each
 * step took its closed-form cycles.
 */
public final class BitSerialCycleEngine implements Engine<BitSerialArray> {
    private final BitSerialCosts costs;
    private final TermSource terms;
    private final boolean assertions;

    public BitSerialCycleEngine() {
        this(TermSource.NONE, new BitSerialCosts(), false);
    }

    /**
     * @param terms      weights' Booth terms for term-serial arrays
     * @param costs      the cost roll-up
     * @param assertions re-check every step against its closed form
     */
    public BitSerialCycleEngine(TermSource terms, BitSerialCosts costs, boolean assertions) {
        this.terms = terms;
        this.costs = costs;
        this.assertions = assertions;
    }

    @Override
    public Evaluation evaluate(LayerOp op, BitSerialArray a, LayerFormats f) {
        BitSerialGeometry g = BitSerialGeometry.of(op, a, f);
        BitSerialPeSpec pe = a.pe();
        BitSerialGeometry.TermPlan plan = BitSerialAnalyticalEngine.termPlan(op, a, f, g, terms);
        byte[] termTable = plan == null ? null : terms.terms(op, f.weight());
        long mB = g.mBlocks();
        long nB = g.nBlocks();
        long kS = g.kSteps();
        long blocks = g.blocks();
        long[] blockLen = new long[(int) Math.min(blocks, Integer.MAX_VALUE - 8)];
        long cyclesSum = 0;
        long busy = 0;
        long activePe = 0;
        long activeSteps = 0;
        long aElems = 0;
        long bElems = 0;
        long outElems = 0;
        long slices = 0;
        int bi = 0;
        for (long mb = 0; mb < mB; mb++) {
            long cu = g.cu(mb);
            for (long nb = 0; nb < nB; nb++) {
                long ru = g.ru(nb);
                long len = 0;
                for (long ks = 0; ks < kS; ks++) {
                    long ku = g.ku(ks);
                    // first cycle of the step: stationary and streamed words latched
                    aElems += cu * ku;
                    bElems += ru * ku;
                    activeSteps += ru * cu;
                    long[] laneCycles = laneCycles(g, pe, termTable, nb, ks, ru, ku);
                    long stepLen = 0;
                    for (long c = 0; ; c++) {
                        long lanesBusy = 0;
                        for (long l = 0; l < laneCycles.length; l++) {
                            if (c < laneCycles[(int) l]) {
                                lanesBusy++;
                            }
                        }
                        if (lanesBusy == 0) {
                            break;
                        }
                        // every column of the block runs the same lanes on its own activations
                        busy += lanesBusy * cu;
                        slices += lanesBusy * cu;
                        activePe += ru * cu;
                        stepLen = c + 1;
                    }
                    if (assertions) {
                        long expect = plan == null ? g.stepCycles() : plan.cycles()[(int) nb][(int) ks];
                        if (stepLen != expect) {
                            throw new IllegalStateException("block (" + mb + "," + nb + ") step " + ks + ": stepped "
                                    + stepLen + " cycles, closed form " + expect);
                        }
                    }
                    len += stepLen;
                }
                outElems += ru * cu;
                blockLen[bi++] = len;
                cyclesSum += len;
            }
        }
        if (assertions && plan == null && slices != g.m() * g.n() * g.k() * g.stepCycles()) {
            throw new IllegalStateException("consumed " + slices + " slices, expected M·N·K·step cycles");
        }
        final long[] lens = blockLen;
        return BitSerialAnalyticalEngine.assemble(op, a, f, g, cyclesSum, busy, activePe, activeSteps, aElems, bElems,
                outElems, DramChannel.replayed(idx -> lens[(int) (idx % lens.length)], lens.length), costs);
    }

    /**
     * Cycles each (row, lane) cell of a step stays busy: the step's serial slices for every cell, or for term-serial
     * arrays the terms of the weight the cell holds.
     */
    private static long[] laneCycles(BitSerialGeometry g, BitSerialPeSpec pe, byte[] terms, long nb, long ks, long ru,
                                     long ku) {
        long[] out = new long[(int) (ru * ku)];
        if (terms == null) {
            long s = g.stepCycles();
            java.util.Arrays.fill(out, s);
            return out;
        }
        int i = 0;
        for (long kk = ks * g.kPerStep(); kk < ks * g.kPerStep() + ku; kk++) {
            for (long r = 0; r < ru; r++) {
                out[i++] = Math.max(1, terms[(int) (kk * g.n() + nb * g.rows() + r)]);
            }
        }
        return out;
    }
}
