package io.qdse.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.reports.text.Json;
import io.qdse.rtl.Bitstream;
import io.qdse.rtl.Bundle;
import io.qdse.rtl.Calibration;
import io.qdse.rtl.CoSimulation;
import io.qdse.rtl.Design;
import io.qdse.rtl.Designs;
import io.qdse.rtl.Synthesis;
import io.qdse.rtl.Tools;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RTL bundles, co-simulation, synthesis against the model, bitstreams and the LUT calibration, as text and JSON,
 * from result records (no tool runs).
 */
class RtlRenderTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Design PE = Designs.pe("int8", "int8", "kulisch", 4096);
    private static final Design.BitSerialArray BSA = Designs.bitSerialArray(2, 2, 4, 2, "int8", "int4", 0, 16, 16,
            16);
    private static final Tools.Result PASS = new Tools.Result(0, "compiling\nPASS: 2000 vectors\n", 0.3, false);
    private static final Tools.Result CLEAN = new Tools.Result(0, "", 1.0, false);

    private static RtlRender.Generated pe() {
        return new RtlRender.Generated(Path.of("o/pe_int8"), new Bundle.Written(Path.of("/w/o/pe_int8"), PE,
                List.of("rtl/MacPe.sv", "rtl/QdseMul.sv"), 2000, List.of()), true);
    }

    private static RtlRender.Generated array() {
        return new RtlRender.Generated(Path.of("o/bsa"), new Bundle.Written(Path.of("/w/o/bsa"), BSA,
                List.of("rtl/BitSerialDotPe.sv", "rtl/BitSerialArray.sv"), 3, List.of(5L, 1025L, 33L)), false);
    }

    @Test
    void aPeBundleNamesItsFoldersAndTheBitstreamCommand() {
        assertEquals("Wrote /w/o/pe_int8/ (" + PE.slug() + "):\n"
                + "  rtl/            MacPe.sv QdseMul.sv\n"
                + "  tb/, vectors/   self-checking testbench and 2000 cycles of golden vectors (Java bit-exact model)\n"
                + "  params.json     configuration and the models' predictions\n"
                + "  lint.sh sim_icarus.sh sim_verilator.sh synth.sh (xilinx|xilinx_nodsp|ice40|ecp5)\n"
                + "  fpga/           self-test top, hx8k-breakout.pcf, sim_selftest.sh, bitstream.sh (Yosys -> "
                + "nextpnr-ice40 -> icepack; or: qdse rtl bitstream o/pe_int8)\n", RtlRender.generatedText(pe()));
    }

    @Test
    void anArrayBundleListsItsGemmCasesAndPredictedCycles() {
        String text = RtlRender.generatedText(array());
        assertTrue(text.contains("testbench and 3 GEMM cases of golden vectors"), text);
        assertTrue(text.contains("\n  cycles per case (Java bit-serial engines): [5, 1025, 33]\n"), text);
        assertTrue(text.endsWith("\n  (no fpga/ self-test wrapper for this design yet)\n"), text);
    }

    @Test
    void bundleJsonCarriesTheSimulation() throws Exception {
        CoSimulation sim = new CoSimulation("icarus", "iverilog", CLEAN, PASS);
        JsonNode j = M.readTree(Json.write(RtlRender.generatedJson(pe(), sim)));
        assertEquals(PE.slug(), j.get("design").asText());
        assertEquals("/w/o/pe_int8", j.get("dir").asText());
        assertEquals(2, j.get("rtl_files").size());
        assertEquals("cycles", j.get("vector_unit").asText());
        assertTrue(j.get("cycles_model").isNull());
        assertTrue(j.get("fpga_self_test").asBoolean());
        JsonNode s = j.get("simulation");
        assertEquals("pass", s.get("status").asText());
        assertEquals("clean", s.get("lint").asText());
        assertEquals(0.3, s.get("sim_seconds").asDouble());
        assertEquals("PASS: 2000 vectors", s.get("verdict").asText());
        JsonNode a = M.readTree(Json.write(RtlRender.generatedJson(array(), null)));
        assertEquals("gemm_cases", a.get("vector_unit").asText());
        assertEquals(1025, a.get("cycles_per_case").get(1).asLong());
        assertEquals("Java bit-serial engines", a.get("cycles_model").asText());
        assertTrue(a.get("simulation").isNull());
    }

    @Test
    void coSimulationLines() throws Exception {
        assertEquals("Lint (verilator -Wall): clean\n", RtlRender.lintText(CLEAN));
        assertEquals("Lint (verilator -Wall): FAILED\n%Warning-WIDTH: x\n\n",
                RtlRender.lintText(new Tools.Result(1, "%Warning-WIDTH: x\n", 1, false)));
        CoSimulation ok = new CoSimulation("icarus", "iverilog", null, PASS);
        assertEquals("Simulation (iverilog, 0.30 s): PASS: 2000 vectors\n", RtlRender.simulationText(ok));
        CoSimulation skipped = CoSimulation.skipped("verilator");
        assertEquals("Simulation skipped: verilator is not installed (apt-get install verilator).\n",
                RtlRender.simulationText(skipped));
        CoSimulation failed = new CoSimulation("verilator", "verilator", CLEAN, new Tools.Result(0,
                "FAIL: cycle 3\n", 2, false));
        assertFalse(failed.passed());
        assertEquals("co-simulation failed in o/x:\nFAIL: cycle 3\n", RtlRender.simulationFailure(Path.of("o/x"),
                failed));
        JsonNode j = M.readTree(Json.write(RtlRender.simJson(PE, Path.of("o/x"), skipped)));
        assertEquals("skipped", j.get("simulation").get("status").asText());
        assertTrue(j.get("simulation").get("sim_seconds").isNull());
        assertTrue(j.get("simulation").get("lint").isNull());
        assertEquals("fail", M.readTree(Json.write(RtlRender.simulationJson(failed))).get("status").asText());
    }

    private static Synthesis.Stats stats(Synthesis.Target t, int lutrams) {
        Map<String, Integer> cells = new LinkedHashMap<>();
        cells.put("SB_CARRY", 37);
        cells.put("SB_LUT4", 216);
        return new Synthesis.Stats(t, cells, 216, 28, 37, 0, 0, lutrams, 0, "Yosys 0.23", 3.21);
    }

    @Test
    void synthesisBesideTheModelWithErrors() {
        FpgaCost p = Synthesis.predict(PE, Synthesis.Target.ICE40);
        String text = RtlRender.synthText(new RtlRender.Synth(PE, stats(Synthesis.Target.ICE40, 0), p, 1));
        String[] lines = text.split("\n");
        assertEquals(PE.slug() + ", Yosys ice40 (Yosys 0.23), 3.2 s", lines[0]);
        assertTrue(lines[1].matches("resource +Yosys +model +error \\(%\\)"), lines[1]);
        String err = String.format(java.util.Locale.ROOT, "%+.1f", 100.0 * (p.luts() - 216) / 216);
        assertTrue(lines[3].matches("LUTs +216 +" + Math.round(p.luts()) + " +" + java.util.regex.Pattern.quote(err)),
                lines[3]);
        assertTrue(lines[7].matches("block RAMs +0"), lines[7]);
        assertTrue(lines[8].startsWith("Model: hwmodels FpgaCostModel for " + p.part().name() + " without DSPs ("),
                lines[8]);
        assertEquals("Cells: {SB_CARRY=37, SB_LUT4=216}", lines[9]);
        assertEquals(10, lines.length, "no scope line for one PE, no LUT RAM row without LUT RAMs");
    }

    @Test
    void synthesisWithoutAModelFamilyAndOfAnArray() throws Exception {
        String text = RtlRender.synthText(new RtlRender.Synth(PE, stats(Synthesis.Target.ECP5, 4), null, 1));
        assertTrue(text.contains("\nLUTs           216\n"), text);
        assertTrue(text.contains("\nLUT RAMs         4\n"), text);
        assertTrue(text.contains("\n(the FPGA model has no ecp5 family; Yosys counts only)\nCells: "), text);
        JsonNode none = M.readTree(Json.write(RtlRender.synthJson(new RtlRender.Synth(PE,
                stats(Synthesis.Target.ECP5, 0), null, 1))));
        assertFalse(none.has("model"));
        assertEquals("ecp5", none.get("target").asText());
        assertEquals(216, none.get("yosys_cells").get("SB_LUT4").asInt());

        FpgaCost p = Synthesis.predict(BSA, Synthesis.Target.XILINX);
        RtlRender.Synth s = new RtlRender.Synth(BSA, stats(Synthesis.Target.XILINX, 0), p, 4);
        assertTrue(RtlRender.synthText(s).contains("\nModel: 4 bit-serial PEs (hwmodels BitSerialPeBuilder"),
                RtlRender.synthText(s));
        JsonNode j = M.readTree(Json.write(RtlRender.synthJson(s)));
        assertEquals(p.luts() * 4, j.get("model").get("luts").asDouble(), 1e-9);
        assertTrue(j.get("model").get("scope").asText().startsWith("4 bit-serial PEs"));
        assertEquals(3.21, j.get("synth_seconds").asDouble());
    }

    @Test
    void bitstreamTimingAgainstTheBoardClock() throws Exception {
        Bitstream.Result r = new Bitstream.Result(Path.of("/b/SelfTestTop.bin"), 76.92, 342, 145, 102, 0, 385, 7680,
                "log");
        RtlRender.BitstreamBuild b = new RtlRender.BitstreamBuild(PE, Bitstream.HX8K_BREAKOUT, r, 135100);
        assertEquals("Bitstream: /b/SelfTestTop.bin (135100 bytes) for hx8k-breakout (iCE40-HX8K, ct256)\n"
                + "Timing (nextpnr-ice40): Fmax 76.92 MHz (board clock 12 MHz: meets)\n"
                + "Utilisation: 385/7680 logic cells, 342 SB_LUT4, 145 SB_DFF, 102 SB_CARRY, 0 SB_RAM40_4K\n"
                + "Program: iceprog /b/SelfTestTop.bin  (LED0 lights when the signature matches)\n",
                RtlRender.bitstreamText(b));
        Bitstream.Result slow = new Bitstream.Result(Path.of("x.bin"), 11.5, 1, 1, 1, 1, 1, 7680, "");
        assertTrue(RtlRender.bitstreamText(new RtlRender.BitstreamBuild(PE, Bitstream.HX8K_BREAKOUT, slow, 1))
                .contains("Fmax 11.50 MHz (board clock 12 MHz: FAILS)"));
        JsonNode j = M.readTree(Json.write(RtlRender.bitstreamJson(b)));
        assertEquals(135100, j.get("bitstream_bytes").asLong());
        assertEquals(76.92, j.get("fmax_mhz").asDouble());
        assertEquals(12.0, j.get("clock_mhz").asDouble());
        assertEquals("ct256", j.get("package").asText());
    }

    private static Calibration.Fit fit() throws Exception {
        try (InputStream in = FpgaCost.class.getResourceAsStream("pe_synthesis.csv")) {
            List<Calibration.Row> rows = Calibration.fromCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new Calibration.Fit(Calibration.fit(rows, rows.get(0).yosys()), rows);
        }
    }

    @Test
    void calibrationShowsTheHeldOutDesignsAndTheWorstError() throws Exception {
        Calibration.Fit f = fit();
        List<Calibration.HeldOut> held = f.heldOut();
        assertEquals(f.rows().stream().filter(Calibration.Row::heldOut).count(), held.size());
        String text = RtlRender.calibrationText(f, Path.of("o/lut_fit.csv"), Path.of("o/pe_synthesis.csv"));
        String[] lines = text.split("\n");
        assertTrue(lines[0].matches("design \\(held out\\) +flow +Yosys LUTs +per-circuit model +error \\(%\\) +"
                + "fitted model +error \\(%\\)"), lines[0]);
        Calibration.HeldOut first = held.get(0);
        assertTrue(lines[2].startsWith(first.row().design() + " "), lines[2]);
        assertTrue(lines[2].endsWith(String.format(java.util.Locale.ROOT, "%+.1f", first.fittedErrorPct())),
                lines[2]);
        double worst = held.stream().mapToDouble(h -> Math.abs(h.fittedErrorPct())).max().orElseThrow();
        assertEquals(String.format(java.util.Locale.ROOT, "Worst held-out LUT error of the fitted model: %.1f %% (%s)",
                worst, f.fit().yosys()), lines[2 + held.size()]);
        assertEquals("Coefficients:", lines[3 + held.size()]);
        assertEquals(4 + held.size() + f.fit().coeffs().size() + 1, lines.length);
        assertEquals("Wrote o/lut_fit.csv and o/pe_synthesis.csv", lines[lines.length - 1]);

        JsonNode j = M.readTree(Json.write(RtlRender.calibrationJson(f, Path.of("o/lut_fit.csv"),
                Path.of("o/pe_synthesis.csv"))));
        assertEquals(held.size(), j.get("held_out").size());
        assertEquals(worst, j.get("worst_fitted_error_pct").asDouble(), 1e-12);
        assertEquals(first.fittedLuts(), j.get("held_out").get(0).get("fitted_luts").asDouble());
        assertEquals(first.row().luts(), j.get("held_out").get(0).get("yosys_luts").asInt());
        String key = f.fit().coeffs().keySet().iterator().next();
        assertEquals(f.fit().coeffs().get(key)[0], j.get("coefficients").get(key).get(0).asDouble());
        assertEquals("o/pe_synthesis.csv", j.get("pe_synthesis_csv").asText());
    }
}
