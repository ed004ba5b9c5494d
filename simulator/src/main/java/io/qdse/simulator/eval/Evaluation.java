package io.qdse.simulator.eval;

/**
 * What an engine reports for a layer, and (summed with {@link #plus}) for a network. The analytical and the
 * cycle-stepped engines return this same type, so they can be compared field by field.
 *
 * @param cycles          total cycles (compute + stalls)
 * @param stallCycles     cycles the array waits for DRAM
 * @param computeCycles   cycles with the array busy (fill, stream, drain, folds)
 * @param macs            multiply-accumulates performed
 * @param peCycles        PEs × cycles (the denominator of utilisation)
 * @param mappedPeFolds   Σ over folds of the PEs a fold maps (rows used × columns used)
 * @param peFolds         Σ over folds of all PEs (rows × columns)
 * @param traffic         bits per memory level and operand
 * @param energy          pJ by component
 * @param areaUm2         area of the design (PE array + scratchpads), µm²; not summed across layers
 */
public record Evaluation(long cycles, long stallCycles, long computeCycles, long macs, long peCycles,
                         long mappedPeFolds, long peFolds, Traffic traffic, Energy energy, double areaUm2) {

    public static final Evaluation ZERO = new Evaluation(0, 0, 0, 0, 0, 0, 0, Traffic.ZERO, Energy.ZERO, 0);

    /** Sums counters; area is the design's, so the larger of the two is kept. */
    public Evaluation plus(Evaluation o) {
        return new Evaluation(cycles + o.cycles, stallCycles + o.stallCycles, computeCycles + o.computeCycles,
                macs + o.macs, peCycles + o.peCycles, mappedPeFolds + o.mappedPeFolds, peFolds + o.peFolds,
                traffic.plus(o.traffic), energy.plus(o.energy), Math.max(areaUm2, o.areaUm2));
    }

    /** @return MACs / (PEs × cycles), 0..1 */
    public double utilization() {
        return peCycles == 0 ? 0 : (double) macs / peCycles;
    }

    /** @return mapped PEs / PEs, averaged over folds, 0..1 */
    public double mappingEfficiency() {
        return peFolds == 0 ? 0 : (double) mappedPeFolds / peFolds;
    }

    /** @return the same evaluation without energy and area (what both engines must agree on exactly) */
    public Evaluation countersOnly() {
        return new Evaluation(cycles, stallCycles, computeCycles, macs, peCycles, mappedPeFolds, peFolds, traffic,
                Energy.ZERO, 0);
    }
}
