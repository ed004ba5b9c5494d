package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code qdse fpga search} and {@code qdse fpga pareto}: formats and folding per layer chosen together; the folding
 * files round-trip through {@code qdse fpga estimate}; infeasible searches exit 3; the Pareto chart renders.
 */
class FpgaSearchCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FORMATS = "int4,int8,e2m3,e4m3";

    /** A conv, a depthwise conv, a pointwise conv and a classifier; and a sensitivity table for them. */
    static Path[] network(Path dir) throws Exception {
        Path list = Files.writeString(dir.resolve("net.csv"), "name,type,m,n,k,in_h,in_w,in_c,out_c,kernel_h,"
                + "kernel_w,padding\n"
                + "c1,conv,,,,8,8,3,16,3,3,1\n"
                + "dw,dwconv,,,,8,8,16,,3,3,1\n"
                + "pw,conv,,,,8,8,16,24,1,1,0\n"
                + "fc,linear,1,10,1536,,,,,,,\n");
        StringBuilder sb = new StringBuilder("layer,format,sensitivity\n");
        String[] layers = {"c1", "dw", "pw", "fc"};
        double[] scale = {2.0, 0.5, 1.0, 0.25};
        String[] f = FORMATS.split(",");
        double[] base = {1.0, 0.004, 0.06, 0.02}; // int4, int8, e2m3, e4m3
        for (int l = 0; l < layers.length; l++) {
            for (int i = 0; i < f.length; i++) {
                sb.append(layers[l]).append(',').append(f[i]).append(',').append(base[i] * scale[l] * (1 + 0.1 * l))
                        .append('\n');
            }
        }
        Path sens = Files.writeString(dir.resolve("sens.csv"), sb.toString());
        return new Path[] {list, sens};
    }

    static List<String> args(Path[] n, String... more) {
        List<String> a = new ArrayList<>(List.of("--workload", n[0].toString(), "--device", "pynq-z1", "--formats",
                FORMATS, "--sensitivity", "table:" + n[1], "--target-fps", "40000"));
        a.addAll(List.of(more));
        return a;
    }

    static CliRunner.Result run(String cmd, List<String> args) {
        List<String> all = new ArrayList<>(List.of("fpga", cmd));
        all.addAll(args);
        return CliRunner.run(all.toArray(new String[0]));
    }

    @Test
    void withSpramTheSearchBudgetsItAndItsFoldingFileCarriesTheChoiceToEstimate(@TempDir Path dir) throws Exception {
        Path[] n = network(dir);
        Path out = dir.resolve("sp");
        List<String> a = new ArrayList<>(List.of("--workload", n[0].toString(), "--device", "up5k", "--formats",
                "int4,e2m3", "--sensitivity", "table:" + n[1], "--clock", "30", "--ram-style", "spram", "--max",
                "spram=1", "--max", "bram=8", "--res-type", "lut"));
        CliRunner.Result r = run("search", concat(a, "--out", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("SPRAM") && r.out().contains("sprams <= 1 SPRAM"), r.out());
        JsonNode res = JSON.readTree(Files.readString(out.resolve("result.json")));
        double sprams = res.get("total").get("sprams").asDouble();
        // fc's 15,360 weights take 17 EBR even at int4 (30 at e2m3, 512 x 8 each), more than the 8 EBR allowed: the
        // one SPRAM allowed holds its weights
        assertEquals(1, sprams, 1e-9, res.toString());
        for (JsonNode l : res.get("layers")) {
            assertEquals(l.get("sprams").asDouble() > 0, l.get("ram_style").asText().equals("spram"), l.toString());
        }
        String folding = Files.readString(out.resolve("folding_config.json"));
        assertTrue(folding.contains("\"ram_style\""), folding);
        CliRunner.Result e = CliRunner.run("fpga", "estimate", "--workload", n[0].toString(), "--device", "up5k",
                "--folding", out.resolve("folding_config.json").toString(), "--formats-file",
                out.resolve("formats.csv").toString(), "--res-type", "lut", "--clock", "30", "--json");
        assertEquals(0, e.exit(), e.err());
        JsonNode est = JSON.readTree(e.out());
        assertEquals(sprams, est.get("total").get("sprams").asDouble(), 1e-9);
        assertEquals(res.get("total").get("brams").asDouble(), est.get("total").get("brams").asDouble(), 1e-9);
        CliRunner.Result p = run("pareto", concat(a, "--out", dir.resolve("pp").toString()));
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.out().lines().anyMatch(l -> l.contains("EBR") && l.contains("SPRAM")), p.out());
        assertTrue(Files.readString(dir.resolve("pp/pareto.csv")).contains("sprams_blocks"));
        CliRunner.Result bad = run("search", List.of("--workload", n[0].toString(), "--device", "pynq-z1",
                "--formats", "int4", "--sensitivity", "table:" + n[1], "--ram-style", "ultra"));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--ram-style") && bad.err().contains("0 URAM"), bad.err());
    }

    static List<String> concat(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void theSearchPicksFormatAndFoldPerLayerAndItsFoldingFilesRoundTripThroughEstimate(@TempDir Path dir)
            throws Exception {
        Path[] n = network(dir);
        Path out = dir.resolve("o");
        CliRunner.Result r = run("search", args(n, "--json", "--out", out.toString(), "--max", "luts=9000"));
        assertEquals(0, r.exit(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals("optimal", o.get("status").asText());
        assertEquals(4, o.get("layers").size());
        assertTrue(o.get("total").get("frames_per_s").asDouble() >= 40000, o.get("total").toString());
        assertTrue(o.get("total").get("luts").asDouble() <= 9000);
        assertEquals(9000, o.get("budgets").get("luts").asDouble(), "the user's budget is tighter than the device's");
        assertEquals("VVAU", o.get("layers").get(1).get("unit").asText());
        for (String f : List.of("folding_config.json", "folding.json", "formats.csv", "assignment.csv",
                "sensitivity.csv", "result.json")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        JsonNode finn = JSON.readTree(out.resolve("folding_config.json").toFile());
        assertTrue(finn.has("MVAU_hls_0") && finn.has("MVAU_hls_2") && finn.has("VVAU_hls_0") && finn.has("Defaults"),
                finn.toString());
        assertEquals(o.get("layers").get(3).get("PE").asInt(), finn.get("MVAU_hls_2").get("PE").asInt());
        for (String folding : List.of("folding_config.json", "folding.json")) {
            CliRunner.Result e = CliRunner.run("fpga", "estimate", "--workload", n[0].toString(), "--device",
                    "pynq-z1", "--folding", out.resolve(folding).toString(), "--formats-file",
                    out.resolve("formats.csv").toString(), "--res-type", "auto", "--json");
            assertEquals(0, e.exit(), e.err());
            JsonNode est = JSON.readTree(e.out());
            for (int l = 0; l < 4; l++) {
                JsonNode a = o.get("layers").get(l);
                JsonNode b = est.get("layers").get(l);
                String m = folding + " layer " + a.get("layer").asText();
                assertEquals(a.get("layer").asText(), b.get("layer").asText(), m);
                assertEquals(a.get("PE").asInt(), b.get("PE").asInt(), m);
                assertEquals(a.get("SIMD").asInt(), b.get("SIMD").asInt(), m);
                assertEquals(a.get("weight").asText(), b.get("weight").asText(), m);
                assertEquals(a.get("cycles").asLong(), b.get("cycles").asLong(), m);
                for (String k : List.of("luts", "ffs", "dsps", "brams")) {
                    assertEquals(a.get(k).asDouble(), b.get(k).asDouble(), 1e-9 * Math.max(1, a.get(k).asDouble()),
                            m + " " + k);
                }
            }
            for (String k : List.of("luts", "ffs", "dsps", "brams", "initiation_interval_cycles")) {
                assertEquals(o.get("total").get(k).asDouble(), est.get("total").get(k).asDouble(),
                        1e-9 * Math.max(1, o.get("total").get(k).asDouble()), folding + " total " + k);
            }
        }
        // the text form: a row per layer, the device line, the formats used
        CliRunner.Result t = run("search", args(n, "--max", "luts=9000"));
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("Device xc7z020: LUTs") && t.out().contains("Formats used:")
                && t.out().contains("frames/s"), t.out());
        // minimising a resource under a sensitivity budget
        double s = o.get("total").get("sensitivity").asDouble();
        CliRunner.Result lut = run("search", args(n, "--json", "--objective", "luts", "--max", "sensitivity=" + 2 * s));
        assertEquals(0, lut.exit(), lut.err());
        JsonNode lo = JSON.readTree(lut.out());
        assertTrue(lo.get("total").get("sensitivity").asDouble() <= 2 * s);
        assertTrue(lo.get("total").get("luts").asDouble() <= o.get("total").get("luts").asDouble() + 1e-6);
    }

    @Test
    void infeasibleSearchesExit3WithTheDiagnosis(@TempDir Path dir) throws Exception {
        Path[] n = network(dir);
        CliRunner.Result r = run("search", args(n, "--max", "luts=100"));
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("luts <= 100") && r.err().contains("cannot be met")
                && r.err().contains("smallest total"), r.err());
        // a throughput no fold reaches: c1 has 64 output pixels, so at least 64 cycles per frame
        List<String> a = args(n);
        a.set(a.indexOf("40000"), "1e7");
        r = run("search", a);
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("c1 needs 64") && r.err().contains("--target-fps"), r.err());
        r = run("pareto", a);
        assertEquals(3, r.exit(), r.err());
        r = run("pareto", args(n, "--max", "luts=100"));
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("luts <= 100"), r.err());
    }

    @Test
    void badInputNamesTheField(@TempDir Path dir) throws Exception {
        Path[] n = network(dir);
        String[][] cases = {
            {"--formats", "int4,mxfp4"}, {"--max-util", "1.5"}, {"--device", "pynq-z9"}, {"--res-type", "bram"},
            {"--objective", "speed"}, {"--max", "luts"}, {"--solver", "greedy"}, {"--target-fps", "-3"},
            {"--synth", "quartus"}};
        for (String[] c : cases) {
            List<String> a = args(n);
            int i = a.indexOf(c[0]);
            if (i >= 0) {
                a.set(i + 1, c[1]);
            } else {
                a.addAll(List.of(c));
            }
            CliRunner.Result r = run("search", a);
            assertEquals(2, r.exit(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains(c[0]), c[0] + ": " + r.err());
        }
        CliRunner.Result r = run("pareto", args(n, "--resource", "sensitivity"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--resource"), r.err());
        r = run("pareto", args(n, "--points", "1"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--points"), r.err());
        r = run("search", List.of("--workload", "bert-base", "--device", "u250", "--formats", "int8",
                "--sensitivity", "table:" + n[1]));
        assertEquals(2, r.exit(), r.err());
    }

    @Test
    void paretoMarksTheSetAndItsChartRendersAsAValidNonBlankImage(@TempDir Path dir) throws Exception {
        Path[] n = network(dir);
        Path out = dir.resolve("p");
        CliRunner.Result r = run("pareto", args(n, "--out", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Answer:") && r.out().contains("uniform") && r.out().contains("*"), r.out());
        JsonNode o = JSON.readTree(out.resolve("result.json").toFile());
        assertTrue(o.get("complete_front").asBoolean() && o.get("proven").asBoolean());
        int uniform = 0;
        int onSet = 0;
        for (JsonNode p : o.get("points")) {
            uniform += p.get("kind").asText().equals("uniform") ? 1 : 0;
            onSet += p.get("pareto").asBoolean() ? 1 : 0;
            assertTrue(p.get("total").get("frames_per_s").asDouble() >= 40000, p.toString());
        }
        assertEquals(4, uniform);
        assertTrue(onSet >= 2);
        List<String> csv = Files.readAllLines(out.resolve("pareto.csv"));
        assertEquals(o.get("points").size() + 1, csv.size());
        assertTrue(csv.get(0).startsWith("kind,label,pareto,fits,luts,"), csv.get(0));
        // the exhaustive backend traces the same front
        CliRunner.Result ex = run("pareto", args(n, "--json", "--solver", "exhaustive"));
        assertEquals(0, ex.exit(), ex.err());
        JsonNode e = JSON.readTree(ex.out());
        assertEquals(o.get("points").size(), e.get("points").size());
        for (int i = 0; i < e.get("points").size(); i++) {
            assertEquals(o.get("points").get(i).get("resource").asDouble(), e.get("points").get(i).get("resource")
                    .asDouble(), 1e-6);
            assertEquals(o.get("points").get(i).get("pareto"), e.get("points").get(i).get("pareto"));
        }
        // the chart: a PNG of the stated size with ink and colours, an SVG that parses and carries the axis titles
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(out.resolve("pareto.png"))));
        assertNotNull(img, "not a PNG");
        assertEquals(960, img.getWidth());
        assertEquals(600, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        long red = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                ink += rgb == 0xFFFFFF ? 0 : 1;
                red += ((rgb >> 16) & 0xFF) > 190 && ((rgb >> 8) & 0xFF) < 80 && (rgb & 0xFF) < 80 ? 1 : 0;
            }
        }
        assertTrue(colours.size() >= 20, colours.size() + " colours");
        assertTrue(ink > 0.02 * img.getWidth() * img.getHeight() / 4, "ink " + ink);
        assertTrue(red > 20, "the front is drawn in red: " + red + " red pixels");
        String svg = Files.readString(out.resolve("pareto.svg"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes("UTF-8")));
        assertEquals("svg", d.getDocumentElement().getTagName());
        // the x title and the legend as text (JFreeSVG draws the rotated y title as outlines)
        assertTrue(svg.contains("LUTs of the whole design") && svg.contains("uniform integer")
                && svg.contains("Pareto front") && svg.contains(">int8<"), "axis title, legend and point labels");
        assertFalse(svg.contains("NaN"));
    }
}
