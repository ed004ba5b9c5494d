package io.qdse.hwmodels.quant;

/** How the clipping range (and from it the scale) of each scale group is chosen. */
public enum ClipMethod {
    /** Clip at the largest magnitude: nothing saturates. */
    ABSMAX,
    /**
     * Clip at the fraction of the largest magnitude that minimises the group's quantization MSE, searched on a grid
     * (coarse 5 % steps from 5 % to 100 %, then 0.25 % steps around the best); for block formats, the scale code
     * among the absmax rule's neighbours that minimises the block's MSE.
     */
    MSE
}
