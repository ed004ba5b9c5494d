package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Issue 15 §5: every fitted model's estimate carries its calibration error, in text and in JSON. */
class ModelErrorOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String... args) throws Exception {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    private static String[] cat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void costShowsEachTargetsModelError() throws Exception {
        JsonNode j = json("cost", "--a", "int8", "--target", "asic:45nm", "--target", "fpga:ice40-hx8k", "--json");
        JsonNode asic = j.get("results").get(0).get("calibration");
        assertEquals(18, asic.get("rows").asInt());
        assertTrue(asic.get("error_pct_max").asDouble() > 0);
        assertTrue(asic.get("basis").asText().contains("Horowitz"));
        JsonNode fpga = j.get("results").get(1).get("calibration");
        assertTrue(fpga.get("basis").asText().contains("iCE40"), fpga.toString());
        assertEquals(11, fpga.get("rows").asInt());
        CliRunner.Result text = CliRunner.run("cost", "--a", "int8", "--target", "fpga:xcvu9p", "--no-breakdown");
        assertTrue(text.out().contains("model error (LUTs)") && text.out().contains("not measured (Vivado"),
                text.out());
    }

    @Test
    void fpgaEstimateShowsTheUnitModelsHeldOutError() throws Exception {
        // docs/fpga.md "Checked against Yosys on generated units": 17 held-out Xilinx runs, median 7.2 %, worst 22.5 %
        String[] design = {"fpga", "estimate", "--workload", "resnet18", "--device", "ultra96", "--formats",
            "w=int4,a=int4", "--target-fps", "100", "--allow-over-budget"};
        JsonNode j = json(cat(design, "--synth", "yosys", "--json"));
        JsonNode c = j.get("total").get("calibration");
        assertEquals(17, c.get("rows").asInt(), c.toString());
        assertEquals(7.2, c.get("error_pct_median").asDouble(), 0.05);
        assertEquals(22.5, c.get("error_pct_max").asDouble(), 0.05);
        CliRunner.Result text = CliRunner.run(design);
        assertTrue(text.out().contains("LUT model error: not measured"), text.out());
    }

    @Test
    void gpuEstimatesShowTheHeldOutLatencyError() throws Exception {
        JsonNode j = json("simulate", "--arch", "gpu:a100-sxm4-80gb", "--gemm", "256,256,256", "--json");
        JsonNode c = j.get("total").get("calibration");
        assertEquals(331, c.get("rows").asInt(), c.toString());
        CliRunner.Result text = CliRunner.run("simulate", "--arch", "gpu:a100-sxm4-80gb", "--gemm", "256,256,256");
        assertTrue(text.out().contains("latency model error: ±5.3 % median"), text.out());
    }
}
