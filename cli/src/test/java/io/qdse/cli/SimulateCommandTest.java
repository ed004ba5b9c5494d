package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void presetsZooAndGemmRun() throws Exception {
        for (String[] args : new String[][] {
            {"simulate", "--arch", "tpu-v1-like", "--workload", "resnet50", "--json"},
            {"simulate", "--arch", "eyeriss-like", "--workload", "mobilenetv2", "--json"},
            {"simulate", "--arch", "edge-32x32", "--gemm", "512,768,768", "--engine", "cycle", "--json"},
            {"simulate", "--workload", "llama2-7b:decode:ctx=1024", "--formats", "w=int4,a=int8", "--json"}}) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r.err());
            JsonNode j = JSON.readTree(r.out());
            assertTrue(j.get("total").get("cycles").asLong() > 0);
            assertTrue(j.get("total").get("energy_pj").get("total").asDouble() > 0);
        }
    }

    /**
     * Issue 15: every preset runs on its own default formats (no --formats), with each of its engines, on a GEMM and on
     * a small decoder whose attention reads a KV cache (bitserial:bitmod once refused its own KV default, fp16 into an
     * 8-bit weight path). The list is the simulator's own, so a new preset is checked without touching this test.
     */
    @Test
    void everyPresetRunsOnItsOwnDefaults(@TempDir Path dir) throws Exception {
        Path hf = Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 64, "
                + "\"intermediate_size\": 128, \"num_hidden_layers\": 1, \"num_attention_heads\": 4, "
                + "\"num_key_value_heads\": 2, \"vocab_size\": 128}");
        java.util.List<String> presets = new java.util.ArrayList<>(io.qdse.simulator.arch.Presets.names());
        io.qdse.simulator.gpu.GpuPresets.names().forEach(g -> presets.add("gpu:" + g));
        String help = CliRunner.run("simulate", "--help").out().replaceAll("\\s+", "");
        for (String preset : presets) {
            assertTrue(help.contains(preset), "simulate --help lists " + preset);
            String cycle = preset.startsWith("gpu:") ? "event" : "cycle";
            for (String engine : new String[] {"analytical", cycle}) {
                for (String work : new String[] {"--gemm=16,32,24", "--workload=hf:" + hf + ":decode:ctx=16"}) {
                    CliRunner.Result r = CliRunner.run("simulate", "--arch", preset, "--engine", engine, work,
                            "--json");
                    assertEquals(0, r.exit(), preset + " " + engine + " " + work + ": " + r.err());
                    JsonNode j = JSON.readTree(r.out());
                    assertTrue(j.toString().contains(preset), preset + " names itself in its result");
                }
            }
        }
        assertTrue(presets.size() >= 16, "every systolic, bit-serial and GPU preset: " + presets);
    }

    /**
     * Issue 15 §1: a long cycle-stepped run says up front how long it will take (on stderr; stdout stays the result),
     * and a short one says nothing. The estimate is the engine's PE-steps: on a 32x32 array one step per MAC, so
     * 1024 x 1024 x 1000 MACs = 1.05e9 steps, just above the 1e9 from which it is shown.
     */
    @Test
    void aLongCycleSteppedRunGivesItsEstimateFirst() throws Exception {
        CliRunner.Result r = CliRunner.run("simulate", "--gemm", "1024,1024,1000", "--engine", "cycle", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().startsWith("qdse: cycle-stepped engine: about 1.05e+09 PE-steps, roughly 2 s"), r.err());
        assertEquals(1024L * 1024 * 1000, JSON.readTree(r.out()).get("total").get("macs").asLong());
        CliRunner.Result small = CliRunner.run("simulate", "--gemm", "64,64,64", "--engine", "cycle", "--json");
        assertEquals(0, small.exit(), small.err());
        assertEquals("", small.err());
    }

    /** The simulator tells its caller after every compute layer, in order, how many of how many are done. */
    @Test
    void theSimulatorReportsEveryLayerDone() {
        io.qdse.simulator.workload.Workload w = io.qdse.simulator.workload.Zoo.load("resnet18", "--workload");
        java.util.List<String> seen = new java.util.ArrayList<>();
        new io.qdse.simulator.Simulator().run(w, io.qdse.simulator.arch.Presets.edge32x32(),
                io.qdse.simulator.Simulator.EngineKind.ANALYTICAL, name -> null, (done, total, layer) -> {
                    assertEquals(seen.size() + 1, done);
                    assertEquals(w.computeLayers().size(), total);
                    seen.add(layer);
                });
        assertEquals(w.computeLayers().stream().map(io.qdse.simulator.workload.Layer::name).toList(), seen);
    }

    @Test
    void outWritesResultLayersAndAnActionTableWhoseMacEnergyMatchesTheRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRunner.Result r = CliRunner.run("simulate", "--arch", "edge-32x32", "--workload", "resnet18", "--formats",
                "w=int4,a=int8", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ert.json"), r.out());
        JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
        JsonNode ert = JSON.readTree(out.resolve("ert.json").toFile());
        assertEquals("edge-32x32", ert.get("design").asText());
        double macPj = Double.NaN;
        for (JsonNode a : ert.get("actions")) {
            if (a.get("action").asText().startsWith("mac[w=int4,a=int8")) {
                macPj = a.get("energy_pj").asDouble();
            }
        }
        JsonNode total = result.get("total");
        assertEquals(total.get("energy_pj").get("mac").asDouble(), macPj * total.get("macs").asLong(),
                1e-9 * total.get("energy_pj").get("mac").asDouble());
        double area = 0;
        for (JsonNode p : ert.get("areas")) {
            area += p.get("component").asText().equals("pe") ? 0 : p.get("area_um2").asDouble();
        }
        assertEquals(result.get("area_um2").asDouble(), area, 1e-6 * area);
        java.util.List<String> csv = Files.readAllLines(out.resolve("layers.csv"));
        assertEquals(result.get("layers").size() + 1, csv.size());
        assertTrue(csv.get(1).contains("\"w=int4,a=int8,"), csv.get(1));
    }

    @Test
    void hugeShapesAreAnsweredOrRefusedAtOnceNamingTheInput(@TempDir Path dir) throws Exception {
        String[][] refused = {{"--gemm", "1000000,1000000,1000000"}, {"--gemm", "2147483648,2147483648,2147483648"},
            {"--gemm", "3037000500,3037000500,1"}, {"--gemm", "9223372036854775807,2,2"},
            {"--workload", "bert-base:s=1000000000"}};
        for (String[] a : refused) {
            long t0 = System.nanoTime();
            CliRunner.Result r = CliRunner.run("simulate", a[0], a[1]);
            double s = (System.nanoTime() - t0) / 1e9;
            assertEquals(2, r.exit(), String.join(" ", a) + "\n" + r.err());
            assertTrue(r.err().contains("2^56") && !r.err().contains("\tat "), r.err());
            assertTrue(s < 1.0, String.join(" ", a) + " took " + s + " s");
        }
        CliRunner.run("simulate", "--workload", "llama2-7b:decode:ctx=4096", "--json"); // classes loaded, zoo read
        long t0 = System.nanoTime();
        CliRunner.Result big = CliRunner.run("simulate", "--workload", "llama2-7b:decode:ctx=4096:b=100000000", "--json");
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, big.exit(), big.err());
        assertTrue(JSON.readTree(big.out()).get("total").get("macs").asLong() > 7e17);
        assertTrue(s < 1.0, "an LLM decode step at batch 1e8 answered in " + s + " s");
        Path wide = Files.writeString(dir.resolve("wide.csv"), "name,type,in_c,out_c,kernel,stride,in_h,in_w\r\n"
                + "\"conv, the first\",conv,4294967299,8,3,1,16,16\r\n");
        CliRunner.Result w = CliRunner.run("simulate", "--workload", wide.toString());
        assertEquals(2, w.exit(), w.err());
        assertTrue(w.err().contains("wide.csv line 2, column in_c") && w.err().contains("4294967299")
                && w.err().contains("2147483647"), w.err());
        Path quoted = Files.writeString(dir.resolve("q.csv"), "\uFEFF# comment\r\nname,type,m,n,k\r\n\r\n"
                + "\"fc, a\",gemm,4,8,16\r\n");
        CliRunner.Result q = CliRunner.run("simulate", "--workload", quoted.toString(), "--json");
        assertEquals(0, q.exit(), q.err());
        assertEquals("fc, a", JSON.readTree(q.out()).get("layers").get(0).get("layer").asText());
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "name,type,m,n,k\nl\u00e4yer,gemm,4,8,16\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRunner.Result l = CliRunner.run("simulate", "--workload", latin.toString());
        assertEquals(2, l.exit(), l.err());
        assertTrue(l.err().contains("latin.csv line 2") && l.err().contains("UTF-8"), l.err());
    }

    @Test
    void aCycleSteppedRunTooLongIsRefusedUpFrontWithItsEstimate() {
        long t0 = System.nanoTime();
        CliRunner.Result r = CliRunner.run("simulate", "--workload", "llama3-8b", "--engine", "cycle");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--max-steps") && r.err().contains("PE-steps"), r.err());
        assertTrue((System.nanoTime() - t0) / 1e9 < 2.0, "refused before stepping anything");
        CliRunner.Result ok = CliRunner.run("simulate", "--gemm", "64,64,64", "--engine", "cycle", "--max-steps", "1e6");
        assertEquals(0, ok.exit(), ok.err());
    }

    @Test
    void analyticalAndCycleAgreeThroughTheCli() {
        String[] base = {"simulate", "--gemm", "300,200,500", "--json"};
        String a = CliRunner.run(base).out();
        String c = CliRunner.run(new String[] {"simulate", "--gemm", "300,200,500", "--engine", "cycle", "--json"})
                .out();
        assertEquals(a.replace("\"analytical\"", "\"cycle\""), c);
    }

    @Test
    void scaleSimInputSetRunsUnchangedAndWritesItsReports(@TempDir Path out) throws Exception {
        Path g = Paths.get(getClass().getResource("/scalesim-golden/c02_ws_32_s2").toURI());
        CliRunner.Result r = CliRunner.run("simulate", "--scalesim-cfg", g.resolve("scale.cfg").toString(),
                "--topology", g.resolve("topology.csv").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Path dir;
        try (var s = Files.list(out)) {
            dir = s.filter(Files::isDirectory).findFirst().orElseThrow(); // the run's folder (beside our marker)
        }
        for (String f : new String[] {"COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv"}) {
            assertEquals(Files.readString(g.resolve(f)), Files.readString(dir.resolve(f)), f);
        }
    }

    @Test
    void badInputsExitTwoNamingTheField(@TempDir Path dir) throws Exception {
        Path zero = dir.resolve("zero.yaml");
        Files.writeString(zero, "rows: 0\ncols: 8\n");
        expect(new String[] {"simulate", "--arch", zero.toString(), "--gemm", "8,8,8"}, "arch.rows");
        Path df = dir.resolve("df.yaml");
        Files.writeString(df, "dataflow: rs\n");
        expect(new String[] {"simulate", "--arch", df.toString(), "--gemm", "8,8,8"}, "arch.dataflow");
        Path tiny = dir.resolve("tiny.yaml");
        Files.writeString(tiny, "rows: 128\ncols: 128\nsram: {ifmap_kib: 0.1, filter_kib: 64, ofmap_kib: 64}\n");
        expect(new String[] {"simulate", "--arch", tiny.toString(), "--gemm", "8,8,8"}, "arch.sram.ifmap_kib");
        Path topo = dir.resolve("t.csv");
        Files.writeString(topo, "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, "
                + "Num Filter, Strides,\nconv1, 56, 56, 3, x, 64, 64, 1,\n");
        expect(new String[] {"simulate", "--topology", topo.toString()}, "line 2, column 5 (Filter Width)");
        Path layers = dir.resolve("l.csv");
        Files.writeString(layers, "name,type,m,n,k\nfc1,linear,64,,32\n");
        expect(new String[] {"simulate", "--workload", layers.toString()}, "line 2, column n");
        expect(new String[] {"simulate", "--arch", "tpu-v9", "--gemm", "8,8,8"}, "--arch");
        expect(new String[] {"simulate", "--gemm", "8,0,8"}, "--gemm");
        expect(new String[] {"simulate", "--workload", "resnet51"}, "--workload");
        expect(new String[] {"simulate", "--gemm", "8,8,8", "--engine", "fast"}, "--engine");
        expect(new String[] {"simulate", "--gemm", "8,8,8", "--formats", "w=int9x"}, "--formats w");
        expect(new String[] {"simulate"}, "--workload/--gemm/--topology");
        expect(new String[] {"simulate", "--topology", topo.toString(), "--input-type", "lstm"}, "--input-type");
    }

    @Test
    void inputTypeForcesGemmModeAsScaleSimsDashI(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("odd-header.csv");
        Files.writeString(t, "GEMMs: name, rows, cols, depth,\nfc, 64, 32, 128,\n");
        CliRunner.Result r = CliRunner.run("simulate", "--topology", t.toString(), "--input-type", "gemm", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"macs\" : " + 64L * 32 * 128), r.out());
        CliRunner.Result c = CliRunner.run("simulate", "--topology", t.toString(), "--input-type", "conv");
        assertEquals(2, c.exit());
        assertTrue(c.err().contains("line 2"), c.err());
    }

    private static void expect(String[] args, String field) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.exit(), String.join(" ", args) + "\nstdout: " + r.out() + "\nstderr: " + r.err());
        assertTrue(r.err().contains(field), "stderr should name " + field + ":\n" + r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }
}
