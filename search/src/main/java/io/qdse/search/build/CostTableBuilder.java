package io.qdse.search.build;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.memory.SramModel;
import io.qdse.hwmodels.memory.SramSpec;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.search.SearchProblem;
import io.qdse.search.sensitivity.SensitivityTable;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.MemorySpec;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.arch.TensorCoreGpu;
import io.qdse.simulator.engine.BitSerialCosts;
import io.qdse.simulator.engine.OperandBits;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Builds the search problem of a workload on an accelerator of any kind from the simulator: for every computing layer
 * × candidate format × hardware option (array shape) the analytical engine's cycles and energy, plus weight bits and
 * BOPs. Area: on a systolic array the hardware's fixed area (its three scratchpads) and, per supported format, the
 * area of that format's MAC unit in every PE (so a datapath supporting int4 and fp8 pays for both units — an upper
 * bound, no sharing); on a bit-serial array the PEs and scratchpads are fixed (one bit-serial PE serves every
 * precision up to its maximum: a lower precision costs no area, it saves cycles).
 *
 * <p>Metrics and units: {@code sensitivity} (from the sensitivity source), {@code size_bits} (weights × storage bits
 * per weight, block scales included), {@code bops} (MACs × weight bits × activation bits), {@code latency_cycles},
 * {@code energy_pj}, {@code area_um2}; on FPGA targets also {@code luts} and {@code dsps} of the PE array.
 */
public final class CostTableBuilder {

    /** A hardware option: an array shape on the base accelerator. */
    public record HardwareOption(String name, Accelerator arch) {
    }

    /**
     * @param problem    the search problem
     * @param candidates candidate formats, in problem order
     * @param hardware   hardware options, in problem order
     * @param unscored   layers without sensitivity data, pinned to the most precise candidate
     */
    public record Built(SearchProblem problem, List<Candidate> candidates, List<HardwareOption> hardware,
                        List<String> unscored) {
    }

    private CostTableBuilder() {
    }

    /** Parses {@code 16x16,32x32,64x128} into hardware options on the base accelerator. */
    public static List<HardwareOption> arrays(Accelerator base, List<String> shapes) {
        List<HardwareOption> out = new ArrayList<>();
        if (base instanceof TensorCoreGpu g) {
            if (!shapes.isEmpty()) {
                throw new InvalidInputException("--arrays", String.join(",", shapes), "array shapes of a systolic or "
                        + "bit-serial array; " + g.name() + " is one fixed chip (leave --arrays out)");
            }
            out.add(new HardwareOption(g.name(), g));
            return out;
        }
        int br = base instanceof SystolicArray s ? s.rows() : ((BitSerialArray) base).rows();
        int bc = base instanceof SystolicArray s ? s.cols() : ((BitSerialArray) base).cols();
        if (shapes.isEmpty()) {
            out.add(new HardwareOption(br + "x" + bc, base));
            return out;
        }
        for (String s : shapes) {
            String[] rc = s.trim().toLowerCase(java.util.Locale.ROOT).split("x");
            int r;
            int c;
            try {
                r = Integer.parseInt(rc[0]);
                c = rc.length == 2 ? Integer.parseInt(rc[1]) : -1;
            } catch (NumberFormatException e) {
                r = -1;
                c = -1;
            }
            if (rc.length != 2 || r < 1 || c < 1 || r > 4096 || c > 4096) {
                throw new InvalidInputException("--arrays", s, "ROWSxCOLS with 1..4096 each, e.g. 32x32");
            }
            out.add(new HardwareOption(r + "x" + c, base instanceof SystolicArray sa ? sa.withShape(r, c)
                    : ((BitSerialArray) base).withShape(r, c)));
        }
        return out;
    }

    /**
     * The candidates an accelerator can run: on a GPU those with a path (native MMA, converted, weight-only, bit
     * planes; docs/gpu.md §2) — a candidate it has none for is dropped with a note, and a fallback is noted; when
     * none is left the candidates are refused naming {@code --formats}. Other kinds take every candidate (their
     * engines check formats per layer).
     */
    public static List<Candidate> runnable(Accelerator a, List<Candidate> cands, List<String> notes) {
        if (!(a instanceof TensorCoreGpu g)) {
            return cands;
        }
        List<Candidate> out = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Candidate c : cands) {
            try {
                a.checkFormats(c.formats(), "--formats " + c.name());
                out.add(c);
                java.util.Set<String> fallbacks = new java.util.LinkedHashSet<>();
                for (io.qdse.simulator.workload.OpKind k : List.of(io.qdse.simulator.workload.OpKind.LINEAR,
                        io.qdse.simulator.workload.OpKind.MATMUL)) {
                    fallbacks.addAll(io.qdse.simulator.gpu.GemmPath.of(g.spec(), c.formats(), k, c.name()).notes());
                }
                for (String f : fallbacks) {
                    notes.add("candidate " + c.name() + " on " + g.name() + ": " + f);
                }
            } catch (InvalidInputException e) {
                refused.add(e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("--formats", cands.stream().map(Candidate::name).toList(),
                    "at least one format " + g.name() + " can run; " + String.join("; ", refused));
        }
        for (String r : refused) {
            notes.add("candidate dropped: " + r);
        }
        return out;
    }

    public static Built build(Workload w, List<Candidate> cands, List<HardwareOption> hw, SensitivityTable sens) {
        List<Layer> layers = w.computeLayers();
        if (layers.isEmpty()) {
            throw new InvalidInputException("--workload", w.name(), "a workload with at least one computing layer");
        }
        boolean fpga = hw.get(0).arch().technology() instanceof FpgaPart;
        boolean gpu = hw.get(0).arch() instanceof TensorCoreGpu;
        // a GPU's energy is modelled for its HBM traffic only (docs/gpu.md): named so, never taken for the whole
        List<String> metrics = new ArrayList<>(List.of("sensitivity", "size_bits", "bops", "latency_cycles",
                gpu ? "hbm_energy_pj" : "energy_pj", "area_um2"));
        List<String> units = new ArrayList<>(List.of("(lower is better)", "bits", "bit-ops", "cycles", "pJ", "µm²"));
        if (fpga) {
            metrics.add("luts");
            metrics.add("dsps");
            units.add("LUTs");
            units.add("DSPs");
        }
        List<String> layerNames = layers.stream().map(Layer::name).toList();
        List<String> candNames = cands.stream().map(Candidate::name).toList();
        SearchProblem.Builder b = SearchProblem.builder(layerNames, candNames, hw.stream().map(HardwareOption::name)
                .toList(), metrics, units);
        Simulator engine = new Simulator();
        int nl = layers.size();
        int nf = cands.size();
        int nh = hw.size();
        double[][][][] cost = new double[nl][nf][nh][];
        IntStream.range(0, nl).parallel().forEach(l -> {
            Layer layer = layers.get(l);
            for (int f = 0; f < nf; f++) {
                Candidate c = cands.get(f);
                long params = layer.params();
                double sizeBits = params * c.weightStorageBits();
                double bops = 0;
                for (LayerOp op : layer.ops()) {
                    int bBits = OperandBits.bFormat(op, c.formats()).elementBits();
                    bops += (double) op.macs() * bBits * c.activationBits();
                }
                for (int h = 0; h < nh; h++) {
                    Evaluation e = Evaluation.ZERO;
                    for (LayerOp op : layer.ops()) {
                        e = e.plus(engine.evaluate(op, hw.get(h).arch(), c.formats(),
                                Simulator.EngineKind.ANALYTICAL));
                    }
                    double[] v = new double[metrics.size()];
                    v[1] = sizeBits;
                    v[2] = bops;
                    v[3] = e.cycles();
                    v[4] = e.energy().totalPj();
                    cost[l][f][h] = v;
                }
            }
        });
        List<String> unscored = new ArrayList<>();
        int precise = mostPrecise(cands);
        long maxK = 1;
        for (Layer layer : layers) {
            for (LayerOp op : layer.ops()) {
                maxK = Math.max(maxK, op.k());
            }
        }
        for (int l = 0; l < nl; l++) {
            String name = layerNames.get(l);
            boolean scored = sens != null && sens.hasLayer(name);
            for (int f = 0; f < nf; f++) {
                double s = 0;
                if (scored) {
                    SensitivityTable.Entry e = sens.get(name, candNames.get(f));
                    if (e == null) {
                        throw new InvalidInputException("sensitivity of layer " + name, candNames.get(f),
                                "a value for every candidate format (the table has " + String.join(", ",
                                        sens.formats()) + ")");
                    }
                    s = e.sensitivity();
                }
                for (int h = 0; h < nh; h++) {
                    cost[l][f][h][0] = s;
                    b.cost(l, f, h, cost[l][f][h]);
                }
            }
            if (!scored) {
                unscored.add(name);
                b.pin(l, precise);
            }
        }
        AsicCostModel asic = AsicCostModel.standard();
        SramModel sram = SramModel.cacti7();
        FpgaCostModel fpgaModel = fpga ? FpgaCostModel.standard() : null;
        for (int h = 0; h < nh; h++) {
            if (hw.get(h).arch() instanceof TensorCoreGpu g) {
                b.hwCost(h, 5, g.spec().dieAreaMm2() * 1e6); // the die, whatever the formats
                continue;
            }
            if (hw.get(h).arch() instanceof BitSerialArray bs) {
                BitSerialCosts bc = new BitSerialCosts();
                b.hwCost(h, 5, bc.asicAreaUm2(bs));
                if (bc.cost(bs, bs.formats()) instanceof Cost.FpgaResources fr) {
                    b.hwCost(h, 6, fr.luts());
                    b.hwCost(h, 7, fr.dsps());
                }
                continue;
            }
            SystolicArray a = (SystolicArray) hw.get(h).arch();
            b.hwCost(h, 5, sramArea(sram, a, a.ifmapSram(), edge(a, true)) + sramArea(sram, a, a.filterSram(),
                    edge(a, false)) + sramArea(sram, a, a.ofmapSram(), a.cols() * 32));
            for (int f = 0; f < nf; f++) {
                Candidate c = cands.get(f);
                OpSpec mac = OpSpec.mac(c.formats().weight(), c.formats().activation(), c.formats().accumulator(),
                        maxK);
                b.unitCost(f, h, 5, a.pes() * asic.estimate(mac, a.asicOrDefault()).areaUm2());
                if (fpga) {
                    FpgaCost fc = fpgaModel.estimate(mac, (FpgaPart) a.technology(), true);
                    b.unitCost(f, h, 6, a.pes() * fc.luts());
                    b.unitCost(f, h, 7, a.pes() * fc.dsps());
                }
            }
        }
        return new Built(b.build(), List.copyOf(cands), List.copyOf(hw), List.copyOf(unscored));
    }

    /** @return the candidate with the most weight bits (then activation bits), first on ties */
    static int mostPrecise(List<Candidate> cands) {
        int best = 0;
        for (int f = 1; f < cands.size(); f++) {
            Candidate c = cands.get(f);
            Candidate b = cands.get(best);
            if (c.weightBits() > b.weightBits() || (c.weightBits() == b.weightBits()
                    && c.activationBits() > b.activationBits())) {
                best = f;
            }
        }
        return best;
    }

    private static int edge(SystolicArray a, boolean ifmap) {
        int e = ifmap ? (a.dataflow() == Dataflow.IS ? a.cols() : a.rows())
                : (a.dataflow() == Dataflow.IS ? a.rows() : a.cols());
        return e * 8;
    }

    private static double sramArea(SramModel sram, SystolicArray a, MemorySpec m, int widthBits) {
        long maxWidth = m.sizeBytes() / m.banks() * 8;
        int w = (int) Math.max(8, Math.min(Math.min(widthBits, 8192), maxWidth));
        return sram.estimate(new SramSpec(m.sizeBytes(), w, m.banks()), a.asicOrDefault()).areaUm2();
    }
}
