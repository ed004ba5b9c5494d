package io.qdse.hwmodels.memory;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Locale;

/**
 * Off-chip DRAM families and their access energy per bit (interface included where the source says so), each with
 * its source. Energy per access = bits moved × pJ/bit; reads and writes cost the same in these sources. LPDDR5 and
 * DDR5 are absent on purpose: no defensible published per-bit figure was found (simulator configs for them carry
 * placeholder currents), so a user must supply their own figure rather than get an invented one.
 */
public enum DramType {
    /** Chatterjee et al., MICRO 2017, as used by Accelergy (hwcomponents-cacti {@code type2energy}). */
    DDR3("ddr3", 70, "Chatterjee et al., MICRO'17, via Accelergy hwcomponents-cacti type2energy (before 0355a78)"),
    /** Jouppi et al., ISCA 2021 ("Ten lessons ... TPUv4i"), Table 2: DDR3/4 1,300 pJ per 64-bit access. */
    DDR4("ddr4", 20.3, "Jouppi et al., ISCA'21, Table 2: 1300 pJ per 64-bit DDR3/4 access (secondary transcription)"),
    /** Malladi et al., ISCA 2012, as used by Accelergy. */
    LPDDR("lpddr", 40, "Malladi et al., ISCA'12, via Accelergy hwcomponents-cacti type2energy (before 0355a78)"),
    /** Accelergy's "public data" figure for LPDDR4. */
    LPDDR4("lpddr4", 8, "Accelergy hwcomponents-cacti type2energy, 'public data' (before 0355a78)"),
    /** Accelergy's GDDR5 figure (O'Connor et al., MICRO 2017 report 14 pJ/bit for GDDR5). */
    GDDR5("gddr5", 14, "Accelergy hwcomponents-cacti type2energy (before 0355a78); O'Connor et al., MICRO'17"),
    /** Micron, "Ultra-Bandwidth Solutions", average device power 7.5 pJ/bit. */
    GDDR6("gddr6", 7.5, "Micron 'Ultra-Bandwidth Solutions' product page: GDDR6 average device power 7.5 pJ/bit"),
    /** Accelergy's HBM2 figure (O'Connor et al., MICRO 2017: 3.9 pJ/bit). */
    HBM2("hbm2", 3.9, "Accelergy hwcomponents-cacti type2energy (before 0355a78); O'Connor et al., MICRO'17"),
    /** Micron, "Ultra-Bandwidth Solutions", average device power 6.0 pJ/bit (counts more of the device than HBM2's). */
    HBM2E("hbm2e", 6.0, "Micron 'Ultra-Bandwidth Solutions' product page: HBM2E average device power 6.0 pJ/bit"),
    /**
     * AttAcc (Park et al., ASPLOS 2024) simulator {@code src/config.py}: (0.11 + 0.44 + 1.01 + 1.23 + 0.5 + 0.3)
     * pJ/B for activation, cell, on-die movement, TSV and interposer I/O; derived from the MICRO'17 HBM2 components.
     */
    HBM3("hbm3", 3.59, "AttAcc simulator (scale-snu/attacc_simulator src/config.py): 3.59 pJ/bit, from HBM2 parts"),
    /** Hybrid Memory Cube, as used by Accelergy. */
    HMC("hmc", 4.2, "Accelergy hwcomponents DRAM type2energy (doi 10.1145/3093336.3037702)"),
    /** Horowitz, ISSCC 2014: 640 pJ per 32-bit DRAM read at 45 nm. */
    HOROWITZ_45NM("horowitz45", 20, "Horowitz ISSCC'14 table: 640 pJ per 32-bit read");

    private final String key;
    private final double pjPerBit;
    private final String source;

    DramType(String key, double pjPerBit, String source) {
        this.key = key;
        this.pjPerBit = pjPerBit;
        this.source = source;
    }

    /** @return the name users type, e.g. {@code hbm2} */
    public String key() {
        return key;
    }

    /** @return access energy, pJ per bit */
    public double pjPerBit() {
        return pjPerBit;
    }

    public String source() {
        return source;
    }

    /** @return energy of moving {@code bits} bits, pJ */
    public double energyPj(double bits) {
        return bits * pjPerBit;
    }

    /** @throws InvalidInputException naming {@code field} and the known types */
    public static DramType parse(String text, String field) {
        if (text != null) {
            String k = text.trim().toLowerCase(Locale.ROOT);
            for (DramType t : values()) {
                if (t.key.equals(k)) {
                    return t;
                }
            }
        }
        StringBuilder known = new StringBuilder();
        for (DramType t : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(t.key);
        }
        throw new InvalidInputException(field, text, "unknown DRAM type; known: " + known);
    }
}
