package io.qdse.simulator.workload.onnx;

import java.util.Arrays;

/**
 * What shape inference knows about one tensor of an ONNX graph: its shape (null when even the rank is unknown; -1
 * for an unknown dimension), its contents when they are small and computable (shape arithmetic, kept as doubles whatever the element
 * type), and the
 * constant tensor it is when it is a weight (initializer or {@code Constant}, possibly through Identity/Cast).
 */
record Value(long[] shape, double[] vals, OnnxTensor constant) {
    static final Value UNKNOWN = new Value(null, null, null);

    static Value ofShape(long... shape) {
        return new Value(shape, null, null);
    }

    static Value vals(long[] shape, double[] vals) {
        return new Value(shape, vals, null);
    }

    boolean knownShape() {
        if (shape == null) {
            return false;
        }
        for (long d : shape) {
            if (d < 0) {
                return false;
            }
        }
        return true;
    }

    int rank() {
        return shape == null ? -1 : shape.length;
    }

    long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return (shape == null ? "?" : Arrays.toString(shape)) + (vals != null && vals.length <= 8
                ? "=" + Arrays.toString(vals) : "") + (constant != null ? " const " + constant.name() : "");
    }
}
