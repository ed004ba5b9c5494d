package io.qdse.hwmodels.quant;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Random;

/** Synthetic weight matrices for comparing formats when no model is at hand. */
public final class SyntheticWeights {
    private SyntheticWeights() {
    }

    /**
     * Gaussian weights (sigma 0.02) with 0.1 % of entries scaled ×10, as in LLM weight matrices with outliers.
     *
     * @return {@code rows × cols} values, row-major, the same for the same seed
     */
    public static double[] gaussianWithOutliers(int rows, int cols, long seed) {
        if (rows < 1 || cols < 1 || (long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("rows x cols", rows + "x" + cols, "a positive size that fits an array");
        }
        Random r = new Random(seed);
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.02 * r.nextGaussian();
            if (r.nextDouble() < 0.001) {
                w[i] *= 10;
            }
        }
        return w;
    }
}
