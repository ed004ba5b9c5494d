package io.qdse.search.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.quant.ClipMethod;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Budgets;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import io.qdse.search.sensitivity.WeightSensitivity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search API: requests turned into problems (tables, networks, ties, pins) and goals into answers. */
class SearchPlannerTest {
    private static final SolverOptions EXHAUSTIVE = new SolverOptions(Backend.EXHAUSTIVE, 60, 1, 1);
    private static final List<String> L = List.of("a", "b", "c", "d");

    /** Four layers, int4/int8, two hardware options; int8 costs twice the bits and a little more time. */
    private static SearchProblem problem() {
        SearchProblem.Builder b = SearchProblem.builder(L, List.of("int4", "int8"), List.of("small", "big"),
                List.of("sensitivity", "size_bits", "latency_cycles", "area_um2"),
                List.of("(lower is better)", "bits", "cycles", "µm²"));
        for (int l = 0; l < L.size(); l++) {
            for (int h = 0; h < 2; h++) {
                b.cost(l, 0, h, 0.5 + 0.1 * l, 100 * (l + 1), (h == 0 ? 200 : 100) + l, 0);
                b.cost(l, 1, h, 0.01 * (l + 1), 200 * (l + 1), (h == 0 ? 300 : 150) + l, 0);
            }
        }
        b.hwCost(0, 3, 1000).hwCost(1, 3, 4000);
        b.unitCost(0, 0, 3, 10).unitCost(1, 0, 3, 20).unitCost(0, 1, 3, 40).unitCost(1, 1, 3, 80);
        b.tie(0, 1);
        return b.build();
    }

    @Test
    void toBuilderKeepsEveryCostPinAndTie() {
        SearchProblem p = problem().toBuilder().pin(3, 1).build();
        SearchProblem q = p.toBuilder().build();
        assertEquals(p.layers(), q.layers());
        assertEquals(p.metrics(), q.metrics());
        for (int m = 0; m < p.metricCount(); m++) {
            assertEquals(p.unit(m), q.unit(m));
            for (int h = 0; h < p.hardwareCount(); h++) {
                assertEquals(p.hwCost(h, m), q.hwCost(h, m));
                for (int f = 0; f < p.formatCount(); f++) {
                    assertEquals(p.unitCost(f, h, m), q.unitCost(f, h, m));
                    for (int l = 0; l < p.layerCount(); l++) {
                        assertEquals(p.cost(l, f, h, m), q.cost(l, f, h, m));
                    }
                }
            }
        }
        assertEquals(1, q.pinned(3));
        assertEquals(-1, q.pinned(0));
        assertEquals(1, q.ties().size());
        assertArrayEquals(new int[] {0, 1}, q.ties().get(0));
    }

    @Test
    void pinsSplitAtTheLastEqualsSignAndRefuseOtherSpellings() {
        Map<String, String> m = SearchPlanner.pins(List.of("a=int8", "x=y=int8"));
        assertEquals(List.of("a", "x=y"), new ArrayList<>(m.keySet()));
        assertEquals("int8", m.get("a"));
        assertEquals("int8", m.get("x=y"));
        // a layer pinned twice would undo the first pin in silence: refused
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> SearchPlanner.pins(List.of("a=int4", "x=y=int8", "a=int8")));
        assertTrue(twice.getMessage().contains("each layer once") && twice.getMessage().contains("int4"),
                twice.getMessage());
        for (String bad : List.of("a", "=int4", "a=")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> SearchPlanner.pins(List.of(bad)));
            assertTrue(e.getMessage().startsWith("--pin: LAYER=FORMAT"), e.getMessage());
        }
    }

    @Test
    void tieGroupsFromAFileInOrderOfFirstAppearance(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("ties.csv");
        Files.writeString(t, "# tied layers\nlayer , group\n\nd,y\nb, x\nc,y\n# a comment\na,x\n");
        List<int[]> g = SearchPlanner.tieGroups(t, L);
        assertEquals(2, g.size());
        assertArrayEquals(new int[] {3, 2}, g.get(0));
        assertArrayEquals(new int[] {1, 0}, g.get(1));
    }

    @Test
    void tieFileProblemsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path header = dir.resolve("h.csv");
        Files.writeString(header, "name,group\na,x\n");
        String m = assertThrows(InvalidInputException.class, () -> SearchPlanner.tieGroups(header, L)).getMessage();
        assertTrue(m.contains("--ties " + header + " line 1") && m.contains("layer,group"), m);
        Path unknown = dir.resolve("u.csv");
        Files.writeString(unknown, "layer,group\na,x\nzz,x\n");
        m = assertThrows(InvalidInputException.class, () -> SearchPlanner.tieGroups(unknown, L)).getMessage();
        assertTrue(m.contains("line 3") && m.contains("zz"), m);
        Path missing = dir.resolve("missing.csv");
        m = assertThrows(InvalidInputException.class, () -> SearchPlanner.tieGroups(missing, L)).getMessage();
        assertTrue(m.startsWith("--ties: an existing file") && m.contains("missing.csv"), m);
    }

    @Test
    void sharedInputTiesLeaveOutNamesThatAreNotLayers() {
        List<int[]> g = SearchPlanner.sharedInputTies(List.of(List.of("c", "nope", "d"), List.of("a")), L);
        assertArrayEquals(new int[] {2, 3}, g.get(0));
        assertArrayEquals(new int[] {0}, g.get(1));
    }

    @Test
    void pinsAndTiesAreAddedToTheBuildersOwnAndMerge() {
        SearchProblem p = problem();
        assertSame(p, SearchPlanner.withPinsAndTies(p, Map.of(), List.of()));
        SearchProblem q = SearchPlanner.withPinsAndTies(p, Map.of("d", "int8"), List.of(new int[] {1, 2}));
        assertEquals(1, q.pinned(3));
        assertEquals(1, q.ties().size(), "{a,b} and {b,c} overlap: one group");
        assertArrayEquals(new int[] {0, 1, 2}, q.ties().get(0));
        String m = assertThrows(InvalidInputException.class,
                () -> SearchPlanner.withPinsAndTies(p, Map.of("zz", "int4"), List.of())).getMessage();
        assertTrue(m.startsWith("--pin zz=int4") && m.contains("a, b, c, d"), m);
        m = assertThrows(InvalidInputException.class,
                () -> SearchPlanner.withPinsAndTies(p, Map.of("a", "fp8"), List.of())).getMessage();
        assertTrue(m.contains("one of the candidate formats int4, int8"), m);
    }

    @Test
    void weightSpecFromTheOptionWords() {
        WeightSensitivity.Spec s = SearchPlanner.weightSpec("block:16", "MSE", "nsr");
        assertEquals(Granularity.PER_BLOCK, s.granularity());
        assertEquals(16, s.blockSize());
        assertEquals(ClipMethod.MSE, s.clip());
        assertEquals(WeightSensitivity.Spec.defaults(), SearchPlanner.weightSpec("channel", "absmax", "l2"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SearchPlanner.weightSpec("block:0", "absmax",
                "l2")).getMessage().startsWith("--scaling"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SearchPlanner.weightSpec("tensor", "p99",
                "l2")).getMessage().startsWith("--clip"));
    }

    @Test
    void budgetsAndObjectiveOnAHandBuiltPlan() {
        SearchPlan plan = new SearchPlan(problem(), "toy", List.of(), null, false, List.of());
        // size: all-int4 = 1000 bits, all-int8 = 2000; half way = 1500
        SearchRequest.Goal goal = SearchRequest.Goal.minimise("sensitivity", List.of("latency=900"),
                List.of("size=0.5"));
        List<Budget> b = plan.budgets(goal);
        assertEquals(new Budget("latency_cycles", 900), b.get(0));
        assertEquals(new Budget("size_bits", 1500), b.get(1));
        SearchOutcome.Optimum o = plan.optimum(goal, EXHAUSTIVE);
        assertEquals(Status.OPTIMAL, o.result().status());
        double[] t = o.result().totals();
        assertTrue(t[1] <= 1500 && t[2] <= 900, java.util.Arrays.toString(t));
        // the tie holds: a and b in one format
        assertEquals(o.result().assignment().format(0), o.result().assignment().format(1));
        assertArrayEquals(Evaluate.totals(plan, o), t, 1e-9);
        SearchOutcome.Optimum none = plan.optimum(SearchRequest.Goal.minimise("size", List.of("size=999"),
                List.of()), EXHAUSTIVE);
        assertTrue(none.infeasible());
        assertEquals("size_bits", none.result().diagnosis().get(0).metric());
        assertEquals(1000, none.result().diagnosis().get(0).smallest(), 1e-9);
        assertThrows(IllegalStateException.class, none::requireAssignment);
        String m = assertThrows(InvalidInputException.class, () -> plan.optimum(SearchRequest.Goal.minimise(
                "speed", List.of(), List.of()), EXHAUSTIVE)).getMessage();
        assertTrue(m.startsWith("metric: one of sensitivity, size_bits"), m);
    }

    @Test
    void paretoGoalTracesTheFrontUnderBudgets() {
        SearchPlan plan = new SearchPlan(problem(), "toy", List.of(), null, false, List.of());
        SearchOutcome o = plan.solve(SearchRequest.Goal.pareto(List.of("size", "sensitivity"), List.of(),
                List.of()), EXHAUSTIVE);
        assertTrue(o instanceof SearchOutcome.Front);
        SearchOutcome.Front f = (SearchOutcome.Front) o;
        assertEquals(List.of("size_bits", "sensitivity"), f.front().objectives());
        // units {a,b} (+300 bits, -1.07 in int8), c (+300, -0.67), d (+400, -0.76) from all-int4 (1000 bits):
        // non-dominated are none, ab, ab+c, ab+d, all (c, d and c+d are beaten by ab and ab+d)
        assertEquals(5, f.front().points().size());
        assertEquals(List.of(1000.0, 1300.0, 1600.0, 1700.0, 2000.0), f.front().points().stream()
                .map(pt -> pt.totals()[1]).toList());
        SearchOutcome.Front capped = plan.front(SearchRequest.Goal.pareto(List.of("size", "sensitivity"),
                List.of("size=1400"), List.of()), EXHAUSTIVE);
        assertTrue(capped.front().points().stream().allMatch(pt -> pt.totals()[1] <= 1400));
        assertEquals(2, capped.front().points().size());
    }

    @Test
    void aTableRequestReadsTheTableWithItsTiesAndPins(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("costs.csv");
        Files.writeString(t, "layer,format,sensitivity,size_bits\na,int4,0.5,4\na,int8,0.1,8\nb,int4,0.4,4\n"
                + "b,int8,0.2,8\n");
        Path ties = dir.resolve("ties.csv");
        Files.writeString(ties, "layer,group\na,g\nb,g\n");
        SearchPlan plan = SearchPlanner.plan(SearchRequest.ofTable(t, SearchRequest.Goal.minimise(null, List.of(),
                List.of())).withConstraints(ties, false, List.of("b=int4")), msg -> { });
        assertEquals("cost table " + t, plan.what());
        assertFalse(plan.fromNetwork());
        assertEquals(0, plan.problem().pinned(1));
        assertEquals(1, plan.problem().ties().size());
        SearchResult r = plan.optimum(SearchRequest.Goal.minimise(null, List.of(), List.of()), EXHAUSTIVE).result();
        assertEquals(0, r.assignment().format(0), "tied to b, which is pinned to int4");
        String m = assertThrows(InvalidInputException.class, () -> SearchPlanner.plan(new SearchRequest(t,
                SearchRequest.Network.of("resnet18", null, null, null, null), null, false, null,
                SearchRequest.Goal.minimise(null, null, null)), msg -> { })).getMessage();
        assertTrue(m.startsWith("--table: on its own"), m);
    }

    @Test
    void aNetworkRequestBuildsCostsFromTheSimulatorWithTiesPinsAndNotes(@TempDir Path dir) throws Exception {
        Path sens = dir.resolve("sens.csv");
        Files.writeString(sens, "layer,format,sensitivity\nconv1,int4,0.9\nconv1,int8,0.1\nfc,int4,0.5\n"
                + "fc,int8,0.2\nlayer1.0.conv1,int4,0.4\nlayer1.0.conv1,int8,0.02\n");
        Path ties = dir.resolve("ties.csv");
        Files.writeString(ties, "layer,group\nconv1,x\nlayer1.0.conv1,x\n");
        SearchRequest r = SearchRequest.ofNetwork(SearchRequest.Network.of("resnet18", "edge-32x32",
                List.of("16x16", "32x32"), List.of("int4", "int8"), "table:" + sens),
                SearchRequest.Goal.minimise("sensitivity", List.of(), List.of("size=0.5")))
                .withConstraints(ties, false, List.of("fc=int4"));
        SearchPlan plan = SearchPlanner.plan(r, msg -> { });
        SearchProblem p = plan.problem();
        assertTrue(plan.fromNetwork());
        assertEquals("resnet18 on edge-32x32 (arrays 16x16,32x32)", plan.what());
        assertEquals(List.of("16x16", "32x32"), p.hardware());
        assertEquals(List.of("sensitivity", "size_bits", "bops", "latency_cycles", "energy_pj", "area_um2"),
                p.metrics());
        assertEquals(0, p.pinned(p.layers().indexOf("fc")));
        assertEquals(1, p.ties().size());
        // layers without sensitivity data are pinned to int8 by the builder, and a note says so
        assertEquals(1, p.pinned(p.layers().indexOf("layer1.0.conv2")));
        assertEquals(1, plan.notes().size());
        assertTrue(plan.notes().get(0).startsWith((p.layerCount() - 3) + " layer(s) without sensitivity data kept "
                + "at the most precise candidate int8: "), plan.notes().get(0));
        SearchOutcome.Optimum o = plan.optimum(r.goal(), SolverOptions.defaults());
        int size = p.metric("size_bits", "m");
        double[] range = Budgets.range(p, size);
        assertEquals(range[0] + 0.5 * (range[1] - range[0]), o.budgets().get(0).max(), 1e-6);
        assertTrue(o.result().totals()[size] <= o.budgets().get(0).max() + 1e-6);
        assertEquals(o.result().assignment().format(p.layers().indexOf("conv1")),
                o.result().assignment().format(p.layers().indexOf("layer1.0.conv1")));
        // the sweep's entry point builds the same costs without the user's ties and pins
        SearchPlan bare = SearchPlanner.plan(io.qdse.simulator.workload.Zoo.load("resnet18", "w"),
                io.qdse.simulator.arch.Presets.edge32x32(), List.of("16x16", "32x32"), plan.candidates(),
                plan.sensitivity());
        assertEquals(plan.what(), bare.what());
        assertEquals(-1, bare.problem().pinned(p.layers().indexOf("fc")));
        assertEquals(p.cost(0, 0, 1, size), bare.problem().cost(0, 0, 1, size));
    }

    @Test
    void networkRequestProblemsNameTheOption(@TempDir Path dir) throws Exception {
        Path sens = dir.resolve("sens.csv");
        Files.writeString(sens, "layer,format,sensitivity\nconv1,int4,0.9\nconv1,int8,0.1\n");
        SearchRequest.Goal g = SearchRequest.Goal.minimise(null, null, null);
        assertTrue(message(SearchRequest.ofNetwork(SearchRequest.Network.of("resnet18", null, null, null,
                "table:" + sens), g)).startsWith("--formats: candidate formats"));
        assertTrue(message(SearchRequest.ofNetwork(SearchRequest.Network.of(null, null, null, List.of("int4"),
                "table:" + sens), g)).startsWith("--workload: a network"));
        assertTrue(message(SearchRequest.ofNetwork(SearchRequest.Network.of("resnet18", "nosuch-arch", null,
                List.of("int4"), "table:" + sens), g)).startsWith("--arch: not a preset"));
        assertTrue(message(SearchRequest.ofNetwork(SearchRequest.Network.of("resnet18", null, null,
                List.of("int4", "int8"), "table:" + sens), g).withConstraints(null, true, null))
                .startsWith("--tie-shared-inputs: an ONNX workload"));
        assertTrue(message(SearchRequest.ofNetwork(SearchRequest.Network.of("resnet18", null, null,
                List.of("int4", "int8"), "table:" + sens), g).withConstraints(null, false, List.of("nope=int4")))
                .startsWith("--pin nope=int4: a layer of the workload"));
    }

    @Test
    void baselineComparisonHoldsTheBaselineRelativeBudgets() {
        SearchPlan plan = new SearchPlan(problem(), "toy", List.of(), null, false, List.of());
        BaselineComparison c = BaselineComparison.run(plan, "int8", "big", "sensitivity", List.of("size=0.5"),
                List.of("latency_cycles"), "area_um2", 1.0, EXHAUSTIVE);
        SearchProblem p = plan.problem();
        // all int8 on big: 2000 bits, latency 150+151+152+153, area 4000 + the int8 unit 80
        assertArrayEquals(new double[] {0.1, 2000, 606, 4080}, c.baselineTotals(), 1e-9);
        assertEquals(List.of(new Budget("size_bits", 1500), new Budget("latency_cycles", 606)), c.budgets());
        assertEquals(new Budget("area_um2", 4080), c.cap());
        // small is too slow (>= 806 cycles); within 1500 bits the best is {a,b} in int8: 2.6 - 1.07
        assertEquals(1, c.optimum().assignment().hardware());
        assertEquals(1.53, c.optimum().totals()[0], 1e-9);
        assertEquals(4120, c.optimum().totals()[3], 1e-9, "two MAC units");
        // an area cap at the baseline's leaves room for one MAC unit: all int4 (all int8 is over the size budget)
        assertArrayEquals(new int[] {0, 0, 0, 0}, c.capped().assignment().formats());
        assertEquals(2.6, c.capped().totals()[0], 1e-9);
        assertEquals(Backend.GREEDY, c.greedy().backend());
        assertEquals(p.layerCount(), c.baseline().formats().length);
    }

    @Test
    void quotedLayerNamesInATiesFile(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("ties.csv");
        Files.writeString(t, "layer,group\n\"x,1\",g\nb,g\n");
        List<int[]> g = SearchPlanner.tieGroups(t, List.of("a", "b", "x,1"));
        assertArrayEquals(new int[] {2, 1}, g.get(0));
    }

    private static String message(SearchRequest r) {
        return assertThrows(InvalidInputException.class, () -> SearchPlanner.plan(r, msg -> { })).getMessage();
    }

    /** Totals re-evaluated from the assignment (the solver's totals must be the problem's). */
    private static final class Evaluate {
        static double[] totals(SearchPlan plan, SearchOutcome.Optimum o) {
            return plan.totals(o.result().assignment());
        }
    }
}
