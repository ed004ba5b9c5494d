package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.io.Inputs;
import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Target;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.reports.render.FpgaRender;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.DramSpec;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.io.FoldingFiles;
import io.qdse.simulator.arch.io.FormatsFiles;
import io.qdse.simulator.fpga.DataflowClock;
import io.qdse.simulator.fpga.DataflowEstimate;
import io.qdse.simulator.fpga.FinnCompat;
import io.qdse.simulator.fpga.finn.FinnVersion;
import io.qdse.simulator.workload.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse fpga}: FPGA devices and whole-network dataflow designs on them. */
@Command(name = "fpga", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"FPGA devices and dataflow designs (one folded matrix-vector unit per layer, FINN-style).",
            "  qdse fpga parts",
            "  qdse fpga estimate --workload mobilenetv2 --device xczu3eg --formats w=int4,a=int4 --target-fps 500",
            "  qdse fpga search --workload ppocr-det --device zcu104 --formats int4,int8,e2m3,e4m3 "
                + "--sensitivity weights:ppocr-det --target-fps 30",
            "  qdse fpga pareto --device xcu250 --formats int4,int8,e2m3,e4m3 --sensitivity weights:minilm "
                + "--weight-layers-only --target-fps 100 --out pareto/"},
        subcommands = {FpgaCommand.Parts.class, FpgaCommand.Estimate.class, FpgaSearchCommands.FpgaSearch.class,
            FpgaSearchCommands.FpgaPareto.class})
public final class FpgaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code qdse fpga parts}: the device catalogue. */
    @Command(name = "parts", mixinStandardHelpOptions = true, description = "List the FPGA part catalogue: LUTs, "
            + "FFs, carry cells, LUT RAM, DSPs and their kind, block RAM, URAM, Fmax class (sources in parts.csv).")
    static final class Parts implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        @Override
        public void run() {
            List<FpgaPart> parts = new ArrayList<>(Targets.fpgaParts().values());
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(output.json ? Json.write(FpgaRender.partsJson(parts)) : FpgaRender.partsText(parts));
        }
    }

    /** {@code qdse fpga estimate}: a whole network as a dataflow design on one part. */
    @Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Estimate a FINN-style dataflow design of a whole network on an FPGA part: per layer a "
                + "matrix-vector unit folded by PE x SIMD (given in a folding file, or chosen for a throughput "
                + "target); cycles per frame, LUTs, FFs, DSPs and block RAMs per unit; the device's utilisation; the "
                + "initiation interval, frames/s and latency at the clock.",
                "Exit 2 when the folding does not divide a layer or the design does not fit the device (the message "
                + "names the resource)."})
    static final class Estimate implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Mixin
        ForceOption force;

        @Option(names = "--workload", required = true, paramLabel = "NAME|FILE", description = "Network: built-in "
                + "(resnet18, mobilenetv2, ...), layer list (CSV/YAML; weight_bits, act_bits, out_bits columns give "
                + "per-layer formats) or ONNX file. Layers with weights only (attention products need an overlay).")
        String workload;

        @Option(names = "--device", required = true, paramLabel = "PART", description = "FPGA part or board name "
                + "(qdse fpga parts), e.g. xczu3eg, ultra96, xc7z020, ice40-up5k.")
        String device;

        @Option(names = "--formats", paramLabel = "SPEC", description = "Formats of every layer, e.g. "
                + "w=int4,a=int4,out=int4 (default w=int8,a=int8,out=int8; accumulators exact for each layer).")
        String formats;

        @Option(names = "--formats-file", paramLabel = "CSV", description = "Per-layer formats: layer,w,a,acc,out.")
        Path formatsFile;

        @Option(names = "--folding", paramLabel = "FILE", description = "PE and SIMD per layer: FINN's "
                + "folding_config.json (MVAU/VVAU nodes matched to layers in order), JSON/YAML keyed by layer name, or "
                + "CSV layer,pe,simd. Layers it leaves out are folded for --target-fps/--target-cycles.")
        Path folding;

        @Option(names = "--target-fps", paramLabel = "FPS", description = "Fold every layer not in --folding to "
                + "the least parallelism that reaches this many frames/s at --clock.")
        Double targetFps;

        @Option(names = "--target-cycles", paramLabel = "N", description = "The same as a cycle count per frame "
                + "(FINN's target_cycles_per_frame). Without either, such layers get PE = SIMD = 1.")
        Long targetCycles;

        @Option(names = "--clock", defaultValue = "auto", paramLabel = "MHZ|auto", description = "Design clock in MHz, "
                + "or auto: the slowest unit's modelled Fmax, the folds re-chosen for it (iCE40: fitted to "
                + "nextpnr-ice40; AMD/Xilinx: FloPoCo's primitive delays capped at the data sheet's Fmax class; "
                + "docs/fpga.md 'Clock'), elsewhere 200 MHz, FINN's default 5 ns period (default ${DEFAULT-VALUE}).")
        String clock;

        @Option(names = "--res-type", defaultValue = "auto", paramLabel = "lut|dsp|auto", description = "Where "
                + "multipliers go: LUTs, DSP blocks, or auto (DSPs for products of 10 significand bits or more; "
                + "default ${DEFAULT-VALUE}).")
        String resType;

        @Option(names = "--engine", defaultValue = "analytical", paramLabel = "analytical|cycle", description =
                "analytical (closed-form pipeline makespan) or cycle (frames replayed through the units, FIFOs and "
                + "back-pressure); they agree (default ${DEFAULT-VALUE}).")
        String engine;

        @Option(names = "--synth", paramLabel = "yosys|vivado", description = "Whose LUT figures: Vivado's or "
                + "Yosys's (default: the part vendor's own flow, Vivado for AMD/Xilinx, Yosys for iCE40; "
                + "docs/cost-models.md §4).")
        String synth;

        @Option(names = "--ram-style", defaultValue = "auto", paramLabel = "auto|block|distributed|ultra|spram",
                description = "Where the weight memories go (FINN's ram_style): auto (a ROM in logic, or block RAM "
                + "where that saves LUTs), block (BRAM18/EBR), distributed (LUTs), ultra (UltraRAM on xczu7ev, "
                + "xcvu9p, xcu250, xcvc1902 for the memories auto puts in block RAM), spram (iCE40 UltraPlus SPRAM "
                + "for those memories; written after configuration: a one-time start-up load) (default "
                + "${DEFAULT-VALUE}).")
        String ramStyle;

        @Option(names = "--allow-over-budget", description = "Report a design that does not fit the device with exit "
                + "0 (default: exit 2 naming the resource).")
        boolean allowOver;

        @Option(names = "--out", paramLabel = "DIR", description = "Write result.json and layers.csv.")
        Path out;

        @Option(names = "--compat", paramLabel = "finn", description = "Count as FINN does: each layer as the "
                + "MVAU/VVAU node FINN makes of it, with FINN's own cycle and LUT/BRAM18/URAM/DSP formulas "
                + "(docs/finn-compat.md).")
        String compat;

        @Option(names = "--finn-version", defaultValue = "current", paramLabel = "V", description = "--compat finn: "
                + "v0.8, v0.8.1, v0.9 or current (39f0c9a, = v0.10.1's estimate code) (default ${DEFAULT-VALUE}).")
        String finnVersion;

        /** The clock of {@code --clock auto} where no clock model exists: FINN's default 5 ns period. */
        static final double DEFAULT_CLOCK_MHZ = 200;

        @Override
        public void run() {
            if (out != null) {
                OutputSet.checkFolder(out, "--out", force.force);
            }
            Target t = Targets.parse(device.trim().toLowerCase(Locale.ROOT).startsWith("fpga:") ? device
                    : "fpga:" + device, "--device");
            FpgaPart part = (FpgaPart) t;
            FpgaDataflow.RamStyle style = FpgaDataflow.RamStyle.parse(ramStyle, "--ram-style");
            style.requireFor(part, "--ram-style");
            if (compat != null && style != FpgaDataflow.RamStyle.AUTO) {
                throw new InvalidInputException("--ram-style", ramStyle, "auto with --compat finn (FINN's ram_style "
                        + "is a node attribute: give it per MVAU/VVAU node in the --folding file)");
            }
            boolean autoClock = clock.trim().equalsIgnoreCase("auto");
            // --compat finn counts at FINN's clock (the user's, or its default 5 ns), not at the modelled Fmax
            boolean modelClock = autoClock && compat == null;
            double clockMhz = modelClock ? DataflowClock.startMhz(part, DEFAULT_CLOCK_MHZ)
                    : autoClock ? DEFAULT_CLOCK_MHZ : io.qdse.hwmodels.io.Decimals.parse(clock, "--clock",
                    "a clock in (0, 2000] MHz, or auto");
            if (!(clockMhz > 0 && clockMhz <= 2000)) {
                throw new InvalidInputException("--clock", clock, "a clock in (0, 2000] MHz, or auto");
            }
            if (targetFps != null && targetCycles != null) {
                throw new InvalidInputException("--target-fps", targetFps, "either --target-fps or --target-cycles");
            }
            if (targetFps != null && !(targetFps > 0 && Double.isFinite(targetFps))) {
                throw new InvalidInputException("--target-fps", targetFps, "frames per second > 0");
            }
            if (targetCycles != null && targetCycles < 1) {
                throw new InvalidInputException("--target-cycles", targetCycles, "cycles per frame >= 1");
            }
            FpgaDataflow.ResType rt = switch (resType.trim().toLowerCase(Locale.ROOT)) {
                case "lut" -> FpgaDataflow.ResType.LUT;
                case "dsp" -> FpgaDataflow.ResType.DSP;
                case "auto" -> FpgaDataflow.ResType.AUTO;
                default -> throw new InvalidInputException("--res-type", resType, "lut, dsp or auto");
            };
            Simulator.EngineKind kind = switch (engine.trim().toLowerCase(Locale.ROOT)) {
                case "analytical" -> Simulator.EngineKind.ANALYTICAL;
                case "cycle" -> Simulator.EngineKind.CYCLE;
                default -> throw new InvalidInputException("--engine", engine, "analytical or cycle");
            };
            LayerFormats base = FormatsSpec.parse("w=int8,a=int8,out=int8", "default formats",
                    Presets.edge32x32().formats());
            LayerFormats defaults = formats == null ? base : FormatsSpec.parse(formats, "--formats", base);
            Workload w = Inputs.workload(workload, List.of(), List.of());
            Map<String, LayerFormats> perLayer = new HashMap<>(FormatsFiles.precisionColumns(workload, "--workload",
                    defaults));
            if (formatsFile != null) {
                Map<String, LayerFormats> rows = FormatsFiles.read(formatsFile, "--formats-file", defaults);
                FormatsFiles.requireLayers(rows, w.layers().stream().map(io.qdse.simulator.workload.Layer::name)
                        .toList(), w.name(), formatsFile, "--formats-file");
                perLayer.putAll(rows);
            }
            List<String> notes = new ArrayList<>();
            Map<String, FpgaDataflow.Fold> folds = new LinkedHashMap<>();
            Map<String, String> finnNodes = Map.of();
            Map<String, Map<String, String>> nodeAttrs = Map.of();
            if (folding != null) {
                FoldingFiles.Folding f = FoldingFiles.read(folding, "--folding", w);
                folds.putAll(f.folds());
                if (compat == null) { // a node's ram_style places that layer's weights (FINN's attribute)
                    f.attrs().forEach((layer, a) -> a.forEach((k, v) -> {
                        if (k.equalsIgnoreCase("ram_style") && folds.containsKey(layer)) {
                            FpgaDataflow.RamStyle rs = FpgaDataflow.RamStyle.parse(v, "--folding " + layer
                                    + ".ram_style");
                            // auto follows --ram-style
                            folds.put(layer, folds.get(layer).withRamStyle(rs == FpgaDataflow.RamStyle.AUTO ? null
                                    : rs));
                        }
                    }));
                }
                finnNodes = f.finnNodes();
                nodeAttrs = f.attrs();
                notes.addAll(f.notes());
            }
            DoubleFunction<FpgaDataflow> build = mhz -> FpgaDataflow.of("dataflow", part, mhz, defaults, w, folds,
                    targetCycles != null ? targetCycles
                    : targetFps != null ? Math.max(1, (long) Math.floor(mhz * 1e6 / targetFps)) : 0, rt,
                    new DramSpec(DramType.DDR4, 19.2), perLayer::get);
            FpgaDataflow d = build.apply(clockMhz);
            double foldClock = clockMhz;
            List<String> clockNotes = new ArrayList<>();
            DataflowClock.Limit limit = DataflowClock.limit(d, w, perLayer);
            if (modelClock && limit.known()) {
                DataflowClock.Settled settled = DataflowClock.settle(clockMhz, build, w, perLayer);
                d = settled.design();
                foldClock = settled.foldClockMhz();
                limit = DataflowClock.limit(d, w, perLayer);
                clockNotes.add("clock " + Numbers.plain(d.clockMhz()) + " MHz = the slowest unit's modelled Fmax ("
                        + limit.layer() + "; " + DataflowClock.basis(part) + ")" + (targetFps == null ? ""
                        : ", the folds chosen for it"));
            } else if (autoClock && limit.known()) {
                clockNotes.add("clock " + Numbers.plain(clockMhz) + " MHz, FINN's default (--compat finn counts at "
                        + "FINN's clock); the modelled Fmax is " + Numbers.plain(limit.fmaxMhz()) + " MHz ("
                        + limit.layer() + "; " + DataflowClock.basis(part) + ")");
            } else if (limit.known() && limit.fmaxMhz() < clockMhz) {
                clockNotes.add("--clock " + Numbers.plain(clockMhz) + " MHz is above the modelled Fmax "
                        + Numbers.plain(limit.fmaxMhz()) + " MHz of " + limit.layer() + " ("
                        + DataflowClock.basis(part) + "): the design is unlikely to close timing there"
                        + (compat == null ? "; --clock auto runs it at its Fmax" : ""));
            } else if (autoClock) {
                clockNotes.add("clock " + Numbers.plain(clockMhz) + " MHz, FINN's default: QDSE models the clock on iCE40 "
                        + "and AMD/Xilinx parts only (docs/fpga.md 'Clock'); give --clock from your timing closure on "
                        + part.name());
            }
            // the folding target at the clock the folds were chosen for (auto on iCE40: near the modelled Fmax)
            long target = targetCycles != null ? targetCycles
                    : targetFps != null ? Math.max(1, (long) Math.floor(foldClock * 1e6 / targetFps)) : 0;
            int unfolded = (int) w.computeLayers().stream().filter(l -> !folds.containsKey(l.name())).count();
            if (unfolded > 0) {
                notes.add(unfolded + " layer(s) " + (folding == null ? "" : "not in --folding ") + (target > 0
                        ? "folded to the least parallelism meeting " + Numbers.count(target) + " cycles per frame "
                        + "(SIMD first, then PE, as FINN's SetFolding)" : "at PE = SIMD = 1 (give --target-fps or "
                        + "--target-cycles to fold for throughput)"));
            }
            notes.addAll(clockNotes);
            if (synth != null) {
                d = d.withSynth(io.qdse.hwmodels.fpga.Synth.parse(synth, "--synth"));
            }
            d = d.withRamStyle(style, "--ram-style");
            if (compat != null) {
                if (!compat.trim().equalsIgnoreCase("finn")) {
                    throw new InvalidInputException("--compat", compat, "finn");
                }
                runFinn(w, d, perLayer, defaults, finnNodes, nodeAttrs, notes);
                return;
            }
            DataflowEstimate e = DataflowEstimate.run(w, d, perLayer, kind);
            if (e.totals().sprams() > 0) {
                notes.add(FpgaRender.spramNote(e));
            }
            FpgaRender.EstimateRun run = new FpgaRender.EstimateRun(e, finnNodes, notes,
                    io.qdse.rtl.MvuSynthesis.lutError(part, d.synth() == null
                            ? io.qdse.hwmodels.fpga.Synth.defaultFor(part) : d.synth()));
            ObjectNode json = FpgaRender.json(run);
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(output.json ? Json.write(json) : FpgaRender.text(run));
            pw.flush();
            List<DataflowEstimate.Excess> over = e.excess();
            if (!over.isEmpty() && !allowOver) {
                DataflowEstimate.Excess x = over.get(0);
                List<String> all = new ArrayList<>();
                for (DataflowEstimate.Excess o : over) {
                    all.add(o.resource() + " " + Numbers.count(Math.ceil(o.used())) + " > " + Numbers.count(o.available()));
                }
                throw new InvalidInputException("device " + part.name() + " " + x.resource(),
                        Numbers.count(Math.ceil(x.used())), "at most the part's " + Numbers.count(x.available()) + " (over: "
                        + String.join(", ", all) + "); try narrower formats, less parallelism (a lower --target-fps), "
                        + "--res-type, a larger part, or --allow-over-budget to report it anyway");
            }
            write(json, FpgaRender.csv(run));
        }

        private void write(ObjectNode json, String csv) {
            if (out != null) {
                try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
                    set.write("result.json", Json.write(json));
                    set.write("layers.csv", csv);
                    set.commit();
                }
                if (!output.json) {
                    spec.commandLine().getOut().println("wrote " + out.resolve("result.json") + " and "
                            + out.resolve("layers.csv"));
                }
            }
        }

        private void runFinn(Workload w, FpgaDataflow d, Map<String, LayerFormats> perLayer, LayerFormats defaults,
                             Map<String, String> finnNodes, Map<String, Map<String, String>> nodeAttrs,
                             List<String> notes) {
            FinnVersion v = FinnVersion.parse(finnVersion);
            java.util.Set<String> withOut = new java.util.HashSet<>(FormatsFiles.layersWithOutput(workload,
                    formatsFile, "--formats-file"));
            if (formats != null && formats.replace(" ", "").toLowerCase(Locale.ROOT).matches("(^|.*,)out=.*")) {
                w.computeLayers().forEach(l -> withOut.add(l.name()));
            }
            String finnRes = switch (d.resType()) {
                case LUT -> "lut";
                case DSP -> "dsp";
                case AUTO -> null;
            };
            List<FinnCompat.Row> rows = FinnCompat.estimate(v, w, d, perLayer, withOut, finnNodes, nodeAttrs,
                    finnRes);
            List<String> n = new ArrayList<>(notes);
            long thresholded = rows.stream().filter(r -> "0".equals(String.valueOf(r.attrs().get("noActivation"))))
                    .count();
            n.add("thresholds (noActivation = 0) on " + thresholded + " of " + rows.size() + " layers (those "
                    + "with an output width narrower than the accumulator: out_bits, out=); accumulators at the data "
                    + "types' bounds");
            FpgaRender.FinnRun run = new FpgaRender.FinnRun(w.name(), d.part(), "FINN " + v.label() + ", commit " + v.commit().substring(0, 12),
                    d.clockMhz(), rows, n);
            ObjectNode json = FpgaRender.finnJson(run);
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(output.json ? Json.write(json) : FpgaRender.finnText(run));
            pw.flush();
            write(json, FpgaRender.finnCsv(run));
        }
    }
}
