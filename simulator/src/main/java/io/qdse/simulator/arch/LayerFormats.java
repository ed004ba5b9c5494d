package io.qdse.simulator.arch;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.AccumulatorSpecs;
import io.qdse.hwmodels.format.NumberFormat;

/**
 * The number formats one layer runs in.
 *
 * @param weight      format of weights (operand B)
 * @param activation  format of input activations (operand A)
 * @param accumulator the MAC accumulator (partial sums have its width); a fixed-point one must hold one weight x
 *                    activation product ({@link AccumulatorSpecs#requireHoldsProduct}; a KV format given explicitly is
 *                    checked where it is given, {@link FormatsSpec})
 * @param output      format outputs are written back in (the next layer's activation format, usually)
 * @param kv          format of the KV cache (operand B of {@link io.qdse.simulator.workload.OpKind#KV_MATMUL}
 *                    ops); the activation format unless set
 */
public record LayerFormats(NumberFormat weight, NumberFormat activation, AccumulatorSpec accumulator,
                           NumberFormat output, NumberFormat kv) {

    public LayerFormats {
        require(weight != null, "formats.w", null, "a weight format");
        require(activation != null, "formats.a", null, "an activation format");
        require(accumulator != null, "formats.acc", null, "an accumulator");
        require(output != null, "formats.out", null, "an output format");
        require(kv != null, "formats.kv", null, "a KV-cache format");
        AccumulatorSpecs.requireHoldsProduct(accumulator, AccumulatorSpecs.element(weight),
                AccumulatorSpecs.element(activation), "formats.acc", null);
    }

    /** Formats whose KV cache is kept in the activation format. */
    public LayerFormats(NumberFormat weight, NumberFormat activation, AccumulatorSpec accumulator,
                        NumberFormat output) {
        this(weight, activation, accumulator, output, activation);
    }

    /** @return e.g. {@code w=int8,a=int8,acc=int32,out=int8} (with {@code ,kv=F} when the KV cache differs) */
    public String describe() {
        return "w=" + weight.name() + ",a=" + activation.name() + ",acc=" + accumulator.name() + ",out="
                + output.name() + (kv.equals(activation) ? "" : ",kv=" + kv.name());
    }
}
