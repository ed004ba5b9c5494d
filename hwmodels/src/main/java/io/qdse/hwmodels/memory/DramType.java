package io.qdse.hwmodels.memory;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Locale;

/**
 * Off-chip DRAM families and their access energy per bit (interface included), each with its source. Energy per
 * access = bits moved × pJ/bit; reads and writes cost the same in these sources.
 */
public enum DramType {
    /** Chatterjee et al., MICRO 2017, as used by Accelergy (hwcomponents-cacti {@code type2energy}). */
    DDR3("ddr3", 70, "Chatterjee et al., MICRO'17, via Accelergy hwcomponents-cacti type2energy"),
    /** Malladi et al., ISCA 2012, as used by Accelergy. */
    LPDDR("lpddr", 40, "Malladi et al., ISCA'12, via Accelergy hwcomponents-cacti type2energy"),
    /** Accelergy's "public data" figure for LPDDR4. */
    LPDDR4("lpddr4", 8, "Accelergy hwcomponents-cacti type2energy ('public data')"),
    /** Accelergy's GDDR5 figure (O'Connor et al., MICRO 2017 report 14 pJ/bit for GDDR5). */
    GDDR5("gddr5", 14, "Accelergy hwcomponents-cacti type2energy; O'Connor et al., MICRO'17"),
    /** Accelergy's HBM2 figure (O'Connor et al., MICRO 2017: 3.9 pJ/bit). */
    HBM2("hbm2", 3.9, "Accelergy hwcomponents-cacti type2energy; O'Connor et al., MICRO'17"),
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
