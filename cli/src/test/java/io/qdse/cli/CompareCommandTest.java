package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qdse compare}: one table across accelerator kinds, the same columns for every kind. */
class CompareCommandTest {

    @Test
    void comparesKindsWithTheSameColumns(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("compare", "--workload", "resnet18", "--arch", "edge-32x32", "--arch",
                "bitserial:stripes", "--formats", "w=int8,a=int8", "--json", "--out", dir.resolve("c").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals(2, o.get("rows").size());
        assertEquals("systolic", o.get("rows").get(0).get("kind").asText());
        assertEquals("bitserial", o.get("rows").get(1).get("kind").asText());
        for (JsonNode row : o.get("rows")) {
            for (String c : new String[] {"latency_ms", "throughput_inf_s", "energy_uj", "power_w", "area_mm2",
                "utilization"}) {
                assertTrue(row.get(c).asDouble() > 0, c + " in " + row);
            }
        }
        assertEquals("ms", o.get("units").get("latency_ms").asText());
        assertTrue(Files.isRegularFile(dir.resolve("c/compare.json")) && Files.isRegularFile(dir.resolve(
                "c/compare.csv")));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("c/compare.png").toFile());
        assertTrue(png != null && png.getWidth() >= 800 && png.getHeight() >= 600, "the chart is a PNG");
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 7) {
            for (int x = 0; x < png.getWidth(); x += 7) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 10, "the chart is not blank: " + colours.size() + " colours");
        assertTrue(Files.readString(dir.resolve("c/compare.svg")).contains("<svg"));
        java.util.List<String> csv = Files.readAllLines(dir.resolve("c/compare.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).startsWith("arch,kind,summary,formats,latency_ms,"), csv.get(0));
        CliRunner.Result text = CliRunner.run("compare", "--workload", "resnet18", "--arch", "edge-32x32", "--arch",
                "bitserial:stripes");
        assertTrue(text.out().contains("latency (ms)") && text.out().contains("bitserial:stripes"), text.out());
    }

    @Test
    void aGpuComparesWithItsEnergyMarkedNotModelled() throws Exception {
        CliRunner.Result r = CliRunner.run("compare", "--workload", "resnet18", "--arch", "gpu:a100-sxm4-80gb",
                "--arch", "edge-32x32", "--formats", "w=fp16,a=fp16", "--formats", "w=int8,a=int8", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode gpu = new ObjectMapper().readTree(r.out()).get("rows").get(0);
        assertEquals("gpu", gpu.get("kind").asText());
        for (String c : new String[] {"latency_ms", "throughput_inf_s", "tops", "utilization", "dram_mb"}) {
            assertTrue(gpu.get(c).asDouble() > 0, c + " in " + gpu);
        }
        assertEquals(826, gpu.get("area_mm2").asDouble(), 1e-9, "the GA100 die (GpuPresets)");
        assertTrue(gpu.get("energy_uj").isNull() && gpu.get("tops_per_w").isNull(), "only HBM energy is modelled: "
                + gpu);
        CliRunner.Result text = CliRunner.run("compare", "--workload", "resnet18", "--arch", "gpu:a100-sxm4-80gb",
                "--arch", "edge-32x32", "--formats", "w=fp16,a=fp16", "--formats", "w=int8,a=int8");
        assertTrue(text.out().contains("n/m") && text.out().contains("n/m: not modelled"), text.out());
        CliRunner.Result bf16 = CliRunner.run("compare", "--workload", "resnet18", "--arch", "gpu:v100-sxm2",
                "--arch", "edge-32x32", "--formats", "w=bf16,a=bf16", "--formats", "w=int8,a=int8");
        assertEquals(2, bf16.exit(), bf16.out());
        assertTrue(bf16.err().contains("--formats") && bf16.err().contains("bf16"), bf16.err());
    }

    @Test
    void badInput() {
        CliRunner.Result one = CliRunner.run("compare", "--workload", "resnet18", "--arch", "edge-32x32");
        assertEquals(2, one.exit());
        assertTrue(one.err().contains("--arch"), one.err());
        CliRunner.Result f = CliRunner.run("compare", "--workload", "resnet18", "--arch", "edge-32x32", "--arch",
                "tpu-v1-like", "--arch", "bitserial:loom", "--formats", "w=int8", "--formats", "w=int4");
        assertEquals(2, f.exit());
        assertTrue(f.err().contains("--formats"), f.err());
    }
}
