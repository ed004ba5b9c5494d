package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.fpga.Synth;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.chart.XyChart;
import io.qdse.reports.chart.XySeries;
import io.qdse.reports.text.Csv;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.search.Budget;
import io.qdse.search.SearchResult;
import io.qdse.search.fpga.DataflowPareto;
import io.qdse.search.fpga.DataflowSearch;
import io.qdse.simulator.fpga.DataflowEstimate;
import io.qdse.hwmodels.format.IntFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code qdse fpga search} and {@code qdse fpga pareto} show and store. */
public final class FpgaSearchRender {
    private static final String[] RES = {"luts", "ffs", "dsps", "brams", "urams", "sprams"};

    /** @return the resources shown: LUT, FF, DSP, block RAM, and URAM / SPRAM where the search or design uses them */
    static List<Integer> shown(DataflowSearch.Design d) {
        List<Integer> out = new ArrayList<>(List.of(0, 1, 2, 3));
        double[] t = d.resources();
        for (int r = 4; r < 6; r++) {
            if (d.spec().uses(r) || t[r] > 0) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return a resource's name for people */
    static String resourceName(int r, FpgaPart part) {
        return new String[] {DataflowEstimate.lutsCountCells(part) ? "LCs" : "LUTs", "FFs", "DSPs",
            DataflowEstimate.bramKind(part), "URAM", "SPRAM"}[r];
    }

    private FpgaSearchRender() {
    }

    /**
     * One search answered.
     *
     * @param what      what was searched
     * @param problem   the problem
     * @param result    the solver's answer (with an assignment)
     * @param targetFps the frames per second asked for (NaN: no target)
     * @param notes     lines for the user
     */
    public record SearchRun(String what, DataflowSearch.Problem problem, SearchResult result, double targetFps,
                            List<String> notes) {
        /** @return the chosen design */
        public DataflowSearch.Design design() {
            return problem.decode(result.assignment());
        }
    }

    private static String synth(DataflowSearch.Spec s) {
        return (s.synth() == null ? Synth.defaultFor(s.part()) : s.synth()).key();
    }

    private static String whole(double v) {
        return Numbers.count(Math.rint(v));
    }

    private static String target(DataflowSearch.Spec s, double fps) {
        return Double.isNaN(fps) ? "no throughput target" : "target " + Numbers.sig(fps) + " frames/s = "
                + Numbers.count(s.targetCycles()) + " cycles per frame at " + Numbers.plain(s.clockMhz()) + " MHz";
    }

    /** @return the device budget and the user's, for people */
    public static String budgets(DataflowSearch.Problem p, List<Budget> budgets) {
        List<String> parts = new ArrayList<>();
        for (Budget b : budgets) {
            int m = p.problem().metric(b.metric(), "m");
            String unit = p.problem().unit(m);
            parts.add(b.metric() + " <= " + (b.metric().equals("sensitivity") || b.metric().equals("resource_fraction")
                    ? Numbers.sig(b.max(), 6) : whole(Math.floor(b.max()))) + (unit.startsWith("(") ? "" : " " + unit));
        }
        return String.join(", ", parts);
    }

    /** @return the search's answer for people: per layer format, fold, cycles, resources; totals against the device */
    public static String text(SearchRun run) {
        DataflowSearch.Problem p = run.problem();
        DataflowSearch.Spec s = p.spec();
        DataflowSearch.Design d = run.design();
        FpgaPart part = s.part();
        String bk = DataflowEstimate.bramKind(part);
        SearchResult r = run.result();
        StringBuilder sb = new StringBuilder();
        sb.append("FPGA dataflow search: each layer's format and folding (PE x SIMD) for ").append(run.what())
                .append("; minimise ").append(r.query().objective()).append(" (")
                .append(r.backend().key()).append(": ").append(r.status().name().toLowerCase(Locale.ROOT))
                .append(r.certifiedError() > 0 ? ", within " + Numbers.sig(r.certifiedError(), 2) : "").append(", ")
                .append(r.millis()).append(" ms)\n");
        sb.append("Budgets: ").append(budgets(p, r.query().budgets())).append(" (device ceiling ")
                .append(Numbers.sig(100 * s.maxUtil(), 3)).append(" % of ").append(part.name()).append("); ")
                .append(target(s, run.targetFps())).append("; multipliers: ")
                .append(s.resType().name().toLowerCase(Locale.ROOT)).append(", LUTs as ").append(synth(s))
                .append(" maps them")
                .append(s.ramStyle() == io.qdse.simulator.arch.FpgaDataflow.RamStyle.AUTO ? ""
                        : "; weights: ram_style " + s.ramStyle().label()
                        + (s.uses(4) || s.uses(5) ? " (per layer: where auto puts them, or " + (s.uses(4) ? "URAM"
                        : "SPRAM") + ")" : "")).append('\n');
        List<Integer> shown = shown(d);
        boolean memCol = s.uses(4) || s.uses(5);
        List<String> head = new ArrayList<>(List.of("layer", "unit", "MW", "MH", "vectors", "format", "out bits", "PE",
                "SIMD", "cycles/frame"));
        shown.forEach(k -> head.add(resourceName(k, part)));
        if (memCol) {
            head.add("weights");
        }
        head.add("sensitivity");
        List<Integer> numeric = new ArrayList<>(List.of(2, 3, 4, 6, 7, 8, 9));
        for (int i = 10; i < 10 + shown.size(); i++) {
            numeric.add(i);
        }
        numeric.add(head.size() - 1);
        TextTable t = new TextTable(head.toArray(String[]::new)).numeric(numeric.stream().mapToInt(i -> i)
                .toArray());
        for (DataflowSearch.Choice c : d.layers()) {
            double[] cr = {c.luts(), c.ffs(), c.dsps(), c.brams(), c.urams(), c.sprams()};
            List<Object> row = new ArrayList<>(List.of(c.layer(), c.unit(), c.shape().mw(), c.shape().mh(),
                    c.shape().vectors() * c.shape().passes(), c.format().name(),
                    c.outBits() > 0 ? Integer.toString(c.outBits()) : "acc", c.fold().pe(), c.fold().simd(),
                    Numbers.count(c.cyclesPerFrame())));
            shown.forEach(k -> row.add(whole(cr[k])));
            if (memCol) {
                row.add(c.weightMemory());
            }
            row.add(Numbers.sig(c.sensitivity(), 4));
            t.row(row.toArray());
        }
        double[] tot = d.resources();
        List<Object> total = new ArrayList<>(List.of("total", "", "", "", "", "", "", "", "", ""));
        shown.forEach(k -> total.add(whole(tot[k])));
        if (memCol) {
            total.add("");
        }
        total.add(Numbers.sig(d.sensitivity(), 6));
        t.row(total.toArray());
        sb.append(t.render());
        sb.append(device(d)).append('\n');
        sb.append("Throughput: initiation interval ").append(Numbers.count(d.initiationCycles()))
                .append(" cycles (slowest unit) = ").append(Numbers.sig(d.framesPerSecond())).append(" frames/s at ")
                .append(Numbers.plain(s.clockMhz())).append(" MHz; one frame's latency ")
                .append(Numbers.count(d.frameLatencyCycles())).append(" cycles\n");
        sb.append("Formats used: ").append(mix(d, p)).append('\n');
        sb.append("Search: ").append(p.units().size()).append(" layers, ").append(p.meeting())
                .append(" (format, output width, fold) candidates meet the target, ").append(p.candidates())
                .append(" kept (folds dominated in every resource within a format dropped; exact)")
                .append(r.stats().containsKey("dominated_candidates_removed") ? ", "
                        + r.stats().get("dominated_candidates_removed") + " more by the solver's dominance presolve"
                        : "").append('\n');
        for (String n : run.notes()) {
            sb.append("Note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    static String device(DataflowSearch.Design d) {
        FpgaPart part = d.spec().part();
        double[] tot = d.resources();
        double[] u = d.utilisation();
        double[] cap = d.spec().capacity();
        StringBuilder sb = new StringBuilder("Device ").append(part.name()).append(":");
        for (int i : shown(d)) {
            sb.append(i == 0 ? " " : ", ").append(resourceName(i, part)).append(' ').append(whole(tot[i]))
                    .append(" / ")
                    .append(Numbers.count(cap[i])).append(" (").append(Double.isInfinite(u[i]) ? "none on the part"
                            : Numbers.sig(100 * u[i], 3) + " %").append(')');
        }
        return sb.toString();
    }

    /** @return "12 int4, 3 int8" */
    static String mix(DataflowSearch.Design d, DataflowSearch.Problem p) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (var f : p.formats()) {
            n.put(f.name(), 0);
        }
        d.layers().forEach(c -> n.merge(c.format().name(), 1, Integer::sum));
        List<String> out = new ArrayList<>();
        n.forEach((k, v) -> {
            if (v > 0) {
                out.add(v + " " + k);
            }
        });
        return String.join(", ", out);
    }

    /** @return the search's answer as JSON */
    public static ObjectNode json(SearchRun run) {
        DataflowSearch.Problem p = run.problem();
        DataflowSearch.Design d = run.design();
        SearchResult r = run.result();
        ObjectNode o = Json.object();
        o.put("what", run.what());
        designJson(o, d);
        o.put("objective", r.query().objective());
        o.put("solver", r.backend().key());
        o.put("status", r.status().name().toLowerCase(Locale.ROOT));
        Json.put(o, "certified_error", r.certifiedError());
        o.put("millis", r.millis());
        if (!Double.isNaN(run.targetFps())) {
            Json.put(o, "target_frames_per_s", run.targetFps());
        }
        o.put("target_cycles_per_frame", p.spec().targetCycles());
        o.put("max_util", p.spec().maxUtil());
        ObjectNode b = o.putObject("budgets");
        for (Budget x : r.query().budgets()) {
            Json.put(b, x.metric(), x.max());
        }
        o.put("candidates_meeting_target", p.meeting());
        o.put("candidates_kept", p.candidates());
        ArrayNode notes = o.putArray("notes");
        run.notes().forEach(notes::add);
        return o;
    }

    private static void designJson(ObjectNode o, DataflowSearch.Design d) {
        DataflowSearch.Spec s = d.spec();
        o.put("workload", d.workload().name());
        o.put("part", s.part().name());
        Json.put(o, "clock_mhz", s.clockMhz());
        o.put("res_type", s.resType().name().toLowerCase(Locale.ROOT));
        o.put("synth", synth(s));
        o.put("bram_kind", DataflowEstimate.bramKind(s.part()));
        o.put("ram_style", s.ramStyle().label());
        ArrayNode layers = o.putArray("layers");
        for (DataflowSearch.Choice c : d.layers()) {
            ObjectNode l = layers.addObject();
            l.put("layer", c.layer());
            l.put("unit", c.unit());
            l.put("MW", c.shape().mw());
            l.put("MH", c.shape().mh());
            l.put("vectors", c.shape().vectors() * c.shape().passes());
            l.put("format", c.format().name());
            l.put("weight", c.format().formats().weight().name());
            l.put("activation", c.format().formats().activation().name());
            if (c.outBits() > 0) {
                l.put("out_bits", c.outBits());
            } else {
                l.putNull("out_bits"); // no thresholds: the accumulators are the output
            }
            l.put("PE", c.fold().pe());
            l.put("SIMD", c.fold().simd());
            l.put("cycles", c.cyclesPerFrame());
            Json.put(l, "luts", c.luts());
            Json.put(l, "ffs", c.ffs());
            Json.put(l, "dsps", c.dsps());
            Json.put(l, "brams", c.brams());
            Json.put(l, "urams", c.urams());
            Json.put(l, "sprams", c.sprams());
            l.put("ram_style", c.weightMemory());
            Json.put(l, "sensitivity", c.sensitivity());
        }
        ObjectNode tot = o.putObject("total");
        double[] t = d.resources();
        for (int i = 0; i < RES.length; i++) {
            Json.put(tot, RES[i], t[i]);
        }
        Json.put(tot, "sensitivity", d.sensitivity());
        Json.put(tot, "resource_fraction", d.resourceFraction());
        tot.put("initiation_interval_cycles", d.initiationCycles());
        tot.put("frame_latency_cycles", d.frameLatencyCycles());
        Json.put(tot, "frames_per_s", d.framesPerSecond());
        ObjectNode dev = o.putObject("device");
        double[] cap = s.capacity();
        for (int i = 0; i < RES.length; i++) {
            dev.put(RES[i], (long) cap[i]);
        }
        ObjectNode util = o.putObject("utilisation");
        double[] u = d.utilisation();
        for (int i = 0; i < RES.length; i++) {
            if (Double.isFinite(u[i])) {
                Json.put(util, RES[i], u[i]);
            } else {
                util.putNull(RES[i]);
            }
        }
    }

    /** @return assignment.csv: per layer its format, fold, cycles, resources and sensitivity */
    public static String assignmentCsv(DataflowSearch.Design d) {
        List<List<?>> rows = new ArrayList<>();
        for (DataflowSearch.Choice c : d.layers()) {
            rows.add(List.of(c.layer(), c.unit(), c.format().name(), c.outBits() > 0 ? c.outBits() : "acc",
                    c.fold().pe(), c.fold().simd(),
                    c.cyclesPerFrame(), Numbers.plain(c.luts()), Numbers.plain(c.ffs()), Numbers.plain(c.dsps()),
                    Numbers.plain(c.brams()), Numbers.plain(c.urams()), Numbers.plain(c.sprams()), c.weightMemory(),
                    c.sensitivity()));
        }
        return Csv.write(List.of("layer", "unit", "format", "out_bits", "pe", "simd", "cycles_per_frame", "luts", "ffs",
                "dsps",
                "brams_" + DataflowEstimate.bramKind(d.spec().part()).toLowerCase(Locale.ROOT), "urams_blocks",
                "sprams_blocks", "ram_style", "sensitivity"), rows);
    }

    /**
     * @return FINN's {@code folding_config.json}: {@code MVAU_hls_N} / {@code VVAU_hls_N} nodes numbered per kind in
     *     layer order (the order FINN's node names follow and {@code qdse fpga estimate --folding} matches them in),
     *     each with PE, SIMD and resType ({@code lut} or {@code dsp}, as the engine placed the multipliers)
     */
    public static String finnFolding(DataflowSearch.Design d) {
        ObjectNode o = Json.object();
        o.putObject("Defaults");
        int m = 0;
        int v = 0;
        for (DataflowSearch.Choice c : d.layers()) {
            ObjectNode n = o.putObject(c.shape().vvau() ? "VVAU_hls_" + v++ : "MVAU_hls_" + m++);
            n.put("PE", c.fold().pe());
            n.put("SIMD", c.fold().simd());
            n.put("resType", c.usesDsps() ? "dsp" : "lut");
            if (c.fold().ramStyle() != null || d.spec().ramStyle() != io.qdse.simulator.arch.FpgaDataflow.RamStyle.AUTO) {
                n.put("ram_style", ramStyle(c, d.spec()));
            }
        }
        return Json.write(o);
    }

    /** @return the layer's ram_style as a folding file carries it (FINN's names; spram ours) */
    private static String ramStyle(DataflowSearch.Choice c, DataflowSearch.Spec s) {
        if (c.fold().ramStyle() != null) {
            return c.fold().ramStyle().label();
        }
        return s.uses(4) || s.uses(5) ? "auto" : s.ramStyle().label();
    }

    /** @return our folding file: the same keyed by layer name ({@code qdse fpga estimate --folding} reads it) */
    public static String layerFolding(DataflowSearch.Design d) {
        ObjectNode o = Json.object();
        for (DataflowSearch.Choice c : d.layers()) {
            ObjectNode n = o.putObject(c.layer());
            n.put("PE", c.fold().pe());
            n.put("SIMD", c.fold().simd());
            n.put("resType", c.usesDsps() ? "dsp" : "lut");
            if (c.fold().ramStyle() != null || d.spec().ramStyle() != io.qdse.simulator.arch.FpgaDataflow.RamStyle.AUTO) {
                n.put("ram_style", ramStyle(c, d.spec()));
            }
        }
        return Json.write(o);
    }

    /** @return formats.csv for {@code qdse fpga estimate --formats-file}: layer,w,a,out */
    public static String formatsCsv(DataflowSearch.Design d) {
        List<List<?>> rows = new ArrayList<>();
        for (DataflowSearch.Choice c : d.layers()) {
            var f = c.formats();
            rows.add(List.of(c.layer(), f.weight().name(), f.activation().name(), f.output().name()));
        }
        return Csv.write(List.of("layer", "w", "a", "out"), rows);
    }

    /** @return why no fold reaches the throughput target (for exit status 3) */
    public static String unreachable(DataflowSearch.Problem p, double targetFps) {
        DataflowSearch.Spec s = p.spec();
        StringBuilder sb = new StringBuilder("the throughput target (").append(target(s, targetFps))
                .append(") cannot be met: ").append(p.unreachable().size()).append(" layer(s) take more cycles per "
                        + "frame even fully parallel (PE = MH, SIMD = MW):");
        long worst = 0;
        int shown = 0;
        for (DataflowSearch.Unreachable u : p.unreachable()) {
            worst = Math.max(worst, u.fastest());
            if (shown++ < 4) {
                sb.append(' ').append(u.layer()).append(" needs ").append(Numbers.count(u.fastest())).append(';');
            }
        }
        if (shown > 4) {
            sb.append(" ... (").append(p.unreachable().size()).append(" in all);");
        }
        sb.append(" at most ").append(Numbers.sig(s.clockMhz() * 1e6 / worst, 4)).append(" frames/s at ")
                .append(Numbers.plain(s.clockMhz())).append(" MHz (lower --target-fps or raise --clock)");
        return sb.toString();
    }

    // ---- Pareto -------------------------------------------------------------------------------------------------

    /**
     * The seed question answered on one network and device.
     *
     * @param what      what was searched
     * @param result    uniform points, the mixed front
     * @param targetFps the frames per second asked for (NaN: none)
     * @param proxy     the accuracy proxy's name for axes and tables (e.g. {@code Σ‖Q(W)−W‖²})
     * @param notes     lines for the user
     */
    public record ParetoRun(String what, DataflowPareto.Result result, double targetFps, String proxy,
                            List<String> notes) {
    }

    private static String resourceName(String m, DataflowSearch.Spec s) {
        switch (m) {
            case "luts": return DataflowEstimate.lutsCountCells(s.part()) ? "LCs" : "LUTs";
            case "ffs": return "FFs";
            case "dsps": return "DSPs";
            case "brams": return DataflowEstimate.bramKind(s.part());
            case "urams": return "URAM";
            case "sprams": return "SPRAM";
            default: return "device fraction";
        }
    }

    private static String resourceValue(String m, double v) {
        return m.equals("resource_fraction") ? Numbers.sig(100 * v, 4) + " %" : whole(v);
    }

    /** @return the uniform and mixed points for people, the Pareto set marked */
    public static String paretoText(ParetoRun run) {
        DataflowPareto.Result r = run.result();
        DataflowSearch.Spec s = r.problem().spec();
        String rn = resourceName(r.resource(), s);
        String bk = DataflowEstimate.bramKind(s.part());
        StringBuilder sb = new StringBuilder();
        sb.append("Seed question on ").append(run.what()).append(": ").append(rn).append(" vs the accuracy proxy (")
                .append(run.proxy()).append("), per format used uniformly and the mixed per-layer Pareto front; ")
                .append(target(s, run.targetFps())).append("; multipliers: ")
                .append(s.resType().name().toLowerCase(Locale.ROOT)).append(", LUTs as ").append(synth(s))
                .append(" maps them; device ceiling ").append(Numbers.sig(100 * s.maxUtil(), 3)).append(" % of ")
                .append(s.part().name()).append('\n');
        sb.append(r.mixed().size()).append(" mixed point(s) on the front (").append(r.complete() ? "complete"
                : "sampled: each is on the front, the front may have more").append("), ").append(r.solves())
                .append(" solves, ").append(r.millis()).append(" ms").append(r.proven() ? "" : "; some solves not "
                        + "proven optimal").append("; * = on the Pareto set of all points shown\n");
        // URAM / SPRAM columns when the search may place weights there (--ram-style ultra / spram)
        int extra = s.uses(4) ? 4 : s.uses(5) ? 5 : -1;
        List<String> head = new ArrayList<>(List.of("", "design", "formats", "LUTs", "FFs", "DSPs", bk));
        if (extra > 0) {
            head.add(resourceName(extra, s.part()));
        }
        head.addAll(List.of("util %", "frames/s", run.proxy(), "least " + rn + " (no device budget)", "fits"));
        int[] numeric = java.util.stream.IntStream.range(3, head.size() - 1).toArray();
        TextTable t = new TextTable(head.toArray(String[]::new)).numeric(numeric);
        List<DataflowPareto.Point> all = new ArrayList<>(r.uniform());
        all.addAll(r.mixed());
        int i = 0;
        for (DataflowPareto.Point pt : all) {
            DataflowSearch.Design d = pt.design();
            double[] res = d.resources();
            double[] u = d.utilisation();
            double maxU = 0;
            for (int k = 0; k < u.length; k++) {
                if (k < 4 || k == extra) {
                    maxU = Math.max(maxU, u[k]);
                }
            }
            List<Object> row = new ArrayList<>(List.of(pt.pareto() ? "*" : "", pt.uniform() ? "uniform"
                    : "mixed " + (i++), pt.label(), whole(res[0]), whole(res[1]), whole(res[2]), whole(res[3])));
            if (extra > 0) {
                row.add(whole(res[extra]));
            }
            row.addAll(List.of(Double.isInfinite(maxU) ? "-" : Numbers.sig(100 * maxU, 3),
                    Numbers.sig(d.framesPerSecond(), 4), Numbers.sig(pt.sensitivity(), 4), pt.uniform()
                    ? resourceValue(r.resource(), pt.least()) : "", pt.fits() ? "yes" : "no: " + over(pt)));
            t.row(row.toArray());
        }
        sb.append(t.render());
        sb.append("Search: ").append(r.problem().units().size()).append(" layers, ").append(r.problem().meeting())
                .append(" (format, output width, fold) candidates meet the target, ").append(r.problem().candidates())
                .append(" kept (folds dominated in every resource within a format dropped; exact)\n");
        sb.append("util % = the largest of the ").append(extra > 0 ? "five" : "four")
                .append(" utilisations; frames/s at ").append(Numbers.plain(s.clockMhz()))
                .append(" MHz\n");
        sb.append("Answer: ").append(answer(r)).append(" (sizes: the least ").append(rn).append(" each format "
                + "needs for the target, device budget aside)\n");
        for (String n : run.notes()) {
            sb.append("Note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    /**
     * @return what a uniform design that does not fit needs at least: per broken budget the smallest total any folding
     *     reaches with the other budgets kept (the format search's diagnosis)
     */
    private static String over(DataflowPareto.Point pt) {
        DataflowSearch.Spec s = pt.design().spec();
        double[] cap = s.capacity();
        List<String> o = new ArrayList<>();
        for (io.qdse.search.SearchResult.Diagnosis d : pt.misfit()) {
            int i = java.util.Arrays.asList(RES).indexOf(d.metric());
            if (i < 0) {
                o.add(d.metric() + " over its budget");
                continue;
            }
            String name = resourceName(i, s.part());
            o.add(Double.isNaN(d.smallest()) ? name + " over " + Numbers.sig(100 * s.maxUtil(), 3) + " %"
                    : name + " >= " + whole(d.smallest()) + (cap[i] > 0 ? " (" + Numbers.sig(100 * d.smallest()
                    / cap[i], 3) + " %)" : ""));
        }
        // each figure keeps the other budgets: relaxing any one of them this far would let the format fit
        return o.isEmpty() ? "over the device budget" : "needs " + String.join(" or ", o);
    }

    /**
     * @return one sentence: which uniform formats are on the Pareto set, and for each bit width with both an integer
     *     and a minifloat format, which is smaller (the least resource each format needs for the target, the device
     *     budget aside, so designs squeezed into the device do not blur it) and which more accurate
     */
    public static String answer(DataflowPareto.Result r) {
        List<String> onSet = new ArrayList<>();
        for (DataflowPareto.Point p : r.uniform()) {
            if (p.pareto()) {
                onSet.add(p.label());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(onSet.isEmpty() ? "no uniform format is on the Pareto set"
                : "uniform formats on the Pareto set: " + String.join(", ", onSet));
        long mixedOnly = r.mixed().stream().filter(p -> p.pareto() && r.uniform().stream().noneMatch(u ->
                u.fits() && u.resource() == p.resource() && u.sensitivity() == p.sensitivity())).count();
        sb.append("; ").append(mixedOnly).append(" mixed assignment(s) on the set between them");
        // integer vs minifloat at equal bits
        Map<Integer, List<DataflowPareto.Point>> byBits = new java.util.TreeMap<>();
        for (DataflowPareto.Point p : r.uniform()) {
            byBits.computeIfAbsent(p.design().layers().get(0).format().weightBits(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<Integer, List<DataflowPareto.Point>> e : byBits.entrySet()) {
            DataflowPareto.Point in = null;
            for (DataflowPareto.Point p : e.getValue()) {
                if (p.design().layers().get(0).format().formats().weight() instanceof IntFormat) {
                    in = p;
                }
            }
            if (in == null) {
                continue;
            }
            for (DataflowPareto.Point p : e.getValue()) {
                if (p == in) {
                    continue;
                }
                sb.append("; ").append(e.getKey()).append(" bits: ").append(in.label()).append(' ')
                        .append(cmp(in.least(), p.least(), "smaller", "larger")).append(" and ")
                        .append(cmp(in.sensitivity(), p.sensitivity(), "more accurate", "less accurate"))
                        .append(" than ").append(p.label());
            }
        }
        return sb.toString();
    }

    private static String cmp(double a, double b, String less, String more) {
        if (a == b) {
            return "equal";
        }
        double ratio = a < b ? b / a : a / b;
        return Numbers.sig(ratio, 3) + "x " + (a < b ? less : more);
    }

    /** @return the points as JSON */
    public static ObjectNode paretoJson(ParetoRun run) {
        DataflowPareto.Result r = run.result();
        ObjectNode o = Json.object();
        o.put("what", run.what());
        o.put("resource", r.resource());
        o.put("proxy", run.proxy());
        if (!Double.isNaN(run.targetFps())) {
            Json.put(o, "target_frames_per_s", run.targetFps());
        }
        o.put("target_cycles_per_frame", r.problem().spec().targetCycles());
        o.put("complete_front", r.complete());
        o.put("proven", r.proven());
        o.put("solves", r.solves());
        o.put("millis", r.millis());
        o.put("answer", answer(r));
        ArrayNode pts = o.putArray("points");
        List<DataflowPareto.Point> all = new ArrayList<>(r.uniform());
        all.addAll(r.mixed());
        for (DataflowPareto.Point pt : all) {
            ObjectNode j = pts.addObject();
            j.put("kind", pt.uniform() ? "uniform" : "mixed");
            j.put("label", pt.label());
            j.put("pareto", pt.pareto());
            j.put("fits", pt.fits());
            Json.put(j, "resource", pt.resource());
            Json.put(j, "least_resource_without_device_budget", pt.least());
            designJson(j, pt.design());
        }
        ArrayNode notes = o.putArray("notes");
        run.notes().forEach(notes::add);
        return o;
    }

    /** @return pareto.csv: one row per point, totals, Pareto mark, and the per-layer formats and folds */
    public static String paretoCsv(ParetoRun run) {
        DataflowPareto.Result r = run.result();
        List<List<?>> rows = new ArrayList<>();
        List<DataflowPareto.Point> all = new ArrayList<>(r.uniform());
        all.addAll(r.mixed());
        for (DataflowPareto.Point pt : all) {
            DataflowSearch.Design d = pt.design();
            double[] t = d.resources();
            StringBuilder asg = new StringBuilder();
            for (DataflowSearch.Choice c : d.layers()) {
                asg.append(asg.length() == 0 ? "" : ";").append(c.format().name()).append(" PE").append(c.fold().pe())
                        .append("xSIMD").append(c.fold().simd())
                        .append(c.fold().ramStyle() == null ? "" : " " + c.fold().ramStyle().label());
            }
            rows.add(List.of(pt.uniform() ? "uniform" : "mixed", pt.label(), pt.pareto(), pt.fits(),
                    Numbers.plain(t[0]), Numbers.plain(t[1]), Numbers.plain(t[2]), Numbers.plain(t[3]),
                    Numbers.plain(t[4]), Numbers.plain(t[5]), d.resourceFraction(), d.framesPerSecond(),
                    d.initiationCycles(), pt.sensitivity(), asg.toString()));
        }
        return Csv.write(List.of("kind", "label", "pareto", "fits", "luts", "ffs", "dsps", "brams_"
                + DataflowEstimate.bramKind(r.problem().spec().part()).toLowerCase(Locale.ROOT), "urams_blocks",
                "sprams_blocks", "resource_fraction", "frames_per_s", "initiation_interval_cycles", "sensitivity",
                "assignment"), rows);
    }

    /**
     * @return the chart: x the resource, y the accuracy proxy (log); the mixed front as a line, uniform integer and
     *     minifloat designs as labelled points, uniform designs over the device as crosses, the Pareto set's uniform
     *     members highlighted
     */
    public static ChartSpec paretoChart(ParetoRun run) {
        DataflowPareto.Result r = run.result();
        DataflowSearch.Spec s = r.problem().spec();
        boolean frac = r.resource().equals("resource_fraction");
        double scale = frac ? 100 : 1;
        List<XySeries> series = new ArrayList<>();
        List<DataflowPareto.Point> front = r.mixed();
        series.add(new XySeries("mixed per-layer formats (Pareto front)", XySeries.Style.FRONT,
                front.stream().mapToDouble(p -> scale * p.resource()).toArray(),
                front.stream().mapToDouble(DataflowPareto.Point::sensitivity).toArray()));
        for (boolean ints : new boolean[] {true, false}) {
            List<DataflowPareto.Point> pts = new ArrayList<>();
            for (DataflowPareto.Point p : r.uniform()) {
                boolean isInt = p.design().layers().get(0).format().formats().weight() instanceof IntFormat;
                if (p.fits() && isInt == ints) {
                    pts.add(p);
                }
            }
            if (!pts.isEmpty()) {
                series.add(new XySeries(ints ? "uniform integer" : "uniform minifloat", XySeries.Style.POINTS,
                        pts.stream().mapToDouble(p -> scale * p.resource()).toArray(),
                        pts.stream().mapToDouble(DataflowPareto.Point::sensitivity).toArray(),
                        pts.stream().map(DataflowPareto.Point::label).toList()));
            }
        }
        List<DataflowPareto.Point> over = r.uniform().stream().filter(p -> !p.fits()).toList();
        if (!over.isEmpty()) {
            series.add(new XySeries("uniform, over the device budget", XySeries.Style.INFEASIBLE,
                    over.stream().mapToDouble(p -> scale * p.resource()).toArray(),
                    over.stream().mapToDouble(DataflowPareto.Point::sensitivity).toArray(),
                    over.stream().map(DataflowPareto.Point::label).toList()));
        }
        List<DataflowPareto.Point> set = r.uniform().stream().filter(DataflowPareto.Point::pareto).toList();
        if (!set.isEmpty()) {
            series.add(new XySeries("uniform on the Pareto set", XySeries.Style.HIGHLIGHT,
                    set.stream().mapToDouble(p -> scale * p.resource()).toArray(),
                    set.stream().mapToDouble(DataflowPareto.Point::sensitivity).toArray()));
        }
        String rn = resourceName(r.resource(), s);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        double sLo = Double.POSITIVE_INFINITY;
        double sHi = 0;
        for (XySeries ser : series) {
            double[] xs = ser.x();
            double[] ys = ser.y();
            for (int i = 0; i < xs.length; i++) {
                if (xs[i] > 0) {
                    lo = Math.min(lo, xs[i]);
                    hi = Math.max(hi, xs[i]);
                }
                if (ys[i] > 0) {
                    sLo = Math.min(sLo, ys[i]);
                    sHi = Math.max(sHi, ys[i]);
                }
            }
        }
        int ri = java.util.Arrays.asList(RES).indexOf(r.resource());
        if (ri >= 0 && sHi > 0 && s.capacity()[ri] > 0) {
            // the device budget of this resource, as a vertical line across the points
            double cap = s.maxUtil() * s.capacity()[ri];
            series.add(new XySeries("device budget (" + Numbers.sig(100 * s.maxUtil(), 3) + " % of " + rn + ")",
                    XySeries.Style.REFERENCE, new double[] {cap, cap}, new double[] {sLo, sHi}));
            hi = Math.max(hi, cap);
        }
        boolean logX = hi > 20 * lo;
        String xl = frac ? "mean utilisation of " + s.part().name() + "'s LUTs, FFs, DSPs, "
                + DataflowEstimate.bramKind(s.part()) : rn + " of the whole design" + (r.resource().equals("luts")
                ? ", " + synth(s) + " mapping" : "");
        Axis x = new Axis(xl, frac ? "%" : "", logX);
        Axis y = Axis.log("accuracy proxy: " + run.proxy() + " (lower is better)", "");
        String mult = switch (s.resType()) {
            case LUT -> "multipliers in LUTs";
            case DSP -> "multipliers in DSP blocks";
            default -> "multipliers in DSPs from 10-bit products";
        };
        String sub = r.problem().workload().name() + " on " + s.part().name() + ", " + target(s, run.targetFps())
                + "; " + mult;
        return new XyChart("fpga-pareto", "Formats vs resources: uniform formats and the mixed Pareto front", sub,
                "Each point is a whole dataflow design meeting the throughput target: per layer a format and a fold "
                + "(PE x SIMD), folds chosen to minimise " + rn + "; the line is the Pareto front of mixed per-layer "
                + "assignments.", x, y, series, ChartSpec.WIDTH, ChartSpec.HEIGHT);
    }
}
