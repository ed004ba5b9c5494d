package io.qdse.simulator.engine;

import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.eval.Energy;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.eval.Traffic;
import io.qdse.simulator.workload.LayerOp;

/**
 * Closed forms of the physical counting convention ({@link FoldGeometry}): with F = RF·CF folds,
 * Σ fold lengths = F·T + CF·Sr + RF·Sc − F (OS) or F·T + 2·CF·Sr + RF·Sc − F (WS/IS); MACs = M·N·K;
 * scratchpad reads and writes per operand as derived in docs/simulator.md; DRAM traffic from {@link DramPlan};
 * bandwidth stalls from the DRAM channel schedule run over the closed-form fold lengths (O(folds), no cycle
 * stepping). Each of the op's batch GEMMs costs the same.
 */
public final class AnalyticalEngine implements Engine<SystolicArray> {
    private final CostRollup costs = new CostRollup();

    @Override
    public Evaluation evaluate(LayerOp op, SystolicArray a, LayerFormats f) {
        FoldGeometry g = FoldGeometry.of(op, a);
        long folds = g.folds();
        long compute = switch (g.dataflow()) {
            case OS -> folds * g.t() + g.cf() * g.sr() + g.rf() * g.sc() - folds;
            default -> folds * g.t() + 2 * g.cf() * g.sr() + g.rf() * g.sc() - folds;
        };
        long m = op.m();
        long n = op.n();
        long k = op.k();
        long aElems;
        long bElems;
        long psumReads;
        long partialWrites;
        long finalWrites = m * n;
        switch (g.dataflow()) {
            case OS:
                aElems = g.cf() * m * k;
                bElems = g.rf() * k * n;
                psumReads = 0;
                partialWrites = 0;
                break;
            case WS:
                aElems = g.cf() * k * m;
                bElems = k * n;
                psumReads = (g.rf() - 1) * n * m;
                partialWrites = (g.rf() - 1) * n * m;
                break;
            default:
                aElems = k * m;
                bElems = g.cf() * k * n;
                psumReads = (g.rf() - 1) * m * n;
                partialWrites = (g.rf() - 1) * m * n;
                break;
        }
        return assemble(op, a, f, g, compute, aElems, bElems, psumReads, partialWrites, finalWrites,
                DramChannel.solved(histogram(g)), costs);
    }

    /**
     * One GEMM's fold lengths (column fold outer, row fold inner): full folds, the last row fold, the last column
     * fold and the corner, each length counted once per fold.
     */
    static DramChannel.Histogram histogram(FoldGeometry g) {
        long rf = g.rf();
        long cf = g.cf();
        return new DramChannel.Histogram(g.foldLength(0, 0), g.foldLength(rf - 1, cf - 1),
                new long[] {g.foldLength(0, 0), g.foldLength(rf - 1, 0), g.foldLength(0, cf - 1),
                    g.foldLength(rf - 1, cf - 1)},
                new long[] {(rf - 1) * (cf - 1), cf - 1, rf - 1, 1});
    }

    /**
     * Shared by both engines: per-GEMM counters → batch totals, DRAM plan, bandwidth stalls from the DRAM channel
     * schedule ({@link DramChannel}), energy, area.
     */
    static Evaluation assemble(LayerOp op, SystolicArray a, LayerFormats f, FoldGeometry g, long compute, long aElems,
                               long bElems, long psumReads, long partialWrites, long finalWrites,
                               DramChannel.Schedule schedule, CostRollup costs) {
        long batch = op.batch();
        NumberFormat af = f.activation();
        NumberFormat bf = OperandBits.bFormat(op, f);
        long accBits = f.accumulator().registerBits();
        long aBits = OperandBits.bits(aElems, af);
        long bBits = OperandBits.bits(bElems, bf);
        long psumReadBits = psumReads * accBits;
        long writeBits = partialWrites * accBits + OperandBits.bits(finalWrites, f.output());
        DramPlan plan = DramPlan.of(op, g, a, Math.max(1, OperandBits.bits(1, af)), Math.max(1, OperandBits.bits(1,
                bf)), accBits);
        Traffic t = new Traffic(aBits * batch, bBits * batch, psumReadBits * batch, writeBits * batch,
                OperandBits.bits(plan.aReads(), af), OperandBits.bits(plan.bReads(), bf),
                plan.psumReads() * accBits,
                OperandBits.bits(plan.outWrites(), f.output()) + plan.psumWrites() * accBits);
        long computeAll = compute * batch;
        long stall = schedule.stalls(batch, t, a);
        long cycles = computeAll + stall;
        long macs = op.macs();
        Energy e = costs.energy(op, a, f, macs, t, cycles);
        return new Evaluation(cycles, stall, computeAll, macs, macs, cycles * a.pes(), g.sr() * g.sc() * batch,
                g.folds() * a.pes() * batch, t, e, costs.cost(op, a, f));
    }

}
