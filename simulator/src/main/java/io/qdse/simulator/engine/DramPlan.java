package io.qdse.simulator.engine;

import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.LayerOp;

/**
 * Off-chip traffic of one op (all its batch GEMMs), in elements, from a reuse model of double-buffered
 * scratchpads (half of each scratchpad holds the working set while the other half fills):
 *
 * <ul>
 *   <li>compulsory traffic: every input element the op reads once (for convolutions, only input pixels some
 *       window touches; padding is never fetched), every weight once, every output written once;</li>
 *   <li>re-fetch: the streamed operand of the loop nest (A for OS/WS, B for IS) is re-read once per column fold
 *       unless the whole operand fits in half its scratchpad; OS re-reads a column block of B once per row fold
 *       unless that block fits in half the filter scratchpad;</li>
 *   <li>spill: WS/IS partial sums of a column block stay on chip across row folds if they fit in half the ofmap
 *       scratchpad; otherwise each extra row fold writes them to DRAM and reads them back.</li>
 * </ul>
 *
 * @param aReads      A elements fetched
 * @param bReads      B elements fetched
 * @param outWrites   final output elements written
 * @param psumWrites  partial sums spilled to DRAM (accumulator width)
 * @param psumReads   spilled partial sums read back
 */
public record DramPlan(long aReads, long bReads, long outWrites, long psumWrites, long psumReads) {

    public static DramPlan of(LayerOp op, FoldGeometry g, SystolicArray arch, long aBitsPerElem, long bBitsPerElem,
                              long accBits) {
        long m = op.m();
        long n = op.n();
        long k = op.k();
        long uniqueA = uniqueA(op);
        long uniqueB = k * n;
        long aFootprintBits = uniqueA * aBitsPerElem;
        long bFootprintBits = uniqueB * bBitsPerElem;
        boolean aResident = aFootprintBits <= arch.ifmapSram().bits() / 2;
        boolean bResident = bFootprintBits <= arch.filterSram().bits() / 2;
        long aReads;
        long bReads;
        long psumSpill = 0;
        switch (g.dataflow()) {
            case OS: {
                aReads = aResident ? uniqueA : uniqueA * g.cf();
                long bBlockBits = k * Math.min(arch.cols(), n) * bBitsPerElem;
                bReads = bBlockBits <= arch.filterSram().bits() / 2 ? uniqueB : uniqueB * g.rf();
                break;
            }
            case WS: {
                aReads = aResident ? uniqueA : uniqueA * g.cf();
                bReads = uniqueB;
                long psumBlockBits = m * Math.min(arch.cols(), n) * accBits;
                if (g.rf() > 1 && psumBlockBits > arch.ofmapSram().bits() / 2) {
                    psumSpill = (g.rf() - 1) * m * n;
                }
                break;
            }
            default: {
                aReads = uniqueA;
                bReads = bResident ? uniqueB : uniqueB * g.cf();
                long psumBlockBits = Math.min(arch.cols(), m) * n * accBits;
                if (g.rf() > 1 && psumBlockBits > arch.ofmapSram().bits() / 2) {
                    psumSpill = (g.rf() - 1) * m * n;
                }
                break;
            }
        }
        long b = op.batch();
        return new DramPlan(aReads * b, bReads * b, m * n * b, psumSpill * b, psumSpill * b);
    }

    /** Input elements some output window reads (per GEMM); M·K for non-convolutions. */
    static long uniqueA(LayerOp op) {
        ConvGeometry c = op.conv();
        if (c == null) {
            return op.m() * op.k();
        }
        long rows = touched(c.inH(), c.kernelH(), c.strideH(), c.padH(), c.outH());
        long cols = touched(c.inW(), c.kernelW(), c.strideW(), c.padW(), c.outW());
        long images = op.m() / ((long) c.outH() * c.outW());
        return rows * cols * (c.inChannels() / c.groups()) * images;
    }

    /** Input rows (or columns) in [0, in) that some window covers. */
    private static long touched(int in, int kernel, int stride, int pad, int out) {
        if (stride <= kernel) {
            long first = Math.max(0, -pad);
            long last = Math.min(in - 1L, (long) (out - 1) * stride - pad + kernel - 1);
            return Math.max(0, last - first + 1);
        }
        long count = 0;
        for (int o = 0; o < out; o++) {
            for (int f = 0; f < kernel; f++) {
                long x = (long) o * stride - pad + f;
                if (x >= 0 && x < in) {
                    count++;
                }
            }
        }
        return count;
    }
}
