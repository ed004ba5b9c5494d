package io.qdse.simulator.eval;

/**
 * What an engine reports for a layer, and (summed with {@link #plus}) for a network, on any accelerator kind. The
 * analytical and the cycle-stepped engines of a kind return this same type, so they can be compared field by field.
 *
 * <p>"PE" is the accelerator's unit of compute: a MAC cell of a systolic array, a lane of a bit-serial PE (one
 * product in flight), a MAC unit of an FPGA array.
 *
 * @param cycles        total cycles (compute + stalls)
 * @param stallCycles   cycles the compute waits for DRAM
 * @param computeCycles cycles with the compute busy (fill, stream, drain, folds; bit-serial steps)
 * @param macs          multiply-accumulates performed
 * @param busyPeCycles  PE-cycles spent on useful products (a systolic MAC cell: one per MAC; a bit-serial lane: every
 *                      cycle of its product's bit planes or terms)
 * @param peCycles      PEs × cycles (the denominator of utilisation)
 * @param mappedPeFolds Σ over folds (steps) of the PEs a fold maps
 * @param peFolds       Σ over folds (steps) of all PEs
 * @param traffic       bits per memory level and operand
 * @param energy        pJ by component
 * @param cost          the design's area (ASIC) or resources (FPGA); not summed across layers
 */
public record Evaluation(long cycles, long stallCycles, long computeCycles, long macs, long busyPeCycles,
                         long peCycles, long mappedPeFolds, long peFolds, Traffic traffic, Energy energy, Cost cost) {

    public static final Evaluation ZERO = new Evaluation(0, 0, 0, 0, 0, 0, 0, 0, Traffic.ZERO, Energy.ZERO,
            Cost.NONE);

    /** Sums counters; the cost is the design's, so the larger of the two is kept. */
    public Evaluation plus(Evaluation o) {
        return new Evaluation(cycles + o.cycles, stallCycles + o.stallCycles, computeCycles + o.computeCycles,
                macs + o.macs, busyPeCycles + o.busyPeCycles, peCycles + o.peCycles, mappedPeFolds + o.mappedPeFolds,
                peFolds + o.peFolds, traffic.plus(o.traffic), energy.plus(o.energy), cost.max(o.cost));
    }

    /** @return busy PE-cycles / (PEs × cycles), 0..1 */
    public double utilization() {
        return peCycles == 0 ? 0 : (double) busyPeCycles / peCycles;
    }

    /** @return mapped PEs / PEs, averaged over folds, 0..1 */
    public double mappingEfficiency() {
        return peFolds == 0 ? 0 : (double) mappedPeFolds / peFolds;
    }

    /** @return the design's area in µm² (NaN for an FPGA design) */
    public double areaUm2() {
        return cost.areaUm2();
    }

    /** @return the same evaluation without energy and cost (what both engines must agree on exactly) */
    public Evaluation countersOnly() {
        return new Evaluation(cycles, stallCycles, computeCycles, macs, busyPeCycles, peCycles, mappedPeFolds, peFolds,
                traffic, Energy.ZERO, Cost.NONE);
    }
}
