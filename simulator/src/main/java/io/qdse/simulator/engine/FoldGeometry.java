package io.qdse.simulator.engine;

import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.workload.LayerOp;

/**
 * How one GEMM of an op maps onto the array (the same spatial/temporal assignment SCALE-Sim uses): OS puts M on
 * rows and N on columns and streams K; WS puts K on rows and N on columns and streams M; IS puts K on rows and M
 * on columns and streams N. Folds run column fold outer, row fold inner.
 *
 * <p>Physical fold timeline (cycle 0 = fold start, ru/cu = rows/columns the fold uses):
 * <ul>
 *   <li>OS: operand pairs meet at PE(i,j) at cycle p+i+j (p &lt; T); each PE writes its result the cycle after its
 *       last MAC, so column j writes one result per cycle: fold length {@code T + ru + cu − 1}.</li>
 *   <li>WS/IS: the stationary block shifts in from the top, one row per cycle ({@code ru} cycles); streamed operand t
 *       enters row i at {@code ru + t + i}; the partial sum of column j leaves the bottom at {@code 2·ru + t + j}:
 *       fold length {@code 2·ru + T + cu − 1}. Stationary-block loads are not overlapped with the previous fold.</li>
 * </ul>
 */
public record FoldGeometry(Dataflow dataflow, int rows, int cols, long sr, long sc, long t, long rf, long cf) {

    public static FoldGeometry of(LayerOp op, SystolicArray a) {
        long sr;
        long sc;
        long t;
        switch (a.dataflow()) {
            case OS:
                sr = op.m();
                sc = op.n();
                t = op.k();
                break;
            case WS:
                sr = op.k();
                sc = op.n();
                t = op.m();
                break;
            default:
                sr = op.k();
                sc = op.m();
                t = op.n();
                break;
        }
        return new FoldGeometry(a.dataflow(), a.rows(), a.cols(), sr, sc, t, ceilDiv(sr, a.rows()),
                ceilDiv(sc, a.cols()));
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    public long folds() {
        return rf * cf;
    }

    public long ru(long fr) {
        return Math.min(rows, sr - fr * rows);
    }

    public long cu(long fc) {
        return Math.min(cols, sc - fc * cols);
    }

    /** @return cycles of fold (fr, fc) */
    public long foldLength(long fr, long fc) {
        return dataflow == Dataflow.OS ? t + ru(fr) + cu(fc) - 1 : 2 * ru(fr) + t + cu(fc) - 1;
    }
}
