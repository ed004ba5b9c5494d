package io.qdse.simulator.arch;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.memory.DramType;

/**
 * Off-chip memory: technology (energy per bit) and sustained bandwidth.
 *
 * @param type         DRAM family, for pJ/bit
 * @param bandwidthGBs sustained bandwidth in GB/s (10^9 bytes per second), 0.001 to 1,000,000 ({@link Ranges})
 */
public record DramSpec(DramType type, double bandwidthGBs) {

    public DramSpec {
        require(type != null, "dram type", null, "a DRAM type such as lpddr4, hbm2");
        Ranges.require(bandwidthGBs, Ranges.DRAM_GBS_MIN, Ranges.DRAM_GBS_MAX, "GB/s", "arch.dram.bandwidth_gbs");
    }

    /** @return bits the interface moves per clock cycle of a {@code clockMhz} design */
    public double bitsPerCycle(double clockMhz) {
        return bandwidthGBs * 8e9 / (clockMhz * 1e6);
    }
}
