package io.qdse.simulator.scalesim;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * One layer as SCALE-Sim sees it: a convolution without padding (GEMMs become an M×K ifmap convolved with N 1×K
 * filters). Output size uses SCALE-Sim's {@code ceil((H − Fh + s) / s)}, which adds a window past the edge when the
 * stride does not divide {@code H − Fh}.
 *
 * @param name name from the topology file (DP rows expand to {@code nameChannel_i})
 * @param h    ifmap height
 * @param w    ifmap width
 * @param fh   filter height
 * @param fw   filter width
 * @param ch   channels
 * @param n    filters
 * @param sh   vertical stride
 * @param sw   horizontal stride
 */
public record ScaleSimLayer(String name, int h, int w, int fh, int fw, int ch, int n, int sh, int sw) {

    public ScaleSimLayer {
        require(h > 0 && w > 0, name + ": IFMAP size", h + "x" + w, "must be > 0");
        require(fh > 0 && fw > 0, name + ": filter size", fh + "x" + fw, "must be > 0");
        require(fh <= h, name + ": Filter Height", fh, "cannot be larger than the IFMAP height " + h);
        require(fw <= w, name + ": Filter Width", fw, "cannot be larger than the IFMAP width " + w);
        require(ch > 0, name + ": Channels", ch, "must be > 0");
        require(n > 0, name + ": Num Filter", n, "must be > 0");
        require(sh > 0 && sw > 0, name + ": Strides", sh + "x" + sw, "must be > 0");
    }

    /** A GEMM row {@code name, M, N, K} as SCALE-Sim converts it. */
    public static ScaleSimLayer gemm(String name, int m, int n, int k) {
        return new ScaleSimLayer(name, m, k, 1, k, 1, n, 1, 1);
    }

    /** @return ofmap height, ceil((H − Fh + sh) / sh) */
    public int eh() {
        return (h - fh + sh + sh - 1) / sh;
    }

    /** @return ofmap width */
    public int ew() {
        return (w - fw + sw + sw - 1) / sw;
    }

    /** @return ofmap pixels per filter (the GEMM M) */
    public long m() {
        return (long) eh() * ew();
    }

    /** @return window size (the GEMM K) */
    public long k() {
        return (long) fh * fw * ch;
    }
}
