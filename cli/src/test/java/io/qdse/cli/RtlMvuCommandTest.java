package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.rtl.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qdse rtl mvu} and {@code qdse rtl mvu-sweep --from}. */
class RtlMvuCommandTest {

    @Test
    void mvuBundleIsCompleteWithEngineCyclesAndEstimate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("mvu");
        CliRunner.Result r = CliRunner.run("rtl", "mvu", "--mw", "16", "--mh", "8", "--pe", "2", "--simd", "4", "--w",
                "int4", "--a", "int4", "--out-bits", "2", "--vectors", "4", "--out", out.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        for (String f : new String[] {"rtl/Mvu.sv", "rtl/MvuWeights.sv", "rtl/MvuThresholds.sv", "tb/tb_mvu.sv",
            "vectors/mvu_in.hex", "vectors/mvu_out.hex", "params.json", "lint.sh", "sim_icarus.sh", "synth.sh"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
        }
        assertEquals(4 * 4, Files.readAllLines(out.resolve("vectors/mvu_in.hex")).size(), "MW/SIMD beats per vector");
        assertEquals(4 * 4, Files.readAllLines(out.resolve("vectors/mvu_out.hex")).size(), "MH/PE beats per vector");
        // 4 vectors x (8/2) x (16/4) = 64 engine cycles, + 4 pipeline cycles
        assertTrue(r.out().contains("cycles at full rate: 68 = Java dataflow engine 64"), r.out());
        assertTrue(r.out().contains("xilinx_nodsp") && r.out().contains("ice40"), r.out());
        JsonNode p = new ObjectMapper().readTree(out.resolve("params.json").toFile());
        assertEquals("mvu", p.path("config").path("kind").asText());
        assertEquals(3, p.path("config").path("thresholds_per_output").asInt());
        assertTrue(p.path("predicted").path("fpga_unit").path("xilinx_nodsp").path("luts").asDouble() > 0);
        assertTrue(Files.readString(out.resolve("synth.sh")).contains("target=${1:-xilinx_nodsp}"));
        if (Tools.available("iverilog")) {
            assertTrue(r.out().contains("PASS: 32 output beats checked in 2 passes, cycles equal"), r.out());
        }
        CliRunner.Result j = CliRunner.run("rtl", "mvu", "--mw", "8", "--mh", "4", "--pe", "4", "--simd", "8", "--w",
                "int8", "--a", "int8", "--dsp", "--sim", "none", "--vectors", "2", "--out",
                dir.resolve("m2").toString(), "--json");
        assertEquals(0, j.exit(), j.err());
        JsonNode o = new ObjectMapper().readTree(j.out());
        assertEquals("mvu_8x4_pe4_simd8_int8xint8_dsp", o.path("design").asText());
        assertEquals("input_vectors", o.path("vector_unit").asText());
        assertEquals(32, o.path("model").path("xilinx").path("dsps").asDouble(), 1e-9, "one DSP per int8 product");
        assertTrue(o.path("simulation").isNull());
    }

    @Test
    void badFoldsAndFormatsNameTheOption(@TempDir Path dir) {
        CliRunner.Result pe = CliRunner.run("rtl", "mvu", "--mw", "16", "--mh", "6", "--pe", "4", "--w", "int4", "--a",
                "int4", "--sim", "none", "--out", dir.resolve("a").toString());
        assertEquals(2, pe.exit(), pe.err());
        assertTrue(pe.err().contains("--pe") && pe.err().contains("divisor of MH = 6"), pe.err());
        CliRunner.Result simd = CliRunner.run("rtl", "mvu", "--mw", "16", "--mh", "6", "--simd", "5", "--w", "int4",
                "--a", "int4", "--sim", "none", "--out", dir.resolve("b").toString());
        assertEquals(2, simd.exit(), simd.err());
        assertTrue(simd.err().contains("--simd"), simd.err());
        CliRunner.Result ob = CliRunner.run("rtl", "mvu", "--mw", "16", "--mh", "6", "--w", "int4", "--a", "int4",
                "--out-bits", "9", "--sim", "none", "--out", dir.resolve("c").toString());
        assertEquals(2, ob.exit(), ob.err());
        assertTrue(ob.err().contains("--out-bits"), ob.err());
        CliRunner.Result fmt = CliRunner.run("rtl", "mvu", "--mw", "16", "--mh", "6", "--w", "mxfp4", "--a", "int4",
                "--sim", "none", "--out", dir.resolve("d").toString());
        assertEquals(2, fmt.exit(), fmt.err());
        assertTrue(fmt.err().contains("--w"), fmt.err());
    }

    @Test
    void sweepResidualsFromTheCommittedMeasurements() throws Exception {
        Path csv = Path.of("..", "rtl-gen", "src", "main", "resources", "io", "qdse", "rtl", "mvu_synthesis.csv");
        CliRunner.Result r = CliRunner.run("rtl", "mvu-sweep", "--from", csv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("h01") && r.out().contains("held_out") && r.out().contains("Held-out LUT error"),
                r.out());
        CliRunner.Result j = CliRunner.run("rtl", "mvu-sweep", "--from", csv.toString(), "--json");
        assertEquals(0, j.exit(), j.err());
        JsonNode o = new ObjectMapper().readTree(j.out());
        assertTrue(o.path("rows").size() >= 40, j.out());
        assertTrue(o.path("yosys").asText().startsWith("Yosys"), j.out());
    }
}
