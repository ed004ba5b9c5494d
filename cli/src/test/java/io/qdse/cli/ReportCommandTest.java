package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qdse report}: from results the other commands stored, in-process. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path simulate(String name) {
        Path out = dir.resolve("runs").resolve(name);
        CliRunner.Result r = CliRunner.run("simulate", "--arch", "edge-32x32", "--workload", "resnet18", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        return out;
    }

    @Test
    void reportsStoredSimulateAndSearchRunsAndSaysWhatItWrote() throws Exception {
        simulate("sim");
        Path table = dir.resolve("costs.csv");
        Files.writeString(table, "layer,format,tie_group,sensitivity,size_bits,latency_cycles\n"
                + "conv1,int4,,0.462,4608,21094\nconv1,int8,,0.0016,9216,36189\n"
                + "block1,int4,,0.126,147456,21093\nblock1,int8,,0.0004,294912,36212\n"
                + "fc,int4,,0.200,20480,900\nfc,int8,,0.0010,40960,1500\n");
        CliRunner.Result s = CliRunner.run("search", "--table", table.toString(), "--pareto", "size,sensitivity",
                "--out", dir.resolve("runs/pareto").toString());
        assertEquals(0, s.exit(), s.err());
        Path out = dir.resolve("report");
        CliRunner.Result r = CliRunner.run("report", dir.resolve("runs").toString(), "--out", out.toString(),
                "--title", "Nightly");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Report \"Nightly\": 2 result folders"), r.out());
        assertTrue(r.out().contains("Wrote " + out + "/"), r.out());
        assertTrue(r.out().matches("(?s).*\\nsim +simulate +\\S+/runs/sim +3 +4\\n.*"), r.out());
        for (String f : new String[] {"report.html", "report.md", "report.json", "charts/sim-roofline.png",
            "charts/sim-roofline.svg", "charts/pareto-pareto.png", "tables/sim-layers.csv",
            "accelergy/sim/ERT.yaml"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        // a rerun replaces our own earlier report
        CliRunner.Result again = CliRunner.run("report", dir.resolve("runs").toString(), "--out", out.toString(),
                "--title", "Nightly", "--json");
        assertEquals(0, again.exit(), again.err());
        JsonNode j = JSON.readTree(again.out());
        assertEquals("Nightly", j.get("title").asText());
        assertEquals(3, j.get("sections").size());
        assertTrue(j.get("files").toString().contains("\"report.html\""));
    }

    @Test
    void badInputExitsTwoNamingThePath() throws Exception {
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("report", dir.resolve("missing").toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing") && r.err().contains("no such folder"), r.err());

        Files.createDirectories(dir.resolve("empty"));
        r = CliRunner.run("report", dir.resolve("empty").toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("found none"), r.err());

        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("result.json"), "{\"workload\": ");
        r = CliRunner.run("report", bad.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(bad.resolve("result.json").toString()) && r.err().contains("valid JSON"),
                r.err());
        assertFalse(Files.exists(out), "a failed run leaves nothing behind");

        Files.writeString(bad.resolve("result.json"), "{\"workload\":\"w\",\"arch\":\"a\",\"clock_mhz\":1,"
                + "\"layers\":[{\"layer\":\"x\"}]}");
        r = CliRunner.run("report", bad.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("layers[0].cycles: a number (missing)"), r.err());

        Path sim = simulate("sim");
        r = CliRunner.run("report", sim.toString(), "--out", sim.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--out"), r.err());

        r = CliRunner.run("report", sim.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--out"), r.err());
    }

    @Test
    void neverWritesBesideSomeoneElsesFilesWithoutForce() throws Exception {
        Path sim = simulate("sim");
        Path out = dir.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        CliRunner.Result r = CliRunner.run("report", sim.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("notes.txt"), r.err());
        r = CliRunner.run("report", sim.toString(), "--out", out.toString(), "--force");
        assertEquals(0, r.exit(), r.err());
        assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    @Test
    void helpDescribesTheInputsAndOptions() {
        CliRunner.Result r = CliRunner.run("report", "--help");
        assertEquals(0, r.exit());
        for (String s : new String[] {"DIR", "--out", "--json", "--force", "--title", "stored results",
            "manifest.json", "params.json", "compare.json"}) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
        assertTrue(CliRunner.run("--help").out().contains("report"));
    }
}
