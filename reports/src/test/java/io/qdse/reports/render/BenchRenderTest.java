package io.qdse.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.reports.text.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Benchmark cases (best, median, throughput) and the SCALE-Sim speed-up row, as text and JSON. */
class BenchRenderTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static BenchRender.Bench bench() {
        return new BenchRender.Bench("17.0.1", 2, List.of(
                new BenchRender.Case("quantize int8", 1_000_000, new double[] {4, 2, 3, 10}),
                new BenchRender.Case("one GEMM", 1, new double[] {0.5}),
                new BenchRender.SpeedUp(1234.5, 2.25, 10)));
    }

    @Test
    void bestMedianAndThroughputOfACase() {
        BenchRender.Case c = new BenchRender.Case("c", 1_000_000, new double[] {4, 2, 3, 10});
        assertEquals(2, c.bestMs());
        assertEquals(4, c.medianMs(), "the upper median of an even count");
        assertEquals(500, c.throughputMPerS(), 1e-9, "1e6 items in 2 ms");
        assertThrows(IllegalArgumentException.class, () -> new BenchRender.Case("none", 1, new double[0]));
    }

    @Test
    void textHasTheHeaderLineOneRowPerCaseAndTheSpeedUps() {
        String text = BenchRender.text(bench());
        String[] lines = text.split("\n");
        assertEquals("qdse bench: one thread, Java 17.0.1, 2 CPUs visible", lines[0]);
        assertTrue(lines[1].matches("case +values +best \\(ms\\) +median \\(ms\\) +throughput \\(M values/s\\)"),
                lines[1]);
        assertTrue(lines[3].matches("quantize int8 +1,000,000 +2 +4 +500"), lines[3]);
        assertTrue(lines[4].matches("one GEMM +1 +0\\.5 +0\\.5 +0\\.002"), lines[4]);
        assertTrue(lines[5].matches("speed-up over SCALE-Sim: analytical / cycle / compat +x1235 +x2\\.25 +x10"),
                lines[5]);
        assertEquals(6, lines.length);
    }

    @Test
    void jsonHasOneObjectPerRow() throws Exception {
        JsonNode j = M.readTree(Json.write(BenchRender.json(bench())));
        assertEquals(1, j.get("threads").asInt());
        assertEquals("17.0.1", j.get("java").asText());
        assertEquals(2, j.get("cpus").asInt());
        JsonNode c = j.get("cases");
        assertEquals(3, c.size());
        assertEquals(1_000_000, c.get(0).get("items").asLong());
        assertEquals(2.0, c.get(0).get("best_ms").asDouble());
        assertEquals(4.0, c.get(0).get("median_ms").asDouble());
        assertEquals(500.0, c.get(0).get("throughput_m_per_s").asDouble(), 1e-9);
        assertEquals("speed-up over SCALE-Sim", c.get(2).get("case").asText());
        assertEquals(1234.5, c.get(2).get("analytical_x").asDouble());
        assertEquals(2.25, c.get(2).get("cycle_stepped_x").asDouble());
        assertEquals(10.0, c.get(2).get("scalesim_compatible_x").asDouble());
    }
}
