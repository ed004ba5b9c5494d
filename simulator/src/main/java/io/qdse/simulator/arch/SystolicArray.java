package io.qdse.simulator.arch;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.tech.Target;

/**
 * A rows × cols systolic array of MAC PEs with per-operand double-buffered scratchpads and one DRAM interface.
 *
 * @param name       preset or file name
 * @param rows       PE rows (the array height: SCALE-Sim's ArrayHeight)
 * @param cols       PE columns (ArrayWidth)
 * @param dataflow   OS, WS or IS
 * @param ifmapSram  activations (operand A)
 * @param filterSram weights (operand B)
 * @param ofmapSram  outputs and partial sums
 * @param dram       off-chip memory
 * @param clockMhz   clock frequency in MHz
 * @param technology where it is built (ASIC node or FPGA part): sets MAC and SRAM costs
 * @param formats    default formats of every layer (a layer may override)
 */
public record SystolicArray(String name, int rows, int cols, Dataflow dataflow, MemorySpec ifmapSram,
                            MemorySpec filterSram, MemorySpec ofmapSram, DramSpec dram, double clockMhz,
                            Target technology, LayerFormats formats) implements Accelerator {

    public SystolicArray {
        require(rows >= 1 && rows <= 4096, "arch.rows", rows, "must be in 1..4096");
        require(cols >= 1 && cols <= 4096, "arch.cols", cols, "must be in 1..4096");
        require(dataflow != null, "arch.dataflow", null, "os, ws or is");
        require(ifmapSram != null && filterSram != null && ofmapSram != null, "arch.sram", null,
                "ifmap, filter and ofmap scratchpads");
        require(dram != null, "arch.dram", null, "a DRAM type and bandwidth");
        Ranges.require(clockMhz, Ranges.CLOCK_MHZ_MIN, Ranges.CLOCK_MHZ_MAX, "MHz", "arch.clock_mhz");
        require(technology != null, "arch.technology", null, "asic:<node>nm or fpga:<part>");
        require(formats != null, "arch.formats", null, "default layer formats");
    }

    /** @return PEs in the array */
    public long pes() {
        return (long) rows * cols;
    }

    @Override
    public String kind() {
        return "systolic";
    }

    @Override
    public long computeUnits() {
        return pes();
    }

    @Override
    public double peakMacsPerCycle(LayerFormats f) {
        return pes();
    }

    @Override
    public String summary() {
        return name + " (" + rows + "x" + cols + " " + dataflow.name().toLowerCase(java.util.Locale.ROOT)
                + " systolic, " + fmt(clockMhz) + " MHz, " + technology.name() + ")";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public SystolicArray withDataflow(Dataflow d) {
        return new SystolicArray(name, rows, cols, d, ifmapSram, filterSram, ofmapSram, dram, clockMhz, technology,
                formats);
    }

    public SystolicArray withShape(int r, int c) {
        return new SystolicArray(name, r, c, dataflow, ifmapSram, filterSram, ofmapSram, dram, clockMhz, technology,
                formats);
    }

    public SystolicArray withSrams(MemorySpec i, MemorySpec f, MemorySpec o) {
        return new SystolicArray(name, rows, cols, dataflow, i, f, o, dram, clockMhz, technology, formats);
    }

    public SystolicArray withDram(DramSpec d) {
        return new SystolicArray(name, rows, cols, dataflow, ifmapSram, filterSram, ofmapSram, d, clockMhz,
                technology, formats);
    }

    @Override
    public SystolicArray withFormats(LayerFormats f) {
        return new SystolicArray(name, rows, cols, dataflow, ifmapSram, filterSram, ofmapSram, dram, clockMhz,
                technology, f);
    }
}
