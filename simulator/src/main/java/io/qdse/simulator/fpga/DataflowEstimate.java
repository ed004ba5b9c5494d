package io.qdse.simulator.fpga;

import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole FPGA dataflow design estimated: one row per unit (layer), the design's resources against the device, and
 * its throughput and latency at the design's clock ({@code qdse fpga estimate}).
 *
 * @param design   the design (part, clock, folds)
 * @param workload the workload's name
 * @param engine   the engine that produced the network total (analytical makespan, or the frame replay)
 * @param units    one per compute layer, in network order
 * @param totals   the design's totals
 */
public record DataflowEstimate(FpgaDataflow design, String workload, Simulator.EngineKind engine, List<Unit> units,
                               Totals totals) {

    /**
     * One layer's unit.
     *
     * @param layer          the layer's name
     * @param unit           MVAU (matrix-vector) or VVAU (vector-vector, depthwise)
     * @param mw             reduction elements per output (MW)
     * @param mh             outputs per vector (MH)
     * @param vectors        vectors per frame, times passes of grouped convolutions
     * @param pe             PE (outputs in parallel)
     * @param simd           SIMD (reduction elements per PE in parallel)
     * @param formats        the layer's formats
     * @param cyclesPerFrame cycles the unit spends on one frame
     * @param luts           LUTs
     * @param ffs            flip-flops
     * @param dsps           DSP blocks
     * @param brams          block RAMs ({@link #bramKind})
     * @param macs           multiply-accumulates over all frames
     * @param urams          UltraRAM blocks
     * @param sprams         SPRAM blocks
     * @param weightMemory   where the weights are: lut, block, uram or spram
     * @param loadCycles     cycles to write the weights into SPRAM after configuration (0 when the bitstream holds them)
     * @param logicCells     iCE40 logic cells ({@code FpgaDataflowEngine.UnitStructure.logicCells}: LUTs, carry-only
     *                       and flip-flop-only cells); NaN on other families
     */
    public record Unit(String layer, String unit, long mw, long mh, long vectors, int pe, int simd,
                       LayerFormats formats, long cyclesPerFrame, double luts, double ffs, double dsps, double brams,
                       long macs, double urams, double sprams, String weightMemory, long loadCycles,
                       double logicCells) {
    }

    /**
     * @param luts              LUTs of all units
     * @param ffs               flip-flops
     * @param dsps              DSP blocks
     * @param brams             block RAMs ({@link #bramKind})
     * @param initiationCycles  cycles between frames in steady state (the slowest unit's)
     * @param frameLatency      cycles of one frame through the whole pipeline (frames move whole between units)
     * @param runCycles         cycles for all the run's frames
     * @param frames            frames in the run
     * @param urams             UltraRAM blocks
     * @param sprams            SPRAM blocks
     * @param loadCycles        one-time start-up cycles writing the SPRAM weights after configuration (not in the
     *                          latency or the interval)
     * @param logicCells        iCE40 logic cells of all units; NaN on other families
     */
    public record Totals(double luts, double ffs, double dsps, double brams, long initiationCycles, long frameLatency,
                         long runCycles, long frames, double urams, double sprams, long loadCycles,
                         double logicCells) {
    }

    /**
     * A resource the design uses more of than the device has.
     *
     * @param resource  luts, ffs, dsps, brams, urams or sprams
     * @param used      what the design needs
     * @param available what the part has
     */
    public record Excess(String resource, double used, double available) {
    }

    /** Runs the design on its workload. */
    public static DataflowEstimate run(Workload w, FpgaDataflow d, Map<String, LayerFormats> perLayer,
                                       Simulator.EngineKind kind) {
        Simulator.NetworkResult r = new Simulator().run(w, d, kind, perLayer);
        List<Unit> units = new ArrayList<>();
        long ii = 0;
        long latency = 0;
        int i = 0;
        List<Layer> layers = w.computeLayers();
        long load = 0;
        double cells = 0;
        io.qdse.simulator.engine.FpgaDataflowEngine engine = new io.qdse.simulator.engine.FpgaDataflowEngine();
        for (Simulator.LayerResult lr : r.layers()) {
            Layer l = layers.get(i++);
            FpgaDataflow.Shape s = FpgaDataflow.shape(l.ops().get(0), d.frames());
            FpgaDataflow.Fold f = d.fold(lr.layer());
            Cost.FpgaResources c = (Cost.FpgaResources) lr.eval().cost();
            long perFrame = lr.eval().cycles() / d.frames();
            ii = Math.max(ii, perFrame);
            latency = Math.addExact(latency, perFrame);
            io.qdse.simulator.engine.FpgaDataflowEngine.UnitStructure st =
                    io.qdse.simulator.engine.FpgaDataflowEngine.structure(s, f, lr.formats(), d.part(), d.resType(),
                            d.synth(), d.ramStyle(lr.layer()));
            load = Math.addExact(load, st.weights().loadCycles());
            double lcs = c.luts() + st.logicCells() - st.luts(); // NaN off iCE40
            cells += lcs;
            units.add(new Unit(lr.layer(), s.vvau() ? "VVAU" : "MVAU", s.mw(), s.mh(),
                    Math.multiplyExact(s.vectors(), s.passes()), f.pe(), f.simd(), lr.formats(), perFrame, c.luts(),
                    c.ffs(), c.dsps(), c.brams(), lr.eval().macs(), c.urams(), c.sprams(), st.weights().kind(),
                    st.weights().loadCycles(), lcs));
        }
        Cost.FpgaResources t = (Cost.FpgaResources) r.total().cost();
        return new DataflowEstimate(d, w.name(), kind, List.copyOf(units), new Totals(t.luts(), t.ffs(), t.dsps(),
                t.brams(), ii, latency, r.total().cycles(), d.frames(), t.urams(), t.sprams(), load, cells));
    }

    /** @return the block-RAM unit the counts are in: 18-Kbit blocks on Xilinx (RAMB18), EBR (4 Kbit) on iCE40 */
    public static String bramKind(FpgaPart p) {
        return p.family().xilinx() ? "BRAM18" : p.family() == FpgaFamily.LATTICE_ICE40 ? "EBR" : "EBR18";
    }

    /** @return the part's block RAMs in {@link #bramKind} units */
    public static long bramAvailable(FpgaPart p) {
        return p.bramBlocks();
    }

    /** @return frames per second at the design's clock in steady state */
    public double framesPerSecond() {
        return design.clockMhz() * 1e6 / totals.initiationCycles();
    }

    /** @return the one-time start-up (SPRAM weight load) in microseconds at the design's clock */
    public double loadUs() {
        return totals.loadCycles() / design.clockMhz();
    }

    /** @return one frame's latency in microseconds */
    public double frameLatencyUs() {
        return totals.frameLatency() / design.clockMhz();
    }

    /**
     * @return fraction of the part's LUTs, FFs, DSPs, block RAMs, URAMs and SPRAMs used (0 for a resource the part
     *     lacks and the design does not use, infinity where it uses one the part lacks)
     */
    public double[] utilisation() {
        double[] used = used();
        double[] have = available(design.part());
        double[] u = new double[used.length];
        for (int i = 0; i < used.length; i++) {
            u[i] = have[i] == 0 ? (used[i] == 0 ? 0 : Double.POSITIVE_INFINITY) : used[i] / have[i];
        }
        return u;
    }

    /**
     * @return the design's LUTs, FFs, DSPs, block RAMs, URAMs and SPRAMs; on iCE40 logic cells in place of LUTs (what
     *     fills the part: {@link #lutsCountCells})
     */
    public double[] used() {
        return new double[] {lutsCountCells(design.part()) ? totals.logicCells() : totals.luts(), totals.ffs(),
            totals.dsps(), totals.brams(), totals.urams(), totals.sprams()};
    }

    /**
     * @return whether the part's LUT budget is its logic cells (iCE40: a cell holds one LUT4, its carry and its
     *     flip-flop, and a carry or a flip-flop without a LUT takes a cell too; the catalogue's LUT count is the
     *     part's logic cells)
     */
    public static boolean lutsCountCells(FpgaPart p) {
        return p.family() == FpgaFamily.LATTICE_ICE40;
    }

    /** @return the part's LUTs (iCE40: logic cells), FFs, DSPs, block RAMs, URAMs (0 when unknown) and SPRAMs */
    public static double[] available(FpgaPart p) {
        return new double[] {p.luts(), p.ffs(), p.dsps(), bramAvailable(p), p.urams() == null ? 0 : p.urams(),
            p.sprams()};
    }

    /**
     * @return the unit's modelled Fmax, MHz ({@link io.qdse.simulator.engine.FpgaDataflowEngine#fmaxMhz} with the
     *     design's part and product placement), NaN on families without a clock model
     */
    public double fmaxMhz(Unit u) {
        return io.qdse.simulator.engine.FpgaDataflowEngine.fmaxMhz(
                new FpgaDataflow.Shape("VVAU".equals(u.unit()), u.mw(), u.mh(), u.vectors(), 1),
                new FpgaDataflow.Fold(u.pe(), u.simd()), u.formats(), design.part(), design.resType());
    }

    /** @return the resources the design needs more of than the part has (empty when it fits) */
    public List<Excess> excess() {
        FpgaPart p = design.part();
        List<Excess> out = new ArrayList<>();
        double[] used = used();
        double[] have = available(p);
        String[] names = {lutsCountCells(p) ? "logic_cells" : "luts", "ffs", "dsps", "brams", "urams", "sprams"};
        for (int i = 0; i < names.length; i++) {
            if (used[i] > have[i]) {
                out.add(new Excess(names[i], used[i], have[i]));
            }
        }
        return out;
    }
}
