package io.qdse.hwmodels.quant;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.Overflow;
import io.qdse.hwmodels.format.RoundingMode;

/**
 * How to quantize a tensor.
 *
 * <p>Scalar formats get a scale {@code s = clip / max_finite} per group (rounded to fp32, as frameworks store
 * scales), symmetric around zero; unsigned integer formats get an affine (scale, zero point) mapping of
 * {@code [min(x,0), max(x,0)]}. Block formats always use their own blocks and scale rule
 * ({@link BlockFormat#chooseScale}); block formats whose scale is not a power of two (NVFP4) also get a per-tensor
 * fp32 scale {@code absmax / (max_element × max_scale)}, as in NVIDIA's two-level NVFP4 recipe.
 *
 * @param format      target format
 * @param granularity scale sharing; ignored (must be PER_BLOCK or PER_TENSOR) for block formats
 * @param axis        channel axis for PER_CHANNEL
 * @param blockSize   block length for PER_BLOCK with a scalar format
 * @param clip        clipping rule
 * @param rounding    rounding of elements
 * @param overflow    overflow policy of elements (scaled values rarely overflow; SATURATE is the norm)
 * @param seed        seed of the stochastic-rounding stream (consumed scale group by scale group)
 */
public record QuantizationSpec(NumberFormat format, Granularity granularity, int axis, int blockSize,
                               ClipMethod clip, RoundingMode rounding, Overflow overflow, long seed) {

    public QuantizationSpec {
        require(format != null, "format", null, "a number format");
        require(granularity != null, "granularity", null, "per-tensor, per-channel or per-block");
        require(axis >= 0, "axis", axis, "must be >= 0");
        require(blockSize >= 1, "block-size", blockSize, "must be >= 1");
        require(clip != null, "clip", null, "absmax or mse");
        require(rounding != null, "rounding", null, "nearest-even, stochastic or toward-zero");
        require(overflow != null, "overflow", null, "saturate or overflow");
        require(!(format instanceof BlockFormat) || granularity != Granularity.PER_CHANNEL, "granularity",
                "per-channel", format.name() + " is a block format: its scale is shared per block of "
                        + (format instanceof BlockFormat ? ((BlockFormat) format).blockSize() : 0));
    }

    /** Per-tensor, absmax, round to nearest even, saturating: the plain default. */
    public static QuantizationSpec of(NumberFormat format) {
        return new QuantizationSpec(format, Granularity.PER_TENSOR, 0, 32, ClipMethod.ABSMAX,
                RoundingMode.NEAREST_EVEN, Overflow.SATURATE, 0L);
    }

    public QuantizationSpec withGranularity(Granularity g, int newAxis, int newBlockSize) {
        return new QuantizationSpec(format, g, newAxis, newBlockSize, clip, rounding, overflow, seed);
    }

    public QuantizationSpec withClip(ClipMethod c) {
        return new QuantizationSpec(format, granularity, axis, blockSize, c, rounding, overflow, seed);
    }

    public QuantizationSpec withRounding(RoundingMode r, long newSeed) {
        return new QuantizationSpec(format, granularity, axis, blockSize, clip, r, overflow, newSeed);
    }

    public QuantizationSpec withOverflow(Overflow o) {
        return new QuantizationSpec(format, granularity, axis, blockSize, clip, rounding, o, seed);
    }
}
