package io.qdse.search.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Pareto;
import io.qdse.search.Query;
import io.qdse.search.Search;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import io.qdse.search.build.Candidate;
import io.qdse.search.sensitivity.SensitivityTable;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.DramSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.fpga.DataflowEstimate;
import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import io.qdse.hwmodels.memory.DramType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Formats and folding chosen together: exactness (CP-SAT on the pruned problem = exhaustive enumeration of every
 * (format, fold) assignment, unpruned, on small networks), the design's totals equal to {@code qdse fpga estimate}'s
 * engine, and an infeasible throughput target reported as such.
 */
class DataflowSearchTest {
    static final FpgaPart PART = (FpgaPart) Targets.parse("fpga:xc7z020", "t");
    static final SolverOptions CPSAT = SolverOptions.defaults();
    static final SolverOptions EXHAUSTIVE = SolverOptions.defaults().with(Backend.EXHAUSTIVE);

    static List<Candidate> formats(String... names) {
        List<Candidate> c = new ArrayList<>();
        for (String n : names) {
            c.add(Candidate.parse(n, "--formats"));
        }
        return c;
    }

    static Layer linear(String name, long m, long n, long k) {
        return new Layer(name, "linear", List.of(LayerOp.gemm(name, m, n, k)), n * k);
    }

    static Layer conv(String name, ConvGeometry g) {
        return new Layer(name, "conv", List.of(LayerOp.conv(name, g, 1)), (long) g.outChannels()
                * (g.inChannels() / g.groups()) * g.kernelH() * g.kernelW());
    }

    /** Three small layers: a conv, a depthwise conv (VVAU), a linear layer. */
    static Workload small() {
        return new Workload("small", "test", List.of(
                conv("c1", new ConvGeometry(4, 4, 3, 3, 1, 1, 1, 1, 2, 12, 1)),
                conv("dw", new ConvGeometry(4, 4, 3, 3, 1, 1, 1, 1, 12, 12, 12)),
                linear("fc", 16, 6, 12)));
    }

    static SensitivityTable randomSensitivity(Workload w, List<Candidate> cands, long seed) {
        Random r = new Random(seed);
        List<SensitivityTable.Entry> e = new ArrayList<>();
        for (Layer l : w.computeLayers()) {
            for (Candidate c : cands) {
                // fewer bits: more error, with noise so formats of equal bits differ per layer
                double s = Math.pow(2, -c.weightBits()) * (0.5 + r.nextDouble()) * (1 + 3 * r.nextDouble());
                e.add(new SensitivityTable.Entry(l.name(), c.name(), s, Double.NaN, Double.NaN, Double.NaN, 0));
            }
        }
        return new SensitivityTable(e, "random, seed " + seed);
    }

    /** small()'s units as a ReLU chain (c1 -> dw -> fc), as an ONNX graph would say: both pairs linked */
    static final java.util.Map<String, io.qdse.simulator.workload.onnx.OnnxImporter.ChainEdge> CHAIN = java.util.Map.of(
            "dw", new io.qdse.simulator.workload.onnx.OnnxImporter.ChainEdge("c1", true),
            "fc", new io.qdse.simulator.workload.onnx.OnnxImporter.ChainEdge("dw", true));

    static DataflowSearch.Spec spec(long target, FpgaDataflow.ResType rt) {
        return new DataflowSearch.Spec(PART, 200, target, rt, null, 0.8);
    }

    @Test
    void eachUnitsThresholdsMakeTheNextUnitsInputCodesAndTheLastUnitHasNone() {
        assertEquals(2, DataflowSearch.thresholdBits(Candidate.parse("int3", "f").formats().activation(), true));
        assertEquals(3, DataflowSearch.thresholdBits(Candidate.parse("e2m1", "f").formats().activation(), true));
        assertEquals(5, DataflowSearch.thresholdBits(Candidate.parse("e2m3", "f").formats().activation(), true));
        assertEquals(4, DataflowSearch.thresholdBits(Candidate.parse("uint4", "f").formats().activation(), true));
        List<Candidate> cands = formats("int3", "uint4", "e2m1", "e2m3");
        Workload w = small();
        // a ReLU between c1 and dw, a bias only between dw and fc (signed codes: all bits)
        var chain = java.util.Map.of("dw", new io.qdse.simulator.workload.onnx.OnnxImporter.ChainEdge("c1", true),
                "fc", new io.qdse.simulator.workload.onnx.OnnxImporter.ChainEdge("dw", false));
        DataflowSearch.Problem p = DataflowSearch.build(w, cands, randomSensitivity(w, cands, 3), spec(200,
                FpgaDataflow.ResType.LUT), false, true, chain);
        assertEquals(2, p.problem().links().size(), "one link per pair of chained units");
        // without a graph no unit is linked: thresholds at each unit's own width, none on the last
        DataflowSearch.Problem free = DataflowSearch.build(w, cands, randomSensitivity(w, cands, 3), spec(200,
                FpgaDataflow.ResType.LUT), false, true);
        assertEquals(0, free.problem().links().size());
        assertTrue(free.notes().stream().anyMatch(n -> n.contains("own activation width") && n.contains("c1, dw")),
                free.notes().toString());
        DataflowSearch.Design fd = free.decode(Search.solve(free.problem(), Query.minimise("luts", List.of()),
                CPSAT).assignment());
        for (int i = 0; i < 2; i++) {
            DataflowSearch.Choice c = fd.layers().get(i);
            assertEquals(c.format().formats().activation().elementBits(), c.outBits(), c.layer());
        }
        assertEquals(0, fd.layers().get(2).outBits());
        // every format's uniform design stays reachable, whatever the next unit's codes
        for (int f = 0; f < cands.size(); f++) {
            assertTrue(Search.solve(p.uniform(f), Query.minimise("luts", List.of()), CPSAT).hasAssignment(),
                    cands.get(f).name());
        }
        io.qdse.simulator.engine.FpgaDataflowEngine engine = new io.qdse.simulator.engine.FpgaDataflowEngine();
        SearchResult least = Search.solve(p.problem(), Query.minimise("luts", List.of()), CPSAT);
        SearchResult best = Search.solve(p.problem(), Query.minimise("sensitivity", List.of()), CPSAT);
        SearchResult mid = Search.solve(p.problem(), Query.minimise("luts", List.of(new Budget("sensitivity",
                (least.totals()[0] + best.totals()[0]) / 2))), CPSAT);
        int outs = 0;
        for (SearchResult r : List.of(least, best, mid)) {
            DataflowSearch.Design d = p.decode(r.assignment());
            for (int i = 0; i < d.layers().size(); i++) {
                DataflowSearch.Choice c = d.layers().get(i);
                if (i + 1 < d.layers().size()) {
                    assertEquals(DataflowSearch.thresholdBits(d.layers().get(i + 1).format().formats().activation(),
                            i == 0), c.outBits(), c.layer());
                    outs++;
                } else {
                    assertEquals(0, c.outBits(), "the last unit outputs its accumulators");
                    assertEquals(0, io.qdse.simulator.engine.FpgaDataflowEngine.thresholdCount(c.formats(),
                            io.qdse.simulator.engine.FpgaDataflowEngine.accumulatorBits(c.shape(), c.formats())));
                }
                // the candidate's costs are the engine's for the unit as built
                double[] r2 = engine.resources(c.shape(), c.fold(), c.formats(), PART, FpgaDataflow.ResType.LUT,
                        null);
                assertEquals(r2[0], c.luts(), 1e-9, c.layer());
                assertEquals(r2[1], c.ffs(), 1e-9, c.layer());
            }
        }
        assertEquals(6, outs);
    }

    @Test
    void cpSatOnThePrunedProblemEqualsExhaustiveOnEveryUnprunedAssignment() {
        List<Candidate> cands = formats("int3", "int4", "e2m1", "e2m3");
        Workload w = small();
        // (seed, target cycles, where multipliers go): both targets, every resType, two sensitivity draws (the
        // larger target: 216 x 132 x 68 unpruned (format, output width, fold) candidates, 1,938,816 assignments
        // enumerated per query)
        Object[][] cases = {{1L, 96L, FpgaDataflow.ResType.LUT}, {1L, 200L, FpgaDataflow.ResType.AUTO},
            {2L, 96L, FpgaDataflow.ResType.DSP}};
        for (Object[] c : cases) {
            long seed = (Long) c[0];
            long target = (Long) c[1];
            FpgaDataflow.ResType rt = (FpgaDataflow.ResType) c[2];
            SensitivityTable sens = randomSensitivity(w, cands, seed);
            DataflowSearch.Problem pruned = DataflowSearch.build(w, cands, sens, spec(target, rt), false, true, CHAIN);
            DataflowSearch.Problem full = DataflowSearch.build(w, cands, sens, spec(target, rt), false, false, CHAIN);
            assertEquals(2, full.problem().links().size());
            assertTrue(pruned.reachable() && full.reachable());
            assertTrue(pruned.candidates() < full.candidates(), "pruning drops dominated folds");
            assertEquals(full.candidates(), full.meeting());
            compareQueries(pruned, full, "seed " + seed + ", target " + target + ", " + rt);
        }
    }

    private static void compareQueries(DataflowSearch.Problem pruned, DataflowSearch.Problem full, String what) {
        // the range of LUT totals, to set budgets that bind
        SearchResult minLuts = Search.solve(full.problem(), Query.minimise("luts", List.of()), EXHAUSTIVE);
        SearchResult minSens = Search.solve(full.problem(), Query.minimise("sensitivity", List.of()), EXHAUSTIVE);
        double lo = minLuts.totals()[1];
        double hi = minSens.totals()[1];
        double sLo = minSens.totals()[0];
        double sHi = minLuts.totals()[0];
        List<Query> queries = new ArrayList<>();
        queries.add(Query.minimise("sensitivity", List.of()));
        queries.add(Query.minimise("luts", List.of()));
        queries.add(Query.minimise("resource_fraction", List.of()));
        queries.add(Query.minimise("brams", List.of(new Budget("luts", lo + 0.5 * (hi - lo)))));
        for (double f : new double[] {0.1, 0.35, 0.7}) {
            queries.add(Query.minimise("sensitivity", List.of(new Budget("luts", lo + f * (hi - lo)))));
            queries.add(Query.minimise("luts", List.of(new Budget("sensitivity", sLo + f * (sHi - sLo)))));
            queries.add(Query.minimise("sensitivity", List.of(new Budget("luts", lo + f * (hi - lo)),
                    new Budget("ffs", 1e9), new Budget("brams", 1e9))));
        }
        queries.add(Query.minimise("sensitivity", List.of(new Budget("luts", lo - 1)))); // infeasible
        for (Query q : queries) {
            SearchResult a = Search.solve(pruned.problem(), q, CPSAT);
            SearchResult b = Search.solve(full.problem(), q, EXHAUSTIVE);
            String m = what + ", " + q.objectives() + " under " + q.budgets();
            assertEquals(b.status(), a.status(), m);
            if (b.status() == Status.OPTIMAL) {
                int o = full.problem().metric(q.objective(), "o");
                assertEquals(b.totals()[o], a.totals()[o], 1e-9 * Math.max(1, Math.abs(b.totals()[o])) + a
                        .certifiedError(), m);
                // the assignment means a design of the pruned problem's names
                assertNotNull(pruned.decode(a.assignment()));
            } else {
                assertFalse(a.hasAssignment(), m);
            }
        }
        // the whole Pareto front of (luts, sensitivity): CP-SAT on the pruned problem = exhaustive on all
        Pareto.Front fa = Pareto.front(pruned.problem(), List.of("luts", "sensitivity"), List.of(), CPSAT);
        Pareto.Front fb = Pareto.front(full.problem(), List.of("luts", "sensitivity"), List.of(), EXHAUSTIVE);
        assertEquals(fb.points().size(), fa.points().size(), what + " front size");
        for (int i = 0; i < fb.points().size(); i++) {
            for (int m : new int[] {0, 1}) {
                double x = fb.points().get(i).totals()[m];
                assertEquals(x, fa.points().get(i).totals()[m], 1e-9 * Math.max(1, x), what + " front point " + i);
            }
        }
    }

    @Test
    void theDesignsTotalsAreTheEstimateEnginesForTheSameFolding() {
        List<Candidate> cands = formats("int2", "int4", "int8", "e2m3", "e4m3");
        Workload w = small();
        SensitivityTable sens = randomSensitivity(w, cands, 7);
        for (FpgaDataflow.ResType rt : FpgaDataflow.ResType.values()) {
            DataflowSearch.Problem p = DataflowSearch.build(w, cands, sens, spec(150, rt), false, true);
            SearchResult r = Search.solve(p.problem(), Query.minimise("sensitivity", List.of(
                    new Budget("luts", 1500))), CPSAT);
            assertEquals(Status.OPTIMAL, r.status());
            DataflowSearch.Design d = p.decode(r.assignment());
            assertTrue(d.initiationCycles() <= 150 && d.framesPerSecond() >= 200e6 / 150, "meets the target");
            FpgaDataflow df = d.dataflow(new DramSpec(DramType.DDR4, 19.2));
            DataflowEstimate e = DataflowEstimate.run(w, df, d.perLayerFormats(), Simulator.EngineKind.ANALYTICAL);
            double[] t = d.resources();
            assertEquals(e.totals().luts(), t[0], 1e-6 * t[0]);
            assertEquals(e.totals().ffs(), t[1], 1e-6 * t[1]);
            assertEquals(e.totals().dsps(), t[2], 1e-9);
            assertEquals(e.totals().brams(), t[3], 1e-9);
            assertEquals(e.totals().initiationCycles(), d.initiationCycles());
            assertEquals(e.totals().frameLatency(), d.frameLatencyCycles());
            assertEquals(r.totals()[1], t[0], 1e-6 * t[0], "the search's total is the design's");
            assertEquals(r.totals()[0], d.sensitivity(), 1e-12);
        }
    }

    @Test
    void withSpramTheSearchChoosesEachLayersMemoryUnderTheSpramBudgetAndTheEstimateAgrees() {
        FpgaPart up5k = (FpgaPart) Targets.parse("fpga:ice40-up5k", "t");
        // 1536 x 64 and 64 x 16 weights: at int4/int8 the first layer's weights need more EBR than the part's 30
        Workload w = new Workload("two", "test", List.of(linear("a", 1, 64, 1536), linear("b", 1, 16, 64)));
        List<Candidate> cands = formats("int2", "int4", "int8");
        SensitivityTable sens = randomSensitivity(w, cands, 3);
        DataflowSearch.Spec sp = new DataflowSearch.Spec(up5k, 30, 100_000, FpgaDataflow.ResType.LUT, null, 0.8,
                FpgaDataflow.RamStyle.SPRAM);
        DataflowSearch.Problem p = DataflowSearch.build(w, cands, sens, sp, false, true);
        assertTrue(p.deviceBudgets().stream().anyMatch(b -> b.metric().equals("sprams") && b.max() == 0.8 * 4),
                p.deviceBudgets().toString());
        int spramMetric = p.problem().metric("sprams", "m");
        for (double max : new double[] {0, 1, 3}) {
            List<Budget> budgets = p.budgets(List.of("spram=" + (int) max));
            SearchResult r = Search.solve(p.problem(), Query.minimise("sensitivity", budgets), CPSAT);
            if (r.status() != Status.OPTIMAL) {
                assertEquals(0, max, "only without SPRAM may no design fit: " + r.status());
                continue;
            }
            DataflowSearch.Design d = p.decode(r.assignment());
            double[] t = d.resources();
            assertTrue(t[5] <= max && t[3] <= 0.8 * up5k.bramBlocks(), java.util.Arrays.toString(t));
            assertEquals(r.totals()[spramMetric], t[5], 1e-9);
            DataflowEstimate e = DataflowEstimate.run(w, d.dataflow(new DramSpec(DramType.DDR4, 19.2)),
                    d.perLayerFormats(), Simulator.EngineKind.ANALYTICAL);
            assertEquals(e.totals().sprams(), t[5], 1e-9, "the estimate places the weights as the search did");
            assertEquals(e.totals().brams(), t[3], 1e-9);
            assertEquals(e.totals().logicCells(), t[0], 1e-6 * t[0], "on iCE40 the LUT budget counts logic cells");
            assertTrue(e.totals().logicCells() > e.totals().luts());
            for (DataflowSearch.Choice c : d.layers()) {
                assertEquals(c.sprams() > 0, "spram".equals(c.weightMemory()), c.layer());
            }
        }
        SearchResult three = Search.solve(p.problem(), Query.minimise("sensitivity", p.budgets(List.of())), CPSAT);
        SearchResult none = Search.solve(p.problem(), Query.minimise("sensitivity", p.budgets(List.of("sprams=0"))),
                CPSAT);
        assertTrue(none.status() != Status.OPTIMAL || none.totals()[0] >= three.totals()[0] - 1e-12,
                "SPRAM can only help");
        assertTrue(p.decode(three.assignment()).resources()[5] > 0, "the most accurate design uses SPRAM");
    }

    @Test
    void withSpramChoicesCpSatOnThePrunedProblemEqualsExhaustiveOnEveryUnprunedAssignment() {
        FpgaPart up5k = (FpgaPart) Targets.parse("fpga:ice40-up5k", "t");
        Workload w = new Workload("two", "test", List.of(linear("a", 1, 16, 1024), linear("b", 1, 8, 256)));
        List<Candidate> cands = formats("int4", "int8");
        SensitivityTable sens = randomSensitivity(w, cands, 5);
        DataflowSearch.Spec sp = new DataflowSearch.Spec(up5k, 30, 4096, FpgaDataflow.ResType.LUT, null, 0.8,
                FpgaDataflow.RamStyle.SPRAM);
        DataflowSearch.Problem pruned = DataflowSearch.build(w, cands, sens, sp, false, true);
        DataflowSearch.Problem full = DataflowSearch.build(w, cands, sens, sp, false, false);
        assertTrue(full.units().stream().anyMatch(u -> u.options().stream().anyMatch(o -> o.sprams() > 0)),
                "some candidates hold their weights in SPRAM");
        int checked = 0;
        for (double sprams : new double[] {0, 1, 2}) {
            for (double brams : new double[] {2, 8, 30}) {
                for (String objective : List.of("sensitivity", "luts", "brams")) {
                    Query q = Query.minimise(objective, List.of(new Budget("sprams", sprams),
                            new Budget("brams", brams)));
                    SearchResult a = Search.solve(pruned.problem(), q, CPSAT);
                    SearchResult b = Search.solve(full.problem(), q, EXHAUSTIVE);
                    String m = q.objectives() + " under " + q.budgets();
                    assertEquals(b.status(), a.status(), m);
                    if (b.status() == Status.OPTIMAL) {
                        int o = full.problem().metric(objective, "o");
                        assertEquals(b.totals()[o], a.totals()[o], 1e-9 * Math.max(1, Math.abs(b.totals()[o]))
                                + a.certifiedError(), m);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 9, checked + " feasible queries compared");
    }

    @Test
    void aTargetNoFoldMeetsIsUnreachableAndNamesTheLayer() {
        List<Candidate> cands = formats("int4");
        Workload w = small();
        // fc: 16 vectors at full parallelism -> 16 cycles per frame; c1 and dw: 16 pixels
        DataflowSearch.Problem p = DataflowSearch.build(w, cands, randomSensitivity(w, cands, 1), spec(15,
                FpgaDataflow.ResType.LUT), false, true);
        assertFalse(p.reachable());
        assertEquals(3, p.unreachable().size());
        assertEquals(16, p.unreachable().get(2).fastest());
        assertEquals("fc", p.unreachable().get(2).layer());
    }

    @Test
    void prunedFoldsAreDominatedByAKeptFoldOfTheSameFormat() {
        List<Candidate> cands = formats("int4", "e4m3");
        Workload w = small();
        SensitivityTable sens = randomSensitivity(w, cands, 3);
        DataflowSearch.Problem full = DataflowSearch.build(w, cands, sens, spec(100, FpgaDataflow.ResType.AUTO),
                false, false);
        DataflowSearch.Problem pruned = DataflowSearch.build(w, cands, sens, spec(100, FpgaDataflow.ResType.AUTO),
                false, true);
        for (int l = 0; l < full.units().size(); l++) {
            List<DataflowSearch.Option> kept = pruned.units().get(l).options();
            for (DataflowSearch.Option o : full.units().get(l).options()) {
                if (kept.contains(o)) {
                    continue;
                }
                assertTrue(kept.stream().anyMatch(k -> k.format() == o.format() && k.luts() <= o.luts()
                        && k.ffs() <= o.ffs() && k.dsps() <= o.dsps() && k.brams() <= o.brams()
                        && k.cyclesPerFrame() <= 100), o.toString());
            }
        }
    }

    @Test
    void blockFormatsAndAttentionAreRefusedNamingTheField() {
        Workload w = small();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataflowSearch.build(w,
                formats("mxfp4"), null, spec(100, FpgaDataflow.ResType.LUT), false, true));
        assertTrue(e.getMessage().contains("--formats") && e.getMessage().contains("mxfp4"), e.getMessage());
        List<Layer> ls = new ArrayList<>(w.layers());
        ls.add(new Layer("qk", "matmul", List.of(new LayerOp("qk", io.qdse.simulator.workload.OpKind.MATMUL, 16, 16,
                8, 2, null)), 0));
        Workload att = new Workload("att", "t", ls);
        e = assertThrows(InvalidInputException.class, () -> DataflowSearch.build(att, formats("int4"), null,
                spec(100, FpgaDataflow.ResType.LUT), false, true));
        assertTrue(e.getMessage().contains("qk") && e.getMessage().contains("--weight-layers-only"), e.getMessage());
        DataflowSearch.Problem p = DataflowSearch.build(att, formats("int4"), null, spec(100,
                FpgaDataflow.ResType.LUT), true, true);
        assertEquals(3, p.units().size());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("left out") && n.contains("qk")), p.notes().toString());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("without sensitivity data")), p.notes().toString());
    }

    @Test
    void theParetoRunsFrontIsTheExhaustiveOneAndSampledPointsLieOnIt() {
        List<Candidate> cands = formats("int3", "int4", "e2m1", "e2m3");
        Workload w = small();
        SensitivityTable sens = randomSensitivity(w, cands, 5);
        DataflowSearch.Problem p = DataflowSearch.build(w, cands, sens, spec(200, FpgaDataflow.ResType.LUT), false,
                true, CHAIN);
        List<Budget> none = List.of(new Budget("brams", 1e9));
        DataflowPareto.Result a = DataflowPareto.run(p, "luts", none, CPSAT, 0);
        DataflowPareto.Result b = DataflowPareto.run(p, "luts", none, EXHAUSTIVE, 0);
        assertTrue(a.complete() && a.proven() && a.mixed().size() >= 3, a.mixed().toString());
        assertEquals(b.mixed().size(), a.mixed().size());
        for (int i = 0; i < a.mixed().size(); i++) {
            assertEquals(b.mixed().get(i).resource(), a.mixed().get(i).resource(), 1e-9 * b.mixed().get(i)
                    .resource());
            assertEquals(b.mixed().get(i).sensitivity(), a.mixed().get(i).sensitivity(), 1e-12);
            assertTrue(a.mixed().get(i).pareto(), "every front point is on the Pareto set");
        }
        for (int f = 0; f < cands.size(); f++) {
            DataflowPareto.Point u = a.uniform().get(f);
            Candidate fmt = cands.get(f);
            assertEquals(fmt.name(), u.label());
            assertTrue(u.design().layers().stream().allMatch(c -> c.format().equals(fmt)));
            assertEquals(b.uniform().get(f).resource(), u.resource(), 1e-9 * u.resource(), "least LUTs, exactly");
            assertEquals(u.resource(), u.least(), 1e-9 * u.resource(), "no binding budget: the least is the point");
            // a uniform design is on the Pareto set exactly when no front point dominates it
            boolean dominated = a.mixed().stream().anyMatch(m -> m.resource() <= u.resource()
                    && m.sensitivity() <= u.sensitivity() && (m.resource() < u.resource()
                    || m.sensitivity() < u.sensitivity()));
            assertEquals(!dominated, u.pareto(), u.label());
        }
        DataflowPareto.Result s = DataflowPareto.run(p, "luts", none, CPSAT, 4);
        assertFalse(s.complete());
        assertTrue(s.mixed().size() >= 2 && s.mixed().size() <= 4);
        for (DataflowPareto.Point pt : s.mixed()) {
            assertTrue(a.mixed().stream().anyMatch(m -> Math.abs(m.resource() - pt.resource()) <= 1e-9 * m.resource()
                    && Math.abs(m.sensitivity() - pt.sensitivity()) <= 1e-12), "sampled point on the front: " + pt);
        }
        // a device too small for any uniform int8... here: every uniform design over a tiny LUT budget
        // (the next double up: a total is the exact sum rounded once, possibly just below it)
        DataflowPareto.Result tight = DataflowPareto.run(p, "luts", List.of(new Budget("luts",
                Math.nextUp(a.mixed().get(0).resource()))), CPSAT, 0);
        assertEquals(1, tight.mixed().size());
        assertTrue(tight.uniform().stream().anyMatch(u -> !u.fits() && !u.misfit().isEmpty()
                && u.misfit().get(0).metric().equals("luts")), "a uniform design over the budget says by how much");
        for (int f = 0; f < cands.size(); f++) {
            assertEquals(a.uniform().get(f).least(), tight.uniform().get(f).least(), 1e-9 * a.uniform().get(f).least(),
                    "the least a format needs does not depend on the device budget");
        }
    }
}
