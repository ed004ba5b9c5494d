package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qdse demo --quick}, the real command in a temporary folder (MiniLM from the Maven test dependency, fetched
 * into a temporary model cache): every stage runs and writes its results, the report's charts are real images of
 * their stated size, and the page opens in headless Chromium without console errors.
 */
class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path models;

    @BeforeAll
    static void modelsInTemp() {
        System.setProperty("qdse.models", models.toString());
    }

    @Test
    void theWholePipelineRunsAndItsReportOpensInChromium(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo-out");
        Path rtl = dir.resolve("verilog-out").resolve("demo");
        CliRunner.Result r = CliRunner.run("demo", "--quick", "--out", out.toString(), "--rtl-out", rtl.toString());
        assertEquals(0, r.exit(), r.err());
        // progress on stderr, stage by stage
        for (int s = 1; s <= 8; s++) {
            assertTrue(r.err().contains("qdse demo: [" + s + "/8] "), "stage " + s + " in progress:\n" + r.err());
        }
        // every stage in the result
        for (String section : new String[] {"1. Formats:", "2. Workloads", "3. Sweep (", "4. qdse compare on ResNet-18",
            "5a. Per-layer formats", "5b. Per-layer formats and folding", "6. RTL (Chisel)", "7. Report: ",
            "Headline:"}) {
            assertTrue(r.out().contains(section), section + " missing:\n" + r.out());
        }
        assertFalse(r.out().contains("skipped:"), r.out());
        assertTrue(r.out().matches("(?s).*optimum, area <= 1\\.5x int8 \\((OPTIMAL|FEASIBLE)\\).*"), r.out());
        for (String kind : new String[] {" systolic ", " bitserial ", " fpga-dataflow ", " gpu "}) {
            assertTrue(r.out().contains(kind), "the comparison has a" + kind + "design:\n" + r.out());
        }
        // the stored results: a real sweep (manifest and rows), a comparison, the searches, the simulations
        JsonNode manifest = JSON.readTree(out.resolve("sweep/manifest.json").toFile());
        assertEquals("complete", manifest.get("status").asText());
        long rows = Files.readAllLines(out.resolve("sweep/rows.csv")).size() - 1;
        assertEquals(manifest.get("rows_done").asLong(), rows);
        assertEquals(manifest.get("rows_total").asLong(), rows);
        assertEquals(3 * manifest.get("points").asLong(), rows, "every point on the 3 workloads");
        for (String f : new String[] {"compare/compare.json", "search-asic/result.json", "search-asic/costs.csv",
            "search-fpga/folding_config.json", "search-fpga/formats.csv", "simulate-asic/layers.csv",
            "simulate-fpga/result.json", "inputs/demo-sweep.yaml", "best-asic/best-asic.yaml"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(4, JSON.readTree(out.resolve("compare/compare.json").toFile()).get("rows").size());
        // RTL bundles: PE, array, matrix-vector unit; co-simulated where Icarus is installed
        List<String> bundles;
        try (var s = Files.list(rtl)) {
            bundles = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
        assertEquals(3, bundles.size(), bundles.toString());
        assertTrue(bundles.stream().anyMatch(b -> b.startsWith("mvu_")), bundles.toString());
        if (onPath("iverilog")) {
            assertTrue(r.out().contains("RTL: 3 designs generated, 3 pass co-simulation"), r.out());
        } else {
            assertTrue(r.out().contains("iverilog not installed"), r.out());
        }
        // the report: every chart a PNG of its stated size with more than one colour
        Path report = out.resolve("report");
        assertTrue(Files.size(report.resolve("report.html")) > 10_000);
        JsonNode index = JSON.readTree(report.resolve("report.json").toFile());
        int charts = 0;
        Set<String> kinds = new HashSet<>();
        for (JsonNode section : index.get("sections")) {
            kinds.add(section.get("kind").asText());
            for (JsonNode c : section.get("charts")) {
                BufferedImage img = ImageIO.read(report.resolve(c.get("png").asText()).toFile());
                assertEquals(c.get("width_px").asInt(), img.getWidth(), c.get("png").asText());
                assertEquals(c.get("height_px").asInt(), img.getHeight(), c.get("png").asText());
                assertTrue(colours(img) > 1, c.get("png").asText() + " is blank");
                charts++;
            }
        }
        assertTrue(charts >= 10, charts + " charts");
        for (String k : new String[] {"sweep", "compare", "search", "simulate", "rtl"}) {
            assertTrue(kinds.contains(k), "a " + k + " section in " + kinds);
        }
        assertTrue(r.out().contains(report.resolve("report.html").toString()), r.out());

        // run again into its own earlier outputs, as JSON: the sweep is found complete, everything else replaced
        CliRunner.Result again = CliRunner.run("demo", "--quick", "--json", "--out", out.toString(), "--rtl-out",
                rtl.toString());
        assertEquals(0, again.exit(), again.err());
        JsonNode j = JSON.readTree(again.out());
        assertEquals(rows, j.get("sweep").get("rows").asLong());
        assertEquals(4, j.get("compare").get("rows").size());
        assertTrue(j.get("asic_search").get("status").asText().matches("OPTIMAL|FEASIBLE"), j.toString());
        assertEquals(3, j.get("rtl").get("designs").size());
        assertTrue(j.get("report").get("charts").asInt() >= 10);
        double int8 = 0;
        double int4 = 0;
        for (JsonNode f : j.get("formats")) {
            if (f.get("format").asText().equals("int8")) {
                int8 = f.get("sqnr_db").asDouble();
            }
            if (f.get("format").asText().equals("int4")) {
                int4 = f.get("sqnr_db").asDouble();
            }
            assertTrue(f.get("mac_energy_pj_45nm").asDouble() > f.get("mac_energy_pj_7nm").asDouble(), f.toString());
        }
        assertTrue(int8 > int4 + 15, "int8 " + int8 + " dB vs int4 " + int4 + " dB");

        // headless Chromium opens the page without console errors
        Path chromium = chromium();
        assumeTrue(chromium != null, "chromium not installed: the page was not opened (.ci/run installs it)");
        Path profile = Files.createDirectory(dir.resolve("chromium-profile"));
        Path dom = dir.resolve("dom.html");
        Path log = dir.resolve("chromium.log");
        ProcessBuilder pb = new ProcessBuilder(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                "--dump-dom", report.resolve("report.html").toUri().toString());
        pb.redirectOutput(dom.toFile()).redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        String page = Files.readString(dom, StandardCharsets.UTF_8);
        String logText = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(page.contains("<html") && page.contains("QDSE demo"), "no DOM dumped:\n" + logText);
        List<String> errors = new ArrayList<>();
        for (String line : logText.split("\n")) {
            if (line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("Error"))) {
                errors.add(line);
            }
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void aFolderOfSomeoneElsesIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        long t0 = System.nanoTime();
        CliRunner.Result r = CliRunner.run("demo", "--quick", "--out", out.toString(), "--rtl-out",
                dir.resolve("rtl").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--out") && r.err().contains("notes.txt") && r.err().contains("--force"),
                r.err());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertFalse(Files.exists(dir.resolve("rtl")));
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "refused before the pipeline started");
        CliRunner.Result same = CliRunner.run("demo", "--quick", "--out", dir.resolve("x").toString(), "--rtl-out",
                dir.resolve("x").toString());
        assertEquals(2, same.exit(), same.err());
        assertTrue(same.err().contains("--rtl-out"), same.err());
    }

    private static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
                if (seen.size() > 8) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Path chromium() {
        for (String p : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, "chromium"))) {
                    return Path.of(d, "chromium");
                }
            }
        }
        return null;
    }
}
