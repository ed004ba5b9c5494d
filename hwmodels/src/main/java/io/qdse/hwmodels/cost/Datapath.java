package io.qdse.hwmodels.cost;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The structure of one arithmetic unit: stages in series, blocks within a stage in parallel. Delay is the sum
 * over stages of the slowest block; area and energy sum over all blocks.
 *
 * @param description what unit this is, e.g. "MAC fp8_e4m3 x fp8_e4m3 -> fp32"
 * @param stages      blocks grouped by pipeline position
 * @param amortised   blocks shared by many elements (block-format scale logic), already divided by the share
 */
public record Datapath(String description, List<List<Block>> stages, List<Block> amortised) {

    public Datapath {
        List<List<Block>> copy = new ArrayList<>();
        for (List<Block> s : stages) {
            copy.add(List.copyOf(s));
        }
        stages = List.copyOf(copy);
        amortised = List.copyOf(amortised);
    }

    /** @return every block, stages first, then amortised blocks */
    public List<Block> blocks() {
        List<Block> all = new ArrayList<>();
        stages.forEach(all::addAll);
        all.addAll(amortised);
        return all;
    }

    /** @return total count per component */
    public Map<Component, Double> totals() {
        EnumMap<Component, Double> t = new EnumMap<>(Component.class);
        for (Block b : blocks()) {
            b.counts().forEach((c, n) -> t.merge(c, n, Double::sum));
        }
        return t;
    }

    /** @return critical-path logic depth in gate delays (amortised blocks are off the per-element path) */
    public double criticalPathStages() {
        double d = 0;
        for (List<Block> s : stages) {
            double m = 0;
            for (Block b : s) {
                m = Math.max(m, b.delayStages());
            }
            d += m;
        }
        return d;
    }
}
