package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.survey.FormatSurvey;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.search.Assignment;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.build.Candidate;
import io.qdse.search.plan.BaselineComparison;
import io.qdse.search.fpga.DataflowSearch;
import io.qdse.sweep.PointEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code qdse demo} prints: five sections (formats' quantization error, their MAC cost on ASIC and FPGA, a CNN
 * and an LLM decode step on accelerators, the format/array search on MiniLM, RTL generated and checked), as text or
 * one JSON document. Renders results computed by the module APIs; computes nothing but unit conversions.
 */
public final class DemoRender {
    private DemoRender() {
    }

    /**
     * One format of sections 1-2.
     *
     * @param name    as the demo spells it
     * @param profile its error and MAC costs: ASIC at 45 nm then 7 nm; FPGA on xcvu9p then iCE40-HX8K
     */
    public record FormatRow(String name, FormatSurvey.Profile profile) {
    }

    /**
     * A workload of the demo.
     *
     * @param name   as the demo names it
     * @param what   one line on what it is
     * @param layers compute layers
     * @param macs   multiply-accumulates of one inference
     * @param params weights
     */
    public record WorkloadRow(String name, String what, int layers, long macs, long params) {
    }

    /**
     * The sweep.
     *
     * @param dir       its folder (manifest.json, rows.csv, rows.jsonl)
     * @param space     the space file it ran
     * @param points    design points
     * @param workloads workloads per point
     * @param rows      every row, Pareto-marked
     */
    public record SweepDemo(String dir, String space, int points, int workloads, List<PointEvaluator.Row> rows) {
        public SweepDemo {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A section that may have been skipped (a model that cannot be fetched, a tool missing).
     *
     * @param value   the section's result, or null when skipped
     * @param skipped why it was skipped (the exception's message, which may be null)
     */
    public record Section<T>(T value, String skipped) {
        public static <T> Section<T> of(T value) {
            return new Section<>(value, null);
        }

        public static <T> Section<T> skipped(String why) {
            return new Section<>(null, why);
        }
    }

    /**
     * The search on MiniLM on the best ASIC design.
     *
     * @param comparison the uniform baseline against the optima (budgets: size fraction, latency no worse, area cap)
     * @param clockMhz   the design's clock (cycles to milliseconds)
     * @param arch       the design's file
     */
    public record SearchDemo(BaselineComparison comparison, double clockMhz, String arch) {
    }

    /**
     * One RTL design.
     *
     * @param design     its slug
     * @param bundle     the folder written
     * @param vectors    what the golden vectors hold
     * @param simulation the testbench's verdict line (or why there is none)
     * @param synthLuts  LUTs Yosys synthesized (or why there are none; empty when not synthesized)
     * @param target     Yosys flow of synthLuts (ice40, xilinx_nodsp), empty when none
     * @param modelLuts  LUTs the model predicts for that flow, or null when there is no prediction
     */
    public record RtlRow(String design, String bundle, String vectors, String simulation, String synthLuts,
                         String target, Double modelLuts) {
        String verdict() {
            return simulation.replace("PASS: ", "PASS, ");
        }

        String model() {
            return modelLuts == null ? "" : Numbers.sig(modelLuts, 3);
        }
    }

    /**
     * The RTL designs done (all of them unless the section stopped part way).
     *
     * @param skipped why the section stopped, or null
     */
    public record RtlDemo(List<RtlRow> rows, String skipped) {
        public RtlDemo {
            rows = List.copyOf(rows);
        }
    }

    /**
     * The report.
     *
     * @param html   its HTML page
     * @param charts charts in it
     * @param tables tables in it
     * @param files  files written
     */
    public record ReportDemo(String html, int charts, int tables, int files) {
    }

    /**
     * Everything the demo shows.
     *
     * @param rows       synthetic weight matrix rows (output channels)
     * @param cols       its columns (the dot length)
     * @param seed       seed of the synthetic weights
     * @param quick      the reduced run
     * @param formats    the format table
     * @param workloads  the workloads
     * @param sweep      the sweep
     * @param compare    the best design of each kind and the GPU on ResNet-18
     * @param kinds      the sweep's kinds in the comparison, in its order (the GPU comes after them)
     * @param asicSearch MiniLM's formats on the best ASIC design
     * @param fpgaSearch MiniLM's formats and folds on an FPGA
     * @param rtl        RTL designs
     * @param report     the report
     * @param out        the results folder
     * @param seconds    wall time per stage and in total
     * @param gpuNote    how the GPU entered the comparison
     */
    public record Demo(int rows, int cols, long seed, boolean quick, List<FormatRow> formats,
                       List<WorkloadRow> workloads, SweepDemo sweep, CompareRender.Comparison compare,
                       List<String> kinds, Section<SearchDemo> asicSearch,
                       Section<FpgaSearchRender.SearchRun> fpgaSearch, RtlDemo rtl, ReportDemo report, String out,
                       Map<String, Double> seconds, String gpuNote) {
        public Demo {
            formats = List.copyOf(formats);
            workloads = List.copyOf(workloads);
            kinds = List.copyOf(kinds);
            seconds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
        }
    }

    /**
     * @return per kind, in the order kinds first appear, the feasible row of the workload with the least
     *     energy-delay product; a kind without energy (GPUs: only their HBM energy is modelled) by the least latency
     */
    public static Map<String, PointEvaluator.Row> bestPerKind(List<PointEvaluator.Row> rows, String workload) {
        Map<String, PointEvaluator.Row> best = new LinkedHashMap<>();
        for (PointEvaluator.Row r : rows) {
            if (!r.workload().equals(workload) || !r.feasible() || !r.error().isEmpty() || Double.isNaN(score(r))) {
                continue;
            }
            PointEvaluator.Row b = best.get(r.kind());
            if (b == null || score(r) < score(b)) {
                best.put(r.kind(), r);
            }
        }
        return best;
    }

    private static double score(PointEvaluator.Row r) {
        double edp = r.metrics().getOrDefault("edp_uj_ms", Double.NaN);
        return r.kind().equals("gpu") || Double.isNaN(edp) ? r.metrics().getOrDefault("latency_ms", Double.NaN) : edp;
    }

    /** @return the formats of an assignment, the most used first (ties by name) */
    public static List<String> formatsByUse(SearchProblem p, Assignment a) {
        int[] count = new int[p.formatCount()];
        for (int l = 0; l < p.layerCount(); l++) {
            count[a.format(l)]++;
        }
        List<Integer> idx = new ArrayList<>();
        for (int f = 0; f < count.length; f++) {
            if (count[f] > 0) {
                idx.add(f);
            }
        }
        idx.sort((x, y) -> count[x] != count[y] ? Integer.compare(count[y], count[x])
                : p.formats().get(x).compareTo(p.formats().get(y)));
        return idx.stream().map(p.formats()::get).toList();
    }

    /** @return the demo for people */
    public static String text(Demo d) {
        StringBuilder sb = new StringBuilder();
        line(sb, "QDSE demo: which number format, on which hardware, at what cost? The whole pipeline on ResNet-18, "
                + "all-MiniLM-L6-v2 and a Llama-2-7B decode layer" + (d.quick() ? " (--quick: a smaller run)" : ""));
        line(sb, "");
        line(sb, "1. Formats: quantization error on a " + d.rows() + "x" + d.cols() + " weight matrix (synthetic: "
                + "Gaussian, sigma 0.02, 0.1% outliers x10; seed " + d.seed() + ") and the cost of one MAC (weights "
                + "and activations in the format, dot length " + d.cols() + ")");
        TextTable q = new TextTable("format", "bits/elem", "SQNR (dB)", "accumulator", "45nm area (um^2)",
                "7nm energy (pJ)", "xcvu9p LUTs (Vivado)", "iCE40 LUT4s (Yosys)").numeric(1, 2, 4, 5, 6, 7);
        for (FormatRow f : d.formats()) {
            FormatSurvey.Profile p = f.profile();
            q.row(f.name(), Formats.formatValue(p.format().bitsPerElement()), Numbers.sig(p.error().sqnrDb(), 4),
                    p.accumulator().name(), Numbers.sig(p.asic().get(0).areaUm2()),
                    Numbers.sig(p.asic().get(1).energyPj()), Numbers.sig(p.fpga().get(0).luts()),
                    Numbers.sig(p.fpga().get(1).luts()));
        }
        sb.append(q.render());
        line(sb, "");
        line(sb, "2. Workloads");
        TextTable w = new TextTable("workload", "layers", "GMACs", "weights (M)", "what").numeric(1, 2, 3);
        for (WorkloadRow r : d.workloads()) {
            w.row(r.name(), r.layers(), Numbers.sig(r.macs() / 1e9, 4), Numbers.sig(r.params() / 1e6, 4), r.what());
        }
        sb.append(w.render());
        line(sb, "");
        sweepText(sb, d);
        line(sb, "");
        line(sb, "4. qdse compare on ResNet-18: the best design of each kind from the sweep (least energy x latency; "
                + "the fastest GPU)");
        sb.append(CompareRender.text(d.compare()));
        line(sb, "   " + d.gpuNote() + ". Written to " + d.out() + "/compare/.");
        line(sb, "");
        line(sb, "5a. Per-layer formats for all-MiniLM-L6-v2 (real weights, 128 tokens) on the best systolic design "
                + "for it: minimise weight error (CP-SAT)");
        sb.append(d.asicSearch().value() == null ? "   skipped: " + d.asicSearch().skipped() + "\n"
                : searchText(d.asicSearch().value()));
        line(sb, "");
        line(sb, "5b. Per-layer formats and folding of an FPGA dataflow design for MiniLM's linear layers: minimise "
                + "weight error (qdse fpga search)");
        sb.append(d.fpgaSearch().value() == null ? "   skipped: " + d.fpgaSearch().skipped() + "\n"
                : fpgaText(d.fpgaSearch().value(), d.out()));
        line(sb, "");
        line(sb, "6. RTL (Chisel) in " + (d.rtl().rows().isEmpty() ? "" : parent(d.rtl().rows().get(0).bundle()))
                + "/: the chosen PE, a 4x4 array and the FPGA unit, simulated against the Java bit-exact model "
                + "(Icarus), synthesized by Yosys beside the cost model");
        sb.append(d.rtl().rows().isEmpty() ? "   skipped: " + d.rtl().skipped() + "\n" : rtlText(d.rtl()));
        line(sb, "");
        line(sb, "7. Report: " + d.report().html() + " (" + d.report().charts() + " charts, " + d.report().tables()
                + " tables; " + d.report().files() + " files), from the stored results in " + d.out() + "/ "
                + "(qdse report)");
        line(sb, "");
        headline(sb, d);
        return sb.toString();
    }

    private static void sweepText(StringBuilder sb, Demo d) {
        SweepDemo s = d.sweep();
        long feasible = s.rows().stream().filter(PointEvaluator.Row::feasible).count();
        List<PointEvaluator.Row> errors = s.rows().stream().filter(r -> !r.error().isEmpty()).toList();
        long pareto = s.rows().stream().filter(PointEvaluator.Row::pareto).count();
        line(sb, "3. Sweep (" + s.space() + "): " + s.points() + " design points x " + s.workloads() + " workloads = "
                + s.rows().size() + " rows in " + Numbers.sig(d.seconds().getOrDefault("sweep", 0.0), 2) + " s; "
                + feasible + " feasible, " + errors.size() + " refused, " + pareto + " on the Pareto front of "
                + "latency vs energy per inference");
        TextTable t = new TextTable("workload", "kind", "best design (least energy x latency; GPU: latency)", "formats",
                "latency (ms)", "energy (uJ)", "area (mm^2)", "LUTs").numeric(4, 5, 6, 7);
        Map<String, Map<String, PointEvaluator.Row>> best = new LinkedHashMap<>();
        for (PointEvaluator.Row r : s.rows()) {
            best.computeIfAbsent(r.workload(), k -> bestPerKind(s.rows(), k));
        }
        best.forEach((wl, m) -> m.forEach((kind, r) -> t.row(shortWorkload(wl), kind, r.arch().contains(": ")
                ? r.arch().substring(0, r.arch().indexOf(": ")) : r.arch(), r.formats(),
                Numbers.sig(r.metrics().get("latency_ms"), 4),
                opt(r.metrics().get("energy_per_inference_uj")), opt(r.metrics().get("area_mm2")),
                opt(r.metrics().get("luts")))));
        sb.append(t.render());
        if (!errors.isEmpty()) {
            String first = errors.get(0).error();
            line(sb, "   " + errors.size() + " rows refused, e.g. " + shortWorkload(errors.get(0).workload()) + " on "
                    + errors.get(0).arch() + ": " + (first.length() > 200 ? first.substring(0, 200) + "..." : first));
        }
        line(sb, "   Written to " + s.dir() + "/ (manifest.json, rows.csv, rows.jsonl; every metric with its unit).");
    }

    private static String shortWorkload(String w) {
        return w.startsWith("hf:") ? "llama2-7b decode layer" : w;
    }

    private static String opt(Double v) {
        return v == null || Double.isNaN(v) ? "" : Numbers.sig(v, 4);
    }

    private static String parent(String dir) {
        int i = dir.replace('\\', '/').lastIndexOf('/');
        return i < 0 ? "." : dir.substring(0, i);
    }

    private static void headline(StringBuilder sb, Demo d) {
        line(sb, "Headline:");
        for (CompareRender.Row r : d.compare().rows()) {
            Map<String, Double> m = r.metrics();
            String cost = !Double.isNaN(m.getOrDefault("area_mm2", Double.NaN)) ? Numbers.sig(m.get("area_mm2"), 3)
                    + " mm^2" : !Double.isNaN(m.getOrDefault("luts", Double.NaN)) ? Numbers.count(Math.rint(m.get("luts")))
                    + " LUTs" : "";
            double e = m.getOrDefault("energy_per_inference_uj", Double.NaN);
            line(sb, "  ResNet-18 on " + r.arch() + " (" + r.kind() + ", " + r.shortFormats() + "): "
                    + Numbers.sig(m.get("latency_ms"), 3) + " ms" + (Double.isNaN(e) ? "" : ", " + Numbers.sig(e, 3)
                    + " uJ per inference") + (cost.isEmpty() ? "" : ", " + cost));
        }
        if (d.asicSearch().value() != null) {
            BaselineComparison c = d.asicSearch().value().comparison();
            SearchProblem p = c.plan().problem();
            if (c.capped().hasAssignment()) {
                double[] u = c.baselineTotals();
                double[] o = c.capped().totals();
                int size = p.metric("size_bits", "m");
                int sens = p.metric("sensitivity", "m");
                line(sb, "  MiniLM, per-layer formats on the ASIC: weights " + Numbers.sig(o[size] / 8e6, 3) + " MB "
                        + "instead of int8's " + Numbers.sig(u[size] / 8e6, 3) + " MB (" + SearchRender.mix(p,
                        c.capped().assignment()) + "), weight error " + Numbers.sig(o[sens], 3) + " (int8: "
                        + Numbers.sig(u[sens], 3) + "), latency and area within the budgets");
            }
        }
        if (d.fpgaSearch().value() != null) {
            DataflowSearch.Design f = d.fpgaSearch().value().design();
            double[] t = f.resources();
            double[] u = f.utilisation();
            line(sb, "  MiniLM's linear layers on " + f.spec().part().name() + " at " + Numbers.sig(f.framesPerSecond(),
                    3) + " frames/s: " + Numbers.count(Math.rint(t[0])) + " LUTs (" + Numbers.sig(100 * u[0], 3) + " %), "
                    + Numbers.count(t[3]) + " block RAMs, formats " + FpgaSearchRender.mix(f,
                    d.fpgaSearch().value().problem()));
        }
        long pass = d.rtl().rows().stream().filter(r -> r.simulation().startsWith("PASS")).count();
        line(sb, "  RTL: " + d.rtl().rows().size() + " designs generated, " + pass + " pass co-simulation against the "
                + "Java model");
        line(sb, "  Report: " + d.report().html() + "  (open it in a browser)");
        line(sb, "  Time: " + Numbers.sig(d.seconds().getOrDefault("total", 0.0), 3) + " s (" + stageTimes(d) + ")");
    }

    private static String stageTimes(Demo d) {
        List<String> parts = new ArrayList<>();
        d.seconds().forEach((k, v) -> {
            if (!k.equals("total")) {
                parts.add(k + " " + Numbers.sig(v, 2) + " s");
            }
        });
        return String.join(", ", parts);
    }

    /** @return the demo as one JSON document */
    public static String json(Demo d) {
        ObjectNode root = Json.object();
        root.put("quick", d.quick());
        root.put("out", d.out());
        ObjectNode secs = root.putObject("seconds");
        d.seconds().forEach((k, v) -> Json.put(secs, k, v));
        root.put("weights", "synthetic Gaussian sigma 0.02 with 0.1% outliers x10, seed " + d.seed());
        root.put("rows", d.rows());
        root.put("cols", d.cols());
        ArrayNode arr = root.putArray("formats");
        for (FormatRow f : d.formats()) {
            FormatSurvey.Profile p = f.profile();
            ObjectNode o = arr.addObject();
            o.put("format", f.name());
            o.put("bits_per_element", p.format().bitsPerElement());
            o.put("scaling", p.scaling());
            Json.put(o, "sqnr_db", p.error().sqnrDb());
            Json.put(o, "mse", p.error().mse());
            o.put("accumulator", p.accumulator().name());
            Json.put(o, "mac_area_um2_45nm", p.asic().get(0).areaUm2());
            Json.put(o, "mac_energy_pj_45nm", p.asic().get(0).energyPj());
            Json.put(o, "mac_energy_pj_7nm", p.asic().get(1).energyPj());
            Json.put(o, "mac_luts_xcvu9p", p.fpga().get(0).luts());
            Json.put(o, "mac_dsps_xcvu9p", p.fpga().get(0).dsps());
            Json.put(o, "mac_luts_ice40_hx8k", p.fpga().get(1).luts());
        }
        ArrayNode wls = root.putArray("workloads");
        for (WorkloadRow r : d.workloads()) {
            ObjectNode o = wls.addObject();
            o.put("workload", r.name());
            o.put("what", r.what());
            o.put("layers", r.layers());
            o.put("macs", r.macs());
            o.put("params", r.params());
        }
        ObjectNode sw = root.putObject("sweep");
        sw.put("dir", d.sweep().dir());
        sw.put("space", d.sweep().space());
        sw.put("points", d.sweep().points());
        sw.put("rows", d.sweep().rows().size());
        sw.put("feasible", d.sweep().rows().stream().filter(PointEvaluator.Row::feasible).count());
        sw.put("refused", d.sweep().rows().stream().filter(r -> !r.error().isEmpty()).count());
        sw.put("pareto", d.sweep().rows().stream().filter(PointEvaluator.Row::pareto).count());
        root.set("compare", CompareRender.json(d.compare()));
        root.put("gpu_note", d.gpuNote());
        ObjectNode search = root.putObject("asic_search");
        if (d.asicSearch().value() == null) {
            search.put("skipped", d.asicSearch().skipped());
        } else {
            search.put("arch", d.asicSearch().value().arch());
            searchJson(search, d.asicSearch().value());
        }
        if (d.fpgaSearch().value() == null) {
            root.putObject("fpga_search").put("skipped", d.fpgaSearch().skipped());
        } else {
            root.set("fpga_search", FpgaSearchRender.json(d.fpgaSearch().value()));
        }
        ObjectNode rtl = root.putObject("rtl");
        ArrayNode designs = rtl.putArray("designs");
        for (RtlRow r : d.rtl().rows()) {
            ObjectNode o = designs.addObject();
            o.put("design", r.design());
            o.put("bundle", r.bundle());
            o.put("simulation", r.verdict());
            o.put("synthesis_target", r.target());
            o.put("yosys_luts", r.synthLuts());
            o.put("model_luts", r.model());
        }
        if (d.rtl().skipped() != null) {
            rtl.put("skipped", d.rtl().skipped());
        }
        ObjectNode rep = root.putObject("report");
        rep.put("html", d.report().html());
        rep.put("charts", d.report().charts());
        rep.put("tables", d.report().tables());
        rep.put("files", d.report().files());
        return Json.write(root);
    }

    // ---- the searches -------------------------------------------------------------------------------------------

    /** A row of the search table: an assignment and its totals. */
    private record SearchRow(String name, Assignment assignment, double[] totals) {
    }

    private static List<SearchRow> searchRows(BaselineComparison c) {
        SearchProblem p = c.plan().problem();
        String base = p.formats().get(c.baseline().format(0));
        String cap = "area <= " + Numbers.sig(c.cap().max() / c.baselineTotals()[p.metric(c.cap().metric(), "m")])
                + "x " + base;
        List<SearchRow> rows = new ArrayList<>();
        rows.add(new SearchRow("uniform " + base, c.baseline(), c.baselineTotals()));
        if (c.optimum().hasAssignment()) {
            rows.add(new SearchRow("optimum, any area (" + c.optimum().status() + ")", c.optimum().assignment(),
                    c.optimum().totals()));
        }
        if (c.capped().hasAssignment()) {
            rows.add(new SearchRow("optimum, " + cap + " (" + c.capped().status() + ")", c.capped().assignment(),
                    c.capped().totals()));
        }
        SearchResult g = c.greedy();
        if (g.hasAssignment()) {
            rows.add(new SearchRow("greedy, " + cap, g.assignment(), g.totals()));
        }
        return rows;
    }

    private static String searchText(SearchDemo s) {
        BaselineComparison c = s.comparison();
        SearchProblem p = c.plan().problem();
        TextTable t = new TextTable("assignment", "weight error (sum sq)", "weights (MB)", "latency (ms)",
                "energy (mJ)", "area (mm^2)", "formats (layers)").numeric(1, 2, 3, 4, 5);
        for (SearchRow r : searchRows(c)) {
            double[] tot = r.totals();
            t.row(r.name(), Numbers.sig(tot[p.metric("sensitivity", "m")], 4),
                    Numbers.sig(tot[p.metric("size_bits", "m")] / 8e6, 4), Numbers.sig(ms(s, tot, p), 4),
                    Numbers.sig(tot[p.metric("energy_pj", "m")] * 1e-9, 4),
                    Numbers.sig(tot[p.metric("area_um2", "m")] * 1e-6, 4), SearchRender.mix(p, r.assignment()));
        }
        double[] ut = c.baselineTotals();
        int lat = p.metric("latency_cycles", "m");
        List<String> fs = c.plan().candidates().stream().map(Candidate::name).toList();
        return t.render() + "   Design: " + s.arch() + " (" + p.hardware().get(0) + " array). Budgets: weights <= "
                + Numbers.sig(c.budgets().get(0).max() / 8e6, 4) + " MB (half way from 4 to 8 bits), latency <= "
                + "uniform int8 (" + Numbers.sig(ut[lat] / (s.clockMhz() * 1e3), 4) + " ms); every format the "
                + "datapath supports adds its MAC unit to each PE. Attention matmuls (no weights) stay int8.\n"
                + "   Reproduce: qdse search --arch " + s.arch() + " --arrays " + String.join(",", p.hardware())
                + " --sensitivity weights:minilm --formats " + String.join(",", fs) + " --max-fraction size=0.5 "
                + "--max latency=" + (long) ut[lat] + " --max area=" + (long) Math.floor(c.cap().max()) + "\n";
    }

    private static void searchJson(ObjectNode json, SearchDemo s) {
        BaselineComparison c = s.comparison();
        SearchProblem p = c.plan().problem();
        ArrayNode rows = json.putArray("rows");
        for (SearchRow r : searchRows(c)) {
            double[] tot = r.totals();
            ObjectNode o = rows.addObject();
            o.put("assignment", r.name());
            Json.put(o, "sensitivity", tot[p.metric("sensitivity", "m")]);
            Json.put(o, "size_bits", tot[p.metric("size_bits", "m")]);
            Json.put(o, "latency_ms", ms(s, tot, p));
            Json.put(o, "energy_pj", tot[p.metric("energy_pj", "m")]);
            Json.put(o, "area_um2", tot[p.metric("area_um2", "m")]);
            o.put("array", p.hardware().get(r.assignment().hardware()));
            o.put("formats", SearchRender.mix(p, r.assignment()));
        }
        json.put("status", c.capped().status().toString());
    }

    private static double ms(SearchDemo s, double[] tot, SearchProblem p) {
        return tot[p.metric("latency_cycles", "m")] / (s.clockMhz() * 1e3);
    }

    private static String fpgaText(FpgaSearchRender.SearchRun run, String out) {
        DataflowSearch.Design d = run.design();
        SearchResult r = run.result();
        StringBuilder sb = new StringBuilder();
        sb.append("   ").append(run.what()).append(" (").append(r.backend().key()).append(": ")
                .append(r.status().name().toLowerCase(java.util.Locale.ROOT)).append(", ").append(r.millis())
                .append(" ms)\n");
        sb.append("   Budgets: ").append(FpgaSearchRender.budgets(run.problem(), r.query().budgets())).append('\n');
        sb.append("   ").append(FpgaSearchRender.device(d)).append('\n');
        sb.append("   ").append(d.layers().size()).append(" units at ").append(Numbers.sig(d.framesPerSecond(), 4))
                .append(" frames/s; formats: ").append(FpgaSearchRender.mix(d, run.problem()))
                .append("; weight error (sum sq) ").append(Numbers.sig(d.sensitivity(), 4)).append('\n');
        sb.append("   Written to ").append(out).append("/search-fpga/ (FINN folding_config.json, formats.csv; qdse fpga "
                + "estimate reproduces it). Layers without weights (attention) are left to an overlay.\n");
        return sb.toString();
    }

    // ---- RTL ----------------------------------------------------------------------------------------------------

    private static String rtlText(RtlDemo r) {
        TextTable t = new TextTable("design", "golden vectors", "Icarus vs Java model", "Yosys flow", "Yosys LUTs",
                "model LUTs").numeric(4, 5);
        for (RtlRow row : r.rows()) {
            t.row(row.design(), row.vectors(), row.verdict(), row.target(), row.synthLuts(), row.model());
        }
        String s = t.render();
        if (r.skipped() != null) {
            s += "   stopped: " + r.skipped() + "\n";
        }
        return s + "   Next: qdse rtl bitstream " + r.rows().get(0).bundle() + " (iCE40-HX8K self-test .bin with "
                + "Fmax); docs/rtl.md\n";
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append('\n');
    }
}
