package io.qdse.simulator.engine;

import io.qdse.hwmodels.cost.AsicCost;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.BitSerialPeBuilder;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.memory.SramCost;
import io.qdse.hwmodels.memory.SramModel;
import io.qdse.hwmodels.memory.SramSpec;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.MemorySpec;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.eval.Energy;
import io.qdse.simulator.eval.Traffic;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Energy and cost of a bit-serial array from hwmodels: the PE is built structurally ({@link BitSerialPeBuilder}) and
 * costed by the calibrated cell coefficients — per busy PE-cycle (lane slices, tree, shift-accumulate) and per step
 * (stationary registers, group scale) — on the ASIC node (FPGA parts use the 45 nm figures for energy, as the
 * systolic roll-up does); scratchpads from CACTI at the width of the array edge they feed; DRAM pJ/bit; scratchpad
 * leakage over the run time. Cost: ASIC area (PEs + scratchpads) or FPGA LUT/FF/DSP of the PEs and BRAMs of the
 * scratchpads.
 */
public final class BitSerialCosts {
    private final AsicCostModel asic = AsicCostModel.standard();
    private final SramModel sram = SramModel.cacti7();
    private final Map<String, double[]> peCache = new ConcurrentHashMap<>();

    /**
     * @param activePeCycles Σ over steps of PEs busy × step cycles
     * @param activePeSteps  Σ over steps of PEs busy
     */
    public Energy energy(BitSerialArray a, LayerFormats f, long activePeCycles, long activePeSteps, Traffic t,
                         long cycles) {
        double[] pe = pe(a);
        double macPj = activePeCycles * pe[0] + activePeSteps * pe[1];
        int wi = width(a.cols() * (long) a.pe().lanes());
        int wf = width(a.rows() * (long) a.pe().lanes());
        int wo = width(a.rows());
        SramCost ci = sramCost(a.ifmapSram(), wi, a);
        SramCost cf = sramCost(a.filterSram(), wf, a);
        SramCost co = sramCost(a.ofmapSram(), wo, a);
        double ifPj = t.sramIfmapReads() * ci.readPj() / wi + t.dramIfmapReads() * ci.writePj() / wi;
        double fPj = t.sramFilterReads() * cf.readPj() / wf + t.dramFilterReads() * cf.writePj() / wf;
        double oPj = t.sramOfmapWrites() * co.writePj() / wo + t.dramOfmapWrites() * co.readPj() / wo;
        double dramPj = t.dramBits() * a.dram().type().pjPerBit();
        double seconds = cycles / (a.clockMhz() * 1e6);
        double leakPj = (ci.leakageMw() + cf.leakageMw() + co.leakageMw()) * 1e-3 * seconds * 1e12;
        return new Energy(macPj, ifPj, fPj, oPj, dramPj, leakPj);
    }

    /** The design's cost: area on an ASIC node, or LUT/FF/DSP/BRAM on an FPGA part. */
    public Cost cost(BitSerialArray a, LayerFormats f) {
        if (a.technology() instanceof FpgaPart part) {
            BitSerialPeBuilder b = BitSerialPeBuilder.of(a.pe());
            FpgaCostModel m = FpgaCostModel.standard();
            FpgaCost c1 = m.estimate(b.perCycle(), part, true);
            FpgaCost c2 = m.estimate(b.perStep(), part, true);
            double pes = a.pes();
            return new Cost.FpgaResources(pes * (c1.luts() + c2.luts()), pes * (c1.ffs() + c2.ffs()),
                    pes * (c1.dsps() + c2.dsps()), brams(part, a.ifmapSram()) + brams(part, a.filterSram())
                    + brams(part, a.ofmapSram()));
        }
        return new Cost.Area(asicAreaUm2(a));
    }

    /** @return the design's area on its ASIC node (45 nm for an FPGA part): PEs and scratchpads, µm² */
    public double asicAreaUm2(BitSerialArray a) {
        double[] pe = pe(a);
        int wi = width(a.cols() * (long) a.pe().lanes());
        int wf = width(a.rows() * (long) a.pe().lanes());
        int wo = width(a.rows());
        return a.pes() * pe[2] + sramCost(a.ifmapSram(), wi, a).areaUm2() + sramCost(a.filterSram(), wf, a).areaUm2()
                + sramCost(a.ofmapSram(), wo, a).areaUm2();
    }

    /** @return [pJ per busy PE-cycle, pJ per PE-step, µm² per PE] on the array's node */
    double[] pe(BitSerialArray a) {
        return peCache.computeIfAbsent(a.pe() + "@" + a.asicOrDefault().name(), key -> {
            BitSerialPeBuilder b = BitSerialPeBuilder.of(a.pe());
            AsicCost c1 = asic.estimate(b.perCycle(), a.asicOrDefault());
            AsicCost c2 = asic.estimate(b.perStep(), a.asicOrDefault());
            return new double[] {c1.energyPj(), c2.energyPj(), c1.areaUm2() + c2.areaUm2()};
        });
    }

    /**
     * The design's actions (Accelergy-style): a busy PE-cycle (lane slices, adder tree, shift-accumulate) and a
     * PE-step (stationary registers, group scale); one word of each scratchpad at the width of the edge it feeds,
     * read and write (fill), its leakage per cycle; DRAM pJ per bit; areas of a PE, the array and the scratchpads
     * (ASIC designs).
     */
    public void describe(BitSerialArray a, io.qdse.simulator.eval.ActionTable.Builder b) {
        double[] pe = pe(a);
        b.action("pe_array", "busy PE-cycle", pe[0]);
        b.action("pe_array", "PE-step", pe[1]);
        int[] widths = {width(a.cols() * (long) a.pe().lanes()), width(a.rows() * (long) a.pe().lanes()),
            width(a.rows())};
        MemorySpec[] mems = {a.ifmapSram(), a.filterSram(), a.ofmapSram()};
        String[] names = {"ifmap_sram", "filter_sram", "ofmap_sram"};
        double cycleSeconds = 1 / (a.clockMhz() * 1e6);
        boolean fpga = a.technology() instanceof FpgaPart;
        if (!fpga) {
            b.area("pe", pe[2]);
            b.area("pe_array", a.pes() * pe[2]);
        }
        for (int i = 0; i < 3; i++) {
            SramCost c = sramCost(mems[i], widths[i], a);
            b.action(names[i], "read (" + widths[i] + "-bit word)", c.readPj());
            b.action(names[i], "write (" + widths[i] + "-bit word)", c.writePj());
            b.action(names[i], "leak (cycle)", c.leakageMw() * 1e-3 * cycleSeconds * 1e12);
            if (!fpga) {
                b.area(names[i], c.areaUm2());
            }
        }
        b.action("dram", "read (bit)", a.dram().type().pjPerBit());
        b.action("dram", "write (bit)", a.dram().type().pjPerBit());
        if (fpga) {
            b.note("energies from the 45 nm ASIC figures (the FPGA part's cost is LUT/FF/DSP/BRAM, not area)");
        }
    }

    /** @return a PE's structure costs, for reports: [pJ per busy cycle, pJ per step, µm²] */
    public static double[] peFigures(BitSerialArray a) {
        return new BitSerialCosts().pe(a);
    }

    private static long brams(FpgaPart part, MemorySpec m) {
        long block = part.family() == FpgaFamily.LATTICE_ICE40 ? 4096 : 18432;
        return (m.bits() + block - 1) / block;
    }

    /** Port width in bits: one byte per element of the edge it feeds, within CACTI's range. */
    private static int width(long elements) {
        return (int) Math.max(8, Math.min(8192, elements * 8));
    }

    private SramCost sramCost(MemorySpec m, int widthBits, BitSerialArray a) {
        long maxWidth = m.sizeBytes() / m.banks() * 8;
        int w = (int) Math.max(8, Math.min(widthBits, maxWidth));
        return sram.estimate(new SramSpec(m.sizeBytes(), w, m.banks()), a.asicOrDefault());
    }
}
