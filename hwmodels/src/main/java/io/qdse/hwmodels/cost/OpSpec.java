package io.qdse.hwmodels.cost;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.AccumulatorSpecs;
import io.qdse.hwmodels.format.NumberFormat;

/**
 * One operation to cost.
 *
 * @param op        mul, add or mac
 * @param a         first operand format (block formats are costed per element plus amortised scale logic)
 * @param b         second operand format
 * @param acc       accumulator (MAC only; null otherwise); a fixed-point one must hold one product
 *                  ({@link AccumulatorSpecs#requireHoldsProduct})
 * @param dotLength products per accumulation: sizes Kulisch registers and the amortisation of block scales
 */
public record OpSpec(Operation op, NumberFormat a, NumberFormat b, AccumulatorSpec acc, long dotLength) {

    public OpSpec {
        require(op != null, "op", null, "mul, add or mac");
        require(a != null, "a", null, "a format");
        require(b != null, "b", null, "a format");
        require(op != Operation.MAC || acc != null, "acc", null, "a MAC needs an accumulator (e.g. int32, fp32)");
        require(dotLength >= 1, "dot-length", dotLength, "must be >= 1");
        if (acc != null) {
            AccumulatorSpecs.requireHoldsProduct(acc, AccumulatorSpecs.element(a), AccumulatorSpecs.element(b), "acc",
                    null);
        }
    }

    public static OpSpec mul(NumberFormat a, NumberFormat b) {
        return new OpSpec(Operation.MUL, a, b, null, 1);
    }

    public static OpSpec add(NumberFormat a, NumberFormat b) {
        return new OpSpec(Operation.ADD, a, b, null, 1);
    }

    public static OpSpec mac(NumberFormat a, NumberFormat b, AccumulatorSpec acc, long dotLength) {
        return new OpSpec(Operation.MAC, a, b, acc, dotLength);
    }

    /** @return e.g. {@code mac fp8_e4m3 x fp8_e4m3 -> fp32} */
    public String describe() {
        switch (op) {
            case MUL:
                return "mul " + a.name() + " x " + b.name();
            case ADD:
                return "add " + a.name() + " + " + b.name();
            default:
                return "mac " + a.name() + " x " + b.name() + " -> " + acc.name();
        }
    }
}
