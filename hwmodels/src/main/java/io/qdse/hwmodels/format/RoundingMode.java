package io.qdse.hwmodels.format;

/** How a value between two representable neighbours is rounded. */
public enum RoundingMode {
    /** IEEE 754 roundTiesToEven: nearest, ties to the neighbour whose code has an even last bit. */
    NEAREST_EVEN,
    /** Up with probability equal to the distance from the lower neighbour over the gap; needs a seeded generator. */
    STOCHASTIC,
    /** Truncation toward zero (what a datapath without rounding logic does). */
    TOWARD_ZERO
}
