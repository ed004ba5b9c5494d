package io.qdse.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.workload.io.HfConfigFiles;
import io.qdse.simulator.workload.io.ZooTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoder LLMs from Hugging Face config.json: published sizes, the reference tables' MACs, GQA, decode. */
class LlmSpecTest {

    static final Path CONFIGS = Path.of("../../shared/reference/llm-configs");

    /** Parameter counts the model cards and safetensors indexes publish. */
    @Test
    void parameterCountsEqualThePublishedSizes() {
        Object[][] published = {
            {"opt-1.3b", 1_315_758_080L},
            {"phi-2", 2_779_683_840L},
            {"yi-6b", 6_061_035_520L},
            {"llama2-7b", 6_738_415_616L},
            {"llama2-13b", 13_015_864_320L},
            {"llama3-8b", 8_030_261_248L},
        };
        for (Object[] p : published) {
            assertEquals((long) p[1], Zoo.load((String) p[0], "w").params(), (String) p[0]);
        }
        if (Files.isDirectory(CONFIGS)) { // the same through hf:PATH, read from ../shared as a user would
            assertEquals(6_061_035_520L, Zoo.loadHf("hf:" + CONFIGS.resolve("yi-6b.json"), "--workload").params());
            assertEquals(2_779_683_840L, Zoo.loadHf("hf:" + CONFIGS.resolve("phi-2.json") + ":decode:ctx=512",
                    "--workload").params());
        }
    }

    /** The builder's prefill GEMMs give the reference tables' MACs, layer kind by layer kind. */
    @Test
    void prefillMacsEqualTheReferenceTables() {
        for (String[] z : new String[][] {{"llama2-7b", "llama2_7b_prefill_S2048.csv"},
            {"llama3-8b", "llama3_8b_prefill_S2048.csv"}}) {
            Map<String, Long> sym = new LinkedHashMap<>();
            sym.put("b", 1L);
            sym.put("s", 2048L);
            sym.put("s_q", 2048L);
            sym.put("s_kv", 2048L);
            List<Layer> table = ZooTables.transformer(z[1], sym);
            Workload built = Zoo.load(z[0] + ":prefill:s=2048", "w");
            assertEquals(table.stream().mapToLong(Layer::macs).sum(), built.macs(), z[0]);
            assertEquals(table.stream().mapToLong(Layer::params).sum(), built.params(), z[0]);
            for (String kind : new String[] {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj",
                "down_proj", "lm_head"}) {
                assertEquals(macsOf(table, kind), macsOf(built.layers(), kind), z[0] + " " + kind);
            }
            assertEquals(macsOf(table, "scores"), macsOf(built.layers(), "scores"), z[0] + " QK^T");
            assertEquals(macsOf(table, "context"), macsOf(built.layers(), "context"), z[0] + " PV");
        }
    }

    static long macsOf(List<Layer> layers, String part) {
        return layers.stream().filter(l -> l.name().contains(part)).mapToLong(Layer::macs).sum();
    }

    @Test
    void groupedQueryAttentionStacksTheHeadsOfAGroupAgainstOneKvHead() {
        Workload d = Zoo.load("llama3-8b:decode:ctx=4096:b=4", "w");
        LayerOp scores = d.layers().stream().filter(l -> l.name().equals("model.layers.0.self_attn.scores"))
                .findFirst().orElseThrow().ops().get(0);
        assertEquals(OpKind.KV_MATMUL, scores.kind());
        assertEquals(4, scores.m(), "one token x 4 query heads per KV head");
        assertEquals(128, scores.k());
        assertEquals(4096, scores.n());
        assertEquals(4 * 8, scores.batch(), "batch x KV heads");
        LayerOp k = d.layers().stream().filter(l -> l.name().equals("model.layers.0.self_attn.k_proj"))
                .findFirst().orElseThrow().ops().get(0);
        assertEquals(4, k.m());
        assertEquals(1024, k.n());
        // MACs of attention are those of 32 query heads, each over 4096 cached tokens
        assertEquals(4L * 32 * 4096 * 128, scores.macs());
        assertEquals("llama3-8b:decode:ctx=4096:b=4", d.name());
    }

    @Test
    void slidingWindowBoundsTheAttendedContext(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"mistral\",\"hidden_size\":4096,"
                + "\"intermediate_size\":14336,\"num_hidden_layers\":32,\"num_attention_heads\":32,"
                + "\"num_key_value_heads\":8,\"vocab_size\":32000,\"sliding_window\":4096}");
        Workload w = Zoo.loadHf("hf:" + cfg + ":decode:ctx=16384", "--workload");
        assertEquals(7_241_732_096L, w.params(), "Mistral-7B-v0.1's published size");
        LayerOp s = w.ops().stream().filter(o -> o.kind() == OpKind.KV_MATMUL).findFirst().orElseThrow();
        assertEquals(4096, s.n());
        assertEquals(dir.getFileName().toString() + ":decode:ctx=16384", w.name());
    }

    @Test
    void gpt2AndQwen2Families(@TempDir Path dir) throws Exception {
        Path gpt2 = Files.writeString(dir.resolve("gpt2.json"), "{\"model_type\":\"gpt2\",\"n_embd\":768,"
                + "\"n_layer\":12,\"n_head\":12,\"n_positions\":1024,\"vocab_size\":50257}");
        assertEquals(124_439_808L, HfConfigFiles.read(gpt2, "w").params(), "GPT-2 small");
        Path qwen = Files.writeString(dir.resolve("qwen.json"), "{\"model_type\":\"qwen2\",\"hidden_size\":896,"
                + "\"intermediate_size\":4864,\"num_hidden_layers\":24,\"num_attention_heads\":14,"
                + "\"num_key_value_heads\":2,\"vocab_size\":151936,\"tie_word_embeddings\":true}");
        assertEquals(494_032_768L, HfConfigFiles.read(qwen, "w").params(), "Qwen2-0.5B");
    }

    @Test
    void badConfigsNameTheKey(@TempDir Path dir) throws Exception {
        Object[][] cases = {
            {"{\"model_type\":\"llama\",\"hidden_size\":4096}", "was missing"},
            {"{\"model_type\":\"bert\"}", "model_type"},
            {"{\"hidden_size\":4096}", "model_type"},
            {"{\"model_type\":\"llama\",\"hidden_size\":\"big\",\"intermediate_size\":1}", "hidden_size"},
            {"{\"model_type\":\"llama\",\"hidden_size\":64,\"intermediate_size\":64,\"num_hidden_layers\":2,"
                + "\"num_attention_heads\":8,\"num_key_value_heads\":3,\"vocab_size\":10}", "num_key_value_heads"},
            {"{\"model_type\": \"llama\", ", "not valid JSON"},
            {"[1,2]", "JSON object"},
        };
        for (Object[] c : cases) {
            Path p = Files.writeString(dir.resolve("c.json"), (String) c[0]);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Zoo.loadHf("hf:" + p, "--workload"));
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> Zoo.loadHf("hf:" + dir.resolve("none.json"), "--workload"));
        assertThrows(InvalidInputException.class, () -> Zoo.loadHf("hf:" + dir.resolve("c.json") + ":decode:s=4",
                "--workload"));
    }
}
