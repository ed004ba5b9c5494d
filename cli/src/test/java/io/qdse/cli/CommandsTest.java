package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands run in-process: exit code, tables and the JSON contract (field names with units). */
class CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String... args) throws Exception {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void formatsListAndShow() throws Exception {
        CliRunner.Result r = CliRunner.run("formats", "list");
        assertEquals(0, r.exit(), r.err());
        for (String name : new String[] {"int8", "fp8_e4m3", "fp8_e5m2", "fp6_e3m2", "fp6_e2m3", "fp4_e2m1", "fp16",
            "bf16", "fp32", "mxfp4", "nvfp4", "bipolar3", "int8n", "uint8", "int4"}) {
            assertTrue(r.out().contains(name), name + " missing from the list");
        }
        JsonNode e4m3 = json("formats", "show", "fp8_e4m3", "--json");
        assertEquals(448.0, e4m3.get("max_value").asDouble());
        assertEquals(Math.scalb(1.0, -9), e4m3.get("min_positive").asDouble());
        assertEquals(256, e4m3.get("codes").size());
        JsonNode generic = json("formats", "show", "e5m2:ieee:nosub", "--json");
        assertEquals(false, generic.get("subnormals").asBoolean());
        assertEquals("ieee", generic.get("specials").asText());
    }

    @Test
    void quantizeValuesJson() throws Exception {
        JsonNode q = json("quantize", "--format", "fp8_e4m3", "--values", "0.1,-3,448,1000", "--json");
        assertEquals(4, q.get("values").size());
        assertEquals(0.1015625, q.get("values").get(0).get("quantized").asDouble());
        assertEquals(448.0, q.get("values").get(3).get("quantized").asDouble()); // saturated by default
        JsonNode nan = json("quantize", "--format", "fp8_e4m3", "--values", "1000", "--overflow", "overflow",
                "--json");
        assertEquals("nan", nan.get("values").get(0).get("quantized").asText());
        assertEquals("0x7F", nan.get("values").get(0).get("code_hex").asText());
    }

    @Test
    void quantizeCsvWritesTheTensorAtomically(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("w.csv");
        Files.writeString(in, "# weights\n0.5,-1,0.25\n1,2,-3\n");
        Path out = dir.resolve("q.csv");
        JsonNode q = json("quantize", "--format", "int4", "--csv", in.toString(), "--scaling", "channel",
                "--out", out.toString(), "--json");
        assertEquals(6, q.get("elements").asInt());
        assertEquals(2, q.get("scales").asInt());
        assertTrue(Files.readString(out).lines().count() == 2);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
        Files.writeString(in, "1,2,3\n4,5\n");
        CliRunner.Result bad = CliRunner.run("quantize", "--format", "int4", "--csv", in.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("line 2 has 2 columns"), bad.err());
    }

    @Test
    void costJsonHasUnitsInFieldNames() throws Exception {
        JsonNode c = json("cost", "--op", "mac", "--a", "int8", "--b", "int8", "--acc", "int32", "--target",
                "asic:45nm", "--target", "fpga:xcvu9p", "--json");
        JsonNode asic = c.get("results").get(0);
        assertTrue(asic.get("area_um2").asDouble() > 0);
        assertTrue(asic.get("energy_pj").asDouble() > 0);
        assertTrue(asic.get("delay_ns").asDouble() > 0);
        JsonNode fpga = c.get("results").get(1);
        assertEquals(1.0, fpga.get("dsps").asDouble());
        assertEquals(0.5, fpga.get("dsps_packed").asDouble());
        JsonNode k = json("cost", "--a", "fp8_e4m3", "--acc", "kulisch", "--dot-length", "4608", "--json");
        assertEquals("kulisch49", k.get("acc").asText());
        assertEquals(49, k.get("acc_bits").asInt());
    }

    @Test
    void costSynthChoosesTheLayerAndDefaultsToTheVendorsFlow() throws Exception {
        String[] mul = {"cost", "--op", "mul", "--a", "uint8", "--no-dsp", "--target", "fpga:xcvu9p", "--target",
            "fpga:ice40-hx8k", "--json"};
        JsonNode byVendor = json(mul);
        assertEquals("vivado", byVendor.get("results").get(0).get("synth").asText());
        assertEquals("yosys", byVendor.get("results").get(1).get("synth").asText());
        String[] yosys = java.util.Arrays.copyOf(mul, mul.length + 2);
        yosys[mul.length] = "--synth";
        yosys[mul.length + 1] = "yosys";
        JsonNode y = json(yosys);
        assertEquals("yosys", y.get("results").get(0).get("synth").asText());
        double v8 = byVendor.get("results").get(0).get("luts").asDouble();
        double y8 = y.get("results").get(0).get("luts").asDouble();
        assertEquals(158, y8, 1e-9, "Yosys synth_xilinx, measured");
        assertEquals(73.06, v8, 0.01, "Vivado: 1.1415 LUT per partial-product bit");
        assertEquals(byVendor.get("results").get(1), y.get("results").get(1), "iCE40 is Yosys either way");
        CliRunner.Result text = CliRunner.run("cost", "--op", "mul", "--a", "uint8", "--no-dsp", "--target",
                "fpga:xcvu9p", "--synth", "vivado");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("synthesis") && text.out().contains("vivado"), text.out());
    }

    @Test
    void costIsDeterministic() {
        String[] args = {"cost", "--a", "mxfp4", "--b", "fp8_e4m3", "--target", "asic:16nm", "--target",
            "fpga:ice40-up5k", "--json"};
        assertEquals(CliRunner.run(args).out(), CliRunner.run(args).out());
    }

    @Test
    void helpWorksForEveryCommand() {
        for (String cmd : new String[] {"formats", "quantize", "cost", "demo", "bench"}) {
            CliRunner.Result r = CliRunner.run(cmd, "--help");
            assertEquals(0, r.exit(), cmd);
            assertTrue(r.out().contains("Usage: qdse " + cmd), r.out());
        }
    }
}
