package io.qdse.simulator.workload;

/** What kind of computation a {@link LayerOp} is; decides which operands are weights. */
public enum OpKind {
    /** Convolution lowered by im2col: A = input patches (activations), B = filters (weights). */
    CONV,
    /** Depthwise (grouped, one channel per group) convolution: one small GEMM per channel. */
    DEPTHWISE_CONV,
    /** Fully connected / projection: A = activations, B = weights. */
    LINEAR,
    /** Matrix product of two activations (attention QK^T and PV): no weights. */
    MATMUL;

    /** @return whether operand B is a weight tensor (false for activation-activation products) */
    public boolean hasWeights() {
        return this != MATMUL;
    }
}
