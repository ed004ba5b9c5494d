package io.qdse.hwmodels.memory;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * An on-chip SRAM: capacity, access width and number of banks (an access touches one bank).
 *
 * @param sizeBytes total capacity in bytes
 * @param widthBits bits read or written per access
 * @param banks     independent banks the capacity is split into
 */
public record SramSpec(long sizeBytes, int widthBits, int banks) {

    public SramSpec {
        if (!(sizeBytes > 0 && widthBits >= 1 && widthBits <= 8192 && banks >= 1 && banks <= 4096
                && sizeBytes / banks * 8 >= widthBits)) {
            refuse(sizeBytes, widthBits, banks); // messages built only when refused (sweeps make millions of these)
        }
    }

    private static void refuse(long sizeBytes, int widthBits, int banks) {
        require(sizeBytes > 0, "sram size", sizeBytes + " B", "must be > 0 bytes");
        require(widthBits >= 1 && widthBits <= 8192, "sram width", widthBits + " bits", "must be in 1..8192 bits");
        require(banks >= 1 && banks <= 4096, "sram banks", banks, "must be in 1..4096");
        require(sizeBytes / banks * 8 >= widthBits, "sram size", sizeBytes + " B",
                "each of the " + banks + " banks must hold at least one " + widthBits + "-bit word");
    }

    /** @return bytes per bank */
    public double bankBytes() {
        return (double) sizeBytes / banks;
    }
}
