package io.qdse.hwmodels.format;

import java.util.Objects;
import java.util.random.RandomGenerator;

/** Rounding of a double to an integer-valued double under a {@link RoundingMode}. */
final class Rounder {
    private Rounder() {
    }

    /**
     * @param r      a value in units of the target grid's spacing
     * @param random required for {@link RoundingMode#STOCHASTIC}
     * @return an integer-valued double
     */
    static double round(double r, RoundingMode mode, RandomGenerator random) {
        switch (mode) {
            case NEAREST_EVEN:
                return Math.rint(r);
            case TOWARD_ZERO:
                return r < 0 ? Math.ceil(r) : Math.floor(r);
            case STOCHASTIC: {
                Objects.requireNonNull(random, "stochastic rounding needs a seeded random generator");
                double lo = Math.floor(r);
                double frac = r - lo; // exact: r and lo are within one binade of each other
                return frac > 0 && random.nextDouble() < frac ? lo + 1 : lo;
            }
            default:
                throw new IllegalStateException("unhandled rounding mode " + mode);
        }
    }
}
