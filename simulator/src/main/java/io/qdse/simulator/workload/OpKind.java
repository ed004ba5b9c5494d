package io.qdse.simulator.workload;

/** What kind of computation a {@link LayerOp} is; decides which operands are weights. */
public enum OpKind {
    /** Convolution lowered by im2col: A = input patches (activations), B = filters (weights). */
    CONV,
    /** Depthwise (grouped, one channel per group) convolution: one small GEMM per channel. */
    DEPTHWISE_CONV,
    /** Fully connected / projection: A = activations, B = weights. */
    LINEAR,
    /** Matrix product of two activations (attention QK^T and PV of an encoder): no weights. */
    MATMUL,
    /**
     * Attention product of a decoder against its KV cache: A = queries or attention probabilities (activations),
     * B = the cached keys or values, stored and read in the layer's KV-cache format.
     */
    KV_MATMUL;

    /** @return whether operand B is a weight tensor (false for activation-activation and KV-cache products) */
    public boolean hasWeights() {
        return this != MATMUL && this != KV_MATMUL;
    }
}
