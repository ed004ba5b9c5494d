package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bit-serial arrays, LLM workloads from config.json and the BitMoD / Bit Fusion compatibility modes, end to end. */
class BitSerialCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CONFIGS = Path.of("../../shared/reference/llm-configs");

    @Test
    void llamaDecodeOnABitSerialArrayPrintsEveryLayer() throws Exception {
        CliRunner.Result r = CliRunner.run("simulate", "--arch", "bitserial:stripes", "--workload",
                "llama2-7b:decode:ctx=2048");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("stripes PEs") && r.out().contains("model.layers.31.mlp.down_proj")
                && r.out().contains("model.layers.0.self_attn.scores") && r.out().contains("lm_head"), r.out());
        CliRunner.Result j = CliRunner.run("simulate", "--arch", "bitserial:loom", "--workload",
                "llama2-7b:decode:ctx=2048", "--formats", "w=int4,a=int8,kv=int4", "--json");
        assertEquals(0, j.exit(), j.err());
        JsonNode o = JSON.readTree(j.out());
        assertEquals("bitserial", o.get("kind").asText());
        assertEquals("both", o.get("pe").get("serial").asText());
        assertTrue(o.get("total").get("cycles").asLong() > 0);
        assumeTrue(Files.isDirectory(CONFIGS), "../shared/reference/llm-configs not beside the project");
        CliRunner.Result yi = CliRunner.run("simulate", "--arch", "bitserial:bitmod", "--workload",
                "hf:" + CONFIGS.resolve("yi-6b.json") + ":decode:ctx=2048", "--formats", "w=int4,a=fp16,kv=int8");
        assertEquals(0, yi.exit(), yi.err());
        assertTrue(yi.out().contains("model.layers.31.self_attn.k_proj") && yi.out().contains("TOTAL"), yi.out());
    }

    @Test
    void theSearchPicksBitWidthsPerLayerAndTheyChangeLatency(@TempDir Path dir) throws Exception {
        Path layers = Files.writeString(dir.resolve("net.csv"), "name,type,m,n,k\nfc1,linear,256,512,512\n"
                + "fc2,linear,256,512,512\nfc3,linear,256,256,512\nfc4,linear,256,128,256\n");
        StringBuilder sens = new StringBuilder("layer,format,sensitivity\n");
        double[] s = {4.0, 1.0, 0.5, 2.0};
        for (int i = 0; i < 4; i++) {
            sens.append("fc").append(i + 1).append(",int16/int2,").append(s[i] * 16).append('\n');
            sens.append("fc").append(i + 1).append(",int16/int4,").append(s[i] * 4).append('\n');
            sens.append("fc").append(i + 1).append(",int16/int8,").append(s[i]).append('\n');
        }
        Path table = Files.writeString(dir.resolve("sens.csv"), sens.toString());
        String[] base = {"search", "--arch", "bitserial:stripes", "--workload", layers.toString(), "--formats",
            "int16/int2,int16/int4,int16/int8", "--sensitivity", "table:" + table, "--json"};
        CliRunner.Result best = CliRunner.run(base);
        assertEquals(0, best.exit(), best.err());
        JsonNode b = JSON.readTree(best.out());
        long slow = b.get("totals").get("latency_cycles").asLong();
        String[] tight = java.util.Arrays.copyOf(base, base.length + 2);
        tight[base.length] = "--max";
        tight[base.length + 1] = "latency=" + (slow * 8 / 10);
        CliRunner.Result fast = CliRunner.run(tight);
        assertEquals(0, fast.exit(), fast.err());
        JsonNode f = JSON.readTree(fast.out());
        assertTrue(f.get("totals").get("latency_cycles").asLong() <= slow * 8 / 10, f.toString());
        java.util.Set<String> widths = new java.util.TreeSet<>();
        for (JsonNode l : f.get("layers")) {
            widths.add(l.get("format").asText());
        }
        assertTrue(widths.size() >= 2 || !widths.contains("int16/int8"), "narrower activations chosen: " + widths);
        assertFalse(f.get("totals").get("sensitivity").asDouble() <= b.get("totals").get("sensitivity").asDouble(),
                "meeting the latency costs sensitivity");
    }

    @Test
    void bitmodCompatReproducesTheToolsNumbers() throws Exception {
        // BitMoD simulator @e445a5f, Llama-3-8B, bitmod_lossy, decode, context 256, batch 4 (a real run's numbers)
        CliRunner.Result r = CliRunner.run("simulate", "--compat", "bitmod", "--arch", "bitmod:bitmod-lossy",
                "--workload", "llama3-8b", "--phase", "decode", "--context", "256", "--batch", "4", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(59_678_720, o.get("compute_cycles").asLong());
        assertEquals(92_759_616, o.get("total_cycles").asLong());
        assertEquals(505934.5285840896, o.get("energy_uj").get("total").asDouble(), 0.0);
        assertEquals(289, o.get("layers").size());
        CliRunner.Result paper = CliRunner.run("simulate", "--compat", "bitmod", "--arch", "bitmod:fp16",
                "--workload", "llama3-8b", "--phase", "decode", "--bitmod-version", "paper", "--json");
        assertEquals(0, paper.exit(), paper.err());
        assertEquals(469_624_976, JSON.readTree(paper.out()).get("total_cycles").asLong(), "a902a09 fp16 Llama-3-8B decode "
                + "at context 256");
    }

    @Test
    void bitfusionCompatReproducesTheToolsLayer(@TempDir Path dir) throws Exception {
        // Bit Fusion's bf_e_conf.ini (its edge configuration) and AlexNet's first convolution at batch 16
        Path ini = Files.writeString(dir.resolve("bf_e_conf.ini"), "[system]\nif_width = 192\n\n[accelerator]\n"
                + "frequency = 500000000\nWgt_SRAM = 65536\nAct_SRAM = 32768\nOut_SRAM = 16384\ngate_count = 20000\n"
                + "a = 16\nc = 32\nhigh_prec = 8\nlow_prec = 2\n");
        Path list = Files.writeString(dir.resolve("alexnet.csv"), "name,type,in_h,in_w,in_c,out_c,kernel,stride,"
                + "padding,weight_bits,act_bits\nconv1,conv,227,227,3,96,11,4,0,8,8\n");
        CliRunner.Result r = CliRunner.run("simulate", "--compat", "bitfusion", "--bitfusion-cfg", ini.toString(),
                "--workload", list.toString(), "--batch", "16", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode l = JSON.readTree(r.out()).get("layers").get(0);
        assertEquals(3_746_423, l.get("cycles").asLong());
        assertEquals(406_823, l.get("memory_wait_cycles").asLong());
        assertEquals(570_628_224, l.get("reads_bits").get("dram").asLong());
    }

    @Test
    void badInputsNameTheField(@TempDir Path dir) throws Exception {
        Path zeroK = Files.writeString(dir.resolve("a.yaml"), "kind: bitserial\npe: {a_bits_per_cycle: 0}\n");
        Path badCfg = Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 64,");
        Path noKey = Files.writeString(dir.resolve("x.ini"), "[system]\nif_width = 64\n[accelerator]\nc = 8\n");
        Path list = Files.writeString(dir.resolve("l.csv"), "name,type,m,n,k\nfc,linear,4,4,4\n");
        String[][] cases = {
            {"--arch", "simulate", "--arch", "bitserial:stripez", "--gemm", "8,8,8"},
            {"arch.pe.a_bits_per_cycle", "simulate", "--arch", zeroK.toString(), "--gemm", "8,8,8"},
            {"weight bits", "simulate", "--arch", "bitserial:bitmod", "--formats", "w=int12,a=fp16", "--gemm", "8,8,8"},
            {"not valid JSON", "simulate", "--arch", "bitserial:stripes", "--workload", "hf:" + badCfg},
            {"--arch", "simulate", "--compat", "bitmod", "--arch", "edge-32x32", "--workload", "llama2-7b"},
            {"--phase", "simulate", "--compat", "bitmod", "--arch", "bitmod:fp16", "--workload", "llama2-7b",
                "--phase", "generate"},
            {"[accelerator] a", "simulate", "--compat", "bitfusion", "--bitfusion-cfg", noKey.toString(), "--workload",
                list.toString()},
            {"--phase", "simulate", "--arch", "bitserial:stripes", "--workload", "llama2-7b", "--phase", "decode"},
            {"--compat", "simulate", "--compat", "timeloop", "--gemm", "8,8,8"},
        };
        for (String[] c : cases) {
            CliRunner.Result r = CliRunner.run(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, r.exit(), String.join(" ", c) + "\n" + r.err());
            assertTrue(r.err().contains(c[0]), "should name " + c[0] + ":\n" + r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }
}
