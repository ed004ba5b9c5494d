package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code qdse simulate --arch gpu:NAME}: per-GEMM latency, throughput, bound and tile; bad input names its field. */
class GpuSimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneGemmGivesLatencyThroughputBoundAndTile() throws Exception {
        CliRunner.Result r = CliRunner.run("simulate", "--arch", "gpu:a100-sxm4-80gb", "--gemm", "4096,4096,4096",
                "--formats", "w=fp16,a=fp16,acc=fp32", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode l = JSON.readTree(r.out()).get("layers").get(0);
        assertTrue(l.get("latency_us").asDouble() > 400 && l.get("latency_us").asDouble() < 700, l.toString());
        assertTrue(l.get("tflops").asDouble() > 200 && l.get("tflops").asDouble() < 312, l.toString());
        assertEquals("mma", l.get("bound").asText());
        assertTrue(l.get("tile").asText().matches("\\d+x\\d+x\\d+"), l.toString());
        JsonNode g = l.get("gemms").get(0);
        assertEquals("fp16 mma", g.get("path").asText());
        assertTrue(g.get("waves").asLong() >= 1);
        JsonNode int8 = JSON.readTree(CliRunner.run("simulate", "--arch", "gpu:h100-sxm5", "--gemm", "1,8192,8192",
                "--formats", "w=int8,a=int8,acc=int32", "--json").out()).get("layers").get(0);
        assertTrue(int8.has("tops"), int8.toString());
        assertEquals("hbm", int8.get("bound").asText());
    }

    @Test
    void decodeWorkloadsRunPerLayerWithBothEngines() throws Exception {
        for (String engine : new String[] {"analytical", "event"}) {
            CliRunner.Result r = CliRunner.run("simulate", "--arch", "gpu:h100-sxm5", "--workload",
                    "llama3-8b:decode:ctx=1024:b=4", "--formats", "w=int4/b128/fp16,a=fp16,acc=fp32", "--engine",
                    engine, "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode j = JSON.readTree(r.out());
            assertTrue(j.get("total").get("latency_us").asDouble() > 0);
            assertTrue(j.get("notes").toString().contains("weight-only"), j.get("notes").toString());
        }
        CliRunner.Result t = CliRunner.run("simulate", "--arch", "gpu:v100-sxm2", "--workload", "resnet18");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("closed-form kernel model"), t.out());
    }

    @Test
    void fallbacksAreNotedAndTheCrossoverIsPrinted() throws Exception {
        CliRunner.Result r = CliRunner.run("simulate", "--arch", "gpu:a100-sxm4-80gb", "--gemm", "512,4096,4096",
                "--formats", "w=fp8_e4m3,a=fp8_e4m3,acc=fp32");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Note: gpu:a100-sxm4-80gb has no FP8 tensor cores"), r.out());
        CliRunner.Result c = CliRunner.run("simulate", "--arch", "gpu:all", "--workload", "llama3-8b", "--crossover",
                "--json");
        assertEquals(0, c.exit(), c.err());
        JsonNode rows = JSON.readTree(c.out()).get("rows");
        assertTrue(rows.size() >= 7 * 3, rows.toString());
        for (JsonNode x : rows) {
            if (x.get("gpu").asText().equals("gpu:a100-sxm4-80gb") && x.get("type").asText().equals("fp16")) {
                assertEquals("hbm", x.get("bound_at_batch_1").asText());
                assertEquals("compute", x.get("bound_at_batch_256").asText());
            }
        }
    }

    @Test
    void badInputNamesTheField() {
        CliRunner.Result unknown = CliRunner.run("simulate", "--arch", "gpu:b200", "--gemm", "64,64,64");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--arch") && unknown.err().contains("gpu:h100-sxm5"), unknown.err());
        CliRunner.Result zero = CliRunner.run("simulate", "--arch", "gpu:h100-sxm5", "--gemm", "0,4096,4096");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("--gemm"), zero.err());
        CliRunner.Result bf16 = CliRunner.run("simulate", "--arch", "gpu:v100-sxm2", "--gemm", "64,64,64",
                "--formats", "w=bf16,a=bf16,acc=fp32");
        assertEquals(2, bf16.exit());
        assertTrue(bf16.err().contains("--formats a") && bf16.err().contains("bf16"), bf16.err());
        CliRunner.Result cross = CliRunner.run("simulate", "--arch", "edge-32x32", "--workload", "llama3-8b",
                "--crossover");
        assertEquals(2, cross.exit());
        assertTrue(cross.err().contains("--arch"), cross.err());
    }
}
