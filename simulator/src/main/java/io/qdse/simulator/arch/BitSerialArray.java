package io.qdse.simulator.arch;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.cost.BitSerialPeSpec;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.tech.Target;
import java.util.Locale;

/**
 * A rows × cols array of bit-serial PEs ({@link BitSerialPeSpec}) with per-operand double-buffered scratchpads and
 * one DRAM interface. Mapping: output channels (N) on rows, output pixels or tokens (M) on columns, the reduction (K)
 * over each PE's lanes: a step multiplies a rows·lanes block of weights by a lanes·cols block of activations, and a
 * step takes {@link BitSerialPeSpec#stepCycles} cycles at the layer's precisions.
 *
 * @param name       preset or file name
 * @param pe         the PE: family, what is serial, bits per cycle, lanes, fusion, precisions
 * @param rows       PE rows (filters / output channels in parallel)
 * @param cols       PE columns (windows / tokens in parallel)
 * @param ifmapSram  activations
 * @param filterSram weights
 * @param ofmapSram  outputs
 * @param dram       off-chip memory
 * @param clockMhz   clock in MHz
 * @param technology ASIC node or FPGA part
 * @param formats    default layer formats (their bit widths are the layer's precisions)
 */
public record BitSerialArray(String name, BitSerialPeSpec pe, int rows, int cols, MemorySpec ifmapSram,
                             MemorySpec filterSram, MemorySpec ofmapSram, DramSpec dram, double clockMhz,
                             Target technology, LayerFormats formats) implements Accelerator {

    public BitSerialArray {
        require(pe != null, "arch.pe", null, "a bit-serial PE");
        require(rows >= 1 && rows <= 65536, "arch.rows", rows, "must be in 1..65536");
        require(cols >= 1 && cols <= 65536, "arch.cols", cols, "must be in 1..65536");
        require(ifmapSram != null && filterSram != null && ofmapSram != null, "arch.sram", null,
                "ifmap, filter and ofmap scratchpads");
        require(dram != null, "arch.dram", null, "a DRAM type and bandwidth");
        Ranges.require(clockMhz, Ranges.CLOCK_MHZ_MIN, Ranges.CLOCK_MHZ_MAX, "MHz", "arch.clock_mhz");
        require(technology != null, "arch.technology", null, "asic:<node>nm or fpga:<part>");
        require(formats != null, "arch.formats", null, "default layer formats");
    }

    @Override
    public String kind() {
        return "bitserial";
    }

    /** @return PEs in the array */
    public long pes() {
        return (long) rows * cols;
    }

    @Override
    public long computeUnits() {
        return pes() * pe.lanes();
    }

    @Override
    public double peakMacsPerCycle(LayerFormats f) {
        int a = precision(f.activation());
        int w = precision(f.weight());
        long step = pe.termSerial() ? (w + 1) / 2 : pe.stepCycles(a, w);
        return (double) pes() * pe.lanes() * pe.productsPerLane(a, w) / step;
    }

    @Override
    public String summary() {
        return name + " (" + rows + "x" + cols + " " + pe.family() + " PEs, " + pe.lanes() + " lanes, "
                + pe.serial().name().toLowerCase(Locale.ROOT) + " serial, " + SystolicArray.fmt(clockMhz) + " MHz, "
                + technology.name() + ")";
    }

    @Override
    public BitSerialArray withFormats(LayerFormats f) {
        return new BitSerialArray(name, pe, rows, cols, ifmapSram, filterSram, ofmapSram, dram, clockMhz, technology, f);
    }

    public BitSerialArray withShape(int r, int c) {
        return new BitSerialArray(name, pe, r, c, ifmapSram, filterSram, ofmapSram, dram, clockMhz, technology,
                formats);
    }

    public BitSerialArray withPe(BitSerialPeSpec p) {
        return new BitSerialArray(name, p, rows, cols, ifmapSram, filterSram, ofmapSram, dram, clockMhz, technology,
                formats);
    }

    public BitSerialArray withSrams(MemorySpec i, MemorySpec f, MemorySpec o) {
        return new BitSerialArray(name, pe, rows, cols, i, f, o, dram, clockMhz, technology, formats);
    }

    public BitSerialArray withDram(DramSpec d) {
        return new BitSerialArray(name, pe, rows, cols, ifmapSram, filterSram, ofmapSram, d, clockMhz, technology,
                formats);
    }

    /** @return the precision a format brings to the PE: its element bits (block scales are handled per group) */
    public static int precision(NumberFormat f) {
        return f instanceof BlockFormat b ? b.elementBits() : f.elementBits();
    }

    @Override
    public void checkFormats(LayerFormats f, String field) {
        pe.checkPrecisions(precision(f.activation()), precision(f.weight()), field);
        int kv = precision(f.kv());
        require(kv <= pe.maxWBits(), field + " kv bits", kv, "at most the PE's " + pe.maxWBits() + " (the KV cache "
                + "enters where weights do)");
    }
}
