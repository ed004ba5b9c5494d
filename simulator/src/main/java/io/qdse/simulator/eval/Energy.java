package io.qdse.simulator.eval;

/**
 * Energy of a run, pJ, by where it is spent.
 *
 * @param macPj        multiply-accumulates (MAC count × MAC energy of the layer's format pair)
 * @param sramIfmapPj  ifmap scratchpad reads and fills
 * @param sramFilterPj filter scratchpad reads and fills
 * @param sramOfmapPj  ofmap scratchpad reads, writes and drains
 * @param dramPj       off-chip transfers
 * @param leakagePj    SRAM standby leakage over the run time
 */
public record Energy(double macPj, double sramIfmapPj, double sramFilterPj, double sramOfmapPj, double dramPj,
                     double leakagePj) {

    public static final Energy ZERO = new Energy(0, 0, 0, 0, 0, 0);

    public Energy plus(Energy o) {
        return new Energy(macPj + o.macPj, sramIfmapPj + o.sramIfmapPj, sramFilterPj + o.sramFilterPj,
                sramOfmapPj + o.sramOfmapPj, dramPj + o.dramPj, leakagePj + o.leakagePj);
    }

    public Energy times(double k) {
        return new Energy(macPj * k, sramIfmapPj * k, sramFilterPj * k, sramOfmapPj * k, dramPj * k,
                leakagePj * k);
    }

    /** @return total, pJ */
    public double totalPj() {
        return macPj + sramIfmapPj + sramFilterPj + sramOfmapPj + dramPj + leakagePj;
    }
}
