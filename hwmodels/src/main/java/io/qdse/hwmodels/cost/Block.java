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
 */
public record Block(String name, Map<Component, Double> counts, double delayStages) {

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

        public Block build() {
            return new Block(name, counts, delay);
        }
    }
}
