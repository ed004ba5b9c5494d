package io.qdse.hwmodels.tech;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * One FPGA device with its resource totals, for utilisation figures.
 *
 * @param name   the name users type after {@code fpga:}, e.g. {@code xcvu9p}
 * @param family architecture family
 * @param luts   LUTs on the device (iCE40: logic cells, each one LUT4 + FF)
 * @param ffs    flip-flops
 * @param dsps   DSP blocks (0 where there are none)
 * @param bramKbit block RAM in Kbit
 * @param source datasheet the totals come from
 */
public record FpgaPart(String name, FpgaFamily family, long luts, long ffs, int dsps, long bramKbit, String source)
        implements Target {

    public FpgaPart {
        require(luts > 0, "luts", luts, "must be > 0");
        require(dsps >= 0, "dsps", dsps, "must be >= 0");
    }

    /** @return whether the part has DSP blocks */
    public boolean hasDsp() {
        return dsps > 0;
    }
}
