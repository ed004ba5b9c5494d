package io.qdse.simulator;

import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.engine.AnalyticalEngine;
import io.qdse.simulator.engine.BitSerialAnalyticalEngine;
import io.qdse.simulator.engine.BitSerialCosts;
import io.qdse.simulator.engine.BitSerialCycleEngine;
import io.qdse.simulator.engine.CycleEngine;
import io.qdse.simulator.engine.TermSource;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates a whole workload on any accelerator, layer by layer, with one engine. The one place where each
 * accelerator kind's engines are registered: systolic arrays ({@link AnalyticalEngine}, {@link CycleEngine}) and
 * bit-serial arrays ({@link BitSerialAnalyticalEngine}, {@link BitSerialCycleEngine}). Stateless and thread-safe.
 */
public final class Simulator {

    /** Which engine evaluates the ops. */
    public enum EngineKind {
        ANALYTICAL, CYCLE
    }

    /**
     * One computing layer's result.
     *
     * @param layer   layer name
     * @param formats the formats it ran in
     * @param eval    counters, energy, area
     */
    public record LayerResult(String layer, LayerFormats formats, Evaluation eval) {
    }

    /**
     * A network's result.
     *
     * @param workload name
     * @param arch     accelerator name
     * @param engine   which engine
     * @param layers   computing layers in order
     * @param total    the sum over layers
     */
    public record NetworkResult(String workload, String arch, EngineKind engine, List<LayerResult> layers,
                                Evaluation total) {
    }

    private final AnalyticalEngine systolic = new AnalyticalEngine();
    private final CycleEngine systolicCycle = new CycleEngine();
    private final BitSerialAnalyticalEngine bitSerial;
    private final BitSerialCycleEngine bitSerialCycle;
    private final BitSerialCosts bitSerialCosts;
    private final io.qdse.simulator.engine.FpgaDataflowEngine dataflow = new io.qdse.simulator.engine.FpgaDataflowEngine();
    private final io.qdse.simulator.gpu.GpuEngine gpuClosed = new io.qdse.simulator.gpu.GpuEngine(
            io.qdse.simulator.gpu.GpuEfficiency.CALIBRATED, false);
    private final io.qdse.simulator.gpu.GpuEngine gpuEvents = new io.qdse.simulator.gpu.GpuEngine(
            io.qdse.simulator.gpu.GpuEfficiency.CALIBRATED, true);

    public Simulator() {
        this(TermSource.NONE);
    }

    /** @param terms the weights' Booth terms, for term-serial (Laconic-style) bit-serial arrays */
    public Simulator(TermSource terms) {
        BitSerialCosts costs = new BitSerialCosts();
        bitSerialCosts = costs;
        bitSerial = new BitSerialAnalyticalEngine(terms, costs);
        bitSerialCycle = new BitSerialCycleEngine(terms, costs, false);
    }

    /** Evaluates one op on any accelerator with the kind's analytical or cycle-stepped engine. */
    public Evaluation evaluate(LayerOp op, Accelerator arch, LayerFormats f, EngineKind kind) {
        boolean cyc = kind == EngineKind.CYCLE;
        if (arch instanceof SystolicArray s) {
            return cyc ? systolicCycle.evaluate(op, s, f) : systolic.evaluate(op, s, f);
        }
        if (arch instanceof FpgaDataflow d) {
            return dataflow.evaluate(op, d, f); // one engine: a unit's cycles are exact; the pipeline is composed in run
        }
        if (arch instanceof io.qdse.simulator.arch.TensorCoreGpu g) { // closed-form kernel model / event-level replay
            return (cyc ? gpuEvents : gpuClosed).evaluate(op, g, f);
        }
        BitSerialArray b = (BitSerialArray) arch;
        return cyc ? bitSerialCycle.evaluate(op, b, f) : bitSerial.evaluate(op, b, f);
    }

    /** Told after each compute layer of a run (for progress on long cycle-stepped runs). */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done  compute layers evaluated so far
         * @param total compute layers in the workload
         * @param layer the layer just evaluated
         */
        void layerDone(int done, int total, String layer);
    }

    /**
     * @param formatsOf formats of each layer (by name); return null to use the accelerator's defaults
     */
    public NetworkResult run(Workload w, Accelerator arch, EngineKind kind,
                             Function<String, LayerFormats> formatsOf) {
        return run(w, arch, kind, formatsOf, (done, total, layer) -> { });
    }

    /**
     * @param formatsOf formats of each layer (by name); return null to use the accelerator's defaults
     * @param progress  told after each compute layer
     */
    public NetworkResult run(Workload w, Accelerator arch, EngineKind kind,
                             Function<String, LayerFormats> formatsOf, Progress progress) {
        int layers = w.computeLayers().size();
        List<LayerResult> out = new ArrayList<>();
        Evaluation total = Evaluation.ZERO;
        // ops of the same shape in the same formats cost the same (the 32 identical blocks of an LLM): evaluate once
        Map<OpKey, Evaluation> seen = new java.util.HashMap<>();
        for (Layer l : w.computeLayers()) {
            LayerFormats f = formatsOf == null ? null : formatsOf.apply(l.name());
            if (f == null) {
                f = arch.formats();
            }
            Evaluation sum = Evaluation.ZERO;
            for (LayerOp op : l.ops()) {
                final LayerFormats lf = f;
                if (arch instanceof FpgaDataflow) { // every layer has its own unit: no two evaluations are shared
                    sum = sum.plus(evaluate(op, arch, lf, kind));
                    continue;
                }
                sum = sum.plus(seen.computeIfAbsent(new OpKey(op.kind(), op.m(), op.n(), op.k(), op.batch(), op.conv(),
                        lf), key -> evaluate(op, arch, lf, kind)));
            }
            out.add(new LayerResult(l.name(), f, sum));
            total = total.plus(sum);
            progress.layerDone(out.size(), layers, l.name());
        }
        if (arch instanceof FpgaDataflow d) {
            total = pipelined(d, out, total, kind);
        }
        return new NetworkResult(w.name(), arch.name(), kind, out, total);
    }

    /**
     * A dataflow design's network total: every unit runs at once, so the frames take the pipeline's makespan
     * ({@link io.qdse.simulator.engine.FpgaPipeline}: closed form for the analytical engine, replayed frame by frame
     * through FIFOs of two frames for the cycle-stepped one), every lane is counted over that time, and the
     * resources are the sum of the units'.
     */
    private static Evaluation pipelined(FpgaDataflow d, List<LayerResult> layers, Evaluation sum, EngineKind kind) {
        long[] perFrame = new long[layers.size()];
        double luts = 0;
        double ffs = 0;
        double dsps = 0;
        double brams = 0;
        double urams = 0;
        double sprams = 0;
        for (int i = 0; i < layers.size(); i++) {
            Evaluation e = layers.get(i).eval();
            perFrame[i] = e.cycles() / d.frames();
            io.qdse.simulator.eval.Cost.FpgaResources r = (io.qdse.simulator.eval.Cost.FpgaResources) e.cost();
            luts += r.luts();
            ffs += r.ffs();
            dsps += r.dsps();
            brams += r.brams();
            urams += r.urams();
            sprams += r.sprams();
        }
        long cycles = kind == EngineKind.CYCLE && d.frames() <= 1_000_000
                ? io.qdse.simulator.engine.FpgaPipeline.stepped(perFrame, d.frames(), 2)
                : io.qdse.simulator.engine.FpgaPipeline.makespan(perFrame, d.frames());
        return new Evaluation(cycles, 0, cycles, sum.macs(), sum.busyPeCycles(), Math.multiplyExact(cycles,
                d.computeUnits()), sum.mappedPeFolds(), sum.peFolds(), sum.traffic(), sum.energy(),
                new io.qdse.simulator.eval.Cost.FpgaResources(luts, ffs, dsps, brams, urams, sprams));
    }

    /** What an op's evaluation depends on besides the accelerator (its name does not count). */
    private record OpKey(io.qdse.simulator.workload.OpKind kind, long m, long n, long k, long batch,
                         io.qdse.simulator.workload.ConvGeometry conv, LayerFormats formats) {
    }

    /**
     * The work the cycle-stepped engines would do for a run, in PE-steps (one PE's state advanced by one cycle), from
     * the analytical run: each distinct op's GEMM is stepped once (its batch scaled), over its compute cycles, across
     * every PE of the array. Lets a caller refuse, up front, a cycle-stepped run that would take hours.
     *
     * @param analytical the same run with the analytical engines
     */
    public static double cycleSteps(NetworkResult analytical, Workload w, Accelerator arch) {
        Map<OpKey, Boolean> seen = new java.util.HashMap<>();
        double steps = 0;
        int li = 0;
        for (Layer l : w.computeLayers()) {
            LayerFormats f = analytical.layers().get(li++).formats();
            for (LayerOp op : l.ops()) {
                if (seen.put(new OpKey(op.kind(), op.m(), op.n(), op.k(), op.batch(), op.conv(), f), true) == null) {
                    // per GEMM: the op's compute cycles over its batch, times the array's compute units
                    steps += (double) op.macs() / op.batch() / Math.max(1e-9, arch.peakMacsPerCycle(f))
                            * arch.computeUnits();
                }
            }
        }
        return steps;
    }

    /**
     * The design's energy per action and area per component (Accelergy-style ERT/ART) as this run used them: for a
     * systolic array one MAC action per distinct layer formats (its energy the MAC-weighted mean over those layers,
     * which differ only where the accumulator's width follows the dot length), scratchpad words at the width of the
     * array edge (the output scratchpad's per accumulator width), leakage per cycle, DRAM per bit; areas of a PE
     * (the widest of the run), the array and the scratchpads. Energy of the run = Σ actions × their counts.
     */
    public io.qdse.simulator.eval.ActionTable actionTable(NetworkResult r, Accelerator arch) {
        io.qdse.simulator.eval.ActionTable.Builder b = new io.qdse.simulator.eval.ActionTable.Builder();
        if (arch instanceof BitSerialArray bs) {
            bitSerialCosts.describe(bs, b);
            return b.build(arch.name(), arch.technology().name());
        }
        if (arch instanceof FpgaDataflow) {
            b.note("a dataflow design's cost is its units' FPGA resources (per layer in the run); no ERT/ART yet");
            return b.build(arch.name(), arch.technology().name());
        }
        if (arch instanceof io.qdse.simulator.arch.TensorCoreGpu g) {
            b.action("hbm", "read or write (bit)", g.spec().dram().pjPerBit());
            b.area("die", g.spec().dieAreaMm2() * 1e6);
            b.note("a GPU's energy here is its HBM traffic only: no per-MMA energy is published for these GPUs");
            return b.build(arch.name(), arch.technology().name());
        }
        SystolicArray s = (SystolicArray) arch;
        io.qdse.simulator.engine.CostRollup costs = new io.qdse.simulator.engine.CostRollup();
        Map<String, double[]> macs = new java.util.LinkedHashMap<>(); // formats → [pJ, MACs]
        for (LayerResult lr : r.layers()) {
            double[] m = macs.computeIfAbsent(lr.formats().describe(), k -> new double[2]);
            m[0] += lr.eval().energy().macPj();
            m[1] += lr.eval().macs();
        }
        for (Map.Entry<String, double[]> e : macs.entrySet()) {
            if (e.getValue()[1] > 0) {
                b.action("pe_array", "mac[" + e.getKey() + "]", e.getValue()[0] / e.getValue()[1]);
            }
        }
        // the design's area is its largest layer's (the PEs and scratchpads that layer needs): split that one
        LayerResult widest = null;
        for (LayerResult lr : r.layers()) {
            io.qdse.simulator.eval.ActionTable.Builder mem = new io.qdse.simulator.eval.ActionTable.Builder();
            costs.describeMemories(s, lr.formats(), mem);
            mem.build("", "").actions().forEach(a -> b.action(a.component(), a.action(), a.energyPj()));
            if (widest == null || lr.eval().areaUm2() > widest.eval().areaUm2()) {
                widest = lr;
            }
        }
        if (widest != null) {
            io.qdse.simulator.eval.ActionTable.Builder mem = new io.qdse.simulator.eval.ActionTable.Builder();
            costs.describeMemories(s, widest.formats(), mem);
            io.qdse.simulator.eval.ActionTable t = mem.build("", "");
            double sram = t.areas().stream().mapToDouble(io.qdse.simulator.eval.ActionTable.Part::areaUm2).sum();
            double array = widest.eval().areaUm2() - sram;
            b.area("pe", array / s.pes());
            b.area("pe_array", array);
            t.areas().forEach(p -> b.area(p.component(), p.areaUm2()));
        }
        if (!(s.technology() instanceof io.qdse.hwmodels.tech.AsicTechnology)) {
            b.note("energies and areas from the 45 nm ASIC figures (FPGA part)");
        }
        return b.build(arch.name(), arch.technology().name());
    }

    /** Same formats for every layer (the accelerator's defaults unless given). */
    public NetworkResult run(Workload w, Accelerator arch, EngineKind kind) {
        return run(w, arch, kind, (Function<String, LayerFormats>) null);
    }

    /** Per-layer formats from a map (layers not in it use the defaults). */
    public NetworkResult run(Workload w, Accelerator arch, EngineKind kind, Map<String, LayerFormats> formats) {
        return run(w, arch, kind, formats::get);
    }
}
