package io.qdse.search.sensitivity;

import java.util.function.Supplier;

/**
 * One layer's weight tensor in canonical form: a matrix of {@code rows} output channels by {@code cols} elements
 * each (the reduction dimensions flattened, contiguous), so that per-channel scaling runs over rows and MX-style
 * blocks over the reduction dimension whatever layout the source stored.
 *
 * @param layer  layer name
 * @param rows   output channels
 * @param cols   elements per output channel
 * @param data   the row-major values (decoded on demand)
 * @param source where the tensor came from (file, initializer, Constant node, subgraph)
 */
public record LayerWeights(String layer, int rows, int cols, Supplier<double[]> data, String source) {

    public long elements() {
        return (long) rows * cols;
    }

    /**
     * Moves {@code axis} to the front and flattens the rest: the canonical layout.
     *
     * @param dims tensor dimensions
     * @return the reordered values
     */
    public static double[] moveAxisToFront(double[] data, long[] dims, int axis) {
        if (axis == 0) {
            return data;
        }
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= dims[i];
        }
        long n = dims[axis];
        long inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= dims[i];
        }
        double[] out = new double[data.length];
        int p = 0;
        for (long c = 0; c < n; c++) {
            for (long o = 0; o < outer; o++) {
                long base = (o * n + c) * inner;
                for (long i = 0; i < inner; i++) {
                    out[p++] = data[(int) (base + i)];
                }
            }
        }
        return out;
    }
}
