package io.qdse.hwmodels.format;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * Elements in a scalar format sharing one scale per block of {@code blockSize} consecutive elements (along the
 * reduction axis). The value of element i is {@code scale × element_i}.
 *
 * <p>OCP Microscaling (MX) v1.0: block 32, E8M0 power-of-two scale, elements FP8 E4M3/E5M2, FP6 E3M2/E2M3, FP4 E2M1
 * or INT8 (two's complement with an implicit 2^-6, modelled here as {@code int8:frac=6}). NVIDIA NVFP4: block 16,
 * FP8 E4M3 scale, FP4 E2M1 elements (plus a per-tensor FP32 scale, applied by the tensor quantizer).
 *
 * @param element   format of each element
 * @param blockSize elements per shared scale, 1–4096
 * @param scale     format of the shared scale (unsigned E8M0 for MX)
 */
public record BlockFormat(ScalarFormat element, int blockSize, ScalarFormat scale) implements NumberFormat {

    public BlockFormat {
        require(element != null, "element", null, "a scalar element format");
        require(scale != null, "scale", null, "a scalar scale format");
        require(blockSize >= 1 && blockSize <= 4096, "blockSize", blockSize, "must be in 1..4096");
        require(!(scale instanceof BipolarIntFormat), "scale", scale.name(),
                "a block scale must be a float or integer format");
    }

    /** @return whether every scale is a power of two (E8M0-style): then the OCP shared-exponent rule applies */
    public boolean powerOfTwoScale() {
        return scale instanceof MinifloatFormat && ((MinifloatFormat) scale).mantissaBits() == 0;
    }

    @Override
    public String name() {
        return Formats.nameOf(this);
    }

    /** @return the generic spelling {@code element/bK/scale} */
    public String genericName() {
        return element.name() + "/b" + blockSize + "/" + scale.name();
    }

    @Override
    public int elementBits() {
        return element.bits();
    }

    @Override
    public double bitsPerElement() {
        return element.bits() + (double) scale.bits() / blockSize;
    }

    @Override
    public String description() {
        return "block format: " + element.name() + " elements, one " + scale.name() + " scale per " + blockSize
                + " (" + Formats.formatValue(bitsPerElement()) + " bits/element)";
    }

    /** @return {@code floor(log2(max finite element))}: the OCP MX "emax_elem" */
    public int elementMaxExponent() {
        return Math.getExponent(element.maxFinite());
    }

    /**
     * The shared scale of one block with the given largest magnitude, as a value of the scale format.
     * Power-of-two scales use the OCP MX v1.0 rule {@code 2^(floor(log2(absmax)) − emax_elem)} (elements then
     * saturate); other scales use {@code absmax / max_elem} rounded to nearest in the scale format (NVFP4 recipe).
     * An all-zero block gets the smallest positive scale.
     *
     * @param absMax the largest |value| in the block (already divided by any per-tensor scale)
     */
    public double chooseScale(double absMax) {
        if (!(absMax > 0) || Double.isInfinite(absMax)) {
            return absMax > 0 ? scale.maxFinite() : scale.minPositive();
        }
        double raw;
        if (powerOfTwoScale()) {
            raw = Math.scalb(1.0, Math.getExponent(absMax) - elementMaxExponent());
        } else {
            raw = absMax / element.maxFinite();
        }
        double s = scale.quantize(raw, RoundingMode.NEAREST_EVEN, Overflow.SATURATE, null);
        return s > 0 ? s : scale.minPositive();
    }
}
