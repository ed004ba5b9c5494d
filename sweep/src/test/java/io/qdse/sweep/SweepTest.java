package io.qdse.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.models.Workloads;
import io.qdse.simulator.workload.Workload;
import io.qdse.sweep.io.SpaceFiles;
import io.qdse.sweep.io.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files, sampling plans, the Pareto marks and resumable, byte-identical runs. */
class SweepTest {

    static final String SPACE = "name: t\nseed: 5\nsampling: grid\nworkloads: [resnet18, \"gemm.csv\"]\n"
            + "designs:\n  - kind: systolic\n    base: edge-32x32\n    vary:\n      rows: [8, 16, 32]\n"
            + "      cols: {from: 8, to: 32, log2: true}\n      dataflow: [os, ws]\n"
            + "  - kind: bitserial\n    base: bitserial:stripes\n    vary: {rows: [16, 64], pe.a_bits_per_cycle: [1, 2]}\n"
            + "formats: [\"w=int8,a=int8\", \"w=int4,a=int8\"]\nconstraints: [\"area_mm2 <= 50\"]\n"
            + "derived: {edp2: \"edp_uj_ms * 2\", edp4: \"edp2 * 2\"}\npareto: [latency_ms, energy_uj]\n";

    static SpaceFiles.Read space(Path dir, String text) throws Exception {
        Files.writeString(dir.resolve("gemm.csv"), "name,type,m,n,k\ng,linear,64,64,64\n");
        return SpaceFiles.read(Files.writeString(dir.resolve("space.yaml"), text.replace("gemm.csv",
                dir.resolve("gemm.csv").toString())));
    }

    static SweepRunner.Summary run(SpaceFiles.Read r, Path spaceFile, Path out, int threads) {
        List<Workload> wl = new ArrayList<>();
        for (String w : r.space().workloads()) {
            wl.add(Workloads.load(w, List.of(), List.of(), "workloads", m -> { }));
        }
        return SweepRunner.run(r.space(), spaceFile, r.bytes(), new PointEvaluator(r.space(), wl, null), out, false,
                threads, "qdse test", (d, t, x) -> { });
    }

    @Test
    void aPointThatNeedsAToolWithoutItsStepOnTheClassPathGivesErrorRows(@TempDir Path dir) throws Exception {
        // this module's class path has no ToolStep (sweep-eda is not a dependency of sweep): the worker lacks it
        String text = "workloads: [\"gemm.csv\"]\ndesigns:\n  - kind: dataflow\n    technology: fpga:ice40-hx8k\n"
                + "    vary: {synthesize: [none, yosys]}\n  - kind: systolic\n    base: edge-32x32\n"
                + "formats: [\"w=int4,a=int4,out=int4\"]\nderived: {lut_gap: \"luts - yosys_luts\"}\n";
        SpaceFiles.Read r = space(dir, text);
        assertEquals(Map.of("yosys", 1L), ToolSteps.count(r.space(), Sampler.points(r.space())));
        List<PointEvaluator.Row> rows = run(r, dir.resolve("space.yaml"), dir.resolve("o"), 1).rows();
        assertEquals(3, rows.size());
        assertEquals("", rows.get(0).error(), "synthesize: none");
        assertTrue(rows.get(0).metrics().get("yosys_luts").isNaN());
        assertTrue(rows.get(0).metrics().get("lut_gap").isNaN(), "a derived metric of a measurement not made");
        assertEquals("needs Yosys (synthesize: yosys); no implementation on the class path of worker "
                + ToolSteps.host() + " (the sweep-eda module: build qdse.jar or qdse-spark.jar with it)",
                rows.get(1).error());
        assertEquals("", rows.get(2).error());
        assertTrue(ToolSteps.lacked(rows.get(1).error()));
        String manifest = Files.readString(dir.resolve("o").resolve("manifest.json"));
        assertTrue(manifest.contains("\"yosys\" : {\n      \"points\" : 1,"), manifest);
        // a space without such designs has neither the columns nor the metric names
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> space(dir, text.replace(
                "    vary: {synthesize: [none, yosys]}\n", "")));
        assertTrue(e.getMessage().contains("derived"), e.getMessage());
    }

    @Test
    void aConstraintBindsTheDesignsThatHaveItsMetric(@TempDir Path dir) throws Exception {
        String text = "workloads: [\"gemm.csv\"]\ndesigns:\n  - kind: bitserial\n    base: bitserial:stripes\n"
                + "    vary: {technology: [asic:28nm, fpga:xcvu9p]}\nformats: [\"w=int8,a=int8\"]\n"
                + "constraints: [\"area_mm2 <= 0.001\", \"luts <= 1\"]\n";
        SpaceFiles.Read r = space(dir, text);
        List<PointEvaluator.Row> rows = run(r, dir.resolve("space.yaml"), dir.resolve("o"), 1).rows();
        assertEquals(2, rows.size());
        for (PointEvaluator.Row row : rows) {
            assertFalse(row.feasible(), "each design breaks the constraint on its own metric: " + row.arch());
        }
        String loose = text.replace("\"luts <= 1\"", "\"luts <= 1e9\"");
        rows = run(space(dir, loose), dir.resolve("space.yaml"), dir.resolve("p"), 1).rows();
        for (PointEvaluator.Row row : rows) {
            boolean fpga = row.arch().contains("xcvu9p");
            assertEquals(fpga, row.feasible(), "area binds the ASIC design only, luts the FPGA one: " + row.arch());
        }
    }

    @Test
    void dataflowDesignsAreBuiltPerWorkloadAndFoldedForTheirTarget(@TempDir Path dir) throws Exception {
        String text = "workloads: [resnet18, \"gemm.csv\"]\ndesigns:\n  - kind: dataflow\n"
                + "    technology: fpga:xczu7ev\n    vary: {target_fps: [100, 1000], res_type: [lut, dsp]}\n"
                + "formats: [\"w=int4,a=int4,out=int4\"]\n";
        SpaceFiles.Read r = space(dir, text);
        List<PointEvaluator.Row> rows = run(r, dir.resolve("space.yaml"), dir.resolve("o"), 2).rows();
        assertEquals(8, rows.size());
        for (PointEvaluator.Row row : rows) {
            assertEquals("", row.error(), row.toString());
            assertEquals("fpga-dataflow", row.kind());
            assertTrue(row.metrics().get("luts") > 0 && Double.isNaN(row.metrics().get("area_mm2")), row.toString());
            double fps = ((Number) row.values().get("target_fps")).doubleValue();
            assertTrue(row.arch().contains((fps >= 1000 ? "1000" : "100") + " frames/s"), row.arch());
        }
        Map<Double, Double> latency = new java.util.HashMap<>();
        Map<Double, Double> luts = new java.util.HashMap<>();
        for (PointEvaluator.Row row : rows) {
            if (row.workload().equals("resnet18") && row.values().get("res_type").equals("lut")) {
                double fps = ((Number) row.values().get("target_fps")).doubleValue();
                latency.put(fps, row.metrics().get("latency_ms"));
                luts.put(fps, row.metrics().get("luts"));
            }
        }
        assertTrue(latency.get(1000.0) < latency.get(100.0) && luts.get(1000.0) > luts.get(100.0),
                "a higher target folds less: faster and larger " + latency + " " + luts);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> space(dir, text.replace(
                "technology: fpga:xczu7ev", "technology: asic:28nm")));
        assertTrue(e.getMessage().contains("designs[0].technology"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> space(dir, text.replace("res_type: [lut, dsp]",
                "res_type: [lut, bram]")));
        assertTrue(e.getMessage().contains("res_type") && e.getMessage().contains("bram"), e.getMessage());
    }

    @Test
    void gpuDesignsRunTheTensorCoreClosedFormWithTheirOwnFormats(@TempDir Path dir) throws Exception {
        // a decode-step projection (M = 1): memory-bound, so the weight bits decide the time (docs/gpu.md §5)
        String text = "workloads: [\"gemm.csv\"]\ndesigns:\n  - kind: gpu\n"
                + "    vary: {base: [gpu:a100-sxm4-80gb, gpu:h100-sxm5]}\n"
                + "    formats: [\"w=fp16,a=fp16\", \"w=int4/b128/fp16,a=fp16\"]\n"
                + "  - kind: systolic\n    base: edge-32x32\nformats: [\"w=int8,a=int8\"]\n";
        Files.writeString(dir.resolve("gemm.csv"), "name,type,m,n,k\nproj,linear,1,8192,8192\n");
        SpaceFiles.Read r = SpaceFiles.read(Files.writeString(dir.resolve("space.yaml"), text.replace("gemm.csv",
                dir.resolve("gemm.csv").toString())));
        assertEquals(2 * 2 + 1, Sampler.count(r.space()), "a design's own formats replace the file's for its points");
        List<PointEvaluator.Row> rows = run(r, dir.resolve("space.yaml"), dir.resolve("o"), 2).rows();
        assertEquals(5, rows.size());
        Map<String, Double> ms = new java.util.HashMap<>();
        Workload w = Workloads.load(r.space().workloads().get(0), List.of(), List.of(), "workloads", m -> { });
        for (PointEvaluator.Row row : rows) {
            assertEquals("", row.error(), row.toString());
            if (!row.kind().equals("gpu")) {
                assertEquals("w=int8,a=int8", row.formats());
                assertTrue(row.metrics().get("energy_uj") > 0, "a systolic array's energy is modelled");
                continue;
            }
            String gpu = (String) row.values().get("base");
            ms.put(gpu + " " + row.formats(), row.metrics().get("latency_ms"));
            // the row is the simulator's GPU closed form, at the GPU's own clock
            io.qdse.simulator.arch.TensorCoreGpu g = io.qdse.simulator.arch.Presets.gpu(gpu, "t");
            io.qdse.simulator.arch.LayerFormats f = io.qdse.simulator.arch.FormatsSpec.parse(row.formats(), "t",
                    g.formats());
            double cycles = new io.qdse.simulator.Simulator().run(w, g,
                    io.qdse.simulator.Simulator.EngineKind.ANALYTICAL, n -> f).total().cycles();
            assertEquals(cycles / (g.clockMhz() * 1e3), row.metrics().get("latency_ms"), 1e-12);
            assertTrue(Double.isNaN(row.metrics().get("energy_uj")) && Double.isNaN(row.metrics().get("power_w")),
                    "a GPU's energy is not modelled beyond HBM: NaN, not a figure far too small " + row);
            assertTrue(row.metrics().get("dram_energy_uj") > 0 && row.metrics().get("area_mm2") > 800, row.toString());
            assertFalse(row.pareto(), "no energy, so not on a latency/energy front");
        }
        for (String gpu : new String[] {"gpu:a100-sxm4-80gb", "gpu:h100-sxm5"}) {
            double speedUp = ms.get(gpu + " w=fp16,a=fp16") / ms.get(gpu + " w=int4/b128/fp16,a=fp16");
            assertTrue(speedUp > 2.5 && speedUp < 16.0 / 4.125, gpu + ": W4A16 at M = 1 gains close to the weight-bit "
                    + "ratio 16/4.125 but not more: " + speedUp);
        }
        assertTrue(ms.get("gpu:h100-sxm5 w=fp16,a=fp16") < ms.get("gpu:a100-sxm4-80gb w=fp16,a=fp16"),
                "3350 GB/s against 2039 GB/s: " + ms);
        // a type the GPU lacks is the point's error, naming the field; a bad GPU field is the file's error
        String v100 = text.replace("gpu:a100-sxm4-80gb, gpu:h100-sxm5", "gpu:v100-sxm2").replace(
                "\"w=int4/b128/fp16,a=fp16\"", "\"w=bf16,a=bf16\"");
        rows = run(SpaceFiles.read(Files.writeString(dir.resolve("space.yaml"), v100.replace("gemm.csv",
                dir.resolve("gemm.csv").toString()))), dir.resolve("space.yaml"), dir.resolve("v"), 1).rows();
        assertTrue(rows.get(1).error().contains("formats") && rows.get(1).error().contains("bf16"), rows.get(1)
                .toString());
        String[][] bad = {
            {"    vary: {base: [gpu:a100-sxm4-80gb, gpu:h100-sxm5]}", "    vary: {base: [gpu:h300]}",
                "designs[0].base"},
            {"    vary: {base: [gpu:a100-sxm4-80gb, gpu:h100-sxm5]}", "    base: gpu:h100-sxm5\n    vary: {sms: [0]}",
                "designs[0].sms"},
            {"    vary: {base: [gpu:a100-sxm4-80gb, gpu:h100-sxm5]}", "    base: gpu:h100-sxm5\n    rows: 4",
                "designs[0].rows"},
            {"    vary: {base: [gpu:a100-sxm4-80gb, gpu:h100-sxm5]}", "    vary: {sms: [100]}", "designs[0]: a GPU "
                + "without base"},
            {"formats: [\"w=int8,a=int8\"]", "search: {candidates: [int8], sensitivity: \"table:x.csv\"}",
                "designs[0].formats"},
        };
        for (String[] c : bad) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SpaceFiles.read(
                    Files.writeString(dir.resolve("bad.yaml"), text.replace(c[0], c[1]))), c[1]);
            assertTrue(e.getMessage().contains(c[2]), c[2] + " in: " + e.getMessage());
        }
    }

    @Test
    void aGridRunIsByteIdenticalWhateverTheThreadsAndResumesFromATornJournal(@TempDir Path dir) throws Exception {
        SpaceFiles.Read r = space(dir, SPACE);
        assertEquals((3 * 3 * 2 + 2 * 2) * 2, Sampler.count(r.space()), "designs x axes x formats");
        Path spaceFile = dir.resolve("space.yaml");
        SweepRunner.Summary a = run(r, spaceFile, dir.resolve("a"), 1);
        SweepRunner.Summary b = run(r, spaceFile, dir.resolve("b"), 2);
        assertEquals(Sampler.count(r.space()) * 2, a.rows().size());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/rows.csv")), Files.readAllBytes(dir.resolve("b/rows.csv")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/rows.jsonl")),
                Files.readAllBytes(dir.resolve("b/rows.jsonl")));
        assertTrue(a.rows().stream().anyMatch(PointEvaluator.Row::pareto));
        PointEvaluator.Row first = a.rows().get(0);
        assertEquals(first.metrics().get("edp_uj_ms") * 4, first.metrics().get("edp4"), 1e-9, "derived in order");
        // an interrupted run: the journal holds some rows and a torn last line; the rerun completes it identically
        Path c = dir.resolve("c");
        run(r, spaceFile, c, 2);
        List<String> lines = Files.readAllLines(dir.resolve("a/rows.jsonl"));
        Files.delete(c.resolve("rows.csv"));
        Files.delete(c.resolve("rows.jsonl"));
        StringBuilder journal = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            journal.append(lines.get(i).replace(",\"pareto\":true", "").replace(",\"pareto\":false", "")).append('\n');
        }
        journal.append(lines.get(17), 0, 40);
        Files.writeString(c.resolve("journal.jsonl"), journal);
        // as a real interrupted run leaves it: the journal is one of the folder's files of ours
        Files.writeString(c.resolve(io.qdse.hwmodels.io.OutputSet.MARKER), "journal.jsonl\n",
                java.nio.file.StandardOpenOption.APPEND);
        String manifest = Files.readString(c.resolve("manifest.json")).replace("\"complete\"", "\"running\"");
        Files.writeString(c.resolve("manifest.json"), manifest);
        SweepRunner.Summary resumed = run(r, spaceFile, c, 2);
        assertEquals(17, resumed.resumed());
        assertEquals(a.rows().size() - 17, resumed.computed());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/rows.csv")), Files.readAllBytes(c.resolve("rows.csv")));
        assertFalse(Files.exists(c.resolve("journal.jsonl")), "the journal is removed once the rows are written");
        assertTrue(run(r, spaceFile, c, 2).alreadyDone(), "a complete sweep is not run again");
    }

    @Test
    void samplingPlansAreDeterministicAndLatinHypercubesUseEveryStratumOnce(@TempDir Path dir) throws Exception {
        for (String method : new String[] {"random", "lhs", "sobol"}) {
            String text = "sampling: " + method + "\nsamples: 64\nseed: 11\nworkloads: [resnet18]\ndesigns:\n"
                    + "  - base: edge-32x32\n    vary: {rows: {min: 4, max: 67, integer: true}, clock_mhz: {min: 100,"
                    + " max: 1000, log: true}, dataflow: [os, ws, is]}\nformats: [\"w=int8,a=int8\"]\n";
            SweepSpace s = space(dir, text).space();
            List<Point> p1 = Sampler.points(s);
            List<Point> p2 = Sampler.points(s);
            assertEquals(p1, p2, method + " is deterministic");
            assertEquals(64, p1.size());
            for (Point p : p1) {
                long rows = (Long) p.values().get("rows");
                double clock = (Double) p.values().get("clock_mhz");
                assertTrue(rows >= 4 && rows <= 67 && clock >= 100 && clock <= 1000, p.toString());
            }
            if (method.equals("lhs")) {
                Set<Long> rowsSeen = new HashSet<>();
                for (Point p : p1) {
                    rowsSeen.add((Long) p.values().get("rows"));
                }
                assertEquals(64, rowsSeen.size(), "64 integer strata of 4..67, each once");
            }
        }
    }

    @Test
    void paretoMarksEqualABruteForceNonDominatedSet() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            List<PointEvaluator.Row> rows = new ArrayList<>();
            int n = 1 + r.nextInt(60);
            for (int i = 0; i < n; i++) {
                Map<String, Double> m = Map.of("latency_ms", (double) r.nextInt(10), "energy_uj",
                        (double) r.nextInt(10), "area_mm2", (double) r.nextInt(5));
                rows.add(new PointEvaluator.Row(i, i % 2 == 0 ? "a" : "b", 0, "systolic", Map.of(), "", "", m,
                        r.nextInt(5) > 0, false, ""));
            }
            List<String> objs = trial % 2 == 0 ? List.of("latency_ms", "energy_uj") : List.of("latency_ms",
                    "-energy_uj", "area_mm2");
            List<PointEvaluator.Row> marked = ParetoMarks.mark(rows, objs);
            for (int i = 0; i < n; i++) {
                PointEvaluator.Row x = rows.get(i);
                boolean dominated = !x.feasible();
                for (PointEvaluator.Row y : rows) {
                    if (y != x && y.feasible() && y.workload().equals(x.workload()) && dom(y, x, objs)) {
                        dominated = true;
                    }
                }
                assertEquals(!dominated, marked.get(i).pareto(), "trial " + trial + " row " + i);
            }
        }
    }

    static boolean dom(PointEvaluator.Row a, PointEvaluator.Row b, List<String> objs) {
        boolean better = false;
        for (String o : objs) {
            double s = o.startsWith("-") ? -1 : 1;
            String k = o.replace("-", "");
            double x = s * a.metrics().get(k);
            double y = s * b.metrics().get(k);
            if (x > y) {
                return false;
            }
            better |= x < y;
        }
        return better;
    }

    @Test
    void badSweepFilesNameTheYamlPath(@TempDir Path dir) throws Exception {
        String base = "workloads: [resnet18]\nformats: [\"w=int8,a=int8\"]\n";
        String[][] cases = {
            {"designs:\n  - base: edge-32x32\n    vary: {rowz: [8]}\n", "designs[0].rowz"},
            {"designs:\n  - base: edge-32x32\n    vary: {rows: {from: 64, to: 8}}\n", "designs[0].vary.rows"},
            {"designs:\n  - base: edge-32x32\n    vary: {rows: []}\n", "designs[0].vary.rows"},
            {"designs:\n  - base: edge-32x32\nconstraints: [\"speed_ms <= 3\"]\n", "constraints[0]"},
            {"designs:\n  - base: edge-32x32\nderived: {a: \"b * 2\", b: \"a + 1\"}\n", "cycle"},
            {"designs:\n  - base: edge-32x32\n    vary: {clock_mhz: {min: 1, max: 2}}\n", "designs[0].vary.clock_mhz"},
            {"designs:\n  - base: edge-32x32\nsampling: sobol\n", "samples"},
            {"designs:\n  - base: edge-32x32\nsampling: halton\n", "sampling"},
            {"designs:\n  - base: edge-32x32\n    kind: tpu\n", "designs[0].kind"},
            {"designs:\n  - base: edge-32x32\npareto: [latency_ms]\n", "pareto"},
            {"designs: []\n", "designs"},
            {"designs:\n  - base: edge-32x32\nseed: 1\nseed: 2\n", "duplicate"},
        };
        for (String[] c : cases) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> SpaceFiles.read(Files.writeString(dir.resolve("bad.yaml"), base + c[0])), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[1] + " in: " + e.getMessage());
        }
        InvalidInputException all = assertThrows(InvalidInputException.class, () -> SpaceFiles.read(
                Files.writeString(dir.resolve("bad.yaml"), "workloads: [x]\nformats: [\"w=int99\"]\ndesigns:\n  - "
                        + "base: bitserial:nope\nfoo: 1\n")));
        for (String path : new String[] {"foo", "formats[0]", "designs[0]"}) {
            assertTrue(all.getMessage().contains(path), "all problems reported together: " + all.getMessage());
        }
    }
}
