package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.rtl.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qdse rtl}: bundles, simulation verdicts, synthesis beside the model, and bad input. */
class RtlCommandTest {

    @Test
    void peBundleIsCompleteAndSimulates(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("pe");
        CliRunner.Result r = CliRunner.run("rtl", "pe", "--a", "fp4_e2m1", "--acc", "kulisch", "--out", out.toString(),
                "--vectors", "300");
        assertEquals(0, r.exit(), r.err());
        for (String f : new String[] {"rtl/MacPe.sv", "tb/tb_pe.sv", "vectors/pe.hex", "params.json", "lint.sh",
            "sim_icarus.sh", "sim_verilator.sh", "synth.sh", "synth_xilinx.ys", "synth_ice40.ys", "synth_ecp5.ys"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
        }
        assertEquals(300, Files.readAllLines(out.resolve("vectors/pe.hex")).size());
        JsonNode p = new ObjectMapper().readTree(out.resolve("params.json").toFile());
        assertEquals("fp4_e2m1", p.path("config").path("a").asText());
        assertTrue(p.path("predicted").path("fpga_mac_units").path("xcvu9p_nodsp").path("luts").asDouble() > 0);
        if (Tools.available("iverilog")) {
            assertTrue(r.out().contains("PASS: 300 vectors"), r.out());
        }
    }

    /**
     * A simulation that was asked for and cannot run is not a pass: rtl sim, and rtl pe with an explicit --sim, exit 4
     * (tool missing) saying what to install; without --sim the bundle is written and the simulation skipped with a note.
     */
    @Test
    void aMissingSimulatorIsExitFourNotAPass(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("pe");
        assertEquals(0, CliRunner.run("rtl", "pe", "--a", "int4", "--sim", "none", "--vectors", "10", "--out",
                out.toString()).exit());
        Path empty = Files.createDirectories(dir.resolve("no-tools"));
        System.setProperty("qdse.tools.path", empty.toString());
        try {
            CliRunner.Result r = CliRunner.run("rtl", "sim", out.toString());
            assertEquals(4, r.exit(), r.err() + r.out());
            assertTrue(r.err().contains("tool missing") && r.err().contains("iverilog")
                    && r.err().contains("apt-get install iverilog"), r.err());
            assertTrue(r.out().isEmpty(), r.out());
            CliRunner.Result v = CliRunner.run("rtl", "sim", out.toString(), "--simulator", "verilator", "--json");
            assertEquals(4, v.exit(), v.err());
            assertTrue(v.err().contains("verilator"), v.err());
            CliRunner.Result pe = CliRunner.run("rtl", "pe", "--a", "int4", "--sim", "icarus", "--vectors", "10",
                    "--out", dir.resolve("pe2").toString());
            assertEquals(4, pe.exit(), pe.err());
            assertFalse(Files.exists(dir.resolve("pe2")), "refused before anything is written");
            CliRunner.Result mvu = CliRunner.run("rtl", "mvu", "--mw", "8", "--mh", "4", "--w", "int4", "--a", "int4",
                    "--sim", "verilator", "--vectors", "4", "--out", dir.resolve("mvu").toString());
            assertEquals(4, mvu.exit(), mvu.err());
            assertTrue(mvu.err().contains("tool missing") && mvu.err().contains("verilator"), mvu.err());
            assertTrue(mvu.out().isEmpty(), mvu.out());
            assertFalse(Files.exists(dir.resolve("mvu")), "refused before anything is written");
            CliRunner.Result dflt = CliRunner.run("rtl", "pe", "--a", "int4", "--vectors", "10", "--out",
                    dir.resolve("pe3").toString());
            assertEquals(0, dflt.exit(), dflt.err());
            assertTrue(dflt.out().contains("skipped"), dflt.out());
            CliRunner.Result synth = CliRunner.run("rtl", "synth", out.toString());
            assertEquals(4, synth.exit(), synth.err());
            assertTrue(synth.err().contains("yosys"), synth.err());
        } finally {
            System.clearProperty("qdse.tools.path");
        }
    }

    /** The accumulator every command defaults to (int32 for integers, fp32 for floats) is rtl pe's default too. */
    @Test
    void peDefaultsToTheCommonAccumulator(@TempDir Path dir) throws Exception {
        ObjectMapper m = new ObjectMapper();
        CliRunner.Result i = CliRunner.run("rtl", "pe", "--a", "int8", "--sim", "none", "--vectors", "10", "--out",
                dir.resolve("i").toString(), "--json");
        assertEquals(0, i.exit(), i.err());
        assertEquals("mac_int8xint8_int32", m.readTree(i.out()).path("design").asText(), i.out());
        CliRunner.Result f = CliRunner.run("rtl", "pe", "--a", "fp8_e4m3", "--sim", "none", "--vectors", "10", "--out",
                dir.resolve("f").toString(), "--json");
        assertEquals(0, f.exit(), f.err());
        assertEquals("fmac_fp8_e4m3xfp8_e4m3_fp32", m.readTree(f.out()).path("design").asText(), f.out());
        CliRunner.Result c = CliRunner.run("cost", "--a", "fp8_e4m3", "--json");
        assertEquals("fp32", m.readTree(c.out()).path("acc").asText());
    }

    @Test
    void arrayBundleReportsEngineCycles(@TempDir Path dir) {
        Path out = dir.resolve("arr");
        CliRunner.Result r = CliRunner.run("rtl", "array", "--rows", "2", "--cols", "3", "--dataflow", "os", "--a",
                "int4", "--max-m", "5", "--max-n", "4", "--max-k", "3", "--cases", "4", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("cycles per case (Java cycle-stepped engine)"), r.out());
        if (Tools.available("iverilog")) {
            assertTrue(r.out().contains("PASS: 4 cases"), r.out());
        }
    }

    @Test
    void bitSerialArrayBundleSimulatesWithEngineCycles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bs");
        CliRunner.Result r = CliRunner.run("rtl", "array", "--kind", "bitserial", "--rows", "2", "--cols", "3",
                "--lanes", "4", "--k", "2", "--a", "int5", "--b", "uint3", "--max-m", "7", "--max-n", "5", "--max-k",
                "9", "--cases", "4", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("cycles per case (Java bit-serial engines)"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("tb/tb_bitserial_array.sv")), "testbench missing");
        assertTrue(Files.isRegularFile(out.resolve("rtl/BitSerialDotPe.sv")), "PE module missing");
        assertFalse(Files.exists(out.resolve("fpga")), "no self-test wrapper for bit-serial arrays yet");
        JsonNode p = new ObjectMapper().readTree(out.resolve("params.json").toFile());
        assertEquals("bitserial_array", p.path("config").path("kind").asText());
        assertEquals(3, p.path("config").path("step_cycles").asInt()); // ceil(5 / 2)
        assertEquals(4, p.path("predicted").path("cycles_per_case").size());
        assertTrue(p.path("predicted").path("fpga_pes").path("xcvu9p_nodsp").path("luts").asDouble() > 0);
        if (Tools.available("iverilog")) {
            assertTrue(r.out().contains("PASS: 4 cases"), r.out());
            CliRunner.Result sim = CliRunner.run("rtl", "sim", out.toString());
            assertEquals(0, sim.exit(), sim.err());
            assertTrue(sim.out().contains("PASS: 4 cases"), sim.out());
        }
        CliRunner.Result bits = CliRunner.run("rtl", "bitstream", out.toString());
        assertEquals(2, bits.exit(), bits.out() + bits.err());
        assertTrue(bits.err().contains("no self-test wrapper"), bits.err());
        CliRunner.Result help = CliRunner.run("rtl", "array", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--kind") && help.out().contains("--lanes") && help.out().contains("bitserial"),
                help.out());
    }

    @Test
    void synthPrintsYosysBesideTheModel(@TempDir Path dir) {
        assumeTrue(Tools.available("yosys"), "yosys not installed: synthesis check skipped");
        Path out = dir.resolve("pe");
        assertEquals(0, CliRunner.run("rtl", "pe", "--a", "uint4", "--acc", "int16", "--sim", "none", "--out",
                out.toString()).exit());
        CliRunner.Result r = CliRunner.run("rtl", "synth", out.toString(), "--target", "ice40");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("LUTs") && r.out().contains("model") && r.out().contains("SB_LUT4"), r.out());
        CliRunner.Result j = CliRunner.run("rtl", "synth", out.toString(), "--target", "ice40", "--json");
        assertEquals(0, j.exit(), j.err());
        assertTrue(j.out().contains("\"ffs\" : 16"), j.out());
    }

    @Test
    void jsonOfABundleItsSimulationAndACalibration(@TempDir Path dir) throws Exception {
        ObjectMapper m = new ObjectMapper();
        Path out = dir.resolve("pe");
        CliRunner.Result r = CliRunner.run("rtl", "pe", "--a", "int4", "--vectors", "200", "--out", out.toString(),
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = m.readTree(r.out());
        assertEquals(out.toAbsolutePath().normalize().toString(), j.get("dir").asText());
        assertEquals(200, j.get("vectors").asInt());
        assertEquals("cycles", j.get("vector_unit").asText());
        assertTrue(j.get("fpga_self_test").asBoolean());
        JsonNode sim = j.get("simulation");
        assertEquals("icarus", sim.get("simulator").asText());
        assertEquals(Tools.available("iverilog") ? "pass" : "skipped", sim.get("status").asText(), r.out());
        CliRunner.Result s = CliRunner.run("rtl", "sim", out.toString(), "--json");
        assertEquals(0, s.exit(), s.err());
        JsonNode sj = m.readTree(s.out());
        assertEquals(j.get("design").asText(), sj.get("design").asText());
        if (Tools.available("iverilog")) {
            assertEquals("PASS: 200 vectors", sj.get("simulation").get("verdict").asText());
            assertTrue(sj.get("simulation").get("sim_seconds").asDouble() > 0);
        }
        CliRunner.Result none = CliRunner.run("rtl", "array", "--rows", "2", "--cols", "2", "--cases", "2", "--sim",
                "none", "--out", dir.resolve("arr").toString(), "--json");
        assertEquals(0, none.exit(), none.err());
        JsonNode a = m.readTree(none.out());
        assertEquals("gemm_cases", a.get("vector_unit").asText());
        assertEquals(2, a.get("cycles_per_case").size());
        assertTrue(a.get("simulation").isNull());

        Path csv = dir.resolve("pe_synthesis.csv");
        try (java.io.InputStream in = io.qdse.hwmodels.fpga.LutFit.class.getResourceAsStream("pe_synthesis.csv")) {
            Files.write(csv, in.readAllBytes());
        }
        Path fit = dir.resolve("fit");
        CliRunner.Result c = CliRunner.run("rtl", "calibrate", "--from", csv.toString(), "--out", fit.toString(),
                "--json");
        assertEquals(0, c.exit(), c.err());
        JsonNode cj = m.readTree(c.out());
        assertTrue(cj.get("held_out").size() > 0, c.out());
        assertTrue(cj.get("worst_fitted_error_pct").asDouble() >= 0);
        assertEquals(fit.resolve("lut_fit.csv").toString(), cj.get("lut_fit_csv").asText());
        assertTrue(Files.isRegularFile(fit.resolve("lut_fit.csv")));
    }

    @Test
    void badInputNamesTheField(@TempDir Path dir) {
        String[][] cases = {
            {"rtl", "pe", "--a", "int40", "--sim", "none"}, {"--a", "int40"},
            {"rtl", "pe", "--a", "mxfp4", "--sim", "none"}, {"--a", "mxfp4"},
            {"rtl", "pe", "--a", "int8", "--acc", "fp32:unfused", "--sim", "none"}, {"--acc", "unfused"},
            {"rtl", "array", "--a", "int8", "--acc", "fp16", "--sim", "none"}, {"--acc", "fp16", "qdse rtl pe"},
            {"rtl", "pe", "--a", "int8", "--acc", "int12", "--sim", "none"}, {"acc", "16"},
            {"rtl", "pe", "--a", "int8", "--serial", "int4", "--k", "5", "--sim", "none"}, {"k", "1..4"},
            {"rtl", "array", "--dataflow", "is", "--sim", "none"}, {"--dataflow", "is"},
            {"rtl", "array", "--rows", "0", "--sim", "none"}, {"rows", "0"},
            {"rtl", "synth", dir.resolve("nothing").toString()}, {"bundle", "params.json"},
            {"rtl", "synth", dir.toString(), "--target", "stratix"}, {"--target", "stratix"},
            {"rtl", "array", "--kind", "wavefront", "--sim", "none"}, {"--kind", "wavefront"},
            {"rtl", "array", "--kind", "bitserial", "--a", "int8", "--k", "9", "--sim", "none"}, {"--k", "1..8"},
            {"rtl", "array", "--kind", "bitserial", "--lanes", "0", "--sim", "none"}, {"--lanes", "0"},
            {"rtl", "array", "--kind", "bitserial", "--a", "fp8_e4m3", "--sim", "none"}, {"--a", "fp8_e4m3"},
            {"rtl", "array", "--kind", "bitserial", "--a", "int20", "--sim", "none"}, {"--a", "int20"},
            {"rtl", "array", "--kind", "bitserial", "--acc", "int8:sat", "--sim", "none"}, {"--acc", "int8:sat"},
            {"rtl", "array", "--kind", "bitserial", "--acc", "int12", "--sim", "none"}, {"--acc", "16..64"},
            {"rtl", "array", "--kind", "bitserial", "--dataflow", "os", "--sim", "none"}, {"--dataflow", "systolic"},
            {"rtl", "array", "--lanes", "4", "--sim", "none"}, {"--lanes", "bitserial"},
            {"rtl", "array", "--kind", "bitserial", "--max-k", "0", "--sim", "none"}, {"--max-k", "0"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            CliRunner.Result r = CliRunner.run(cases[i]);
            assertEquals(2, r.exit(), String.join(" ", cases[i]) + "\n" + r.out() + r.err());
            for (String s : cases[i + 1]) {
                assertTrue(r.err().contains(s), String.join(" ", cases[i]) + ": '" + s + "' not in " + r.err());
            }
            assertFalse(r.err().contains("at io.qdse"), "stack trace printed: " + r.err());
        }
    }
}
