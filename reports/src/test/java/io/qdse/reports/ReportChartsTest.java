package io.qdse.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.reports.chart.BarChart;
import io.qdse.reports.chart.ChartRenderer;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.chart.XyChart;
import io.qdse.reports.chart.XySeries;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Every chart type, from test data of every kind of result folder, rendered to PNG and SVG and checked. */
class ReportChartsTest {
    @TempDir
    static Path dir;
    static Report report;
    static Map<String, ChartSpec> charts = new LinkedHashMap<>();

    @BeforeAll
    static void build() {
        Path in = dir.resolve("results");
        Samples.simulate(in.resolve("sim"), 21, true);
        Samples.simulate(in.resolve("sim-long"), 300, false);
        Samples.simulateFpga(in.resolve("sim-fpga"));
        Samples.simulateFpga(in.resolve("sim-fpga2"));
        Samples.search(in.resolve("search"));
        Samples.pareto(in.resolve("pareto2"), false);
        Samples.pareto(in.resolve("pareto3"), true);
        Samples.rtl(in.resolve("rtl-a"), "mac_int8xint8_int32");
        Samples.rtl(in.resolve("rtl-b"), "mac_int4xint4_int16");
        Samples.calibration(in.resolve("calib"));
        Samples.sweep(in.resolve("sweep2"), 40, false);
        Samples.sweep(in.resolve("sweep3"), 120, true);
        Samples.compare(in.resolve("compare"));
        Samples.compat(in.resolve("compat"));
        report = Reports.build(List.of(in), List.of("results"), "All kinds");
        for (Section s : report.sections()) {
            for (ChartSpec c : s.charts()) {
                charts.put(c.id(), c);
            }
        }
    }

    @Test
    void everyKindOfFolderIsFoundAndEveryChartTypeIsThere() {
        List<String> kinds = report.sections().stream().map(s -> s.id() + ":" + s.kind()).toList();
        assertEquals(List.of("overview:overview", "calib:calibration", "compare:compare", "bitmod:compat",
                "run1:compat", "pareto2:search", "pareto3:search", "rtl-a:rtl", "rtl-b:rtl", "search:search",
                "sim:simulate", "sim-fpga:simulate", "sim-fpga2:simulate", "sim-long:simulate", "sweep2:sweep",
                "sweep3:sweep"), kinds);
        for (String id : List.of("sim-energy", "sim-roofline", "sim-utilization", "sim-fpga-fpga",
                "search-formats", "pareto2-pareto", "pareto3-pareto-sensitivity-size_bits",
                "pareto3-pareto-sensitivity-latency_cycles", "pareto3-pareto-size_bits-latency_cycles",
                "sweep2-pareto-resnet18", "sweep2-pareto-llama-decode",
                "sweep3-pareto-resnet18-latency_ms-energy_uj", "sweep3-pareto-llama-decode-energy_uj-tops_per_w",
                "sweep3-fpga", "rtl-a-fpga", "calib-calibration", "compare-compare", "overview-runs",
                "overview-fpga", "overview-rtl")) {
            assertTrue(charts.containsKey(id), id + " missing; charts: " + charts.keySet());
        }
        // compat runs are tables only
        assertTrue(report.sections().stream().filter(s -> s.kind().equals("compat"))
                .allMatch(s -> s.charts().isEmpty() && !s.tables().isEmpty()));
    }

    @Test
    void everyChartRendersToAValidNonBlankPngOfItsSize() throws Exception {
        for (ChartSpec c : charts.values()) {
            byte[] png = ChartRenderer.png(c);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(img, c.id() + ": not a PNG");
            assertEquals(c.width(), img.getWidth(), c.id());
            assertEquals(c.height(), img.getHeight(), c.id());
            Set<Integer> colours = new HashSet<>();
            long ink = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    int rgb = img.getRGB(x, y) & 0xFFFFFF;
                    colours.add(rgb);
                    ink += rgb == 0xFFFFFF ? 0 : 1;
                }
            }
            double share = ink / (img.getWidth() / 2.0 * img.getHeight() / 2.0);
            assertTrue(colours.size() >= 20, c.id() + ": only " + colours.size() + " colours");
            assertTrue(share > 0.02, c.id() + ": only " + share + " of the pixels drawn");
        }
    }

    @Test
    void everyChartRendersToSvgThatParsesAndDraws() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (ChartSpec c : charts.values()) {
            String svg = ChartRenderer.svg(c);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            Element root = d.getDocumentElement();
            assertEquals("svg", root.getTagName(), c.id());
            assertTrue(root.getAttribute("width").startsWith(Integer.toString(c.width())), c.id());
            assertTrue(root.getAttribute("height").startsWith(Integer.toString(c.height())), c.id());
            int drawn = 0;
            for (String tag : List.of("path", "line", "rect", "polyline", "polygon", "circle", "ellipse")) {
                drawn += d.getElementsByTagName(tag).getLength();
            }
            assertTrue(drawn > 20, c.id() + ": " + drawn + " drawing elements");
            assertTrue(d.getElementsByTagName("text").getLength() > 5, c.id() + ": no text");
            assertTrue(svg.contains(c.title().replace("&", "&amp;").substring(0, 8)), c.id() + ": no title");
            assertTrue(svg.contains("id='" + c.id() + "-") || svg.contains("id=\"" + c.id() + "-")
                    || !svg.contains("clipPath"), c.id()
                    + ": definitions not prefixed with the chart id (ids would collide in one page)");
        }
    }

    @Test
    void axesAreLabelledWithUnitsAndLongLayerAxesStayLegible() {
        for (ChartSpec c : charts.values()) {
            if (c instanceof XyChart x) {
                assertTrue(x.x().title().contains("(") || x.x().unit().isEmpty() && !x.x().label().isEmpty(),
                        c.id() + " x");
                assertTrue(!x.y().label().isEmpty(), c.id() + " y");
            } else if (c instanceof BarChart b) {
                assertTrue(!b.categoryLabel().isEmpty(), c.id());
                b.panels().forEach(p -> assertTrue(!p.value().label().isEmpty(), c.id()));
            }
        }
        BarChart longEnergy = (BarChart) charts.get("sim-long-energy");
        assertEquals(BarChart.MAX_HEIGHT, longEnergy.height());
        assertTrue(longEnergy.labelEvery() >= 2, "300 layers: every n-th label");
        assertTrue(longEnergy.horizontal());
        assertTrue(longEnergy.subtitle().contains("layer labels: every 3rd of 300"), longEnergy.subtitle());
        BarChart shortEnergy = (BarChart) charts.get("sim-energy");
        assertEquals(1, shortEnergy.labelEvery());
        assertEquals(List.of("MAC", "SRAM ifmap", "SRAM filter", "SRAM ofmap", "DRAM", "leakage"),
                shortEnergy.panels().get(0).series().stream().map(s -> s.name()).toList());
        assertTrue(shortEnergy.panels().get(0).stacked());
    }

    @Test
    void paretoChartsFadeDominatedPointsAndHighlightTheFront() {
        XyChart two = (XyChart) charts.get("sweep2-pareto-resnet18");
        List<XySeries.Style> styles = two.series().stream().map(XySeries::style).toList();
        assertTrue(styles.contains(XySeries.Style.FADED), styles.toString());
        assertTrue(styles.contains(XySeries.Style.FRONT), styles.toString());
        assertTrue(styles.contains(XySeries.Style.INFEASIBLE), styles.toString());
        XyChart three = (XyChart) charts.get("sweep3-pareto-resnet18-latency_ms-tops_per_w");
        assertTrue(three.y().label().contains("higher is better"), three.y().title());
        assertTrue(three.series().stream().anyMatch(s -> s.style() == XySeries.Style.HIGHLIGHT));
        XyChart search = (XyChart) charts.get("pareto2-pareto");
        assertTrue(search.subtitle().contains("sensitivity, size_bits"), search.subtitle());
        List<String> projections = new ArrayList<>(charts.keySet().stream()
                .filter(k -> k.startsWith("pareto3-pareto-")).toList());
        assertEquals(3, projections.size(), projections.toString());
    }

    @Test
    void rooflineHasBothRoofsAndTheLayers() {
        XyChart r = (XyChart) charts.get("sim-roofline");
        assertTrue(r.x().log() && r.y().log());
        assertEquals("arithmetic intensity (ops per DRAM byte)", r.x().title());
        assertEquals("achieved throughput (GOP/s)", r.y().title());
        XySeries roof = r.series().stream().filter(s -> s.style() == XySeries.Style.BOUND).findFirst().orElseThrow();
        double[] y = roof.y();
        assertEquals(2 * 1024 * 500 / 1e3, y[y.length - 1], 1e-9, "compute roof = 2 x peak MACs/cycle x clock");
        assertEquals(12.8 * roof.x()[0], y[0], 1e-9, "memory roof = DRAM GB/s x ops/byte");
    }
}
