package io.qdse.simulator.arch;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * One operand's on-chip scratchpad, double-buffered: half is computed from while the other half is filled.
 *
 * @param sizeBytes capacity in bytes
 * @param banks     banks (an access touches one; energy per access is that of one bank)
 */
public record MemorySpec(long sizeBytes, int banks) {

    public MemorySpec {
        require(sizeBytes > 0, "sram size", sizeBytes + " B", "must be > 0 bytes");
        require(banks >= 1 && banks <= 4096, "sram banks", banks, "must be in 1..4096");
    }

    public static MemorySpec kib(long kib) {
        return new MemorySpec(kib * 1024, 1);
    }

    /** @return capacity in bits */
    public long bits() {
        return sizeBytes * 8;
    }
}
