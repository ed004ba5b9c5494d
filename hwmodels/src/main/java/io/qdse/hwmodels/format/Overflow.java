package io.qdse.hwmodels.format;

/** What happens to a value whose magnitude is beyond the largest finite value after rounding. */
public enum Overflow {
    /** Clamp to ±max finite (the OCP recommendation for ML, and what Brevitas' quantizers do). */
    SATURATE,
    /**
     * The format's own overflow result: ±inf for IEEE-style formats, NaN for FN/FNUZ formats, two's-complement
     * wrap-around for integers. Formats that have neither infinity nor NaN (OCP FP6/FP4) saturate.
     */
    OVERFLOW
}
