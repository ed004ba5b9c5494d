package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qdse fpga parts} and {@code qdse fpga estimate}: a whole network as a dataflow design on a part. */
class FpgaCommandTest {

    private static Path twoLayers(Path dir) throws Exception {
        return Files.writeString(dir.resolve("two.csv"), "name,type,m,n,k,weight_bits,act_bits,out_bits\n"
                + "fc1,linear,1,64,256,2,2,2\nfc2,linear,1,10,64,4,4,4\n");
    }

    @Test
    void partsListsTheCatalogueWithAliases() throws Exception {
        CliRunner.Result r = CliRunner.run("fpga", "parts");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("xczu3eg") && r.out().contains("ultra96") && r.out().contains("SB_MAC16"), r.out());
        JsonNode o = new ObjectMapper().readTree(CliRunner.run("fpga", "parts", "--json").out());
        assertTrue(o.get("parts").size() >= 9);
        for (JsonNode p : o.get("parts")) {
            assertFalse(p.get("sources").asText().isBlank(), p.toString());
        }
    }

    @Test
    void aFinnFoldingFileIsMatchedToTheLayersInNodeOrder(@TempDir Path dir) throws Exception {
        Path list = twoLayers(dir);
        Path fold = Files.writeString(dir.resolve("folding_config.json"), "{\"Defaults\": {}, \"MVAU_hls_1\": "
                + "{\"PE\": 5, \"SIMD\": 8}, \"Thresholding_rtl_0\": {\"PE\": 1}, \"MVAU_hls_0\": {\"PE\": 2, "
                + "\"SIMD\": 4, \"resType\": \"lut\"}}");
        CliRunner.Result r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "pynq-z1",
                "--folding", fold.toString(), "--json", "--out", dir.resolve("o").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        JsonNode l0 = o.get("layers").get(0);
        assertEquals("MVAU_hls_0", l0.get("finn_node").asText());
        assertEquals(2, l0.get("PE").asInt());
        assertEquals(4, l0.get("SIMD").asInt());
        assertEquals(64 / 2 * (256 / 4), l0.get("cycles").asLong(), "MH/PE x MW/SIMD");
        assertEquals("int2", l0.get("weight").asText(), "the layer list's weight_bits");
        JsonNode l1 = o.get("layers").get(1);
        assertEquals(10 / 5 * (64 / 8), l1.get("cycles").asLong());
        assertEquals(2048, o.get("total").get("initiation_interval_cycles").asLong(), "the slowest unit");
        assertEquals(2048 + 16, o.get("total").get("frame_latency_cycles").asLong());
        assertTrue(o.get("total").get("luts").asDouble() > 0 && o.get("utilisation").get("luts").asDouble() < 1);
        assertTrue(Files.readString(dir.resolve("o/layers.csv")).startsWith("layer,finn_node,unit,mw_elements,"));
        CliRunner.Result cyc = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device",
                "pynq-z1", "--folding", fold.toString(), "--json", "--engine", "cycle");
        JsonNode c = new ObjectMapper().readTree(cyc.out());
        assertEquals(o.get("total"), c.get("total"), "the frame replay agrees with the closed form");
    }

    @Test
    void aThroughputTargetFoldsEveryLayerEnough() throws Exception {
        CliRunner.Result r = CliRunner.run("fpga", "estimate", "--workload", "mobilenetv2", "--device", "xcvu9p",
                "--formats", "w=int4,a=int4,out=int4", "--target-fps", "1000", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertTrue(o.get("total").get("frames_per_s").asDouble() >= 1000, o.get("total").toString());
        boolean vvau = false;
        double cyclesPerFrame = o.get("clock_mhz").asDouble() * 1e6 / 1000; // at the modelled clock
        for (JsonNode l : o.get("layers")) {
            vvau |= l.get("unit").asText().equals("VVAU");
            assertTrue(l.get("cycles").asLong() <= cyclesPerFrame, l.toString());
        }
        assertTrue(vvau, "depthwise convolutions run on vector-vector units");
    }

    @Test
    void badInputNamesTheFieldAndADesignOverTheDeviceIsRefused(@TempDir Path dir) throws Exception {
        Path list = twoLayers(dir);
        Path bad = Files.writeString(dir.resolve("f.json"), "{\"fc1\": {\"PE\": 3, \"SIMD\": 4}}");
        CliRunner.Result r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "pynq-z1",
                "--folding", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("folding.fc1.PE") && r.err().contains("divisor of 64"), r.err());
        Path csv = Files.writeString(dir.resolve("f.csv"), "layer,pe,simd\nfc1,2,0\n");
        r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "pynq-z1", "--folding",
                csv.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("line 2, column simd"), r.err());
        r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "pynq-z9");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--device") && r.err().contains("pynq-z2"), r.err());
        r = CliRunner.run("fpga", "estimate", "--workload", "resnet18", "--device", "ultra96", "--out",
                dir.resolve("big").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("device xczu3eg") && r.err().contains("brams"), r.err());
        assertFalse(Files.exists(dir.resolve("big")), "nothing written for a design that does not fit");
        r = CliRunner.run("fpga", "estimate", "--workload", "bert-base", "--device", "u250");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("overlay"), r.err());
        r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "pynq-z1", "--res-type",
                "bram");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--res-type"), r.err());
    }

    @Test
    void spramAndUramWeightMemoriesAreCountedStoredAndRefusedWhereThePartHasNone(@TempDir Path dir)
            throws Exception {
        Path list = twoLayers(dir);
        Path out = dir.resolve("sp");
        CliRunner.Result r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "up5k",
                "--ram-style", "spram", "--clock", "20", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("SPRAM") && r.out().contains("Start-up") && r.out().contains("SPI flash"),
                r.out());
        // PE = SIMD = 1: fc1 a 2-bit word 256·64 deep, fc2 a 4-bit word 64·10 deep; SB_SPRAM256KA is 16K x 16,
        // written one 16-bit word per cycle
        long load = ((2 + 15) / 16) * 256L * 64 + ((4 + 15) / 16) * 64L * 10;
        JsonNode j = new ObjectMapper().readTree(Files.readString(out.resolve("result.json")));
        assertEquals(2, j.get("total").get("sprams").asDouble(), 1e-9, j.toString());
        assertEquals(load, j.get("total").get("spram_load_cycles").asLong());
        assertEquals(load / 20.0, j.get("total").get("spram_load_us").asDouble(), 1e-9);
        assertEquals("spram", j.get("ram_style").asText());
        assertEquals("spram", j.get("layers").get(0).get("weight_memory").asText());
        String csv = Files.readString(out.resolve("layers.csv"));
        assertTrue(csv.lines().findFirst().orElseThrow().contains("sprams_blocks,weight_memory,spram_load_cycles,"
                + "logic_cells"), csv);
        // iCE40: logic cells beside LUTs, and the part's cells (the catalogue's 5,280) are the LUT budget
        double cells = 0;
        for (JsonNode l : j.get("layers")) {
            double lc = l.get("logic_cells").asDouble();
            assertTrue(lc > l.get("luts").asDouble(), "a cell per LUT and more (carry-only, FF-only): " + l);
            cells += lc;
        }
        assertEquals(cells, j.get("total").get("logic_cells").asDouble(), 1e-6);
        assertEquals(cells / 5280, j.get("utilisation").get("logic_cells").asDouble(), 1e-9, j.toString());
        assertTrue(r.out().contains("logic cells ") && r.out().contains("LCs"), r.out());
        r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "pynq-z1", "--ram-style",
                "ultra");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--ram-style") && r.err().contains("xc7z020") && r.err().contains("0 URAM"),
                r.err());
        r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "hx8k", "--ram-style",
                "spram");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("ice40-hx8k has 0 SPRAM"), r.err());
        r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "u250", "--ram-style",
                "ultra", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode u = new ObjectMapper().readTree(r.out());
        assertEquals(1280, u.get("device").get("urams").asLong());
        assertTrue(u.get("layers").get(0).get("logic_cells").isNull() && u.get("utilisation").has("luts"),
                "logic cells are iCE40's: " + u);
        assertTrue(u.get("utilisation").has("urams"), u.toString());
    }

    @Test
    void finnCompatReproducesAPublishedBuildFromALayerListAndItsFoldingFile() throws Exception {
        Path dir = Path.of("src/test/resources/finn-radiofinn");
        CliRunner.Result r = CliRunner.run("fpga", "estimate", "--compat", "finn", "--workload",
                dir.resolve("radio27ml.csv").toString(), "--folding", dir.resolve("final_hw_config.json").toString(),
                "--device", "zcu104", "--json");
        assertEquals(0, r.exit(), r.err());
        ObjectMapper m = new ObjectMapper();
        JsonNode o = m.readTree(r.out());
        assertEquals(200, o.get("clock_mhz").asDouble(), "FINN's own numbers at FINN's default 5 ns, not the model's");
        assertTrue(o.get("notes").toString().contains("--compat finn counts at FINN's clock"), o.toString());
        JsonNode cycles = m.readTree(dir.resolve("estimate_layer_cycles.json").toFile());
        JsonNode res = m.readTree(dir.resolve("estimate_layer_resources.json").toFile());
        assertEquals(10, o.get("layers").size());
        for (JsonNode l : o.get("layers")) {
            String node = l.get("finn_node").asText();
            assertEquals(cycles.get(node).asLong(), l.get("cycles").asLong(), node + " cycles");
            assertEquals(res.get(node).get("LUT").asDouble(), l.get("luts").asDouble(), node + " LUTs");
            assertEquals(res.get(node).get("BRAM_18K").asInt(), l.get("brams").asInt(), node + " BRAM_18K");
            assertEquals(res.get(node).get("URAM").asInt(), l.get("urams").asInt(), node + " URAM");
            assertEquals(res.get(node).get("DSP").asInt(), l.get("dsps").asInt(), node + " DSP");
            assertEquals(res.get(node).get("BRAM_efficiency").asDouble(), l.get("bram_efficiency").asDouble(), node);
        }
        // a formats file whose last layer's out is the accumulator itself (qdse fpga search writes that): no
        // thresholds there (noActivation = 1), so fc2 is the published node; the other nine are thresholded
        StringBuilder ff = new StringBuilder("layer,w,a,out\n");
        for (String l : List.of("conv0", "conv1", "conv2", "conv3", "conv4", "conv5", "conv6", "fc0", "fc1", "fc2")) {
            ff.append(l).append(",int8,int8,").append(l.equals("fc2") ? "int32" : "uint8").append('\n');
        }
        Path formats = java.nio.file.Files.writeString(java.nio.file.Files.createTempDirectory("finnout")
                .resolve("formats.csv"), ff.toString());
        CliRunner.Result withOut = CliRunner.run("fpga", "estimate", "--compat", "finn", "--workload",
                dir.resolve("radio27ml.csv").toString(), "--folding", dir.resolve("final_hw_config.json").toString(),
                "--device", "zcu104", "--formats-file", formats.toString(), "--json");
        assertEquals(0, withOut.exit(), withOut.err());
        JsonNode wo = m.readTree(withOut.out());
        assertTrue(wo.get("notes").toString().contains("on 9 of 10 layers"), wo.get("notes").toString());
        JsonNode fc2 = wo.get("layers").get(9);
        assertEquals(res.get(fc2.get("finn_node").asText()).get("LUT").asDouble(), fc2.get("luts").asDouble());
        CliRunner.Result old = CliRunner.run("fpga", "estimate", "--compat", "finn", "--finn-version", "v0.9",
                "--workload", dir.resolve("radio27ml.csv").toString(), "--folding",
                dir.resolve("final_hw_config.json").toString(), "--device", "zcu104", "--json");
        assertEquals(2, old.exit(), "FINN v0.9 has no RTL MVAU: " + old.out());
        assertTrue(old.err().contains("MVAU"), old.err());
    }

    @Test
    void onIce40TheClockIsTheSlowestUnitsModelledFmax(@TempDir Path dir) throws Exception {
        Path list = twoLayers(dir);
        CliRunner.Result r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device",
                "ice40-hx8k", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        double clock = o.get("clock_mhz").asDouble();
        // the model's own figure for each unit, independently of the command's plumbing
        double[] fc = twoLayersFmax((io.qdse.hwmodels.tech.FpgaPart) io.qdse.hwmodels.tech.Targets.parse(
                "fpga:ice40-hx8k", "t"));
        double fc1 = fc[0];
        double fc2 = fc[1];
        assertEquals(Math.floor(Math.min(fc1, fc2) * 10) / 10, clock, 1e-9, "the slowest unit's Fmax, to 0.1 MHz");
        assertTrue(clock > 20 && clock < 200, "an iCE40 clock, MHz: " + clock);
        assertTrue(o.get("notes").toString().contains("modelled Fmax"), o.get("notes").toString());
        // an explicit clock above it is kept, with a note
        CliRunner.Result fast = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device",
                "ice40-hx8k", "--clock", "300");
        assertEquals(0, fast.exit(), fast.err());
        assertTrue(fast.out().contains("is above the modelled Fmax"), fast.out());
        CliRunner.Result bad = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device",
                "ice40-hx8k", "--clock", "fast");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--clock"), bad.err());
    }

    @Test
    void onXilinxTheClockIsTheModelledFmaxNamedWithItsSource(@TempDir Path dir) throws Exception {
        Path list = twoLayers(dir);
        for (String device : new String[] {"pynq-z1", "ultra96", "zcu104", "xcvu9p", "xcu250", "vck190"}) {
            Path out = dir.resolve("o-" + device);
            CliRunner.Result r = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", device,
                    "--json", "--out", out.toString());
            assertEquals(0, r.exit(), r.err());
            JsonNode o = new ObjectMapper().readTree(r.out());
            io.qdse.hwmodels.tech.FpgaPart part = (io.qdse.hwmodels.tech.FpgaPart) io.qdse.hwmodels.tech.Targets
                    .parse("fpga:" + device, "t");
            double[] fc = twoLayersFmax(part);
            double fc1 = fc[0];
            double fc2 = fc[1];
            double clock = o.get("clock_mhz").asDouble();
            assertEquals(Math.floor(Math.min(fc1, fc2) * 10) / 10, clock, 1e-9, device + ": the slowest unit's Fmax");
            assertTrue(clock <= io.qdse.simulator.engine.XilinxTiming.capMhz(part), device + " " + clock);
            assertEquals(fc1, o.get("layers").get(0).get("fmax_mhz").asDouble(), 1e-9, "JSON carries each unit's");
            assertEquals(fc2, o.get("layers").get(1).get("fmax_mhz").asDouble(), 1e-9);
            String notes = o.get("notes").toString();
            assertTrue(notes.contains("modelled Fmax") && notes.contains("FloPoCo"), notes);
            List<String> csv = Files.readAllLines(out.resolve("layers.csv"));
            assertTrue(csv.get(0).endsWith(",fmax_mhz"), csv.get(0));
            assertEquals(fc2, Double.parseDouble(csv.get(2).substring(csv.get(2).lastIndexOf(',') + 1)), 1e-9);
        }
        // a throughput target is folded at the modelled clock, and still reached there
        CliRunner.Result t = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device", "zcu104",
                "--target-fps", "2000000", "--json");
        assertEquals(0, t.exit(), t.err());
        JsonNode o = new ObjectMapper().readTree(t.out());
        assertTrue(o.get("total").get("frames_per_s").asDouble() >= 2_000_000 * 0.99, o.get("total").toString());
        assertTrue(o.get("notes").toString().contains("the folds chosen for it"), o.get("notes").toString());
        // an explicit clock above the model is kept with a note; a bad one exits 2 naming --clock
        CliRunner.Result fast = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device",
                "pynq-z1", "--clock", "450", "--json");
        assertEquals(0, fast.exit(), fast.err());
        JsonNode fo = new ObjectMapper().readTree(fast.out());
        assertEquals(450, fo.get("clock_mhz").asDouble());
        assertTrue(fo.get("notes").toString().contains("is above the modelled Fmax"), fo.toString());
        for (String bad : new String[] {"fast", "0", "2500"}) {
            CliRunner.Result b = CliRunner.run("fpga", "estimate", "--workload", list.toString(), "--device",
                    "zcu104", "--clock", bad);
            assertEquals(2, b.exit(), bad);
            assertTrue(b.err().contains("--clock") && b.err().contains(bad), b.err());
        }
    }

    /**
     * @return the model's own Fmax (MHz) of {@link #twoLayers}' units at PE = SIMD = 1 (256 x 64 in int2, 64 x 10 in
     *     int4) on {@code part}, independently of the command's plumbing
     */
    private static double[] twoLayersFmax(io.qdse.hwmodels.tech.FpgaPart part) {
        io.qdse.simulator.arch.LayerFormats f1 = io.qdse.simulator.arch.FormatsSpec.parse("w=int2,a=int2,out=int2",
                "f", io.qdse.simulator.arch.Presets.edge32x32().formats());
        io.qdse.simulator.arch.LayerFormats f2 = io.qdse.simulator.arch.FormatsSpec.parse("w=int4,a=int4,out=int4",
                "f", io.qdse.simulator.arch.Presets.edge32x32().formats());
        return new double[] {
            io.qdse.simulator.engine.FpgaDataflowEngine.fmaxMhz(
                    new io.qdse.simulator.arch.FpgaDataflow.Shape(false, 256, 64, 1, 1),
                    new io.qdse.simulator.arch.FpgaDataflow.Fold(1, 1), f1, part),
            io.qdse.simulator.engine.FpgaDataflowEngine.fmaxMhz(
                    new io.qdse.simulator.arch.FpgaDataflow.Shape(false, 64, 10, 1, 1),
                    new io.qdse.simulator.arch.FpgaDataflow.Fold(1, 1), f2, part)};
    }
}
