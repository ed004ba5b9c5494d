package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path models;

    @BeforeAll
    static void modelsInTemp() {
        System.setProperty("qdse.models", models.toString());
    }

    static Path table(Path dir) throws Exception {
        Path t = dir.resolve("costs.csv");
        StringBuilder sb = new StringBuilder("layer,format,sensitivity,size_bits,latency_cycles\n");
        for (int l = 0; l < 6; l++) {
            sb.append("L").append(l).append(",int4,").append(0.4 + 0.1 * l).append(',').append(4000 * (l + 1))
                    .append(',').append(100 + l).append('\n');
            sb.append("L").append(l).append(",int8,").append(0.01 * (l + 1)).append(',').append(8000 * (l + 1))
                    .append(',').append(120 + l).append('\n');
        }
        Files.writeString(t, sb.toString());
        return t;
    }

    @Test
    void tableSearchJsonAndFiles(@TempDir Path dir) throws Exception {
        Path t = table(dir);
        CliRunner.Result r = CliRunner.run("search", "--table", t.toString(), "--max-fraction", "size=0.5", "--json",
                "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("OPTIMAL", j.get("status").asText());
        double limit = j.get("budgets").get(0).get("limit").asDouble();
        assertTrue(j.get("totals").get("size_bits").asDouble() <= limit);
        assertEquals(6, j.get("layers").size());
        assertTrue(Files.exists(dir.resolve("out/assignment.csv")) && Files.exists(dir.resolve("out/result.json")));
        CliRunner.Result text = CliRunner.run("search", "--table", t.toString(), "--max", "size_bits=120000",
                "--solver", "scip");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("OPTIMAL") && text.out().contains("size_bits"), text.out());
    }

    @Test
    void infeasibleBudgetsExitThreeNamingTheBudgetAndTheSmallestTotal(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("search", "--table", table(dir).toString(), "--max", "size_bits=1000");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("size_bits <= 1000") && r.err().contains("84000"), r.err());
    }

    @Test
    void paretoFrontFromATable(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("search", "--table", table(dir).toString(), "--pareto",
                "size,sensitivity", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertTrue(j.get("proven").asBoolean());
        CliRunner.Result ex = CliRunner.run("search", "--table", table(dir).toString(), "--pareto",
                "size,sensitivity", "--json", "--solver", "exhaustive");
        JsonNode e = JSON.readTree(ex.out());
        assertEquals(e.get("points").size(), j.get("points").size());
        for (int i = 0; i < e.get("points").size(); i++) {
            JsonNode a = e.get("points").get(i).get("totals");
            JsonNode b = j.get("points").get(i).get("totals");
            assertEquals(a.get("size_bits").asDouble(), b.get("size_bits").asDouble());
            // equal up to the certified scaling error: 2.19 and 2.1900000000000004 are both optimal here
            assertEquals(a.get("sensitivity").asDouble(), b.get("sensitivity").asDouble(), 1e-12);
        }
    }

    /**
     * Issue 15 §3/§4: a long front is summarised on the terminal (kept whole in --out), with progress while it is
     * computed; a front under budgets no point meets exits 3 with the single solve's diagnosis, not "0 points".
     */
    @Test
    void longFrontsAreSummarisedAndAnEmptyFrontIsExitThree(@TempDir Path dir) throws Exception {
        StringBuilder t = new StringBuilder("layer,format,sensitivity,size_bits\n");
        for (int l = 0; l < 12; l++) {
            t.append("l").append(l).append(",int4,").append((l + 1) * (l + 3) / 7.0).append(",").append((l + 1) * 4)
                    .append("\nl").append(l).append(",int8,0,").append((l + 1) * 8).append("\n");
        }
        Path table = Files.writeString(dir.resolve("t.csv"), t.toString());
        CliRunner.Result r;
        System.setProperty("qdse.progress", "true");
        try {
            r = CliRunner.run("search", "--table", table.toString(), "--pareto", "size,sensitivity", "--solver",
                    "exhaustive", "--out", dir.resolve("o").toString());
        } finally {
            System.clearProperty("qdse.progress");
        }
        assertEquals(0, r.exit(), r.err());
        long points = Files.readAllLines(dir.resolve("o/pareto.csv")).size() - 1;
        assertTrue(points > 25, "a long front: " + points);
        assertTrue(r.out().contains("Showing 25 of the " + points + " points"), r.out());
        assertTrue(r.out().contains("\n" + (points - 1) + " "), "the last point is shown with its number:\n" + r.out());
        assertTrue(r.err().contains("Pareto front: 1 points so far"), "progress: " + r.err());
        // a bound on the points: at most that many, each on the whole front, said in text and JSON
        java.util.Set<String> whole = new java.util.HashSet<>(Files.readAllLines(dir.resolve("o/pareto.csv")));
        CliRunner.Result cut = CliRunner.run("search", "--table", table.toString(), "--pareto", "size,sensitivity",
                "--solver", "exhaustive", "--max-points", "10", "--out", dir.resolve("c").toString());
        assertEquals(0, cut.exit(), cut.err());
        List<String> kept = Files.readAllLines(dir.resolve("c/pareto.csv"));
        assertTrue(kept.size() - 1 <= 10 && kept.size() > 5, kept.toString());
        for (String row : kept.subList(1, kept.size())) {
            String vector = row.substring(row.indexOf(','));       // the point's number differs from the whole's
            assertTrue(whole.stream().anyMatch(w -> w.endsWith(vector)), "off the front: " + row);
        }
        assertTrue(cut.out().contains("cut at --max-points"), cut.out());
        CliRunner.Result cutJson = CliRunner.run("search", "--table", table.toString(), "--pareto",
                "size,sensitivity", "--solver", "exhaustive", "--max-points", "10", "--json");
        assertTrue(!JSON.readTree(cutJson.out()).get("complete").asBoolean(), cutJson.out());
        CliRunner.Result none = CliRunner.run("search", "--table", table.toString(), "--pareto", "size,sensitivity",
                "--max", "size=1");
        assertEquals(3, none.exit(), none.err() + none.out());
        assertTrue(none.err().contains("infeasible") && none.err().contains("size_bits <= 1"), none.err());
        assertTrue(none.out().isEmpty(), none.out());
    }

    @Test
    void workloadFromTheZooWithATableOfSensitivities(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("sens.csv");
        Files.writeString(s, "layer,format,sensitivity\nconv1,int4,0.9\nconv1,int8,0.1\nfc,int4,0.5\nfc,int8,0.2\n");
        CliRunner.Result r = CliRunner.run("search", "--workload", "resnet18", "--formats", "int4,int8",
                "--sensitivity", "table:" + s, "--arrays", "16x16,32x32", "--max-fraction", "size=0.5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("OPTIMAL", j.get("status").asText());
        assertTrue(j.get("notes").get(0).asText().contains("without sensitivity data"), j.toString());
    }

    @Test
    void aGpuSearchChoosesAmongTheFormatsItRuns(@TempDir Path dir) throws Exception {
        Path w = Files.writeString(dir.resolve("decode.csv"), "name,type,m,n,k\nup,linear,1,28672,4096\n"
                + "down,linear,1,4096,14336\n");
        Path s = Files.writeString(dir.resolve("sens.csv"), "layer,format,sensitivity\nup,fp16,0\n"
                + "up,int4/b128/fp16/fp16,0.1\nup,bf16,0.001\ndown,fp16,0\ndown,int4/b128/fp16/fp16,0.2\n"
                + "down,bf16,0.001\n");
        CliRunner.Result r = CliRunner.run("search", "--arch", "gpu:v100-sxm2", "--workload", w.toString(),
                "--formats", "fp16,int4/b128/fp16/fp16,bf16", "--sensitivity", "table:" + s, "--max-fraction",
                "latency=0.5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("OPTIMAL", j.get("status").asText());
        assertTrue(j.get("notes").toString().contains("candidate dropped") && j.get("notes").toString().contains(
                "bf16"), "V100 has no BF16 MMA: " + j.get("notes"));
        // half the latency range: only the larger projection (the one W4A16 saves most time on) fits as W4A16
        assertEquals("up", j.get("layers").get(0).get("layer").asText());
        assertEquals("int4/b128/fp16/fp16", j.get("layers").get(0).get("format").asText(), j.toString());
        assertEquals("fp16", j.get("layers").get(1).get("format").asText(), j.toString());
        CliRunner.Result none = CliRunner.run("search", "--arch", "gpu:v100-sxm2", "--workload", w.toString(),
                "--formats", "bf16", "--sensitivity", "table:" + s);
        assertEquals(2, none.exit(), none.out());
        assertTrue(none.err().contains("--formats") && none.err().contains("gpu:v100-sxm2"), none.err());
        CliRunner.Result energy = CliRunner.run("search", "--arch", "gpu:h100-sxm5", "--workload", w.toString(),
                "--formats", "fp16,int4/b128/fp16/fp16", "--sensitivity", "table:" + s, "--max", "energy=1");
        assertEquals(2, energy.exit(), energy.out());
        assertTrue(energy.err().contains("energy") && energy.err().contains("hbm_energy_pj"), energy.err());
    }

    @Test
    void theCostTableOfOutIsReusableWithTable(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("sens.csv");
        Files.writeString(s, "layer,format,sensitivity\nconv1,int4,0.9\nconv1,int8,0.1\nfc,int4,0.5\nfc,int8,0.2\n");
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("search", "--workload", "resnet18", "--formats", "int4,int8",
                "--sensitivity", "table:" + s, "--arrays", "16x16,32x32", "--max-fraction", "size=0.5", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().endsWith("wrote " + out.resolve("result.json") + ", assignment.csv, costs.csv, "
                + "sensitivity.csv\n"), r.out());
        CliRunner.Result again = CliRunner.run("search", "--table", out.resolve("costs.csv").toString(),
                "--max-fraction", "size=0.5", "--json");
        assertEquals(0, again.exit(), again.err());
        JsonNode j = JSON.readTree(again.out());
        assertEquals(JSON.readTree(Files.readString(out.resolve("result.json"))).get("layers").size(),
                j.get("layers").size());
        assertEquals("OPTIMAL", j.get("status").asText());
    }

    @Test
    void miniLmEndToEndInOneCommand() {
        CliRunner.Result r = CliRunner.run("search", "--sensitivity", "weights:minilm", "--formats",
                "int4,int8,fp8_e4m3,fp6_e2m3,fp4_e2m1", "--max-fraction", "size=0.5", "--arrays", "16x16,32x32",
                "--tie-shared-inputs");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("int4 SQNR (dB)") && r.out().contains("/encoder/layer.5/output/dense/MatMul"),
                r.out());
        assertTrue(r.out().contains("OPTIMAL"), r.out());
        assertTrue(r.out().contains("6 tie group(s)"), r.out()); // Q, K, V of each of the 6 layers read one tensor
    }

    @Test
    void badInputsExitTwoNamingTheField(@TempDir Path dir) throws Exception {
        Path t = table(dir);
        expect(new String[] {"search", "--table", t.toString(), "--solver", "gurobi"}, "--solver");
        expect(new String[] {"search", "--table", t.toString(), "--max", "bogus=1"}, "bogus");
        expect(new String[] {"search", "--table", t.toString(), "--max", "size_bits=lots"}, "--max size_bits=lots");
        expect(new String[] {"search", "--table", t.toString(), "--max-fraction", "size=1.5"}, "--max-fraction");
        expect(new String[] {"search", "--table", t.toString(), "--pin", "L9=int4"}, "--pin");
        expect(new String[] {"search", "--table", t.toString(), "--pareto", "size"}, "--pareto");
        expect(new String[] {"search", "--workload", "resnet18", "--formats", "int9x",
            "--sensitivity", "table:" + t}, "--formats");
        expect(new String[] {"search", "--workload", "resnet18", "--formats", "int4",
            "--sensitivity", "weights:" + dir.resolve("missing.onnx")}, "missing.onnx");
        expect(new String[] {"search", "--workload", "resnet18", "--formats", "int4",
            "--sensitivity", "table:" + t}, "--sensitivity");
    }

    private static void expect(String[] args, String field) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.exit(), String.join(" ", args) + "\nstdout: " + r.out() + "\nstderr: " + r.err());
        assertTrue(r.err().contains(field), "stderr should name " + field + ":\n" + r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }
}
