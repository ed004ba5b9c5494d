package io.qdse.hwmodels.quant;

/**
 * The outcome of quantizing a tensor: the dequantized values and the error statistics.
 *
 * @param quantized    dequantized values (scale × element), same order and shape as the input
 * @param scales       one scale per group, in group order (per-tensor: 1; per-channel: one per channel; per-block:
 *                     one per block in row-major order; NVFP4-style: block scales already include the tensor scale)
 * @param errorSquared ‖Q(W) − W‖², the sum of squared errors
 * @param mse          errorSquared / element count
 * @param signalPower  Σ x², for SQNR
 * @param sqnrDb       10·log10(Σx² / Σ(x − Q(x))²); +∞ when the quantization is exact
 * @param saturated    number of elements whose magnitude was clipped
 */
public record QuantizationResult(double[] quantized, double[] scales, double errorSquared, double mse,
                                 double signalPower, double sqnrDb, long saturated) {

    /** @return the element count */
    public int count() {
        return quantized.length;
    }
}
