package io.qdse.hwmodels.quant;

/** Which elements share one scale. */
public enum Granularity {
    /** One scale for the whole tensor. */
    PER_TENSOR,
    /** One scale per index along {@link QuantizationSpec#axis()} (output channels of a weight, axis 0). */
    PER_CHANNEL,
    /** One scale per block of consecutive elements along the last axis (the reduction axis of a GEMM weight). */
    PER_BLOCK
}
