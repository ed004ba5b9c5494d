package io.qdse.simulator.fpga.finn;

/**
 * The Xilinx/finn code whose analytical estimates {@link FinnEstimates} reproduces.
 *
 * <p>Formula sharing, read from FINN's sources (the estimate methods of every dataflow node, compared version to
 * version):
 * <ul>
 * <li>{@link #V0_8} and {@link #V0_8_1} have identical estimate code for every node kind covered here (the only
 *     estimate change between them is {@code Pool_Batch.get_exp_cycles}).</li>
 * <li>{@link #V0_9} keeps the MVAU, Thresholding and data-width-converter formulas of v0.8, and changes VVAU (memory
 *     mode and RAM style now decide BRAM/LUTRAM, URAM estimated), the FIFO (depth adjusted to the implementation's)
 *     and adds the RTL sliding-window generator.</li>
 * <li>{@link #CURRENT} (commit 39f0c9a6b, April 2026; its estimate code is the same as release v0.10.1) splits every
 *     node into an HLS and an RTL variant, bounds the MVAU/VVAU accumulator width, adds SIMD to the VVAU, the RTL
 *     MVAU/VVAU DSP counts per DSP block and the RTL Thresholding memory model; memory modes are renamed
 *     ({@code const} → {@code internal_embedded}, {@code decoupled} → {@code internal_decoupled}).</li>
 * </ul>
 */
public enum FinnVersion {
    /** Release v0.8, tag commit fe4a150c (13 Jul 2022). */
    V0_8("v0.8", "fe4a150cb68ae146f99b3f2d685509e0c2022da7"),
    /** Release v0.8.1, tag commit 96c0f5e3 (14 Jul 2022). */
    V0_8_1("v0.8.1", "96c0f5e3678abd7b1eaab2a2b4f8e937ac1f48b8"),
    /** Release v0.9, tag commit cdc5ec4b (10 Feb 2023). */
    V0_9("v0.9", "cdc5ec4b0dde59d5d8de0a5359aae529816376af"),
    /** Today's code: commit 39f0c9a6b (14 Apr 2026), estimate code identical to release v0.10.1. */
    CURRENT("39f0c9a", "39f0c9a6b7675f62d47390fbf9a591707bcbac9b");

    private final String label;
    private final String commit;

    FinnVersion(String label, String commit) {
        this.label = label;
        this.commit = commit;
    }

    /** @return the tag, or the short commit for {@link #CURRENT} (the name of the golden-data folder) */
    public String label() {
        return label;
    }

    /** @return the full git commit of Xilinx/finn */
    public String commit() {
        return commit;
    }

    /**
     * @return whether nodes come in HLS and RTL variants ({@code MVAU_hls}, {@code MVAU_rtl}, …) and DSP estimates
     *         read the FPGA part (FINN ≥ v0.10)
     */
    public boolean hasHlsRtlSplit() {
        return this == CURRENT;
    }

    /**
     * Parses {@code v0.8}, {@code 0.8.1}, {@code v0.9}, {@code current}, {@code 39f0c9a} (any prefix of the commit
     * of at least seven digits), an enum name, or {@code v0.10.1} (whose estimate code is today's).
     *
     * @throws io.qdse.hwmodels.InvalidInputException naming the value and the versions known
     */
    public static FinnVersion parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        for (FinnVersion v : values()) {
            if (t.equals(v.label) || t.equals(v.label.replaceFirst("^v", "")) || t.equals(v.name().toLowerCase(
                    java.util.Locale.ROOT)) || (t.length() >= 7 && v.commit.startsWith(t))) {
                return v;
            }
        }
        if (t.equals("v0.10.1") || t.equals("0.10.1")) {
            return CURRENT;
        }
        throw new io.qdse.hwmodels.InvalidInputException("finn version", text,
                "one of v0.8, v0.8.1, v0.9, v0.10.1, current (39f0c9a)");
    }
}
