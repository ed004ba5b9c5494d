package io.qdse.hwmodels.arith;

/**
 * What a MAC accumulates into: a fixed-point register (an integer accumulator, or an exact Kulisch register of
 * computed width) or a floating-point register that rounds after every add.
 */
public sealed interface AccumulatorSpec permits FixedPointAccumulator, FloatAccumulator {

    /** @return the name users type, e.g. {@code int32}, {@code int32:sat}, {@code fp32}, {@code kulisch} */
    String name();

    /** @return bits of the accumulator register */
    int registerBits();

    /**
     * Starts one accumulation (one dot product).
     *
     * @param productLsbExponent every product is a multiple of {@code 2^productLsbExponent} (the sum of the two
     *                           operand formats' {@code lsbExponent}); fixed-point registers count in that unit
     */
    Accumulator start(int productLsbExponent);
}
