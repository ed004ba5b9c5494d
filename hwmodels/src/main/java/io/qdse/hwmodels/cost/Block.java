package io.qdse.hwmodels.cost;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A named sub-block of a datapath (e.g. "significand multiplier") with its cell counts and its logic depth.
 *
 * @param name        what the block is
 * @param counts      cell counts per component
 * @param delayStages logic depth in gate delays (calibrated to ns per technology)
 * @param multiplier  for the two halves of a multiplier (array and final adder), its shape; null otherwise. FPGA
 *                    mapping costs a multiplier as one unit (LUT fabric or DSP) from this shape.
 * @param share       fraction of the block each operation uses: 1, or 1/k for logic shared by a block of k elements
 *                    (the counts are already multiplied by it)
 */
public record Block(String name, Map<Component, Double> counts, double delayStages, MultiplierShape multiplier,
                    double share) {

    /**
     * @param a          width of the first operand (bits, sign included)
     * @param b          width of the second operand
     * @param signed     two's-complement operands
     * @param finalAdder true for the carry-propagate adder half, false for the partial-product array half
     */
    public record MultiplierShape(int a, int b, boolean signed, boolean finalAdder) {
    }

    public Block {
        EnumMap<Component, Double> copy = new EnumMap<>(Component.class);
        copy.putAll(counts);
        counts = Collections.unmodifiableMap(copy);
    }

    /** @return the count of one component (0 if absent) */
    public double count(Component c) {
        return counts.getOrDefault(c, 0.0);
    }

    /** Starts a block description. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Collects counts for one block. */
    public static final class Builder {
        private final String name;
        private final EnumMap<Component, Double> counts = new EnumMap<>(Component.class);
        private double delay;
        private MultiplierShape multiplier;
        private double share = 1.0;

        private Builder(String name) {
            this.name = name;
        }

        public Builder add(Component c, double n) {
            if (n != 0) {
                counts.merge(c, n, Double::sum);
            }
            return this;
        }

        public Builder delay(double stages) {
            this.delay = stages;
            return this;
        }

        public Builder multiplier(MultiplierShape shape) {
            this.multiplier = shape;
            return this;
        }

        public Builder share(double s) {
            this.share = s;
            return this;
        }

        public Block build() {
            return new Block(name, counts, delay, multiplier, share);
        }
    }
}
