package io.qdse.hwmodels.cost;

import io.qdse.hwmodels.tech.AsicTechnology;
import java.util.List;

/**
 * Estimated cost of one operation on an ASIC technology.
 *
 * @param op        what was costed (null for a structure that is not one operation, e.g. a bit-serial PE)
 * @param tech      node and voltage
 * @param areaUm2   area of one unit, µm²
 * @param energyPj  energy per operation, pJ (dynamic; leakage is accounted per design in the simulator)
 * @param delayNs   critical-path delay, ns (combinational path plus, for MACs, the accumulator register)
 * @param breakdown area and energy per block
 */
public record AsicCost(OpSpec op, AsicTechnology tech, double areaUm2, double energyPj, double delayNs,
                       List<BlockCost> breakdown) {

    public AsicCost {
        breakdown = List.copyOf(breakdown);
    }

    /**
     * @param block    block name
     * @param areaUm2  µm²
     * @param energyPj pJ per operation
     */
    public record BlockCost(String block, double areaUm2, double energyPj) {
    }
}
