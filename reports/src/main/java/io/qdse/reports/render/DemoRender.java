package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.cost.AsicCost;
import io.qdse.hwmodels.fpga.FpgaCost;
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
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.eval.Evaluation;
import java.util.List;

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
     * A network run of section 3 or 3b.
     *
     * @param arch     the accelerator preset (shown in 3b)
     * @param formats  the formats every layer ran in
     * @param total    the network's evaluation
     * @param clockMhz the accelerator's clock
     */
    public record NetworkRow(String arch, LayerFormats formats, Evaluation total, double clockMhz) {
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
     * Section 4: the search on MiniLM.
     *
     * @param comparison the uniform baseline against the optima (budgets: size fraction, latency no worse, area cap)
     * @param clockMhz   the arrays' clock (cycles to milliseconds)
     */
    public record SearchDemo(BaselineComparison comparison, double clockMhz) {
    }

    /**
     * One design of section 5.
     *
     * @param design     its slug
     * @param bundle     the folder written
     * @param vectors    what the golden vectors hold
     * @param simulation the testbench's verdict line (or why there is none)
     * @param yosysLuts  LUT4s Yosys synthesized for iCE40 (or why there are none; empty for an array)
     * @param modelLuts  LUT4s the FPGA model predicts, or null when there is no prediction
     */
    public record RtlRow(String design, String bundle, String vectors, String simulation, String yosysLuts,
                         Double modelLuts) {
        String verdict() {
            return simulation.replace("PASS: ", "PASS, ");
        }

        String model() {
            return modelLuts == null ? "" : Numbers.sig(modelLuts, 3);
        }
    }

    /**
     * Section 5: the designs done (all of them unless it was skipped part way).
     *
     * @param skipped why the section stopped, or null
     */
    public record RtlDemo(List<RtlRow> rows, String skipped) {
        public RtlDemo {
            rows = List.copyOf(rows);
        }
    }

    /**
     * Everything the demo shows.
     *
     * @param rows     weight matrix rows (output channels)
     * @param cols     weight matrix columns (the dot length)
     * @param seed     seed of the synthetic weights
     * @param formats  sections 1-2
     * @param resnet   section 3 (ResNet-50 on edge-32x32)
     * @param llama    section 3b (Llama-2-7B decode on the bit-serial presets)
     * @param search   section 4
     * @param rtl      section 5
     */
    public record Demo(int rows, int cols, long seed, List<FormatRow> formats, List<NetworkRow> resnet,
                       List<NetworkRow> llama, Section<SearchDemo> search, RtlDemo rtl) {
        public Demo {
            formats = List.copyOf(formats);
            resnet = List.copyOf(resnet);
            llama = List.copyOf(llama);
        }
    }

    /** @return the demo for people */
    public static String text(Demo d) {
        TextTable q = new TextTable("format", "bits/elem", "scaling", "SQNR (dB)", "MSE").numeric(1, 3, 4);
        TextTable c = new TextTable("format", "accumulator", "45nm area (um^2)", "45nm energy (pJ)",
                "7nm energy (pJ)", "xcvu9p LUTs (Vivado)", "xcvu9p DSPs", "ice40 LUT4s (Yosys)")
                .numeric(2, 3, 4, 5, 6, 7);
        for (FormatRow f : d.formats()) {
            FormatSurvey.Profile p = f.profile();
            AsicCost c45 = p.asic().get(0);
            AsicCost c7 = p.asic().get(1);
            FpgaCost fx = p.fpga().get(0);
            FpgaCost fi = p.fpga().get(1);
            q.row(f.name(), Formats.formatValue(p.format().bitsPerElement()), p.scaling(),
                    Numbers.sig(p.error().sqnrDb(), 4), Numbers.sig(p.error().mse(), 3));
            c.row(f.name(), p.accumulator().name(), Numbers.sig(c45.areaUm2()), Numbers.sig(c45.energyPj()),
                    Numbers.sig(c7.energyPj()), Numbers.sig(fx.luts()), Numbers.sig(fx.dsps()), Numbers.sig(fi.luts()));
        }
        TextTable n = new TextTable("formats (w/a -> acc)", "latency (ms)", "energy (mJ)", "DRAM traffic (MB)",
                "utilisation (%)", "area (mm^2)").numeric(1, 2, 3, 4, 5);
        for (NetworkRow r : d.resnet()) {
            LayerFormats lf = r.formats();
            Evaluation e = r.total();
            n.row(lf.weight().name() + "/" + lf.activation().name() + " -> " + lf.accumulator().name(),
                    Numbers.sig(ms(r), 4), Numbers.sig(e.energy().totalPj() * 1e-9, 4),
                    Numbers.sig(e.traffic().dramBits() / 8e6, 4), Numbers.sig(100 * e.utilization(), 3),
                    Numbers.sig(e.areaUm2() * 1e-6, 3));
        }
        TextTable bs = new TextTable("array", "formats (w/a, KV)", "latency (ms)", "energy (mJ)", "DRAM traffic (MB)",
                "utilisation (%)", "area (mm^2)").numeric(2, 3, 4, 5, 6);
        for (NetworkRow r : d.llama()) {
            LayerFormats lf = r.formats();
            Evaluation e = r.total();
            bs.row(r.arch(), lf.weight().name() + "/" + lf.activation().name() + ", " + lf.kv().name(),
                    Numbers.sig(ms(r), 4), Numbers.sig(e.energy().totalPj() * 1e-9, 4),
                    Numbers.sig(e.traffic().dramBits() / 8e6, 4), Numbers.sig(100 * e.utilization(), 3),
                    Numbers.sig(e.areaUm2() * 1e-6, 3));
        }
        StringBuilder sb = new StringBuilder();
        line(sb, "QDSE demo: which number format, at what hardware cost?");
        line(sb, "");
        line(sb, "1. Quantization error on a " + d.rows() + "x" + d.cols() + " weight matrix (synthetic: Gaussian, "
                + "sigma 0.02, 0.1% outliers x10; seed " + d.seed() + ")");
        sb.append(q.render());
        line(sb, "");
        line(sb, "2. Cost of one multiply-accumulate (weights and activations in the same format, dot length "
                + d.cols() + ")");
        sb.append(c.render());
        line(sb, "");
        line(sb, "3. ResNet-50 (ImageNet, batch 1) on edge-32x32 (32x32 output-stationary, 500 MHz, 28 nm, 3x64 KiB, "
                + "LPDDR4 12.8 GB/s), analytical engine");
        sb.append(n.render());
        line(sb, "");
        line(sb, "3b. Llama-2-7B, one decode step at context 2048 (batch 1), on the bit-serial families (presets: "
                + "docs/simulator.md); precisions each is built for, analytical engine");
        sb.append(bs.render());
        line(sb, "   Decode is weight-traffic bound: bit widths cut DRAM traffic and time; Stripes/Loom/parallel share "
                + "one organisation at 65 nm, Bit Fusion is its 45 nm edge configuration, BitMoD-style 28 nm with "
                + "HBM2.");
        line(sb, "");
        line(sb, "4. Per-layer formats, datapath formats and array size for all-MiniLM-L6-v2 (real weights, 128 "
                + "tokens), edge-32x32 memories with a 16x16, 32x32 or 64x64 array: minimise weight error (CP-SAT)");
        sb.append(d.search().value() == null ? "   skipped: " + d.search().skipped() + "\n"
                : searchText(d.search().value()));
        line(sb, "");
        line(sb, "5. RTL (Chisel): PEs and an array generated into verilog-out/, simulated against the Java "
                + "bit-exact model (Icarus), the PE synthesized by Yosys for iCE40 beside the FPGA model");
        sb.append(d.rtl().skipped() != null || d.rtl().rows().isEmpty() ? "   skipped: " + d.rtl().skipped() + "\n"
                : rtlText(d.rtl()));
        line(sb, "");
        line(sb, "ASIC: structural model calibrated to Horowitz (ISSCC'14) at 45 nm, Stillmaker-Baas scaling to 7 nm.");
        line(sb, "FPGA: xcvu9p LUTs as Vivado maps them (calibrated on published Vivado results), iCE40 LUT4s as Yosys "
                + "0.23 does (calibrated on our own syntheses); qdse cost --synth yosys|vivado, docs/cost-models.md §4.");
        line(sb, "Simulator: docs/simulator.md; SCALE-Sim v2 counting with qdse simulate --compat scalesim.");
        line(sb, "Search: docs/search.md (integer program, exact re-check, HAWQ-V3 validation).");
        // each suggestion answers in seconds (a whole Pareto front of a real model takes minutes: docs/search.md)
        line(sb, "Try: qdse formats show fp8_e4m3 | qdse cost --a fp8_e4m3 --target asic:7nm --target fpga:xcvu9p"
                + " | qdse simulate --arch tpu-v1-like --workload bert-base | qdse search --sensitivity "
                + "weights:ppocr-det --formats int4,int8,fp8_e4m3 --max-fraction size=0.5 --quiet-sensitivity");
        return sb.toString();
    }

    /** @return the demo as one JSON document */
    public static String json(Demo d) {
        ObjectNode root = Json.object();
        ObjectNode rtl = root.putObject("rtl");
        ArrayNode designs = rtl.putArray("designs");
        for (RtlRow r : d.rtl().rows()) {
            ObjectNode o = designs.addObject();
            o.put("design", r.design());
            o.put("bundle", r.bundle());
            o.put("simulation", r.verdict());
            o.put("yosys_ice40_luts", r.yosysLuts());
            o.put("model_ice40_luts", r.model());
        }
        if (d.rtl().skipped() != null) {
            rtl.put("skipped", d.rtl().skipped());
        }
        ObjectNode search = root.putObject("minilm_search");
        if (d.search().value() == null) {
            search.put("skipped", d.search().skipped());
        } else {
            searchJson(search, d.search().value());
        }
        root.set("resnet50_on_edge_32x32", networks(d.resnet(), false));
        root.set("llama2_7b_decode_on_bit_serial_arrays", networks(d.llama(), true));
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
            Json.put(o, "mac_delay_ns_45nm", p.asic().get(0).delayNs());
            Json.put(o, "mac_luts_xcvu9p", p.fpga().get(0).luts());
            Json.put(o, "mac_dsps_xcvu9p", p.fpga().get(0).dsps());
            Json.put(o, "mac_luts_ice40_hx8k", p.fpga().get(1).luts());
        }
        return Json.write(root);
    }

    private static ArrayNode networks(List<NetworkRow> rows, boolean withArch) {
        ArrayNode a = Json.array();
        for (NetworkRow r : rows) {
            Evaluation e = r.total();
            ObjectNode o = a.addObject();
            if (withArch) {
                o.put("arch", r.arch());
            }
            o.put("formats", r.formats().describe());
            Json.put(o, "latency_ms", ms(r));
            Json.put(o, "energy_pj", e.energy().totalPj());
            o.put("dram_bits", e.traffic().dramBits());
            Json.put(o, "utilization", e.utilization());
            Json.put(o, "area_um2", e.areaUm2());
        }
        return a;
    }

    private static double ms(NetworkRow r) {
        return r.total().cycles() / (r.clockMhz() * 1e3);
    }

    // ---- section 4 ----------------------------------------------------------------------------------------------

    /** A row of section 4: an assignment and its totals. */
    private record SearchRow(String name, Assignment assignment, double[] totals) {
    }

    private static List<SearchRow> searchRows(BaselineComparison c) {
        SearchProblem p = c.plan().problem();
        String base = p.formats().get(c.baseline().format(0));
        String cap = "area <= " + Numbers.sig(c.cap().max() / c.baselineTotals()[p.metric(c.cap().metric(), "m")])
                + "x " + base;
        List<SearchRow> rows = new java.util.ArrayList<>();
        rows.add(new SearchRow("uniform " + base, c.baseline(), c.baselineTotals()));
        rows.add(new SearchRow("optimum, any area (" + c.optimum().status() + ")", c.optimum().assignment(),
                c.optimum().totals()));
        rows.add(new SearchRow("optimum, " + cap + " (" + c.capped().status() + ")", c.capped().assignment(),
                c.capped().totals()));
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
                "energy (mJ)", "area (mm^2)", "array", "formats (layers)").numeric(1, 2, 3, 4, 5);
        for (SearchRow r : searchRows(c)) {
            double[] tot = r.totals();
            t.row(r.name(), Numbers.sig(tot[p.metric("sensitivity", "m")], 4),
                    Numbers.sig(tot[p.metric("size_bits", "m")] / 8e6, 4), Numbers.sig(ms(s, tot, p), 4),
                    Numbers.sig(tot[p.metric("energy_pj", "m")] * 1e-9, 4),
                    Numbers.sig(tot[p.metric("area_um2", "m")] * 1e-6, 4), p.hardware().get(r.assignment().hardware()),
                    SearchRender.mix(p, r.assignment()));
        }
        double[] ut = c.baselineTotals();
        int lat = p.metric("latency_cycles", "m");
        List<String> fs = c.plan().candidates().stream().map(Candidate::name).toList();
        return t.render() + "   Budgets: weights <= " + Numbers.sig(c.budgets().get(0).max() / 8e6, 4) + " MB (half "
                + "way from 4 to 8 bits), latency <= uniform int8 on 32x32 (" + Numbers.sig(ut[lat]
                / (s.clockMhz() * 1e3), 4) + " ms); every format the datapath supports adds its MAC unit to each PE."
                + "\n   12 attention matmuls (no weights) stay int8. Reproduce: qdse search --sensitivity "
                + "weights:minilm --formats " + String.join(",", fs) + " --arrays " + String.join(",", p.hardware())
                + " --max-fraction size=0.5 --max latency=" + (long) ut[lat] + " --max area="
                + (long) Math.floor(c.cap().max()) + "\n";
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

    // ---- section 5 ----------------------------------------------------------------------------------------------

    private static String rtlText(RtlDemo r) {
        TextTable t = new TextTable("design", "bundle", "golden vectors", "Icarus vs Java model",
                "Yosys iCE40 LUT4", "model LUT4").numeric(4, 5);
        for (RtlRow row : r.rows()) {
            t.row(row.design(), row.bundle() + "/", row.vectors(), row.verdict(), row.yosysLuts(), row.model());
        }
        return t.render() + "   The fp16-accumulator PE sums exactly on a wide grid, then rounds once (bit-exact, "
                + "simple); the model costs an aligned FMA, so its LUTs are below this RTL's.\n"
                + "   Next: qdse rtl bitstream " + r.rows().get(0).bundle()
                + " (iCE40-HX8K self-test .bin with Fmax); docs/rtl.md\n";
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append('\n');
    }
}
