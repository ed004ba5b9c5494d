package io.qdse.simulator.engine;

import io.qdse.hwmodels.arith.Accumulator;
import io.qdse.hwmodels.arith.GoldenArithmetic;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.LayerOp;

/**
 * Steps the array cycle by cycle through every fold of a GEMM ({@link FoldGeometry}'s timeline): each cycle it
 * counts the operands entering the array edges (scratchpad reads), the PEs whose operands meet (MACs), the
 * stationary block shifted in (WS/IS) and the results leaving (writes); partial sums of WS/IS row folds after the
 * first are read back as they re-enter. DRAM is a channel of {@code bits/cycle} shared by fetches and write-backs:
 * fold f's inputs are fetched while fold f−1 computes (double buffering; fold 0's were fetched during the previous
 * layer), outputs are written back after their fold; a fold starts late (a stall) when its fetch is not done
 * ({@link DramChannel}, replayed request by request).
 * The op's batch GEMMs are identical, so one is stepped and the counters scaled.
 *
 * <p>Optional assertion mode re-checks, fold by fold, that stepped counts equal the fold's closed form.
 */
public final class CycleEngine implements Engine<SystolicArray> {
    private final CostRollup costs = new CostRollup();
    private final boolean assertions;

    public CycleEngine() {
        this(false);
    }

    /** @param assertions re-check every fold's stepped counters against its closed form (slower) */
    public CycleEngine(boolean assertions) {
        this.assertions = assertions;
    }

    @Override
    public Evaluation evaluate(LayerOp op, SystolicArray a, LayerFormats f) {
        FoldGeometry g = FoldGeometry.of(op, a);
        long compute = 0;
        long aElems = 0;
        long bElems = 0;
        long psumReads = 0;
        long partialWrites = 0;
        long finalWrites = 0;
        long macs = 0;
        long folds = g.folds();
        long[] foldLen = new long[(int) Math.min(folds, Integer.MAX_VALUE - 8)];
        int fi = 0;
        for (long fc = 0; fc < g.cf(); fc++) {
            for (long fr = 0; fr < g.rf(); fr++) {
                FoldCounts c = stepFold(g, fr, fc);
                compute += c.cycles;
                aElems += c.aReads;
                bElems += c.bReads;
                macs += c.macs;
                if (g.dataflow() != Dataflow.OS && fr > 0) {
                    psumReads += c.writes;
                }
                if (g.dataflow() != Dataflow.OS && fr < g.rf() - 1) {
                    partialWrites += c.writes;
                } else {
                    finalWrites += c.writes;
                }
                foldLen[fi++] = c.cycles;
                if (assertions && c.cycles != g.foldLength(fr, fc)) {
                    throw new IllegalStateException("fold (" + fr + "," + fc + "): stepped " + c.cycles
                            + " cycles, timeline says " + g.foldLength(fr, fc));
                }
            }
        }
        if (macs != op.m() * op.n() * op.k()) {
            throw new IllegalStateException("stepped " + macs + " MACs for a " + op.m() + "x" + op.n() + "x" + op.k()
                    + " GEMM");
        }
        final long[] lens = foldLen;
        return AnalyticalEngine.assemble(op, a, f, g, compute, aElems, bElems, psumReads, partialWrites,
                finalWrites, DramChannel.replayed(idx -> lens[(int) idx], folds), costs);
    }

    /** Counters of one fold, stepped cycle by cycle. */
    static final class FoldCounts {
        long cycles;
        long aReads;
        long bReads;
        long macs;
        long writes;
    }

    static FoldCounts stepFold(FoldGeometry g, long fr, long fc) {
        long ru = g.ru(fr);
        long cu = g.cu(fc);
        long t = g.t();
        FoldCounts out = new FoldCounts();
        long last = -1;
        if (g.dataflow() == Dataflow.OS) {
            // A row i enters at cycles i..i+T-1, B column j at j..j+T-1, PE(i,j) MACs at p+i+j, result at T+i+j
            for (long c = 0; ; c++) {
                boolean any = false;
                for (long i = 0; i < ru; i++) {
                    long p = c - i;
                    if (p >= 0 && p < t) {
                        out.aReads++;
                        any = true;
                    }
                    // PEs of row i active this cycle: j with 0 <= c-i-j < T and j < cu
                    long jLo = Math.max(0, c - i - t + 1);
                    long jHi = Math.min(cu - 1, c - i);
                    if (jHi >= jLo) {
                        out.macs += jHi - jLo + 1;
                        any = true;
                    }
                    // results of row i written this cycle: j = c - T - i
                    long j = c - t - i;
                    if (j >= 0 && j < cu) {
                        out.writes++;
                        any = true;
                    }
                }
                for (long j = 0; j < cu; j++) {
                    long p = c - j;
                    if (p >= 0 && p < t) {
                        out.bReads++;
                        any = true;
                    }
                }
                if (any) {
                    last = c;
                } else if (c > t + ru + cu) {
                    break;
                }
            }
        } else {
            // stationary rows shift in at cycles 0..ru-1 (cu elements each); streamed element t of row i enters at
            // ru+t+i; PE(i,j) MACs at ru+t+i+j; the partial sum of (t, j) leaves at 2ru+t+j
            for (long c = 0; ; c++) {
                boolean any = false;
                if (c < ru) {
                    out.bReads += cu; // stationary block (weights for WS, inputs for IS): counted below by role
                    any = true;
                }
                for (long i = 0; i < ru; i++) {
                    long tt = c - ru - i;
                    if (tt >= 0 && tt < t) {
                        out.aReads++;
                        any = true;
                    }
                    long jLo = Math.max(0, c - ru - i - t + 1);
                    long jHi = Math.min(cu - 1, c - ru - i);
                    if (jHi >= jLo) {
                        out.macs += jHi - jLo + 1;
                        any = true;
                    }
                }
                for (long j = 0; j < cu; j++) {
                    long tt = c - 2 * ru - j;
                    if (tt >= 0 && tt < t) {
                        out.writes++;
                        any = true;
                    }
                }
                if (any) {
                    last = c;
                } else if (c > 2 * ru + t + cu) {
                    break;
                }
            }
            if (g.dataflow() == Dataflow.IS) {
                // IS: the stationary block is the input (A) and the streamed operand is the weight (B)
                long stationary = out.bReads;
                out.bReads = out.aReads;
                out.aReads = stationary;
            }
        }
        out.cycles = last + 1;
        return out;
    }

    // ---- functional mode ----------------------------------------------------------------------------------

    /**
     * Runs one GEMM C = A·B through the array with real values: each PE's MAC at its cycle adds the exact product
     * into the layer's accumulator (the bit-exact golden model), partial sums re-entering across row folds.
     *
     * @param aCodes M×K codes of A in {@code fa}
     * @param bCodes K×N codes of B in {@code fb}
     * @return M×N accumulator values as the array produces them
     */
    public static double[][] runFunctional(SystolicArray arch, LayerOp op, ScalarFormat fa, long[][] aCodes,
                                           ScalarFormat fb, long[][] bCodes, LayerFormats f) {
        FoldGeometry g = FoldGeometry.of(op, arch);
        int m = (int) op.m();
        int n = (int) op.n();
        int lsb = GoldenArithmetic.productLsbExponent(fa, fb);
        Accumulator[][] acc = new Accumulator[m][n];
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < n; y++) {
                acc[x][y] = f.accumulator().start(lsb);
            }
        }
        int r = arch.rows();
        int c = arch.cols();
        for (long fc = 0; fc < g.cf(); fc++) {
            for (long fr = 0; fr < g.rf(); fr++) {
                long ru = g.ru(fr);
                long cu = g.cu(fc);
                long len = g.foldLength(fr, fc);
                for (long cyc = 0; cyc < len; cyc++) {
                    for (long i = 0; i < ru; i++) {
                        for (long j = 0; j < cu; j++) {
                            long s = g.dataflow() == Dataflow.OS ? cyc - i - j : cyc - ru - i - j;
                            if (s < 0 || s >= g.t()) {
                                continue;
                            }
                            int mi;
                            int ni;
                            int ki;
                            switch (g.dataflow()) {
                                case OS:
                                    mi = (int) (fr * r + i);
                                    ni = (int) (fc * c + j);
                                    ki = (int) s;
                                    break;
                                case WS:
                                    ki = (int) (fr * r + i);
                                    ni = (int) (fc * c + j);
                                    mi = (int) s;
                                    break;
                                default:
                                    ki = (int) (fr * r + i);
                                    mi = (int) (fc * c + j);
                                    ni = (int) s;
                                    break;
                            }
                            acc[mi][ni].addProduct(fa.decode(aCodes[mi][ki]), fb.decode(bCodes[ki][ni]));
                        }
                    }
                }
            }
        }
        double[][] out = new double[m][n];
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < n; y++) {
                out[x][y] = acc[x][y].value();
            }
        }
        return out;
    }
}
