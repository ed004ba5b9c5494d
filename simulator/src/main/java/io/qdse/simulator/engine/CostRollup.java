package io.qdse.simulator.engine;

import io.qdse.hwmodels.cost.AsicCost;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.memory.FpgaRam;
import io.qdse.hwmodels.memory.SramCost;
import io.qdse.hwmodels.memory.SramModel;
import io.qdse.hwmodels.memory.SramSpec;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.MemorySpec;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Energy;
import io.qdse.simulator.eval.Traffic;
import io.qdse.simulator.workload.LayerOp;

/**
 * Turns counters into energy and area with the hwmodels cost models: MAC energy and PE area of the layer's format
 * pair and accumulator ({@link AsicCostModel}; FPGA targets use the 45 nm model for energy), scratchpad energy per
 * bit from CACTI ({@link SramModel}) at the access width the array edge reads, DRAM pJ/bit of the configured type,
 * and scratchpad leakage over the run time. Area = PEs × MAC area + the three scratchpads.
 *
 * <p>On an FPGA part the array is an overlay (one MAC array time-multiplexed over the layers) and its cost is FPGA
 * resources, not area: PEs × the MAC's LUTs, FFs and DSPs from {@link FpgaCostModel} (DSP blocks where the part has
 * them and the product is wide enough for the flow to infer one), and the three scratchpads in 18-Kbit block RAMs
 * ({@link FpgaRam#bram18}) at their access widths.
 */
public final class CostRollup {
    private final AsicCostModel asic = AsicCostModel.standard();
    private final SramModel sram = SramModel.cacti7();

    /** Energy of a run with the given counters. */
    public Energy energy(LayerOp op, SystolicArray a, LayerFormats f, long macs, Traffic t, long cycles) {
        double macPj = macs * macCost(op, a, f).energyPj();
        SramCost ci = sramCost(a.ifmapSram(), width(a, true, false), a);
        SramCost cf = sramCost(a.filterSram(), width(a, false, true), a);
        SramCost co = sramCost(a.ofmapSram(), a.cols() * Math.max(8, f.accumulator().registerBits()), a);
        int wi = width(a, true, false);
        int wf = width(a, false, true);
        int wo = a.cols() * Math.max(8, f.accumulator().registerBits());
        double ifPj = t.sramIfmapReads() * ci.readPj() / wi + t.dramIfmapReads() * ci.writePj() / wi;
        double fPj = t.sramFilterReads() * cf.readPj() / wf + t.dramFilterReads() * cf.writePj() / wf;
        double oPj = t.sramOfmapReads() * co.readPj() / wo + t.sramOfmapWrites() * co.writePj() / wo
                + (t.dramOfmapWrites() + t.dramOfmapReads()) * co.readPj() / wo;
        double dramPj = t.dramBits() * a.dram().type().pjPerBit();
        double seconds = cycles / (a.clockMhz() * 1e6);
        double leakPj = (ci.leakageMw() + cf.leakageMw() + co.leakageMw()) * 1e-3 * seconds * 1e12;
        return new Energy(macPj, ifPj, fPj, oPj, dramPj, leakPj);
    }

    /** @return the design's cost: µm² on an ASIC node, LUT/FF/DSP/BRAM on an FPGA part */
    public io.qdse.simulator.eval.Cost cost(LayerOp op, SystolicArray a, LayerFormats f) {
        if (!(a.technology() instanceof FpgaPart part)) {
            return new io.qdse.simulator.eval.Cost.Area(areaUm2(op, a, f));
        }
        OpSpec spec = OpSpec.mac(OperandBits.bFormat(op, f), f.activation(), f.accumulator(), Math.max(1, op.k()));
        FpgaCost mac = fpgaMemo.computeIfAbsent(java.util.List.of(spec, part.name()),
                k -> fpga.estimate(spec, part, part.hasDsp()));
        long pes = a.pes();
        int[] widths = {width(a, true, false), width(a, false, true),
            a.cols() * Math.max(8, f.accumulator().registerBits())};
        MemorySpec[] mems = {a.ifmapSram(), a.filterSram(), a.ofmapSram()};
        long brams = 0;
        for (int i = 0; i < 3; i++) {
            brams += FpgaRam.bram18(new SramSpec(mems[i].sizeBytes(), effectiveWidth(mems[i], widths[i]),
                    mems[i].banks()), part);
        }
        return new io.qdse.simulator.eval.Cost.FpgaResources(pes * mac.luts(), pes * mac.ffs(), pes * mac.dsps(),
                brams);
    }

    private final FpgaCostModel fpga = FpgaCostModel.standard();
    private final java.util.Map<Object, FpgaCost> fpgaMemo = new java.util.concurrent.ConcurrentHashMap<>();

    /** Area of the design running these formats: PE array plus scratchpads, µm². */
    public double areaUm2(LayerOp op, SystolicArray a, LayerFormats f) {
        double pes = a.pes() * macCost(op, a, f).areaUm2();
        return pes + sramCost(a.ifmapSram(), width(a, true, false), a).areaUm2()
                + sramCost(a.filterSram(), width(a, false, true), a).areaUm2()
                + sramCost(a.ofmapSram(), a.cols() * Math.max(8, f.accumulator().registerBits()), a).areaUm2();
    }

    /**
     * Scratchpad and DRAM actions of the design running formats f: a read and a write (a fill from DRAM) of one word
     * of each scratchpad at the width of the array edge it serves, each scratchpad's leakage per cycle, and DRAM
     * pJ per bit; scratchpad areas.
     */
    public void describeMemories(SystolicArray a, LayerFormats f, io.qdse.simulator.eval.ActionTable.Builder b) {
        int[] widths = {width(a, true, false), width(a, false, true),
            a.cols() * Math.max(8, f.accumulator().registerBits())};
        MemorySpec[] mems = {a.ifmapSram(), a.filterSram(), a.ofmapSram()};
        String[] names = {"ifmap_sram", "filter_sram", "ofmap_sram"};
        double cycleSeconds = 1 / (a.clockMhz() * 1e6);
        for (int i = 0; i < 3; i++) {
            SramCost c = sramCost(mems[i], widths[i], a);
            b.action(names[i], "read (" + widths[i] + "-bit word)", c.readPj());
            b.action(names[i], "write (" + widths[i] + "-bit word)", c.writePj());
            b.action(names[i], "leak (cycle)", c.leakageMw() * 1e-3 * cycleSeconds * 1e12);
            b.area(names[i], c.areaUm2());
        }
        b.action("dram", "read (bit)", a.dram().type().pjPerBit());
        b.action("dram", "write (bit)", a.dram().type().pjPerBit());
    }

    /** @return pJ of one MAC of op in formats f on the array's node */
    public double macEnergyPj(LayerOp op, SystolicArray a, LayerFormats f) {
        return macCost(op, a, f).energyPj();
    }

    /** @return µm² of one PE (the MAC of op in formats f) on the array's node */
    public double peAreaUm2(LayerOp op, SystolicArray a, LayerFormats f) {
        return macCost(op, a, f).areaUm2();
    }

    private AsicCost macCost(LayerOp op, SystolicArray a, LayerFormats f) {
        OpSpec spec = OpSpec.mac(OperandBits.bFormat(op, f), f.activation(), f.accumulator(), Math.max(1, op.k()));
        MacKey key = new MacKey(spec, a.asicOrDefault());
        AsicCost c = macMemo.get(key);
        if (c == null) {
            if (macMemo.size() > 65_536) {
                macMemo.clear();
            }
            c = asic.estimate(spec, key.tech());
            macMemo.put(key, c);
        }
        return c;
    }

    /** The MAC estimate is a pure function of the op spec and node; a sweep asks for few distinct ones. */
    private record MacKey(OpSpec spec, io.qdse.hwmodels.tech.AsicTechnology tech) {
    }

    private final java.util.Map<MacKey, AsicCost> macMemo = new java.util.concurrent.ConcurrentHashMap<>();

    /** Access width of a scratchpad: the array edge the operand enters through, 8 bits per element at least. */
    private static int width(SystolicArray a, boolean ifmap, boolean filter) {
        int edge;
        if (ifmap) {
            edge = a.dataflow() == Dataflow.IS ? a.cols() : a.rows();
        } else {
            edge = a.dataflow() == Dataflow.IS ? a.rows() : a.cols();
        }
        return edge * 8;
    }

    private SramCost sramCost(MemorySpec m, int widthBits, SystolicArray a) {
        return sram.estimate(new SramSpec(m.sizeBytes(), effectiveWidth(m, widthBits), m.banks()), a.asicOrDefault());
    }

    /** The access width costed: the edge's width, within 8..8192 bits and one bank's capacity. */
    private static int effectiveWidth(MemorySpec m, int widthBits) {
        long maxWidth = m.sizeBytes() / m.banks() * 8;
        return (int) Math.max(8, Math.min(Math.min(widthBits, 8192), maxWidth));
    }
}
