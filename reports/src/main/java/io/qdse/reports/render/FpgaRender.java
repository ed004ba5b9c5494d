package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.reports.text.Csv;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.fpga.DataflowEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code qdse fpga estimate} and {@code qdse fpga parts} show and store. */
public final class FpgaRender {
    private FpgaRender() {
    }

    /**
     * @param estimate  the design's estimate
     * @param finnNodes layer → FINN node name, when the folding came from a FINN file (else empty)
     * @param notes     lines for the user (folding source, defaults taken)
     * @param lutError  the calibration error of the LUT counts (the unit model against Yosys on held-out units)
     */
    public record EstimateRun(DataflowEstimate estimate, Map<String, String> finnNodes, List<String> notes,
                              io.qdse.hwmodels.calib.ModelError lutError) {
    }

    private static String formats(LayerFormats f) {
        return f.weight().name() + "/" + f.activation().name() + "->" + f.output().name();
    }

    public static String text(EstimateRun run) {
        DataflowEstimate e = run.estimate();
        FpgaPart p = e.design().part();
        String bk = DataflowEstimate.bramKind(p);
        StringBuilder sb = new StringBuilder();
        sb.append("FPGA dataflow design: ").append(e.workload()).append(" on ").append(p.name())
                .append(p.boards().isEmpty() ? "" : " (" + String.join(", ", p.boards()) + ")").append(", ")
                .append(Numbers.plain(e.design().clockMhz())).append(" MHz, multipliers: ")
                .append(e.design().resType().name().toLowerCase(java.util.Locale.ROOT)).append(", LUTs as ")
                .append(synth(e)).append(" maps them, ")
                .append(e.units().size()).append(" units")
                .append(e.design().ramStyle() == io.qdse.simulator.arch.FpgaDataflow.RamStyle.AUTO ? ""
                        : ", weights: ram_style " + e.design().ramStyle().label()).append('\n');
        boolean uram = hasUram(e);
        boolean spram = hasSpram(e);
        boolean cells = DataflowEstimate.lutsCountCells(p);
        List<String> head = new ArrayList<>(List.of("layer", "unit", "MW", "MH", "vectors", "PE", "SIMD",
                "formats w/a->out", "cycles/frame", "LUTs", "FFs", "DSPs", bk));
        if (cells) {
            head.add(10, "LCs");
        }
        if (uram) {
            head.add("URAM");
        }
        if (spram) {
            head.add("SPRAM");
        }
        int[] numeric = java.util.stream.IntStream.concat(java.util.stream.IntStream.of(2, 3, 4, 5, 6),
                java.util.stream.IntStream.range(8, head.size())).toArray();
        TextTable t = new TextTable(head.toArray(String[]::new)).numeric(numeric);
        for (DataflowEstimate.Unit u : e.units()) {
            String name = run.finnNodes().containsKey(u.layer()) ? u.layer() + " (" + run.finnNodes().get(u.layer())
                    + ")" : u.layer();
            List<Object> row = new ArrayList<>(List.of(name, u.unit(), u.mw(), u.mh(), u.vectors(), u.pe(), u.simd(),
                    formats(u.formats()), Numbers.count(u.cyclesPerFrame()), whole(u.luts()), whole(u.ffs()),
                    whole(u.dsps()), whole(u.brams())));
            if (cells) {
                row.add(10, whole(u.logicCells()));
            }
            if (uram) {
                row.add(whole(u.urams()));
            }
            if (spram) {
                row.add(whole(u.sprams()));
            }
            t.row(row.toArray());
        }
        DataflowEstimate.Totals tot = e.totals();
        List<Object> total = new ArrayList<>(List.of("total", "", "", "", "", "", "", "", "", whole(tot.luts()),
                whole(tot.ffs()), whole(tot.dsps()), whole(tot.brams())));
        if (cells) {
            total.add(10, whole(tot.logicCells()));
        }
        if (uram) {
            total.add(whole(tot.urams()));
        }
        if (spram) {
            total.add(whole(tot.sprams()));
        }
        t.row(total.toArray());
        sb.append(t.render());
        sb.append("LUT model error: ").append(io.qdse.reports.text.ModelErrors.text(run.lutError())).append('\n');
        double[] u = e.utilisation();
        sb.append("Device ").append(p.name()).append(cells ? ": logic cells " + use(tot.logicCells(), p.luts(), u[0])
                + " (LUT4s " + whole(tot.luts()) + ")" : ": LUTs " + use(tot.luts(), p.luts(), u[0]))
                .append(", FFs ").append(use(tot.ffs(), p.ffs(), u[1]))
                .append(", DSPs ").append(use(tot.dsps(), p.dsps(), u[2]))
                .append(", ").append(bk).append(' ')
                .append(use(tot.brams(), DataflowEstimate.bramAvailable(p), u[3]));
        if (uram) {
            sb.append(", URAM ").append(use(tot.urams(), (long) DataflowEstimate.available(p)[4], u[4]));
        }
        if (spram) {
            sb.append(", SPRAM ").append(use(tot.sprams(), p.sprams(), u[5]));
        }
        sb.append('\n');
        sb.append("Throughput: initiation interval ").append(Numbers.count(tot.initiationCycles()))
                .append(" cycles (slowest unit) = ").append(Numbers.sig(e.framesPerSecond())).append(" frames/s at ")
                .append(Numbers.plain(e.design().clockMhz())).append(" MHz; one frame's latency ")
                .append(Numbers.count(tot.frameLatency())).append(" cycles = ")
                .append(e.frameLatencyUs() < 1000 ? Numbers.sig(e.frameLatencyUs()) + " us"
                        : Numbers.sig(e.frameLatencyUs() / 1000) + " ms").append(" (frames move whole between units)");
        if (tot.frames() > 1) {
            sb.append("; ").append(tot.frames()).append(" frames in ").append(Numbers.count(tot.runCycles()))
                    .append(" cycles");
        }
        sb.append('\n');
        if (tot.loadCycles() > 0) {
            sb.append("Start-up: ").append(Numbers.count(tot.loadCycles())).append(" cycles = ")
                    .append(e.loadUs() < 1000 ? Numbers.sig(e.loadUs()) + " us" : Numbers.sig(e.loadUs() / 1000)
                            + " ms").append(" at ").append(Numbers.plain(e.design().clockMhz()))
                    .append(" MHz to write the SPRAM weights after configuration, once (not in the interval or the "
                            + "latency)\n");
        }
        sb.append("Engine: ").append(e.engine().name().toLowerCase(java.util.Locale.ROOT)).append(" (per-unit cycles "
                + "exact for the fold; resources from QDSE's FPGA cost models, docs/fpga.md)\n");
        for (String n : run.notes()) {
            sb.append("Note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    /** @return whether the URAM column is shown: the part has UltraRAM or the design uses some */
    private static boolean hasUram(DataflowEstimate e) {
        return DataflowEstimate.available(e.design().part())[4] > 0 || e.totals().urams() > 0;
    }

    /** @return whether the SPRAM column is shown: the part has SPRAM or the design uses some */
    private static boolean hasSpram(DataflowEstimate e) {
        return e.design().part().sprams() > 0 || e.totals().sprams() > 0;
    }

    /** @return the note a design with SPRAM weights carries: how they get there */
    public static String spramNote(DataflowEstimate e) {
        return "SPRAM has no initial contents (the bitstream cannot hold them): the weights of "
                + e.units().stream().filter(u -> u.sprams() > 0).count() + " unit(s) in SPRAM must be written after "
                + "configuration, e.g. streamed from the SPI flash by a loader; the start-up counts one 16-bit word "
                + "per cycle at the design clock (a loader reading the flash over plain SPI, 1 bit per SPI clock, "
                + "would take 16 SPI clocks per word)";
    }

    private static String synth(DataflowEstimate e) {
        io.qdse.hwmodels.fpga.Synth s = e.design().synth() == null
                ? io.qdse.hwmodels.fpga.Synth.defaultFor(e.design().part()) : e.design().synth();
        return s.key();
    }

    /** Resource counts shown whole (the models' fractional LUTs are kept in the JSON and CSV). */
    private static String whole(double v) {
        return Numbers.count(Math.rint(v));
    }

    private static String use(double used, long available, double frac) {
        return whole(used) + " / " + Numbers.count(available) + " (" + (Double.isInfinite(frac) ? "none on "
                + "the part" : Numbers.sig(100 * frac, 3) + " %") + ")";
    }

    /** {@code logic_cells}: iCE40 logic cells, null on other families */
    private static void cells(ObjectNode o, double lcs) {
        if (Double.isNaN(lcs)) {
            o.putNull("logic_cells");
        } else {
            o.put("logic_cells", lcs);
        }
    }

    public static ObjectNode json(EstimateRun run) {
        DataflowEstimate e = run.estimate();
        FpgaPart p = e.design().part();
        ObjectNode o = Json.object();
        o.put("workload", e.workload());
        o.put("part", p.name());
        o.put("clock_mhz", e.design().clockMhz());
        o.put("res_type", e.design().resType().name().toLowerCase(java.util.Locale.ROOT));
        o.put("synth", synth(e));
        o.put("engine", e.engine().name().toLowerCase(java.util.Locale.ROOT));
        o.put("bram_kind", DataflowEstimate.bramKind(p));
        o.put("ram_style", e.design().ramStyle().label());
        ArrayNode layers = o.putArray("layers");
        for (DataflowEstimate.Unit u : e.units()) {
            ObjectNode l = layers.addObject();
            l.put("layer", u.layer());
            if (run.finnNodes().containsKey(u.layer())) {
                l.put("finn_node", run.finnNodes().get(u.layer()));
            }
            l.put("unit", u.unit());
            l.put("MW", u.mw());
            l.put("MH", u.mh());
            l.put("vectors", u.vectors());
            l.put("PE", u.pe());
            l.put("SIMD", u.simd());
            l.put("weight", u.formats().weight().name());
            l.put("activation", u.formats().activation().name());
            l.put("output", u.formats().output().name());
            l.put("cycles", u.cyclesPerFrame());
            l.put("luts", u.luts());
            cells(l, u.logicCells());
            l.put("ffs", u.ffs());
            l.put("dsps", u.dsps());
            l.put("brams", u.brams());
            l.put("urams", u.urams());
            l.put("sprams", u.sprams());
            l.put("weight_memory", u.weightMemory());
            l.put("spram_load_cycles", u.loadCycles());
            l.put("macs", u.macs());
            double fmax = e.fmaxMhz(u);
            if (Double.isNaN(fmax)) { // no clock model for the family
                l.putNull("fmax_mhz");
            } else {
                l.put("fmax_mhz", fmax);
            }
        }
        DataflowEstimate.Totals t = e.totals();
        ObjectNode tot = o.putObject("total");
        tot.put("luts", t.luts());
        cells(tot, t.logicCells());
        tot.put("ffs", t.ffs());
        tot.put("dsps", t.dsps());
        tot.put("brams", t.brams());
        tot.put("urams", t.urams());
        tot.put("sprams", t.sprams());
        tot.put("spram_load_cycles", t.loadCycles());
        Json.put(tot, "spram_load_us", e.loadUs());
        tot.put("initiation_interval_cycles", t.initiationCycles());
        tot.put("frame_latency_cycles", t.frameLatency());
        tot.put("frames", t.frames());
        io.qdse.reports.text.ModelErrors.put(tot, run.lutError());
        tot.put("run_cycles", t.runCycles());
        Json.put(tot, "frames_per_s", e.framesPerSecond());
        Json.put(tot, "frame_latency_us", e.frameLatencyUs());
        ObjectNode dev = o.putObject("device");
        dev.put("luts", p.luts());
        dev.put("ffs", p.ffs());
        dev.put("dsps", p.dsps());
        dev.put("brams", DataflowEstimate.bramAvailable(p));
        dev.put("urams", (long) DataflowEstimate.available(p)[4]);
        dev.put("sprams", p.sprams());
        double[] u = e.utilisation();
        ObjectNode util = o.putObject("utilisation");
        String[] names = {DataflowEstimate.lutsCountCells(p) ? "logic_cells" : "luts", "ffs", "dsps", "brams", "urams",
            "sprams"};
        for (int i = 0; i < names.length; i++) {
            if (Double.isFinite(u[i])) {
                Json.put(util, names[i], u[i]);
            } else {
                util.putNull(names[i]);
            }
        }
        ArrayNode notes = o.putArray("notes");
        run.notes().forEach(notes::add);
        return o;
    }

    /** @return layers.csv: one row per unit, units in every numeric header */
    public static String csv(EstimateRun run) {
        List<List<?>> rows = new ArrayList<>();
        for (DataflowEstimate.Unit u : run.estimate().units()) {
            rows.add(List.of(u.layer(), run.finnNodes().getOrDefault(u.layer(), ""), u.unit(), u.mw(), u.mh(),
                    u.vectors(), u.pe(), u.simd(), u.formats().weight().name(), u.formats().activation().name(),
                    u.formats().output().name(), u.cyclesPerFrame(), Numbers.plain(u.luts()), Numbers.plain(u.ffs()),
                    Numbers.plain(u.dsps()), Numbers.plain(u.brams()), Numbers.plain(u.urams()),
                    Numbers.plain(u.sprams()), u.weightMemory(), u.loadCycles(),
                    Double.isNaN(u.logicCells()) ? "" : Numbers.plain(u.logicCells()), fmaxCell(run.estimate(), u)));
        }
        String bk = DataflowEstimate.bramKind(run.estimate().design().part());
        return Csv.write(List.of("layer", "finn_node", "unit", "mw_elements", "mh_outputs", "vectors_per_frame", "pe",
                "simd", "weight_format", "activation_format", "output_format", "cycles_per_frame", "luts", "ffs",
                "dsps", "brams_" + bk.toLowerCase(java.util.Locale.ROOT), "urams_blocks", "sprams_blocks",
                "weight_memory", "spram_load_cycles", "logic_cells", "fmax_mhz"), rows);
    }

    /** @return the unit's modelled Fmax for layers.csv, MHz, empty where the family has no clock model */
    private static String fmaxCell(DataflowEstimate e, DataflowEstimate.Unit u) {
        double f = e.fmaxMhz(u);
        return Double.isNaN(f) ? "" : Numbers.plain(f);
    }

    /**
     * A design counted as FINN counts it.
     *
     * @param workload the workload's name
     * @param part     the part
     * @param version  FINN release whose formulas were used (label and commit)
     * @param clockMhz the clock for throughput
     * @param rows     one per compute layer
     * @param notes    lines for the user
     */
    public record FinnRun(String workload, FpgaPart part, String version, double clockMhz,
                          List<io.qdse.simulator.fpga.FinnCompat.Row> rows, List<String> notes) {
        long maxCycles() {
            return rows.stream().mapToLong(r -> r.estimate().cycles()).max().orElse(0);
        }

        long sumCycles() {
            return rows.stream().mapToLong(r -> r.estimate().cycles()).sum();
        }
    }

    public static String finnText(FinnRun run) {
        StringBuilder sb = new StringBuilder();
        sb.append("FINN's own estimates (").append(run.version()).append(") of ").append(run.workload()).append(" on ")
                .append(run.part().name()).append(": per node, as FINN's estimate_layer_cycles/resources reports "
                + "count them\n");
        TextTable t = new TextTable("layer", "FINN node", "op type", "PE", "SIMD", "cycles", "LUTs", "BRAM18", "URAM",
                "DSPs").numeric(3, 4, 5, 6, 7, 8, 9);
        double luts = 0;
        long bram = 0;
        long uram = 0;
        long dsp = 0;
        for (io.qdse.simulator.fpga.FinnCompat.Row r : run.rows()) {
            var e = r.estimate();
            t.row(r.layer(), r.node(), r.opType(), r.attrs().get("PE"), r.attrs().get("SIMD"), Numbers.count(e.cycles()),
                    Numbers.count(e.luts()), e.bram18(), e.urams(), e.dsps());
            luts += e.luts();
            bram += e.bram18();
            uram += e.urams();
            dsp += e.dsps();
        }
        t.row("total", "", "", "", "", "", Numbers.count(luts), bram, uram, dsp);
        sb.append(t.render());
        sb.append("Critical path ").append(Numbers.count(run.sumCycles())).append(" cycles, slowest node ")
                .append(Numbers.count(run.maxCycles())).append(" cycles = ")
                .append(Numbers.sig(run.clockMhz() * 1e6 / run.maxCycles())).append(" frames/s at ")
                .append(Numbers.plain(run.clockMhz())).append(" MHz (MVAU/VVAU nodes only)\n");
        for (String n : run.notes()) {
            sb.append("Note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    public static ObjectNode finnJson(FinnRun run) {
        ObjectNode o = Json.object();
        o.put("workload", run.workload());
        o.put("part", run.part().name());
        o.put("compat", "finn");
        o.put("finn_version", run.version());
        o.put("clock_mhz", run.clockMhz());
        ArrayNode layers = o.putArray("layers");
        double luts = 0;
        long bram = 0;
        long uram = 0;
        long dsp = 0;
        for (io.qdse.simulator.fpga.FinnCompat.Row r : run.rows()) {
            var e = r.estimate();
            ObjectNode l = layers.addObject();
            l.put("layer", r.layer());
            l.put("finn_node", r.node());
            l.put("op_type", r.opType());
            l.put("cycles", e.cycles());
            l.put("luts", e.luts());
            l.put("brams", e.bram18());
            l.put("urams", e.urams());
            l.put("dsps", e.dsps());
            l.put("bram_efficiency", e.bramEfficiency());
            l.put("uram_efficiency", e.uramEfficiency());
            ObjectNode at = l.putObject("attributes");
            r.attrs().forEach((k, v) -> {
                if (v instanceof Integer i) {
                    at.put(k, i);
                } else if (v instanceof List<?> li) {
                    ArrayNode an = at.putArray(k);
                    li.forEach(x -> an.add(((Number) x).intValue()));
                } else {
                    at.put(k, String.valueOf(v));
                }
            });
            luts += e.luts();
            bram += e.bram18();
            uram += e.urams();
            dsp += e.dsps();
        }
        ObjectNode tot = o.putObject("total");
        tot.put("luts", luts);
        tot.put("brams", bram);
        tot.put("urams", uram);
        tot.put("dsps", dsp);
        tot.put("critical_path_cycles", run.sumCycles());
        tot.put("max_cycles", run.maxCycles());
        Json.put(tot, "estimated_throughput_fps", run.clockMhz() * 1e6 / run.maxCycles());
        o.put("brams_unit", "BRAM_18K");
        ArrayNode notes = o.putArray("notes");
        run.notes().forEach(notes::add);
        return o;
    }

    /** @return layers.csv of a FINN-compat run */
    public static String finnCsv(FinnRun run) {
        List<List<?>> rows = new ArrayList<>();
        for (io.qdse.simulator.fpga.FinnCompat.Row r : run.rows()) {
            var e = r.estimate();
            rows.add(List.of(r.layer(), r.node(), r.opType(), r.attrs().get("PE"), r.attrs().get("SIMD"), e.cycles(),
                    Numbers.plain(e.luts()), e.bram18(), e.urams(), e.dsps()));
        }
        return Csv.write(List.of("layer", "finn_node", "op_type", "pe", "simd", "cycles", "luts", "bram18", "urams",
                "dsps"), rows);
    }

    /** @return the part catalogue as a table */
    public static String partsText(List<FpgaPart> parts) {
        TextTable t = new TextTable("part", "aliases", "family", "LUTs", "FFs", "carry", "LUTRAM Kbit", "DSPs",
                "DSP kind", "BRAM18", "URAM", "Fmax class MHz").numeric(3, 4, 5, 6, 7, 9, 10, 11);
        for (FpgaPart p : parts) {
            t.row(p.name(), String.join(", ", p.aliases()), p.family().displayName(),
                    Numbers.count(p.luts()) + " LUT" + p.lutInputs(), Numbers.count(p.ffs()),
                    p.carryCells() == null ? "-" : Numbers.count(p.carryCells()) + " " + p.carryCell(),
                    p.lutramKbit() == null ? "-" : Numbers.plain(p.lutramKbit()), Numbers.count(p.dsps()),
                    p.dspKind(), p.family().bramBlockKbit() == 18 ? Numbers.count(p.bramBlocks())
                            : p.bramBlocks() + " x " + p.family().bramBlockKbit() + " Kbit",
                    p.urams() == null ? "-" : Numbers.count(p.urams()), p.fmaxMhz() == null ? "-"
                            : Numbers.plain(p.fmaxMhz()));
        }
        return t.render() + "Sources per number: hwmodels/src/main/resources/io/qdse/hwmodels/fpga/parts.csv "
                + "(docs/cost-models.md); '-' = no stored source gave it.\n";
    }

    public static ObjectNode partsJson(List<FpgaPart> parts) {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("parts");
        for (FpgaPart p : parts) {
            ObjectNode x = a.addObject();
            x.put("name", p.name());
            ArrayNode al = x.putArray("aliases");
            p.aliases().forEach(al::add);
            x.put("family", p.family().displayName());
            x.put("lut_inputs", p.lutInputs());
            x.put("luts", p.luts());
            x.put("ffs", p.ffs());
            if (p.carryCells() == null) {
                x.putNull("carry_cells");
            } else {
                x.put("carry_cells", p.carryCells());
            }
            x.put("carry_kind", p.carryCell());
            if (p.lutramKbit() == null) {
                x.putNull("lutram_kbit");
            } else {
                x.put("lutram_kbit", p.lutramKbit());
            }
            x.put("dsps", p.dsps());
            x.put("dsp_kind", p.dspKind());
            x.put("bram_blocks", p.bramBlocks());
            x.put("bram_block_kbit", p.family().bramBlockKbit());
            if (p.urams() == null) {
                x.putNull("urams");
            } else {
                x.put("urams", p.urams());
            }
            x.put("sprams", p.sprams());
            if (p.fmaxMhz() == null) {
                x.putNull("fmax_mhz");
            } else {
                x.put("fmax_mhz", p.fmaxMhz());
            }
            x.put("sources", p.source());
        }
        return o;
    }
}
