package io.qdse.search.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qdse.search.Assignment;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Budgets;
import io.qdse.search.Query;
import io.qdse.search.Search;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HAWQ-V3's integer program (Yao, Dong et al., ICML 2021; Zhen-Dong/HAWQ ILP.ipynb) on its published inputs, read
 * from ../shared/validation/hawq (skipped when absent): per layer INT4 or INT8 (weights = activations), minimise
 * ΣΩ under one budget — size Σ params·b, BOPs Σ MACs·b², or latency Σ lat(b) — at r ∈ {0.25, 0.5, 0.75} of the way
 * from all-INT4 to all-INT8. Our optimum must be the published bit configuration (17 of the 18 cases; the 18th
 * released configuration is beaten, see below), SCIP must agree, and for ResNet-18 exhaustive search over all 2^16
 * tie-respecting assignments must too.
 */
class HawqIlpTest {
    private static final Path DIR = Paths.get("../../shared/validation/hawq");

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet50"})
    void reproducesPublishedOptima(String model) throws Exception {
        assumeTrue(Files.isDirectory(DIR), "../shared/validation/hawq not found");
        List<Map<String, String>> rows = csv(DIR.resolve(model + "_ilp_layers.csv"));
        SearchProblem p = problem(rows);
        Map<String, Map<String, Integer>> published = new LinkedHashMap<>();
        for (Map<String, String> r : csv(DIR.resolve("published_bit_configs.csv"))) {
            if (r.get("model").equals(model)) {
                published.computeIfAbsent(r.get("scheme"), k -> new HashMap<>()).put(r.get("layer"),
                        Integer.parseInt(r.get("weight_bits")));
            }
        }
        SolverOptions cpsat = new SolverOptions(Backend.CPSAT, 60, 2, 1);
        int compared = 0;
        for (String kind : List.of("bops", "latency", "modelsize")) {
            String metric = kind.equals("bops") ? "bops" : kind.equals("latency") ? "latency_t4" : "size_bits";
            for (String r : List.of("0.25", "0.5", "0.75")) {
                Map<String, Integer> pub = published.get(kind + "_" + r);
                if (pub == null) {
                    continue;
                }
                List<Budget> budgets = Budgets.parse(p, List.of(), List.of(metric + "=" + r));
                Query q = Query.minimise("sensitivity", budgets);
                SearchResult ours = Search.solve(p, q, cpsat);
                assertEquals(Status.OPTIMAL, ours.status(), kind + " " + r);
                SearchResult scip = Search.solve(p, q, cpsat.with(Backend.SCIP));
                assertEquals(ours.objective(p), scip.objective(p), 1e-12, kind + " " + r + " scip");
                int[] fmt = new int[p.layerCount()];
                for (int l = 0; l < fmt.length; l++) {
                    Integer bits = pub.get(p.layers().get(l));
                    fmt[l] = bits == 4 ? 0 : 1;
                }
                Assignment pa = new Assignment(fmt, 0);
                double[] pt = io.qdse.search.Evaluator.totals(p, pa);
                boolean pubFeasible = io.qdse.search.Evaluator.meetsBudgets(p, pa, budgets);
                assertTrue(pubFeasible, model + " " + kind + " " + r + ": the published configuration meets the budget");
                if (model.equals("resnet50") && kind.equals("modelsize") && r.equals("0.25")) {
                    // The released ResNet-50 size-0.25 configuration is not an optimum of this ILP: ours is strictly
                    // better (Ω 0.07495 vs 0.08311) and meets the budget; even with the published configuration's
                    // own size as the budget the optimum is Ω 0.07778. The other 17 cases are the published ones.
                    assertTrue(ours.objective(p) < pt[0] - 1e-3, "ours should beat the released config");
                } else {
                    assertArrayEquals(fmt, ours.assignment().formats(), model + " " + kind + " " + r);
                    assertEquals(pt[0], ours.objective(p), 1e-15, model + " " + kind + " " + r);
                }
                if (model.equals("resnet18")) {
                    SearchResult ex = Search.solve(p, q, cpsat.with(Backend.EXHAUSTIVE));
                    assertEquals(ex.objective(p), ours.objective(p), 0.0, kind + " " + r + " exhaustive");
                }
                compared++;
            }
        }
        assertEquals(9, compared);
    }

    static SearchProblem problem(List<Map<String, String>> rows) {
        List<String> layers = new ArrayList<>();
        for (Map<String, String> r : rows) {
            layers.add(r.get("layer"));
        }
        SearchProblem.Builder b = SearchProblem.builder(layers, List.of("int4", "int8"), List.of("t4"),
                List.of("sensitivity", "size_bits", "bops", "latency_t4"), List.of("", "bits", "bit-ops", "T4 units"));
        Map<String, List<Integer>> ties = new LinkedHashMap<>();
        for (int l = 0; l < rows.size(); l++) {
            Map<String, String> r = rows.get(l);
            double params = Double.parseDouble(r.get("params"));
            double macs = Double.parseDouble(r.get("macs_batch1"));
            b.cost(l, 0, 0, Double.parseDouble(r.get("omega_int4")), params * 4, macs * 16,
                    Double.parseDouble(r.get("latency_int4_t4")));
            b.cost(l, 1, 0, Double.parseDouble(r.get("omega_int8")), params * 8, macs * 64,
                    Double.parseDouble(r.get("latency_int8_t4")));
            String t = r.getOrDefault("tie_group", "");
            if (!t.isEmpty()) {
                ties.computeIfAbsent(t, k -> new ArrayList<>()).add(l);
            }
        }
        for (List<Integer> g : ties.values()) {
            b.tie(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return b.build();
    }

    static List<Map<String, String>> csv(Path f) throws Exception {
        List<String> lines = Files.readAllLines(f);
        String[] h = lines.get(0).split(",", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] c = lines.get(i).split(",", -1);
            Map<String, String> m = new LinkedHashMap<>();
            for (int k = 0; k < h.length; k++) {
                m.put(h[k], k < c.length ? c[k] : "");
            }
            out.add(m);
        }
        return out;
    }
}
