package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.TextTable;
import io.qdse.rtl.Bitstream;
import io.qdse.rtl.Bundle;
import io.qdse.rtl.Calibration;
import io.qdse.rtl.CoSimulation;
import io.qdse.rtl.Design;
import io.qdse.rtl.Synthesis;
import io.qdse.rtl.Tools;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code qdse rtl} prints: a generated bundle, its lint and co-simulation, Yosys synthesis beside the FPGA
 * model, an iCE40 bitstream build and the LUT model's calibration, as text and as JSON. Text ends every line with LF.
 */
public final class RtlRender {
    private RtlRender() {
    }

    /**
     * A bundle {@code qdse rtl pe|array} wrote.
     *
     * @param dir      the folder as the user named it
     * @param written  what was written
     * @param selfTest whether it holds an {@code fpga/} self-test wrapper
     */
    public record Generated(Path dir, Bundle.Written written, boolean selfTest) {
    }

    /**
     * A bundle synthesized with Yosys, and the FPGA model's estimate of the same design.
     *
     * @param design the bundle's design
     * @param stats  Yosys' counts (with the target)
     * @param model  the model's estimate of one PE, or null when the model has no such family
     * @param pes    PEs in the design (the model's estimate is per PE)
     */
    public record Synth(Design design, Synthesis.Stats stats, FpgaCost model, long pes) {
    }

    /**
     * An iCE40 bitstream build.
     *
     * @param design the bundle's design
     * @param board  the board it was built for
     * @param result what Yosys, nextpnr-ice40 and icepack produced
     * @param bytes  the bitstream's size, bytes
     */
    public record BitstreamBuild(Design design, Bitstream.Board board, Bitstream.Result result, long bytes) {
    }

    // ---- generate -----------------------------------------------------------------------------------------------

    /** @return what the bundle holds, folder by folder, and whether it has an FPGA self-test */
    public static String generatedText(Generated g) {
        Bundle.Written w = g.written();
        Design d = w.design();
        StringBuilder sb = new StringBuilder();
        sb.append("Wrote ").append(w.dir()).append("/ (").append(d.slug()).append("):\n");
        sb.append("  rtl/            ").append(String.join(" ", w.rtlFiles()).replace("rtl/", "")).append('\n');
        sb.append("  tb/, vectors/   self-checking testbench and ").append(w.vectors())
                .append(isArray(d) ? " GEMM cases" : " cycles").append(" of golden vectors (Java bit-exact model)\n");
        sb.append("  params.json     configuration and the models' predictions\n");
        sb.append("  lint.sh sim_icarus.sh sim_verilator.sh synth.sh (xilinx|xilinx_nodsp|ice40|ecp5)\n");
        if (!w.cycles().isEmpty()) {
            sb.append("  cycles per case (Java ").append(cycleModel(d)).append("): ").append(w.cycles()).append('\n');
        }
        if (g.selfTest()) {
            sb.append("  fpga/           self-test top, hx8k-breakout.pcf, sim_selftest.sh, bitstream.sh (Yosys -> "
                    + "nextpnr-ice40 -> icepack; or: qdse rtl bitstream ").append(g.dir()).append(")\n");
        } else {
            sb.append("  (no fpga/ self-test wrapper for this design yet)\n");
        }
        return sb.toString();
    }

    /**
     * @param sim the co-simulation, or null when none was asked for ({@code --sim none})
     * @return {@code {design, dir, rtl_files, vectors, vector_unit, cycles_per_case, cycles_model, fpga_self_test,
     *         simulation}}
     */
    public static ObjectNode generatedJson(Generated g, CoSimulation sim) {
        Bundle.Written w = g.written();
        Design d = w.design();
        ObjectNode o = Json.object();
        o.put("design", d.slug());
        o.put("dir", w.dir().toString());
        ArrayNode files = o.putArray("rtl_files");
        w.rtlFiles().forEach(files::add);
        o.put("vectors", w.vectors());
        o.put("vector_unit", isArray(d) ? "gemm_cases" : "cycles");
        ArrayNode cycles = o.putArray("cycles_per_case");
        w.cycles().forEach(cycles::add);
        if (w.cycles().isEmpty()) {
            o.putNull("cycles_model");
        } else {
            o.put("cycles_model", "Java " + cycleModel(d));
        }
        o.put("fpga_self_test", g.selfTest());
        if (sim == null) {
            o.putNull("simulation");
        } else {
            o.set("simulation", simulationJson(sim));
        }
        return o;
    }

    private static boolean isArray(Design d) {
        return d instanceof Design.Array || d instanceof Design.BitSerialArray;
    }

    private static String cycleModel(Design d) {
        return d instanceof Design.BitSerialArray ? "bit-serial engines" : "cycle-stepped engine";
    }

    // ---- co-simulation ------------------------------------------------------------------------------------------

    /** @return the line saying the simulation was skipped and how to install its tool */
    public static String simulationSkipped(CoSimulation c) {
        return "Simulation skipped: " + c.tool() + " is not installed (apt-get install " + c.tool() + ").\n";
    }

    /** @return the lint's verdict (with its output when it failed) */
    public static String lintText(Tools.Result lint) {
        return "Lint (verilator -Wall): " + (lint.ok() ? "clean" : "FAILED\n" + lint.output()) + "\n";
    }

    /** @return the simulation's line: tool, time and the testbench's verdict */
    public static String simulationText(CoSimulation c) {
        if (c.skipped()) {
            return simulationSkipped(c);
        }
        return String.format(Locale.ROOT, "Simulation (%s, %.2f s): %s", c.tool(), c.run().seconds(), c.verdict())
                + "\n";
    }

    /** @return the error message of a failed co-simulation: the folder and the simulator's output */
    public static String simulationFailure(Path dir, CoSimulation c) {
        return "co-simulation failed in " + dir + ":\n" + (c.run() == null ? "" : c.run().output());
    }

    /**
     * @return {@code {simulator, tool, status: pass|fail|skipped, lint: clean|failed|null, sim_seconds, verdict}}
     *         ({@code sim_seconds} null when skipped)
     */
    public static ObjectNode simulationJson(CoSimulation c) {
        ObjectNode o = Json.object();
        o.put("simulator", c.simulator());
        o.put("tool", c.tool());
        o.put("status", c.skipped() ? "skipped" : c.passed() ? "pass" : "fail");
        if (c.lint() == null) {
            o.putNull("lint");
        } else {
            o.put("lint", c.lint().ok() ? "clean" : "failed");
        }
        if (c.skipped()) {
            o.putNull("sim_seconds");
        } else {
            o.put("sim_seconds", c.run().seconds());
        }
        o.put("verdict", c.verdict());
        return o;
    }

    /** @return {@code {design, dir, simulation: {...}}} of {@code qdse rtl sim} */
    public static ObjectNode simJson(Design d, Path dir, CoSimulation c) {
        ObjectNode o = Json.object();
        o.put("design", d.slug());
        o.put("dir", dir.toString());
        o.set("simulation", simulationJson(c));
        return o;
    }

    // ---- synthesis ----------------------------------------------------------------------------------------------

    /** @return the run's line, Yosys' resources beside the model's with the error, the model's scope, the cells */
    public static String synthText(Synth s) {
        Synthesis.Stats st = s.stats();
        FpgaCost p = s.model();
        long pes = s.pes();
        Design d = s.design();
        Synthesis.Target t = st.target();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, Yosys %s (%s), %.1f s", d.slug(), t.key, st.yosysVersion(),
                st.seconds())).append('\n');
        TextTable tt = new TextTable("resource", "Yosys", "model", "error (%)").numeric(1, 2, 3);
        synthRow(tt, "LUTs", st.luts(), p == null ? Double.NaN : p.luts() * pes);
        synthRow(tt, "flip-flops", st.ffs(), p == null ? Double.NaN : p.ffs() * pes);
        synthRow(tt, "carry cells", st.carry(), p == null ? Double.NaN : p.carryCells() * pes);
        synthRow(tt, "DSPs", st.dsps(), p == null ? Double.NaN : p.dsps() * pes);
        synthRow(tt, "block RAMs", st.brams(), Double.NaN);
        if (st.lutrams() > 0) {
            synthRow(tt, "LUT RAMs", st.lutrams(), Double.NaN);
        }
        sb.append(tt.render());
        if (p == null) {
            sb.append("(the FPGA model has no ").append(t.key).append(" family; Yosys counts only)\n");
        } else {
            sb.append("Model: hwmodels FpgaCostModel for ").append(p.part().name()).append(t.dsp ? "" : " without DSPs")
                    .append(" (").append(p.notes().isEmpty() ? "Yosys 0.23 per-circuit calibration, docs/cost-models.md"
                            : String.join("; ", p.notes())).append(").\n");
        }
        if (p != null && pes > 1) {
            sb.append("Model: ").append(scope(d, pes)).append(".\n");
        }
        sb.append("Cells: ").append(st.cells()).append('\n');
        return sb.toString();
    }

    /**
     * @return {@code {design, target, yosys, synth_seconds, yosys_cells: {cell: count}, luts, ffs, carry_cells, dsps,
     *         brams, model: {luts, ffs, carry_cells, dsps, scope}}} ({@code model} absent when the model has no such
     *         family)
     */
    public static ObjectNode synthJson(Synth s) {
        Synthesis.Stats st = s.stats();
        FpgaCost p = s.model();
        long pes = s.pes();
        Design d = s.design();
        ObjectNode o = Json.object();
        o.put("design", d.slug());
        o.put("target", st.target().key);
        o.put("yosys", st.yosysVersion());
        o.put("synth_seconds", st.seconds());
        ObjectNode y = o.putObject("yosys_cells");
        st.cells().forEach(y::put);
        o.put("luts", st.luts());
        o.put("ffs", st.ffs());
        o.put("carry_cells", st.carry());
        o.put("dsps", st.dsps());
        o.put("brams", st.brams());
        if (p != null) {
            ObjectNode m = o.putObject("model");
            m.put("luts", p.luts() * pes);
            m.put("ffs", p.ffs() * pes);
            m.put("carry_cells", p.carryCells() * pes);
            m.put("dsps", p.dsps() * pes);
            m.put("scope", d instanceof Design.BitSerialArray ? scope(d, pes) : pes == 1 ? "PE"
                    : pes + " PE MAC datapaths (buffers, skew, sequencer not modelled)");
        }
        return o;
    }

    private static String scope(Design d, long pes) {
        if (pes == 1) {
            return "PE";
        }
        if (d instanceof Design.BitSerialArray) {
            return pes + " bit-serial PEs (hwmodels BitSerialPeBuilder, per cycle + per step) only; the buffers, "
                    + "operand broadcast registers and the sequencer are in Yosys' counts but not in the model";
        }
        return pes + " PEs' MAC datapaths only; the buffers, skew registers and the sequencer are in Yosys' "
                + "counts but not in the model";
    }

    private static void synthRow(TextTable t, String name, int yosys, double model) {
        String err = Double.isNaN(model) || yosys == 0 ? "" : String.format(Locale.ROOT, "%+.1f",
                100.0 * (model - yosys) / yosys);
        t.row(name, yosys, Double.isNaN(model) ? "" : String.format(Locale.ROOT, "%.0f", model), err);
    }

    // ---- bitstream ----------------------------------------------------------------------------------------------

    /** @return the line saying the self-test passed in Icarus */
    public static String selfTestPassed() {
        return "Self-test in Icarus: PASS (signature matches the Java model)\n";
    }

    /** @return the bitstream, its timing against the board clock, its utilisation and how to program it */
    public static String bitstreamText(BitstreamBuild b) {
        Bitstream.Result r = b.result();
        Bitstream.Board board = b.board();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Bitstream: %s (%d bytes) for %s (iCE40-%s, %s)", r.bin(), b.bytes(),
                board.name(), board.device().toUpperCase(Locale.ROOT), board.pack())).append('\n');
        sb.append(String.format(Locale.ROOT, "Timing (nextpnr-ice40): Fmax %.2f MHz (board clock %.0f MHz: %s)",
                r.fmaxMhz(), board.clockMhz(), r.fmaxMhz() >= board.clockMhz() ? "meets" : "FAILS")).append('\n');
        sb.append(String.format(Locale.ROOT, "Utilisation: %d/%d logic cells, %d SB_LUT4, %d SB_DFF, %d SB_CARRY, "
                + "%d SB_RAM40_4K", r.lcs(), r.lcsTotal(), r.luts(), r.ffs(), r.carry(), r.brams())).append('\n');
        sb.append("Program: iceprog ").append(r.bin()).append("  (LED0 lights when the signature matches)\n");
        return sb.toString();
    }

    /**
     * @return {@code {design, board, device, package, bitstream, bitstream_bytes, fmax_mhz, clock_mhz, logic_cells,
     *         logic_cells_total, luts, ffs, block_rams}}
     */
    public static ObjectNode bitstreamJson(BitstreamBuild b) {
        Bitstream.Result r = b.result();
        Bitstream.Board board = b.board();
        ObjectNode o = Json.object();
        o.put("design", b.design().slug());
        o.put("board", board.name());
        o.put("device", board.device());
        o.put("package", board.pack());
        o.put("bitstream", r.bin().toString());
        o.put("bitstream_bytes", b.bytes());
        o.put("fmax_mhz", r.fmaxMhz());
        o.put("clock_mhz", board.clockMhz());
        o.put("logic_cells", r.lcs());
        o.put("logic_cells_total", r.lcsTotal());
        o.put("luts", r.luts());
        o.put("ffs", r.ffs());
        o.put("block_rams", r.brams());
        return o;
    }

    // ---- calibration --------------------------------------------------------------------------------------------

    /**
     * @param lutFit where {@code lut_fit.csv} was written
     * @param rows   where {@code pe_synthesis.csv} was written
     * @return the held-out designs (Yosys LUTs, per-circuit and fitted model with their errors), the worst fitted
     *         error, the coefficients (3 decimals) and the files written
     */
    public static String calibrationText(Calibration.Fit f, Path lutFit, Path rows) {
        TextTable t = new TextTable("design (held out)", "flow", "Yosys LUTs", "per-circuit model",
                "error (%)", "fitted model", "error (%)").numeric(2, 3, 4, 5, 6);
        List<Calibration.HeldOut> held = f.heldOut();
        for (Calibration.HeldOut h : held) {
            Calibration.Row r = h.row();
            double before = h.perCircuitErrorPct();
            t.row(r.design(), r.flow(), r.luts(), String.format(Locale.ROOT, "%.0f", h.perCircuitLuts()),
                    Double.isNaN(before) ? "" : String.format(Locale.ROOT, "%+.1f", before),
                    String.format(Locale.ROOT, "%.0f", h.fittedLuts()),
                    String.format(Locale.ROOT, "%+.1f", h.fittedErrorPct()));
        }
        StringBuilder sb = new StringBuilder(t.render());
        sb.append(String.format(Locale.ROOT, "Worst held-out LUT error of the fitted model: %.1f %% (%s)",
                worstFittedErrorPct(held), f.fit().yosys())).append('\n');
        sb.append("Coefficients:\n");
        f.fit().coeffs().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-20s %s", k,
                Arrays.toString(Arrays.stream(v).map(x -> Math.round(x * 1000) / 1000.0).toArray()))).append('\n'));
        sb.append("Wrote ").append(lutFit).append(" and ").append(rows).append('\n');
        return sb.toString();
    }

    /**
     * @return {@code {yosys, held_out: [{design, flow, yosys_luts, per_circuit_luts, per_circuit_error_pct,
     *         fitted_luts, fitted_error_pct}], worst_fitted_error_pct, coefficients: {fit key: [...]}, lut_fit_csv,
     *         pe_synthesis_csv}} (an error is null where Yosys counted no LUT)
     */
    public static ObjectNode calibrationJson(Calibration.Fit f, Path lutFit, Path rows) {
        ObjectNode o = Json.object();
        o.put("yosys", f.fit().yosys());
        List<Calibration.HeldOut> held = f.heldOut();
        ArrayNode arr = o.putArray("held_out");
        for (Calibration.HeldOut h : held) {
            ObjectNode j = arr.addObject();
            j.put("design", h.row().design());
            j.put("flow", h.row().flow());
            j.put("yosys_luts", h.row().luts());
            j.put("per_circuit_luts", h.perCircuitLuts());
            nullable(j, "per_circuit_error_pct", h.perCircuitErrorPct());
            j.put("fitted_luts", h.fittedLuts());
            nullable(j, "fitted_error_pct", h.row().luts() == 0 ? Double.NaN : h.fittedErrorPct());
        }
        o.put("worst_fitted_error_pct", worstFittedErrorPct(held));
        ObjectNode c = o.putObject("coefficients");
        f.fit().coeffs().forEach((k, v) -> {
            ArrayNode a = c.putArray(k);
            Arrays.stream(v).forEach(a::add);
        });
        o.put("lut_fit_csv", lutFit.toString());
        o.put("pe_synthesis_csv", rows.toString());
        return o;
    }

    private static double worstFittedErrorPct(List<Calibration.HeldOut> held) {
        double worst = 0;
        for (Calibration.HeldOut h : held) {
            worst = Math.max(worst, Math.abs(h.fittedErrorPct()));
        }
        return worst;
    }

    private static void nullable(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            Json.put(o, key, v);
        }
    }

    /**
     * A unit's measured Fmax beside the clock model's.
     *
     * @param id       configuration id
     * @param set      fit or held_out
     * @param design   the unit's slug
     * @param fmaxMhz  nextpnr-ice40's maximum frequency of the routed unit, MHz
     * @param modelMhz the clock model's, MHz (NaN: none)
     * @param lcs      logic cells used
     * @param nextpnr  nextpnr's version
     */
    public record FmaxResidual(String id, String set, String design, double fmaxMhz, double modelMhz, int lcs,
                               String nextpnr) {
        /** @return (model − measured) / measured, % */
        public double errorPct() {
            return 100 * (modelMhz - fmaxMhz) / fmaxMhz;
        }
    }

    public static String fmaxText(List<FmaxResidual> rows) {
        TextTable t = new TextTable("id", "set", "design", "logic cells", "nextpnr Fmax (MHz)", "model (MHz)",
                "error (%)").numeric(3, 4, 5, 6);
        double worst = 0;
        int held = 0;
        for (FmaxResidual r : rows) {
            boolean model = !Double.isNaN(r.modelMhz()) && !Double.isNaN(r.fmaxMhz());
            if (model && r.set().equals("held_out")) {
                worst = Math.max(worst, Math.abs(r.errorPct()));
                held++;
            }
            t.row(r.id(), r.set(), r.design(), String.format(Locale.ROOT, "%,d", r.lcs()),
                    Double.isNaN(r.fmaxMhz()) ? "does not fit" : String.format(Locale.ROOT, "%.1f", r.fmaxMhz()),
                    model ? String.format(Locale.ROOT, "%.1f", r.modelMhz()) : "-",
                    model ? String.format(Locale.ROOT, "%+.1f", r.errorPct()) : "-");
        }
        return t.render() + (held == 0 ? "" : String.format(Locale.ROOT, "Held-out Fmax error: worst %.1f %% over %d "
                + "units (model: simulator FpgaDataflowEngine.fmaxMhz; error = (model - nextpnr) / nextpnr)%n", worst,
                held));
    }

    public static ObjectNode fmaxJson(List<FmaxResidual> rows) {
        ObjectNode o = Json.object();
        var arr = o.putArray("rows");
        for (FmaxResidual r : rows) {
            ObjectNode e = arr.addObject();
            e.put("id", r.id());
            e.put("set", r.set());
            e.put("design", r.design());
            e.put("logic_cells", r.lcs());
            if (Double.isNaN(r.fmaxMhz())) {
                e.putNull("nextpnr_fmax_mhz");
            } else {
                e.put("nextpnr_fmax_mhz", r.fmaxMhz());
            }
            if (Double.isNaN(r.modelMhz()) || Double.isNaN(r.fmaxMhz())) {
                e.putNull("model_fmax_mhz");
            } else {
                e.put("model_fmax_mhz", r.modelMhz());
                e.put("error_pct", r.errorPct());
            }
        }
        o.put("nextpnr", rows.isEmpty() ? "" : rows.get(0).nextpnr());
        return o;
    }
}
