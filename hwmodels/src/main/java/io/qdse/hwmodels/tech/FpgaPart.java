package io.qdse.hwmodels.tech;

import static io.qdse.hwmodels.InvalidInputException.require;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One FPGA device of the part catalogue ({@code parts.csv}, {@link Targets#fpgaParts()}) with its resource totals and
 * where each number was checked. A field that no stored source gave is {@code null} (never guessed); {@link #unknown()}
 * lists them.
 *
 * @param name       the canonical name users type after {@code fpga:}, e.g. {@code xcvu9p}
 * @param aliases    other accepted names (short part names, board names), lower case
 * @param boards     boards that carry the part, for people (e.g. {@code ZCU104})
 * @param family     architecture family: LUT size, carry cell, DSP and block-RAM kind
 * @param luts       LUTs (LUT6 on Xilinx; LUT4 on Lattice: iCE40 logic cells, ECP5 LUT4s)
 * @param ffs        fabric flip-flops
 * @param carryCells carry cells of {@link FpgaFamily#carryCell()} kind, or null when unknown
 * @param lutramLuts LUTs usable as distributed RAM ({@link FpgaFamily#lutramBitsPerLut()} bits each), or null
 * @param dsps       DSP blocks of {@link FpgaFamily#dspCell()} kind (0 where there are none)
 * @param bramBlocks block-RAM units of {@link FpgaFamily#bramBlock()} kind: RAMB18 on Xilinx (a RAMB36 tile is two),
 *                   EBR on Lattice
 * @param urams      UltraRAM blocks (288 Kbit each), 0 where the family has none, or null when unknown
 * @param sprams     iCE40 UltraPlus single-port RAM blocks (SB_SPRAM256KA, 256 Kbit each)
 * @param fmaxMhz    typical Fmax class in MHz: the data sheet's DSP maximum frequency with all registers used at the
 *                   speed grade named in {@code fmaxBasis}, or null when no stored data sheet gave it
 * @param fmaxBasis  what {@code fmaxMhz} is (data sheet, table, speed grade), empty when {@code fmaxMhz} is null
 * @param source     where every number was checked (document ids, tables, stored URLs), per field
 * @param notes      derived values and caveats, empty when there are none
 */
public record FpgaPart(String name, List<String> aliases, List<String> boards, FpgaFamily family, long luts,
                       long ffs, Long carryCells, Long lutramLuts, int dsps, int bramBlocks, Integer urams,
                       int sprams, Double fmaxMhz, String fmaxBasis, String source, String notes)
        implements Target {

    /** Kbit of one UltraRAM block (288 Kb: UG573, UG1273). */
    public static final int URAM_KBIT = 288;
    /** Kbit of one iCE40 UltraPlus SPRAM block (16K × 16). */
    public static final int SPRAM_KBIT = 256;

    public FpgaPart {
        Objects.requireNonNull(family, "family");
        require(name != null && !name.isBlank(), "name", name, "a part name, e.g. xcvu9p");
        aliases = List.copyOf(aliases);
        boards = List.copyOf(boards);
        fmaxBasis = fmaxBasis == null ? "" : fmaxBasis;
        notes = notes == null ? "" : notes;
        require(luts > 0, name + ".luts", luts, "must be > 0");
        require(ffs > 0, name + ".ffs", ffs, "must be > 0");
        require(dsps >= 0, name + ".dsps", dsps, "must be >= 0");
        require(bramBlocks >= 0, name + ".bram_blocks", bramBlocks, "must be >= 0");
        require(!family.xilinx() || bramBlocks % 2 == 0, name + ".bram_blocks", bramBlocks,
                "must be even on Xilinx (RAMB18 halves of RAMB36 tiles)");
        require(carryCells == null || carryCells > 0, name + ".carry_cells", carryCells, "must be > 0 or empty");
        require(lutramLuts == null || (lutramLuts >= 0 && lutramLuts <= luts), name + ".lutram_luts", lutramLuts,
                "must be between 0 and luts (" + luts + ") or empty");
        require(lutramLuts == null || family.lutramBitsPerLut() > 0 || lutramLuts == 0, name + ".lutram_luts",
                lutramLuts, family.displayName() + " has no LUT RAM: must be 0");
        require(urams == null || urams >= 0, name + ".urams", urams, "must be >= 0 or empty");
        require(urams == null || urams == 0 || family.xilinx(), name + ".urams", urams,
                "must be 0 on " + family.displayName());
        require(sprams >= 0, name + ".sprams", sprams, "must be >= 0");
        require(sprams == 0 || family == FpgaFamily.LATTICE_ICE40, name + ".sprams", sprams,
                "SPRAM exists only on iCE40 UltraPlus");
        require(fmaxMhz == null || (fmaxMhz >= 10 && fmaxMhz <= 2000), name + ".fmax_mhz", fmaxMhz,
                "must be between 10 and 2000 MHz or empty");
        require(fmaxMhz == null || !fmaxBasis.isBlank(), name + ".fmax_basis", fmaxBasis,
                "name the data sheet, table and speed grade of fmax_mhz");
        require(source != null && !source.isBlank(), name + ".sources", source, "name where the numbers come from");
    }

    /** @return whether the part has DSP blocks */
    public boolean hasDsp() {
        return dsps > 0;
    }

    /** @return inputs per LUT (6 or 4) */
    public int lutInputs() {
        return family.lutInputs();
    }

    /** @return the carry primitive (CARRY4, CARRY8, LOOKAHEAD8, SB_CARRY, CCU2C) */
    public String carryCell() {
        return family.carryCell();
    }

    /** @return the DSP primitive (DSP48E1, DSP48E2, DSP58, SB_MAC16, MULT18X18D), or {@code none} */
    public String dspKind() {
        return dsps > 0 ? family.dspCell() : "none";
    }

    /** @return 18-Kbit block RAMs (Xilinx RAMB18, ECP5 EBR), 0 on iCE40 (4-Kbit EBR) */
    public int bram18() {
        return family.bramBlockKbit() == 18 ? bramBlocks : 0;
    }

    /** @return 36-Kbit block RAM tiles (Xilinx RAMB36 = two RAMB18), 0 on Lattice */
    public int bram36() {
        return family.xilinx() ? bramBlocks / 2 : 0;
    }

    /** @return block RAM in Kbit (1 Kbit = 1024 bits): blocks × {@link FpgaFamily#bramBlockKbit()} */
    public long bramKbit() {
        return (long) bramBlocks * family.bramBlockKbit();
    }

    /** @return UltraRAM in Kbit, or null when the URAM count is unknown */
    public Long uramKbit() {
        return urams == null ? null : (long) urams * URAM_KBIT;
    }

    /** @return SPRAM in Kbit (iCE40 UltraPlus) */
    public long spramKbit() {
        return (long) sprams * SPRAM_KBIT;
    }

    /** @return distributed (LUT) RAM capacity in Kbit (1 Kbit = 1024 bits), or null when unknown */
    public Double lutramKbit() {
        return lutramLuts == null ? null : lutramLuts * (double) family.lutramBitsPerLut() / 1024;
    }

    /** @return the canonical name followed by the aliases */
    public List<String> names() {
        List<String> all = new ArrayList<>();
        all.add(name);
        all.addAll(aliases);
        return all;
    }

    /** @return the catalogue fields no stored source gave (null here), by their CSV column names */
    public List<String> unknown() {
        List<String> u = new ArrayList<>();
        if (carryCells == null) {
            u.add("carry_cells");
        }
        if (lutramLuts == null) {
            u.add("lutram_luts");
        }
        if (urams == null) {
            u.add("urams");
        }
        if (fmaxMhz == null) {
            u.add("fmax_mhz");
        }
        return u;
    }
}
