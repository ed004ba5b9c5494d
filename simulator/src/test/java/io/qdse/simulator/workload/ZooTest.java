package io.qdse.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZooTest {

    @Test
    void totalsEqualThePublishedParameterCountsAndTheTablesMacs() {
        // published parameter counts (torchvision / Hugging Face model cards) and the MAC totals of the tables at
        // their reference points (shared/reference/workloads)
        Object[][] expected = {
            {"resnet18", 11_689_512L, 1_814_073_344L},
            {"resnet50", 25_557_032L, 4_089_184_256L},
            {"mobilenetv2", 3_504_872L, 300_774_272L},
            {"bert-base", 109_482_240L, 11_174_215_680L},
            {"vit-b16", 86_567_656L, 17_563_828_224L},
            {"llama2-7b", 6_738_415_616L, 14_630_806_093_824L},
            {"llama3-8b", 8_030_261_248L, 16_469_052_096_512L},
        };
        for (Object[] e : expected) {
            Workload w = Zoo.load((String) e[0], "--workload");
            assertEquals((long) e[1], w.params(), e[0] + " params");
            assertEquals((long) e[2], w.macs(), e[0] + " MACs");
        }
    }

    @Test
    void everyCnnLayerLowersToTheTablesMacs() throws Exception {
        for (String[] z : new String[][] {{"resnet18", "resnet18_imagenet224.csv"},
            {"resnet50", "resnet50_v1.5_imagenet224.csv"}, {"mobilenetv2", "mobilenet_v2_imagenet224.csv"}}) {
            Workload w = Zoo.load(z[0], "w");
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    ZooTest.class.getResourceAsStream("/io/qdse/simulator/workload/zoo/" + z[1]),
                    StandardCharsets.UTF_8))) {
                r.readLine();
                int i = 0;
                String line;
                while ((line = r.readLine()) != null) {
                    String[] c = line.split(",");
                    Layer l = w.layers().get(i++);
                    assertEquals(c[0], l.name());
                    assertEquals(Long.parseLong(c[16]), l.macs(), l.name());
                }
                assertEquals(w.layers().size(), i);
            }
        }
        LayerOp dw = Zoo.load("mobilenetv2", "w").layers().get(1).ops().get(0);
        assertEquals(OpKind.DEPTHWISE_CONV, dw.kind());
        assertEquals(32, dw.batch());
        assertEquals(9, dw.k());
        assertEquals(1, dw.n());
        assertEquals(112 * 112, dw.m());
    }

    @Test
    void batchScalesCnnsAndTransformersLinearly() {
        assertEquals(8 * Zoo.load("resnet50", "w").macs(), Zoo.load("resnet50:b=8", "w").macs());
        Workload bert = Zoo.load("bert-base:s=256:b=2", "w");
        Workload bert1 = Zoo.load("bert-base:s=256", "w");
        assertEquals(2 * bert1.macs(), bert.macs());
        assertEquals("bert-base:s=256:b=2", bert.name());
    }

    @Test
    void decodeAttendsOverTheContextOneTokenAtATime() {
        Workload d = Zoo.load("llama2-7b:decode:ctx=4096:b=4", "w");
        long linear = 0;
        long attention = 0;
        for (LayerOp op : d.ops()) {
            if (op.kind() == OpKind.LINEAR) {
                assertEquals(4, op.m(), op.name());
                linear += op.macs();
            } else {
                attention += op.macs();
            }
        }
        // every linear weight is used once per token: 4 tokens x (6.74 B params - embeddings - norms)
        assertEquals(4L * (6_738_415_616L - 131_072_000L - 65 * 4096L), linear);
        // QK^T and PV: 32 layers x 32 heads x 4 sequences x 4096 x 128, twice
        assertEquals(2L * 32 * 32 * 4 * 4096 * 128, attention);
        assertEquals("llama2-7b:decode:ctx=4096:b=4", d.name());
    }

    @Test
    void badZooSpecsNameTheProblem() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Zoo.load("resnet51", "--workload"));
        assertEquals("--workload", e.field());
        assertTrue(e.getMessage().contains("resnet50"));
        assertThrows(InvalidInputException.class, () -> Zoo.load("resnet50:s=3", "--workload"));
        assertThrows(InvalidInputException.class, () -> Zoo.load("bert-base:decode", "--workload"));
        assertThrows(InvalidInputException.class, () -> Zoo.load("llama2-7b:b=0", "--workload"));
        assertThrows(InvalidInputException.class, () -> Zoo.load("llama2-7b:decode:s=5", "--workload"));
    }
}
