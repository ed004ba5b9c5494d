package io.qdse.hwmodels.format;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.InvalidInputException;
import java.util.random.RandomGenerator;

/**
 * Bipolar integer: each of the {@code bits} bit planes is read as ±1 (bit b ↦ 2b − 1), so code c stands for
 * {@code 2c − (2^bits − 1)}: the odd integers from {@code −(2^bits − 1)} to {@code 2^bits − 1}, symmetric and without
 * zero. This is how arbitrary-precision tensor-core kernels (Ma et al., ASP-DAC 2025, "bipolar-INT") decompose
 * operands into 1-bit planes for XOR/AND-popcount MMAs; the ±1 reading is our interpretation of that paper (see
 * shared/reference/hardware-costs.md §4.4).
 *
 * @param bits number of bit planes, 1–16
 */
public record BipolarIntFormat(int bits) implements ScalarFormat {

    public BipolarIntFormat {
        require(bits >= 1 && bits <= 16, "bits", bits, "bipolar integers have 1 to 16 bit planes");
    }

    private long maxOdd() {
        return (1L << bits) - 1;
    }

    @Override
    public String name() {
        return "bipolar" + bits;
    }

    @Override
    public String description() {
        return bits + "-plane bipolar integer (each bit ±1): odd values in [" + (-maxOdd()) + ", " + maxOdd() + "]";
    }

    @Override
    public boolean signed() {
        return true;
    }

    @Override
    public boolean isValidCode(long code) {
        return code >= 0 && code < codeCount();
    }

    @Override
    public double decode(long code) {
        if (!isValidCode(code)) {
            throw new InvalidInputException("code", code, "must be in [0, " + codeCount() + ") for " + name());
        }
        return 2 * code - maxOdd();
    }

    @Override
    public long encode(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random) {
        return codeFor(value, rounding, overflow, random);
    }

    @Override
    public double quantize(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random) {
        return 2 * codeFor(value, rounding, overflow, random) - maxOdd();
    }

    private long codeFor(double value, RoundingMode rounding, Overflow overflow, RandomGenerator random) {
        if (Double.isNaN(value)) {
            throw new InvalidInputException("value", value, name() + " has no NaN code; clean the input first");
        }
        long max = codeCount() - 1;
        double limit = Math.scalb(1.0, 40);
        if (Math.abs(value) > limit) {
            return value < 0 ? 0 : max; // far beyond any bipolar range: saturate under every policy
        }
        double odd = roundToOdd(value, rounding, random);
        long code = ((long) odd + maxOdd()) / 2;
        if (code >= 0 && code <= max) {
            return code;
        }
        if (overflow == Overflow.SATURATE) {
            return code < 0 ? 0 : max;
        }
        return code & max;
    }

    /** Rounds to the grid of odd integers; ties (even integers) go to the neighbour with the even code. */
    private double roundToOdd(double v, RoundingMode rounding, RandomGenerator random) {
        if (Math.abs(v) < 1) {
            // between -1 and +1: the only tie is 0 exactly
            switch (rounding) {
                case STOCHASTIC:
                    return random.nextDouble() < (v + 1) / 2 ? 1 : -1;
                default:
                    if (v != 0) {
                        return v > 0 ? 1 : -1;
                    }
                    return codeIsEven(1) ? 1 : -1;
            }
        }
        // |v| >= 1: v - 1 is exact, so the lower odd neighbour and the distance to it are exact
        double lower = 2 * Math.floor((v - 1) / 2) + 1;
        double d = v - lower; // in [0, 2)
        switch (rounding) {
            case TOWARD_ZERO:
                return v > 0 ? lower : (d == 0 ? lower : lower + 2);
            case STOCHASTIC:
                return d > 0 && random.nextDouble() < d / 2 ? lower + 2 : lower;
            default:
                if (d < 1) {
                    return lower;
                }
                if (d > 1) {
                    return lower + 2;
                }
                return codeIsEven(lower) ? lower : lower + 2;
        }
    }

    private boolean codeIsEven(double oddValue) {
        return ((((long) oddValue + maxOdd()) / 2) & 1) == 0;
    }

    @Override
    public double maxFinite() {
        return maxOdd();
    }

    @Override
    public double minFinite() {
        return -maxOdd();
    }

    @Override
    public double minPositive() {
        return 1;
    }

    @Override
    public boolean hasInfinity() {
        return false;
    }

    @Override
    public boolean hasNaN() {
        return false;
    }

    @Override
    public boolean hasZero() {
        return false;
    }

    @Override
    public int lsbExponent() {
        return 0;
    }
}
