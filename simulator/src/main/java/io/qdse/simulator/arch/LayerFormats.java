package io.qdse.simulator.arch;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.format.NumberFormat;

/**
 * The number formats one layer runs in.
 *
 * @param weight      format of weights (operand B)
 * @param activation  format of input activations (operand A)
 * @param accumulator the MAC accumulator (partial sums have its width)
 * @param output      format outputs are written back in (the next layer's activation format, usually)
 */
public record LayerFormats(NumberFormat weight, NumberFormat activation, AccumulatorSpec accumulator,
                           NumberFormat output) {

    public LayerFormats {
        require(weight != null, "formats.w", null, "a weight format");
        require(activation != null, "formats.a", null, "an activation format");
        require(accumulator != null, "formats.acc", null, "an accumulator");
        require(output != null, "formats.out", null, "an output format");
    }

    /** @return e.g. {@code w=int8,a=int8,acc=int32,out=int8} */
    public String describe() {
        return "w=" + weight.name() + ",a=" + activation.name() + ",acc=" + accumulator.name() + ",out="
                + output.name();
    }
}
