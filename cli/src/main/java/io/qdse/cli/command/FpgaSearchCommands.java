package io.qdse.cli.command;

import io.qdse.cli.InfeasibleException;
import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Target;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.reports.chart.ChartRenderer;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.render.FpgaSearchRender;
import io.qdse.reports.render.SearchRender;
import io.qdse.reports.text.Json;
import io.qdse.search.Backend;
import io.qdse.search.Budget;
import io.qdse.search.Budgets;
import io.qdse.search.Query;
import io.qdse.search.Search;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import io.qdse.search.fpga.DataflowPareto;
import io.qdse.search.fpga.DataflowPlanner;
import io.qdse.search.fpga.DataflowSearch;
import io.qdse.search.plan.SearchOutcome;
import io.qdse.search.plan.SearchPlan;
import io.qdse.simulator.arch.FpgaDataflow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qdse fpga search} and {@code qdse fpga pareto}: each layer's format and folding chosen together by the
 * format search's integer program on a dataflow design (issue 12 §5, §7).
 */
final class FpgaSearchCommands {
    private FpgaSearchCommands() {
    }

    /** What both commands ask: the network, the device and target, the formats and the sensitivity source. */
    static final class DesignOptions {
        @Option(names = "--workload", paramLabel = "NAME|FILE", description = "Network: built-in (resnet18, "
                + "mobilenetv2, ...), layer list, ONNX file or known model (minilm, ppocr-det, ...). Default: the "
                + "ONNX model given to --sensitivity weights:.")
        String workload;

        @Option(names = "--device", required = true, paramLabel = "PART", description = "FPGA part or board name "
                + "(qdse fpga parts), e.g. xc7z020, zcu104, xcu250, ice40-up5k.")
        String device;

        @Option(names = "--formats", required = true, split = ",", paramLabel = "FMT", description = "Candidate "
                + "formats per layer (weights = activations = outputs, or W/A): int2..int8, e2m1, e2m3, e3m2, e4m3, "
                + "e5m2, ...")
        List<String> formats = new ArrayList<>();

        @Option(names = "--sensitivity", required = true, paramLabel = "weights:SRC|table:CSV", description =
                "weights:MODEL.onnx|minilm|ppocr-*|FILE.npy|FILE.npz|DIR (weight error per format) or table:CSV "
                + "(layer,format,sensitivity).")
        String sensitivity;

        @Option(names = "--target-fps", paramLabel = "FPS", description = "Frames per second every unit must "
                + "sustain at --clock (cycles per frame <= clock / FPS). Without it, every fold is allowed.")
        Double targetFps;

        @Option(names = "--clock", defaultValue = "200", paramLabel = "MHZ", description = "Design clock in MHz "
                + "(default ${DEFAULT-VALUE}).")
        double clockMhz;

        @Option(names = "--max-util", defaultValue = "0.8", paramLabel = "R", description = "Utilisation ceiling: "
                + "every resource (LUT, FF, DSP, block RAM) <= R x the part's (default ${DEFAULT-VALUE}).")
        double maxUtil;

        @Option(names = "--synth", paramLabel = "yosys|vivado", description = "Whose LUT figures (default: the "
                + "part vendor's own flow, Vivado for AMD/Xilinx, Yosys for iCE40).")
        String synth;

        @Option(names = "--ram-style", defaultValue = "auto", paramLabel = "auto|block|distributed|ultra|spram",
                description = "Weight memories (FINN's ram_style): auto, block or distributed for every layer; ultra "
                + "or spram: each layer's weights where auto puts them or in UltraRAM / iCE40 UltraPlus SPRAM, chosen "
                + "per layer under the URAM/SPRAM budget (--max uram=N, --max spram=N) (default ${DEFAULT-VALUE}).")
        String ramStyle;

        @Option(names = "--weight-layers-only", description = "Leave layers without weights (attention's QK^T and "
                + "PV) out of the design instead of refusing the network (they would run on an overlay; listed in a "
                + "note with their share of the MACs).")
        boolean weightLayersOnly;

        @Option(names = "--scaling", defaultValue = "channel", paramLabel = "tensor|channel|block[:K]",
                description = "Weight scaling for weight sensitivity (default ${DEFAULT-VALUE}).")
        String scaling;

        @Option(names = "--clip", defaultValue = "absmax", paramLabel = "absmax|mse",
                description = "Clipping for weight sensitivity (default ${DEFAULT-VALUE}).")
        String clip;

        @Option(names = "--sensitivity-metric", defaultValue = "l2", paramLabel = "l2|mse|nsr",
                description = "Weight error used as sensitivity: l2 = sum of squares, mse, nsr = error/signal "
                        + "(default ${DEFAULT-VALUE}).")
        String sensitivityMetric;

        @Option(names = "--solver", defaultValue = "cpsat", paramLabel = "cpsat|scip|exhaustive",
                description = "Backend (default ${DEFAULT-VALUE}).")
        String solver;

        @Option(names = "--time-limit", defaultValue = "60", paramLabel = "S", description = "Seconds per solve "
                + "(default ${DEFAULT-VALUE}).")
        double timeLimit;

        DataflowPlanner.Planned plan(String resType) {
            Target t = Targets.parse(device.trim().toLowerCase(Locale.ROOT).startsWith("fpga:") ? device
                    : "fpga:" + device, "--device");
            FpgaPart part = (FpgaPart) t;
            if (!(clockMhz > 0 && clockMhz <= 2000)) {
                throw new InvalidInputException("--clock", clockMhz, "a clock in (0, 2000] MHz");
            }
            long cycles = targetFps == null ? Long.MAX_VALUE : DataflowSearch.Spec.cyclesFor(clockMhz, targetFps);
            if (cycles < 1) {
                throw new InvalidInputException("--target-fps", targetFps, "at most the clock's " + clockMhz * 1e6
                        + " frames per second (one cycle per frame)");
            }
            FpgaDataflow.ResType rt = switch (resType.trim().toLowerCase(Locale.ROOT)) {
                case "lut" -> FpgaDataflow.ResType.LUT;
                case "dsp" -> FpgaDataflow.ResType.DSP;
                case "auto" -> FpgaDataflow.ResType.AUTO;
                default -> throw new InvalidInputException("--res-type", resType, "lut, dsp or auto");
            };
            io.qdse.hwmodels.fpga.Synth s = synth == null ? null
                    : io.qdse.hwmodels.fpga.Synth.parse(synth, "--synth");
            DataflowSearch.Spec spec = new DataflowSearch.Spec(part, clockMhz, cycles, rt, s, maxUtil,
                    FpgaDataflow.RamStyle.parse(ramStyle, "--ram-style"));
            return DataflowPlanner.plan(new DataflowPlanner.Request(workload, sensitivity, formats, scaling, clip,
                    sensitivityMetric, spec, weightLayersOnly), msg -> System.err.println("qdse: " + msg));
        }

        SolverOptions solver() {
            Backend b = Backend.parse(solver, "--solver");
            if (b == Backend.GREEDY) {
                throw new InvalidInputException("--solver", solver, "cpsat, scip or exhaustive (exact backends)");
            }
            return new SolverOptions(b, timeLimit, 1, 1);
        }

        double fps() {
            return targetFps == null ? Double.NaN : targetFps;
        }

        /** @return the notes of a plan, with the no-target note when there is no target */
        List<String> notes(DataflowPlanner.Planned p) {
            List<String> n = new ArrayList<>(p.problem().notes());
            if (targetFps == null) {
                n.add("no --target-fps: every fold is allowed, so the cheapest (least parallel) folds are chosen");
            }
            return n;
        }

        /** @throws InfeasibleException when no fold of some layer meets the target (exit status 3) */
        void requireReachable(DataflowPlanner.Planned p) {
            if (!p.problem().reachable()) {
                throw new InfeasibleException(FpgaSearchRender.unreachable(p.problem(), fps()));
            }
        }

        /** @return the message of an infeasible search, in the format search's words, with what the budgets are */
        String infeasible(DataflowPlanner.Planned p, List<Budget> budgets, SearchResult r, SolverOptions o) {
            SearchPlan plan = new SearchPlan(p.problem().problem(), p.what(), List.of(), p.sensitivity(), true,
                    p.problem().notes());
            return "no design of " + p.what() + " meets the budgets (device ceiling " + Math.round(100 * maxUtil)
                    + " %: " + FpgaSearchRender.budgets(p.problem(), budgets) + "): "
                    + SearchRender.infeasible(new SearchOutcome.Optimum(plan, budgets, o, r));
        }

        /**
         * @throws InfeasibleException exit status 3 when the budgets cannot all hold (the diagnosis) or the time limit
         *                             ran out before any solution (the best bound), as {@code qdse search} does
         */
        void requireAnswer(DataflowPlanner.Planned p, List<Budget> budgets, SearchResult r, SolverOptions o) {
            if (r.status() == Status.INFEASIBLE) {
                throw new InfeasibleException(infeasible(p, budgets, r, o));
            }
            if (!r.hasAssignment()) {
                SearchPlan plan = new SearchPlan(p.problem().problem(), p.what(), List.of(), p.sensitivity(), true,
                        p.problem().notes());
                throw new InfeasibleException("no solution", SearchRender.noSolution(new SearchOutcome.Optimum(plan,
                        budgets, o, r)));
            }
        }
    }

    /** {@code qdse fpga search}. */
    @Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Choose each layer's format AND folding (PE x SIMD) of a dataflow design together, "
                + "provably optimally (the format search's integer program): candidates are (format, fold) pairs "
                + "meeting the throughput target, costed in LUTs, FFs, DSPs and block RAMs by the engine of qdse fpga "
                + "estimate; the device budget is every resource <= --max-util x the part's; minimise sensitivity "
                + "(or a resource under --max sensitivity=...).",
                "Exit 3 when no design meets the target and the budgets (the message says which and the smallest "
                + "reachable). --out writes folding_config.json (FINN), folding.json (by layer), formats.csv, "
                + "assignment.csv, sensitivity.csv and result.json; qdse fpga estimate --folding F --formats-file "
                + "formats.csv reproduces the design."})
    static final class FpgaSearch implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Mixin
        ForceOption force;
        @Mixin
        DesignOptions design;

        @Option(names = "--res-type", defaultValue = "auto", paramLabel = "lut|dsp|auto", description = "Where "
                + "multipliers go: LUTs, DSP blocks, or auto (DSPs for products of 10 significand bits or more; "
                + "default ${DEFAULT-VALUE}).")
        String resType;

        @Option(names = "--objective", defaultValue = "sensitivity", paramLabel = "METRIC", description = "Metric to "
                + "minimise: sensitivity, luts, ffs, dsps, brams or resource_fraction (mean utilisation of the four; "
                + "default ${DEFAULT-VALUE}).")
        String objective;

        @Option(names = "--max", paramLabel = "METRIC=VALUE", description = "Budget on a total (repeatable), e.g. "
                + "sensitivity=0.5 or luts=20000 (a resource budget tighter than the device ceiling replaces it).")
        List<String> max = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", description = "Write folding_config.json, folding.json, "
                + "formats.csv, assignment.csv, sensitivity.csv and result.json.")
        Path out;

        @Override
        public void run() {
            if (out != null) {
                OutputSet.checkFolder(out, "--out", force.force);
            }
            SolverOptions o = design.solver();
            DataflowPlanner.Planned p = design.plan(resType);
            design.requireReachable(p);
            DataflowSearch.Problem prob = p.problem();
            List<Budget> budgets = prob.budgets(max);
            String obj = Budgets.metric(objective, prob.problem(), "--objective");
            SearchResult r = Search.solve(prob.problem(), Query.minimise(obj, budgets), o);
            design.requireAnswer(p, budgets, r, o);
            FpgaSearchRender.SearchRun run = new FpgaSearchRender.SearchRun(p.what(), prob, r, design.fps(),
                    design.notes(p));
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(output.json ? Json.write(FpgaSearchRender.json(run)) : FpgaSearchRender.text(run));
            if (out != null) {
                DataflowSearch.Design d = run.design();
                Map<String, String> files = new LinkedHashMap<>();
                files.put("folding_config.json", FpgaSearchRender.finnFolding(d));
                files.put("folding.json", FpgaSearchRender.layerFolding(d));
                files.put("formats.csv", FpgaSearchRender.formatsCsv(d));
                files.put("assignment.csv", FpgaSearchRender.assignmentCsv(d));
                files.put("sensitivity.csv", SearchRender.sensitivityCsv(p.sensitivity()));
                files.put("result.json", Json.write(FpgaSearchRender.json(run)));
                try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
                    files.forEach(set::write);
                    set.commit();
                }
                if (!output.json) {
                    pw.println("wrote " + out.resolve("folding_config.json") + " (FINN), folding.json, formats.csv, "
                            + "assignment.csv, sensitivity.csv, result.json; check with: qdse fpga estimate "
                            + "--workload ... --device " + prob.spec().part().name() + " --folding "
                            + out.resolve("folding_config.json") + " --formats-file " + out.resolve("formats.csv")
                            + " --res-type " + prob.spec().resType().name().toLowerCase(Locale.ROOT)
                            + " --clock " + io.qdse.reports.text.Numbers.plain(prob.spec().clockMhz()));
                }
            }
            pw.flush();
        }
    }

    /** {@code qdse fpga pareto}. */
    @Command(name = "pareto", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The seed question on a network and a device: resources vs an accuracy proxy from real "
                + "weights, for every candidate format used uniformly (folds chosen for the target with the least of "
                + "the resource) and for the mixed per-layer assignments of the Pareto front (the format search's "
                + "epsilon-constraint method); the Pareto set marked. Table, JSON, and with --out pareto.csv, "
                + "result.json and a chart (pareto.png, pareto.svg).",
                "Exit 3 when no design fits the device at the target."})
    static final class FpgaPareto implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Mixin
        ForceOption force;
        @Mixin
        DesignOptions design;

        @Option(names = "--res-type", defaultValue = "lut", paramLabel = "lut|dsp|auto", description = "Where "
                + "multipliers go (default ${DEFAULT-VALUE}: every multiplier in LUTs, so LUTs measure the whole "
                + "datapath as in the integer-vs-minifloat question; dsp or auto put wide ones in DSP blocks).")
        String resType;

        @Option(names = "--resource", defaultValue = "luts", paramLabel = "METRIC", description = "The resource "
                + "axis: luts, ffs, dsps, brams, or resource_fraction (the mean utilisation of LUT, FF, DSP and "
                + "block RAM; default ${DEFAULT-VALUE}).")
        String resource;

        @Option(names = "--max", paramLabel = "METRIC=VALUE", description = "Extra budget on a total (repeatable).")
        List<String> max = new ArrayList<>();

        @Option(names = "--points", defaultValue = "0", paramLabel = "N", description = "0: the complete mixed "
                + "front (default); N >= 2: N points of it, evenly spread in the resource.")
        int points;

        @Option(names = "--out", paramLabel = "DIR", description = "Write pareto.csv, result.json, pareto.png and "
                + "pareto.svg.")
        Path out;

        @Override
        public void run() {
            if (out != null) {
                OutputSet.checkFolder(out, "--out", force.force);
            }
            SolverOptions o = design.solver();
            DataflowPlanner.Planned p = design.plan(resType);
            design.requireReachable(p);
            DataflowSearch.Problem prob = p.problem();
            String res = Budgets.metric(resource, prob.problem(), "--resource");
            if (res.equals("sensitivity")) {
                throw new InvalidInputException("--resource", resource, "a resource: luts, ffs, dsps, brams or "
                        + "resource_fraction (sensitivity is the other axis)");
            }
            List<Budget> budgets = prob.budgets(max);
            SearchResult any = Search.solve(prob.problem(), new Query(List.of(res, "sensitivity"), budgets,
                    List.of()), o);
            design.requireAnswer(p, budgets, any, o);
            DataflowPareto.Result r = DataflowPareto.run(prob, res, budgets, o, points);
            FpgaSearchRender.ParetoRun run = new FpgaSearchRender.ParetoRun(p.what(), r, design.fps(),
                    proxy(design), design.notes(p));
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(output.json ? Json.write(FpgaSearchRender.paretoJson(run)) : FpgaSearchRender.paretoText(run));
            if (out != null) {
                ChartSpec chart = FpgaSearchRender.paretoChart(run);
                try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
                    set.write("pareto.csv", FpgaSearchRender.paretoCsv(run));
                    set.write("result.json", Json.write(FpgaSearchRender.paretoJson(run)));
                    set.write("pareto.png", ChartRenderer.png(chart));
                    set.write("pareto.svg", ChartRenderer.svg(chart));
                    set.commit();
                }
                if (!output.json) {
                    pw.println("wrote " + out.resolve("pareto.png") + ", pareto.svg, pareto.csv, result.json");
                }
            }
            pw.flush();
        }

        private static String proxy(DesignOptions d) {
            if (d.sensitivity.startsWith("table:")) {
                return "sensitivity (table)";
            }
            switch (d.sensitivityMetric.toLowerCase(Locale.ROOT)) {
                case "mse": return "sum of weight MSE";
                case "nsr": return "sum of weight noise/signal";
                default: return "weight error sum ||Q(W)-W||^2";
            }
        }
    }
}
