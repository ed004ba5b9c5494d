package io.qdse.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.hwmodels.io.OutputSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report folder: documents, tables with units, Accelergy files, determinism, and the page in Chromium. */
class ReportFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path in;
    static Path out;
    static List<String> files;

    @BeforeAll
    static void write() {
        in = dir.resolve("in");
        Samples.simulate(in.resolve("sim"), 12, true);
        Samples.simulate(in.resolve("sim-derived"), 5, false);
        Samples.search(in.resolve("search"));
        Samples.sweep(in.resolve("sweep"), 30, false);
        Samples.rtl(in.resolve("rtl"), "mac_int8xint8_int32");
        Samples.compare(in.resolve("compare"));
        out = dir.resolve("report");
        files = render(out);
    }

    static List<String> render(Path to) {
        Report r = Reports.build(List.of(in), List.of("in"), "Test & <report>");
        try (OutputSet set = OutputSet.folder(to, "--out", false, List.of())) {
            List<String> f = Reports.write(r, set);
            set.commit();
            return f;
        }
    }

    @Test
    void writesTheDocumentsChartsAndTables() throws Exception {
        for (String f : List.of("report.html", "report.md", "report.json", "charts/sim-energy.png",
                "charts/sim-energy.svg", "tables/sim-layers.csv", "tables/sim-layers.json",
                "accelergy/sim/ERT.yaml", "accelergy/sim/ART.yaml", "accelergy/sim-derived/ERT.yaml")) {
            assertTrue(files.contains(f), f + " not in " + files);
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        for (String f : files) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<title>Test &amp; &lt;report&gt;</title>"));
        assertTrue(html.contains("data:image/png;base64,"), "charts embedded");
        assertFalse(html.matches("(?s).*(src|href)=\"https?://.*"), "no network resource");
        assertFalse(html.contains("<link "), "no external stylesheet");
        assertTrue(html.contains("class=\"sortable\""));
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("![Roofline](charts/sim-roofline.png)"), "charts referenced as files");
        JsonNode index = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals("qdse report", index.get("generator").asText());
        assertTrue(index.get("sections").size() >= 6);
    }

    @Test
    void everyTableHeaderCarriesItsUnit() throws Exception {
        for (String f : files) {
            if (f.endsWith(".json") && f.startsWith("tables/")) {
                JsonNode t = JSON.readTree(out.resolve(f).toFile());
                JsonNode rows = t.get("rows");
                for (JsonNode c : t.get("columns")) {
                    String name = c.get("name").asText();
                    boolean numeric = false;
                    for (JsonNode r : rows) {
                        numeric |= r.get(name).isNumber();
                    }
                    assertTrue(!numeric || !c.get("unit").asText().isEmpty(), f + ": numeric column " + name
                            + " has no unit");
                }
                String csv = Files.readString(out.resolve(f.replace(".json", ".csv")));
                String header = csv.substring(0, csv.indexOf('\n'));
                for (JsonNode c : t.get("columns")) {
                    if (!c.get("unit").asText().isEmpty()) {
                        assertTrue(header.contains(c.get("name").asText() + " [" + c.get("unit").asText() + "]"),
                                f + ": " + header);
                    }
                }
            }
        }
        String layers = Files.readString(out.resolve("tables/sim-layers.csv"));
        assertTrue(layers.startsWith("layer,formats,cycles [cycles],stall_cycles [cycles]"), layers.substring(0, 80));
        assertTrue(layers.contains("energy_dram [µJ]"));
    }

    @Test
    void accelergyTablesComeFromErtJsonOrAreDerivedFromStoredTotals() throws Exception {
        String ert = Files.readString(out.resolve("accelergy/sim/ERT.yaml"));
        assertTrue(ert.contains("ERT:\n  version: '0.4'\n  tables:\n  - name: 'edge-32x32.mac'\n    actions:\n"
                + "    - name: 'mac'\n      arguments: {}\n      energy: 0.19\n"), ert);
        String art = Files.readString(out.resolve("accelergy/sim/ART.yaml"));
        assertTrue(art.contains("  - name: 'edge-32x32.pe_array'\n    area: 300000\n"), art);
        String derived = Files.readString(out.resolve("accelergy/sim-derived/ERT.yaml"));
        assertTrue(derived.contains("Derived by qdse report"), derived);
        assertTrue(derived.contains("name: 'edge-32x32.mac_array'"), derived);
        // 0.19 pJ per MAC in the sample run's stored energy
        assertTrue(derived.contains("energy: 0.19"), derived);
    }

    @Test
    void theSameInputsGiveByteIdenticalFiles() throws Exception {
        Path again = dir.resolve("again");
        List<String> second = render(again);
        assertEquals(files, second);
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
    }

    @Test
    void theHtmlReportOpensInHeadlessChromiumWithoutErrorsAndSorts() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium; "
                + ".ci/run installs it): the HTML report was not opened in a browser");
        Chromium.Result r = Chromium.open(chromium.get(), out.resolve("report.html"), dir);
        assertEquals(List.of(), r.problems(), r.log());
        assertTrue(r.sort() != null && r.sort().startsWith("ok "), "sort probe: " + r.sort());
        int charts = (int) files.stream().filter(f -> f.endsWith(".png")).count();
        assertEquals(charts + "/" + charts, r.images(), "embedded charts decoded");
    }

    @Test
    void theChromiumCheckFailsOnAPageWithAScriptError() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed: the check was not run");
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>hi</p>"
                + "<script>document.querySelector('#none').textContent = 'boom';</script></body></html>\n");
        Chromium.Result r = Chromium.open(chromium.get(), broken, dir);
        assertFalse(r.problems().isEmpty(), "a page with a JS error must be reported: " + r.dom());
        assertTrue(String.join(" ", r.problems()).contains("null"), r.problems().toString());
    }
}
