package io.qdse.simulator.scalesim;

/**
 * Every field SCALE-Sim v2 reports for one layer, as its three CSVs print them.
 *
 * @param totalCycles       Total Cycles
 * @param stallCycles       Stall Cycles
 * @param overallUtil       Overall Util %
 * @param mappingEfficiency Mapping Efficiency %
 * @param computeUtil       Compute Util %
 * @param sram              SRAM start, stop, count for ifmap, filter, ofmap
 * @param dram              DRAM start, stop, count for ifmap, filter, ofmap
 */
public record LayerReport(long totalCycles, long stallCycles, double overallUtil, double mappingEfficiency,
                          double computeUtil, Access[] sram, Access[] dram) {

    /**
     * @param start first cycle (SCALE-Sim prints cycles as floats)
     * @param stop  last cycle
     * @param count reads (ifmap, filter) or writes (ofmap), in words
     */
    public record Access(double start, double stop, long count) {
    }

    /** @return the six bandwidth columns: SRAM count / total cycles, DRAM count / (stop − start + 1) */
    public double[] bandwidths() {
        double[] b = new double[6];
        for (int i = 0; i < 3; i++) {
            b[i] = PyFloat.trueDiv(sram[i].count(), totalCycles);
            b[3 + i] = dram[i].count() / (dram[i].stop() - dram[i].start() + 1);
        }
        return b;
    }
}
