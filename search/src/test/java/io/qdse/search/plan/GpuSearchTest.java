package io.qdse.search.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.Backend;
import io.qdse.search.SearchProblem;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.TensorCoreGpu;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qdse search --arch gpu:NAME}: per-layer formats among those the GPU runs, latency from its closed form. */
class GpuSearchTest {

    /** A Llama-3-8B decode step's four projections at batch 1 (hidden 4096, MLP 14336, GQA 8 x 128 KV heads). */
    static Path layers(Path dir) throws Exception {
        return Files.writeString(dir.resolve("decode.csv"), "name,type,m,n,k\nqkv,linear,1,6144,4096\n"
                + "o,linear,1,4096,4096\nup,linear,1,28672,4096\ndown,linear,1,4096,14336\n");
    }

    /** Sensitivities are inputs here (made up, ordered as quantisation error is: fewer bits, more error). */
    static Path sensitivities(Path dir) throws Exception {
        StringBuilder s = new StringBuilder("layer,format,sensitivity\n");
        String[] names = {"qkv", "o", "up", "down"};
        double[] weight = {1.0, 0.6, 0.8, 1.5};
        String[] fmts = {"fp16", "fp8_e4m3", "int8/fp16", "int4/b128/fp16/fp16", "bf16"};
        double[] err = {0.0, 0.02, 0.01, 0.09, 0.001};
        for (int l = 0; l < names.length; l++) {
            for (int f = 0; f < fmts.length; f++) {
                s.append(names[l]).append(',').append(fmts[f]).append(',').append(weight[l] * err[f]).append('\n');
            }
        }
        return Files.writeString(dir.resolve("sens.csv"), s.toString());
    }

    static SearchRequest request(Path dir, String arch, List<String> formats, List<String> arrays) throws Exception {
        return SearchRequest.ofNetwork(SearchRequest.Network.of(layers(dir).toString(), arch, arrays, formats,
                "table:" + sensitivities(dir)), SearchRequest.Goal.minimise("sensitivity", List.of(),
                List.of("latency=0.5")));
    }

    @Test
    void theIlpMatchesExhaustiveOnGpuCostsFromTheClosedForm(@TempDir Path dir) throws Exception {
        List<String> formats = List.of("fp16", "fp8_e4m3", "int8/fp16", "int4/b128/fp16/fp16");
        SearchRequest r = request(dir, "gpu:h100-sxm5", formats, List.of());
        SearchPlan plan = SearchPlanner.plan(r, m -> { });
        SearchProblem p = plan.problem();
        assertEquals(List.of("gpu:h100-sxm5"), p.hardware());
        assertTrue(p.metrics().contains("hbm_energy_pj") && !p.metrics().contains("energy_pj"),
                "a GPU's energy is its HBM part only, named so: " + p.metrics());
        // every latency is the simulator's GPU closed form (cycles at the GPU clock)
        TensorCoreGpu g = Presets.gpu("gpu:h100-sxm5", "t");
        Workload w = io.qdse.search.models.Workloads.load(layers(dir).toString(), List.of(), List.of(), "w", m -> { });
        int lat = p.metric("latency_cycles", "m");
        for (int l = 0; l < p.layerCount(); l++) {
            Layer layer = w.computeLayers().get(l);
            for (int f = 0; f < formats.size(); f++) {
                double cycles = 0;
                for (LayerOp op : layer.ops()) {
                    cycles += new Simulator().evaluate(op, g, plan.candidates().get(f).formats(),
                            Simulator.EngineKind.ANALYTICAL).cycles();
                }
                assertEquals(cycles, p.cost(l, f, 0, lat), 1e-6, layer.name() + " " + formats.get(f));
            }
            // M = 1 streams the weights: fewer weight bits, less time (docs/gpu.md §5)
            assertTrue(p.cost(l, 3, 0, lat) < p.cost(l, 2, 0, lat) && p.cost(l, 2, 0, lat) < p.cost(l, 0, 0, lat),
                    layer.name());
        }
        // the largest projection gains close to the weight-bit ratio 16/4.125, the small ones less (launch-bound)
        int up = p.layers().indexOf("up");
        double gain = p.cost(up, 0, 0, lat) / p.cost(up, 3, 0, lat);
        assertTrue(gain > 2.5 && gain < 16 / 4.125, "W4A16 on the 28672 x 4096 projection: " + gain);
        // half the latency range forces some layers below fp16: exhaustive and the ILP agree on the optimum
        SearchOutcome.Optimum ex = plan.optimum(r.goal(), new SolverOptions(Backend.EXHAUSTIVE, 60, 1, 1));
        SearchOutcome.Optimum ilp = plan.optimum(r.goal(), SolverOptions.defaults());
        assertEquals(Status.OPTIMAL, ex.result().status());
        assertEquals(Status.OPTIMAL, ilp.result().status());
        assertEquals(ex.result().objective(p), ilp.result().objective(p), 1e-6);
        assertTrue(ex.result().objective(p) > 0, "the budget binds: not all fp16");
        SearchOutcome.Optimum scip = plan.optimum(r.goal(), SolverOptions.defaults().with(Backend.SCIP));
        assertEquals(ex.result().objective(p), scip.result().objective(p), 1e-6);
        // a fallback is noted: FP8 is native on H100, so no note for it; on A100 it is converted in registers
        assertFalse(plan.notes().stream().anyMatch(n -> n.contains("fp8_e4m3")), plan.notes().toString());
        SearchPlan a100 = SearchPlanner.plan(request(dir, "gpu:a100-sxm4-80gb", formats, List.of()), m -> { });
        assertTrue(a100.notes().stream().anyMatch(n -> n.startsWith("candidate fp8_e4m3 on gpu:a100-sxm4-80gb")),
                a100.notes().toString());
    }

    @Test
    void aTypeTheGpuLacksIsDroppedWithANoteOrRefused(@TempDir Path dir) throws Exception {
        SearchPlan v100 = SearchPlanner.plan(request(dir, "gpu:v100-sxm2", List.of("fp16", "bf16"), List.of()),
                m -> { });
        assertEquals(List.of("fp16"), v100.problem().formats());
        assertTrue(v100.notes().stream().anyMatch(n -> n.startsWith("candidate dropped: ") && n.contains("bf16")),
                v100.notes().toString());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> SearchPlanner.plan(
                request(dir, "gpu:v100-sxm2", List.of("bf16"), List.of()), m -> { }));
        assertTrue(none.getMessage().startsWith("--formats") && none.getMessage().contains("gpu:v100-sxm2"),
                none.getMessage());
        InvalidInputException arrays = assertThrows(InvalidInputException.class, () -> SearchPlanner.plan(
                request(dir, "gpu:h100-sxm5", List.of("fp16"), List.of("32x32")), m -> { }));
        assertTrue(arrays.getMessage().startsWith("--arrays"), arrays.getMessage());
    }
}
