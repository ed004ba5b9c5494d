package io.qdse.hwmodels.memory;

/**
 * Cost of one SRAM on an ASIC node.
 *
 * @param readPj       dynamic energy of one read access of the full width, pJ
 * @param writePj      dynamic energy of one write access, pJ
 * @param areaUm2      area of all banks, µm²
 * @param leakageMw    standby leakage of all banks, mW
 * @param accessNs     random access time of one bank, ns
 * @param extrapolated true when size per bank or width lies outside the CACTI sweep (1 KB–4 MB, 16–256 bits)
 */
public record SramCost(double readPj, double writePj, double areaUm2, double leakageMw, double accessNs,
                       boolean extrapolated) {

    /** @return read energy per bit, pJ */
    public double readPjPerBit(int widthBits) {
        return readPj / widthBits;
    }
}
