package io.qdse.simulator.workload;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * One GEMM-shaped operation: {@code batch} independent products {@code C[M×N] = A[M×K] · B[K×N]}. For layers with
 * weights, A holds activations (im2col patches for convolutions) and B the weights; for {@link OpKind#MATMUL}
 * both are activations.
 *
 * @param name  the source layer's name
 * @param kind  what computation it is
 * @param m     rows of A and C (output pixels × batch for convs, tokens for linears)
 * @param n     columns of B and C (output channels per group)
 * @param k     reduction length (input channels per group × kernel area)
 * @param batch independent GEMMs (channel groups, attention heads × batch)
 * @param conv  the convolution geometry, or null for non-convolutions
 */
public record LayerOp(String name, OpKind kind, long m, long n, long k, long batch, ConvGeometry conv) {

    public LayerOp {
        require(name != null && !name.isBlank(), "layer name", name, "must not be empty");
        require(kind != null, name + ".kind", null, "conv, dwconv, linear or matmul");
        require(m > 0, name + ".M", m, "must be > 0");
        require(n > 0, name + ".N", n, "must be > 0");
        require(k > 0, name + ".K", k, "must be > 0");
        require(batch > 0, name + ".batch", batch, "must be > 0");
        // every count derived from the shape (MACs; elements of A, B, C; their bits in formats up to 64 bits; cycles
        // times PEs) must stay within 64 bits: refuse shapes beyond LIMIT here, naming them, instead of overflowing
        for (long[] f : new long[][] {{m, n, k}, {m, k, 1}, {k, n, 1}, {m, n, 1}}) {
            double count = (double) batch * f[0] * f[1] * f[2];
            if (count > LIMIT) {
                throw new io.qdse.hwmodels.InvalidInputException(name + " (batch x M x N x K)", batch + " x " + m
                        + " x " + n + " x " + k, "at most 2^56 (7.2e16) multiply-accumulates and operand elements per "
                        + "op, the largest the model counts exactly in 64 bits (this op has " + String.format(
                        java.util.Locale.ROOT, "%.3g", count) + "); split the layer or reduce the batch");
            }
        }
    }

    /** The largest MAC or element count of one op: leaves 2^7 for bits per element in 64-bit counters. */
    public static final double LIMIT = Math.pow(2, 56);

    /** A plain GEMM with weights. */
    public static LayerOp gemm(String name, long m, long n, long k) {
        return new LayerOp(name, OpKind.LINEAR, m, n, k, 1, null);
    }

    /**
     * A convolution lowered by im2col: M = outH·outW·images, K = (inChannels / groups)·kernelH·kernelW,
     * N = outChannels / groups, batch = groups.
     */
    public static LayerOp conv(String name, ConvGeometry g, int images) {
        require(images > 0, name + ".batch", images, "must be > 0");
        long m = (long) g.outH() * g.outW() * images;
        long k = (long) (g.inChannels() / g.groups()) * g.kernelH() * g.kernelW();
        long n = g.outChannels() / g.groups();
        return new LayerOp(name, g.depthwise() ? OpKind.DEPTHWISE_CONV : OpKind.CONV, m, n, k, g.groups(), g);
    }

    /** @return multiply-accumulates, {@code batch·M·N·K} */
    public long macs() {
        return Math.multiplyExact(Math.multiplyExact(batch, m), Math.multiplyExact(n, k));
    }

    /** @return elements of B across all batches (weights, when the op has them) */
    public long bElements() {
        return batch * k * n;
    }

    /** @return elements of A across all batches (for convs: unique input pixels are fewer, see {@link #conv}) */
    public long aElements() {
        return batch * m * k;
    }

    /** @return elements of C across all batches */
    public long cElements() {
        return batch * m * n;
    }
}
