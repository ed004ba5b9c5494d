package io.qdse.simulator.engine;

import io.qdse.hwmodels.cost.BitSerialPeSpec;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.workload.LayerOp;

/**
 * How one GEMM of an op maps onto a bit-serial array. Output channels N go on the R rows, output pixels or tokens M
 * on the C columns, and the reduction K over each PE's lanes, {@code lanes × products per lane} at a time (Bit
 * Fusion's fusion units fuse more products per cycle at low precision). Loop order: M-block outer, N-block, K-step
 * inner; partial sums stay in each PE's accumulator across the K-steps of a block, and the block's outputs are
 * written when its last step ends — in the shadow of the next block's first step, so only the op's very last block
 * adds a cycle of write-back.
 *
 * <p>A step takes {@link BitSerialPeSpec#stepCycles} cycles at the layer's precisions (Stripes ⌈Pa/k⌉, BitMoD
 * ⌈Pw/k⌉, Loom ⌈Pa/ka⌉·⌈Pw/kw⌉, Bit Fusion 1, or ⌈groups/16⌉ beyond the fusion unit); a term-serial step takes as
 * many cycles as the largest number of non-zero Booth terms among the weights its lanes hold (every row and column
 * of the array steps in lockstep), from a {@link TermSource}, or the worst case without one.
 *
 * @param m         rows of A and C (mapped to columns)
 * @param n         columns of B and C (mapped to rows)
 * @param k         reduction length
 * @param rows      array rows
 * @param cols      array columns
 * @param kPerStep  products along K one PE completes per step (lanes × products per lane)
 * @param stepCycles cycles of one step (for term-serial arrays: the worst case)
 * @param aBits     activation precision
 * @param bBits     precision of operand B (weights, the KV cache, or an activation)
 */
public record BitSerialGeometry(long m, long n, long k, int rows, int cols, long kPerStep, long stepCycles,
                                int aBits, int bBits) {

    /** @return the geometry, after refusing precisions the PE cannot take */
    public static BitSerialGeometry of(LayerOp op, BitSerialArray a, LayerFormats f) {
        int aBits = BitSerialArray.precision(f.activation());
        int bBits = BitSerialArray.precision(OperandBits.bFormat(op, f));
        BitSerialPeSpec pe = a.pe();
        pe.checkPrecisions(aBits, bBits, op.name());
        long kPer = (long) pe.lanes() * pe.productsPerLane(aBits, bBits);
        long cycles = pe.termSerial() ? worstTerms(bBits) : pe.stepCycles(aBits, bBits);
        return new BitSerialGeometry(op.m(), op.n(), op.k(), a.rows(), a.cols(), kPer, cycles, aBits, bBits);
    }

    /** Most non-zero radix-4 Booth digits a {@code bits}-bit two's-complement number can have. */
    static long worstTerms(int bits) {
        return (bits + 1) / 2;
    }

    /** @return M-blocks (column folds) */
    public long mBlocks() {
        return FoldGeometry.ceilDiv(m, cols);
    }

    /** @return N-blocks (row folds) */
    public long nBlocks() {
        return FoldGeometry.ceilDiv(n, rows);
    }

    /** @return K-steps per block */
    public long kSteps() {
        return FoldGeometry.ceilDiv(k, kPerStep);
    }

    /** @return blocks (the DRAM channel schedule's folds) */
    public long blocks() {
        return mBlocks() * nBlocks();
    }

    /** @return columns block {@code mb} uses */
    public long cu(long mb) {
        return Math.min(cols, m - mb * cols);
    }

    /** @return rows block {@code nb} uses */
    public long ru(long nb) {
        return Math.min(rows, n - nb * rows);
    }

    /** @return products along K step {@code ks} completes per PE */
    public long ku(long ks) {
        return Math.min(kPerStep, k - ks * kPerStep);
    }

    /**
     * Steps of a term-serial array from its weights' terms.
     *
     * @param cycles  [N-block][K-step] cycles: the largest term count among the weights the step's rows and lanes
     *                hold (at least 1); every M-block repeats the same sequence
     * @param termSum Σ over all weights of their terms (a lane is busy for its own weight's terms, then idles until
     *                the step's slowest lane is done)
     */
    public record TermPlan(long[][] cycles, long termSum) {
    }

    /** @param terms non-zero Booth terms of each weight, K×N row-major (k·n + j), each at least 1 */
    public TermPlan termPlan(byte[] terms) {
        if (terms.length != k * n) {
            throw new IllegalArgumentException("term table of " + terms.length + " entries for a " + k + "x" + n
                    + " weight matrix");
        }
        long nb = nBlocks();
        long ks = kSteps();
        long[][] out = new long[(int) nb][(int) ks];
        long sum = 0;
        for (int b = 0; b < nb; b++) {
            for (int s = 0; s < ks; s++) {
                int max = 1;
                long k0 = s * kPerStep;
                for (long kk = k0; kk < k0 + ku(s); kk++) {
                    long base = kk * n + (long) b * rows;
                    for (long r = 0; r < ru(b); r++) {
                        int t = Math.max(1, terms[(int) (base + r)]);
                        max = Math.max(max, t);
                        sum += t;
                    }
                }
                out[b][s] = max;
            }
        }
        return new TermPlan(out, sum);
    }
}
