package io.qdse.simulator.arch;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * One operand's on-chip scratchpad, double-buffered: half is computed from while the other half is filled.
 *
 * @param sizeBytes capacity in bytes, 1 B to 64 GiB ({@link Ranges#SRAM_BYTES_MAX})
 * @param banks     banks (an access touches one; energy per access is that of one bank)
 */
public record MemorySpec(long sizeBytes, int banks) {

    public MemorySpec {
        require(sizeBytes > 0 && sizeBytes <= Ranges.SRAM_BYTES_MAX, "sram size", sizeBytes + " B",
                "must be in 1 B..64 GiB (" + (Ranges.SRAM_BYTES_MAX / 1024) + " KiB)");
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
