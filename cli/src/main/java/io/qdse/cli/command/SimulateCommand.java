package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.render.SimulateRender;
import io.qdse.reports.text.Json;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.scalesim.LayerReport;
import io.qdse.simulator.scalesim.ScaleSimConfig;
import io.qdse.simulator.scalesim.ScaleSimEngine;
import io.qdse.simulator.scalesim.ScaleSimInputs;
import io.qdse.simulator.scalesim.ScaleSimLayer;
import io.qdse.simulator.scalesim.io.ScaleSimFiles;
import io.qdse.simulator.scalesim.io.ScaleSimReports;
import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.io.WorkloadFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse simulate}: a workload on an accelerator of any kind, layer by layer. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a workload on an accelerator (systolic or bit-serial array): cycles, stalls, "
            + "utilisation, traffic per memory level in bits, energy and area (or FPGA resources).",
            "Default: QDSE's physical counting (docs/simulator.md). --compat scalesim reproduces SCALE-Sim v2 "
            + "exactly and writes its three reports."})
public final class SimulateCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Option(names = "--arch", defaultValue = "edge-32x32", paramLabel = "PRESET|FILE",
            description = "Accelerator: a preset (systolic: tpu-v1-like, eyeriss-like, edge-32x32; bit-serial: "
                    + "bitserial:stripes, bitserial:loom, bitserial:bitfusion, bitserial:bitmod, bitserial:laconic, "
                    + "bitserial:parallel; GPU: gpu:v100-sxm2, gpu:a100-sxm4-40gb, gpu:a100-sxm4-80gb, "
                    + "gpu:a100-pcie-80gb, gpu:h100-sxm5, gpu:h100-pcie, gpu:h200) or a YAML/JSON file with kind: "
                    + "systolic|bitserial (default ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--workload", paramLabel = "NAME|FILE",
            description = "Built-in network (resnet18, resnet50, mobilenetv2, bert-base, vit-b16, llama2-7b, llama2-13b, "
                    + "llama3-8b, yi-6b, opt-1.3b, phi-2; options like llama2-7b:decode:ctx=4096:b=8), a Hugging Face "
                    + "config (hf:PATH/config.json[:prefill|:decode][:b=B][:s=S][:ctx=C]), a layer-list / SCALE-Sim "
                    + "topology file, an ONNX file or a known model (minilm, ppocr-det, ppocr-rec, ppocr-cls).")
    String workload;

    @Option(names = "--onnx-input", paramLabel = "NAME=DIMS",
            description = "Shape of an ONNX model input, e.g. x=1x3x224x224 (repeatable; known models have defaults).")
    List<String> onnxInputs = new java.util.ArrayList<>();

    @Option(names = "--onnx-dim", paramLabel = "SYMBOL=N",
            description = "Value of a symbolic ONNX dimension, e.g. batch=1 (repeatable).")
    List<String> onnxDims = new java.util.ArrayList<>();

    @Option(names = "--gemm", paramLabel = "M,N,K", description = "One GEMM instead of a workload.")
    String gemm;

    @Option(names = "--topology", paramLabel = "FILE", description = "A SCALE-Sim topology CSV (conv or M,N,K).")
    Path topology;

    @Option(names = "--input-type", defaultValue = "auto", paramLabel = "auto|conv|gemm",
            description = "How to read --topology, as SCALE-Sim's -i (default ${DEFAULT-VALUE}: gemm when the header "
                    + "is 'Layer, M, N, K,', else conv).")
    String inputType;

    @Option(names = "--scalesim-cfg", paramLabel = "FILE",
            description = "A SCALE-Sim .cfg: run SCALE-Sim's input set unchanged (with --topology), in compat mode.")
    Path scalesimCfg;

    @Option(names = "--formats", paramLabel = "SPEC",
            description = "Formats of every layer, e.g. w=int4,a=fp8_e4m3,acc=fp32,out=fp8_e4m3,kv=int4 (default: the "
                    + "arch's; kv is the KV cache of decoder attention).")
    String formats;

    @Option(names = "--formats-file", paramLabel = "FILE",
            description = "Per-layer formats: CSV with header layer,w,a,acc,out (missing layers use --formats).")
    Path formatsFile;

    @Option(names = "--engine", defaultValue = "analytical", paramLabel = "E",
            description = "analytical | cycle (default ${DEFAULT-VALUE}); on a GPU: the closed-form kernel model | the "
                    + "event-level SM pipeline replay (also: event).")
    String engine;

    @Option(names = "--max-steps", defaultValue = "1e10", paramLabel = "N", description = "--engine cycle: refuse a "
            + "run estimated to step more PE-cycles than this (default ${DEFAULT-VALUE}, about 20 s).")
    double maxSteps;

    @Option(names = "--compat", paramLabel = "TOOL", description = "Count as a peer tool does: scalesim (SCALE-Sim "
            + "v2), bitmod (BitMoD's simulator; --arch bitmod:ACCEL), bitfusion (Bit Fusion's simulator; "
            + "--bitfusion-cfg).")
    String compat;

    @Option(names = "--phase", paramLabel = "prefill|decode", description = "--compat bitmod: prefill (default) or "
            + "decode.")
    String phase;

    @Option(names = "--context", paramLabel = "N", description = "--compat bitmod: context length in tokens "
            + "(default 256, the tool's).")
    Long context;

    @Option(names = "--batch", paramLabel = "B", description = "--compat bitmod: batch size (default 1); --compat "
            + "bitfusion: samples to run (the layer list describes one; default: as the list gives them).")
    Long batch;

    @Option(names = "--bitmod-version", defaultValue = "current", paramLabel = "paper|current",
            description = "--compat bitmod: paper (commit a902a09, the HPCA'25 runs) or current (e445a5f) (default "
                    + "${DEFAULT-VALUE}).")
    String bitmodVersion;

    @Option(names = "--bitmod-w-prec", paramLabel = "BITS", description = "--compat bitmod: weight precision instead "
            + "of the scripts' per-model value (needed for ANT/OliVe on other models).")
    Double bitmodWPrec;

    @Option(names = "--weights", paramLabel = "PATH", description = "Weights for term-serial (Laconic-style) "
            + "bit-serial arrays: a .npy/.npz file or a folder of .npy (layer names as in the workload); an ONNX "
            + "workload brings its own. Without them every weight takes the worst case.")
    Path weights;

    @Option(names = "--bitfusion-cfg", paramLabel = "FILE", description = "--compat bitfusion: the simulator's .ini "
            + "configuration (e.g. bf_e_conf.ini).")
    Path bitfusionCfg;

    @Option(names = "--bandwidth-mode", defaultValue = "calc", paramLabel = "calc|user",
            description = "SCALE-Sim interface bandwidth when converting --arch for --compat (default ${DEFAULT-VALUE}).")
    String bandwidthMode;

    @Option(names = "--python312", description = "Compat: sum utilisations as Python >= 3.12 does (last digits).")
    boolean python312;

    @Option(names = "--crossover", description = "GPU (--arch gpu:NAME or gpu:all) and a decoder LLM (--workload): the "
            + "decode batch at which one transformer layer's projections turn from HBM-bound to compute-bound, per "
            + "formats (fp16, bf16, fp8, int8, w8a16, w4a16 where the GPU runs them).")
    boolean crossover;

    @Option(names = "--out", paramLabel = "DIR", description = "Write results here (CSV + JSON; SCALE-Sim reports in compat).")
    Path out;

    @Mixin
    ForceOption force;

    @Override
    public void run() {
        if (out != null) {
            OutputSet.checkFolder(out, "--out", force.force);
        }
        String mode = compat == null ? (scalesimCfg != null ? "scalesim" : bitfusionCfg != null ? "bitfusion" : "")
                : compat.trim().toLowerCase(Locale.ROOT);
        scope(mode);
        switch (mode) {
            case "scalesim":
                runScaleSim();
                return;
            case "bitmod":
                runBitMod();
                return;
            case "bitfusion":
                runBitFusion();
                return;
            case "":
                break;
            default:
                throw new InvalidInputException("--compat", compat, "scalesim, bitmod or bitfusion");
        }
        if (crossover) {
            runCrossover();
            return;
        }
        Accelerator a = loadArch();
        Workload w = loadWorkload();
        LayerFormats defaults = formats == null ? a.formats() : FormatsSpec.parse(formats, "--formats", a.formats());
        Map<String, LayerFormats> perLayer = formatsFile == null
                ? io.qdse.simulator.arch.io.FormatsFiles.precisionColumns(workload, "--workload", defaults)
                : io.qdse.simulator.arch.io.FormatsFiles.read(formatsFile, "--formats-file", defaults);
        if (formatsFile != null) {
            io.qdse.simulator.arch.io.FormatsFiles.requireLayers(perLayer, w.layers().stream().map(
                    io.qdse.simulator.workload.Layer::name).toList(), w.name(), formatsFile, "--formats-file");
        }
        if (a instanceof SystolicArray s) {
            checkFits(s, defaults);
        }
        a.checkFormats(defaults, "--formats");
        for (Map.Entry<String, LayerFormats> e : perLayer.entrySet()) {
            a.checkFormats(e.getValue(), "--formats-file layer " + e.getKey());
        }
        Simulator.EngineKind kind = parseEngine(engine);
        Simulator sim = new Simulator(termSource(a));
        java.util.function.Function<String, LayerFormats> fo = name -> perLayer.getOrDefault(name, defaults);
        // a GPU's event-level replay bounds its own work (GpuEventSim.MAX_BLOCKS): no PE-step estimate for it
        if (kind == Simulator.EngineKind.CYCLE && !(a instanceof io.qdse.simulator.arch.TensorCoreGpu)) {
            // the cycle-stepped engines step every PE every cycle: estimate that first and refuse what is too long
            if (!(maxSteps > 0)) {
                throw new InvalidInputException("--max-steps", maxSteps, "a number > 0");
            }
            double steps = Simulator.cycleSteps(sim.run(w, a, Simulator.EngineKind.ANALYTICAL, fo), w, a);
            if (steps > maxSteps) {
                throw new InvalidInputException("--engine cycle", String.format(Locale.ROOT, "about %.3g PE-steps, "
                        + "roughly %s at the ~5e8 PE-steps/s measured here", steps, duration(steps / 5e8)), String.format(Locale.ROOT,
                        "at most --max-steps %.3g (raise it to run anyway, or use --engine analytical, which "
                        + "agrees with it on every counter)", maxSteps));
            }
            if (steps >= LONG_STEPS) {
                spec.commandLine().getErr().println(String.format(Locale.ROOT, "qdse: cycle-stepped engine: about "
                        + "%.3g PE-steps, roughly %s at the ~5e8 PE-steps/s measured here (--max-steps %.3g)",
                        steps, duration(steps / 5e8), maxSteps));
                spec.commandLine().getErr().flush();
            }
        }
        Simulator.NetworkResult r = sim.run(w, a, kind, fo, progress());
        List<io.qdse.simulator.gpu.GpuReport.Gemm> gemms = null;
        if (a instanceof io.qdse.simulator.arch.TensorCoreGpu g) {
            gemms = io.qdse.simulator.gpu.GpuReport.of(w, g, fo, kind == Simulator.EngineKind.CYCLE);
            notes.addAll(io.qdse.simulator.gpu.GpuReport.notes(gemms));
        }
        ObjectNode json = gemms != null ? SimulateRender.json(r, a, notes, gemms) : SimulateRender.json(r, a, notes);
        if (out != null) {
            try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
                set.write("result.json", Json.write(json));
                set.write("layers.csv", SimulateRender.layersCsv(r));
                set.write("ert.json", Json.write(SimulateRender.ertJson(sim.actionTable(r, a))));
                set.commit();
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(json));
            return;
        }
        pw.print(gemms != null ? SimulateRender.gpuText(r, a, gemms) : SimulateRender.text(r, a));
        for (String n : notes) {
            pw.println("Note: " + n);
        }
        if (out != null) {
            pw.println("wrote " + out.resolve("result.json") + ", layers.csv and ert.json (energy per action, area per "
                    + "component; qdse report " + out + " --out REPORT_DIR for charts)");
        }
    }

    /**
     * Options of one mode given in another are refused, naming the mode they belong to (OptionScope): a compat run
     * counts as its tool does, so QDSE's engines, formats and weights do nothing there, and each tool's own options
     * do nothing elsewhere.
     */
    private void scope(String mode) {
        boolean native_ = mode.isEmpty();
        OptionScope.only(spec, mode.equals("scalesim"), "with --compat scalesim", "--scalesim-cfg", "--python312");
        OptionScope.only(spec, mode.equals("scalesim") && scalesimCfg == null, "with --compat scalesim converting "
                + "--arch (a --scalesim-cfg sets its own bandwidth)", "--bandwidth-mode");
        OptionScope.only(spec, topology != null, "with --topology", "--input-type");
        OptionScope.only(spec, workload != null, "with an ONNX --workload", "--onnx-input", "--onnx-dim");
        OptionScope.only(spec, mode.equals("bitmod"), "with --compat bitmod (elsewhere put the point in the "
                + "workload, e.g. llama2-7b:decode:ctx=2048:b=4)", "--phase", "--context", "--bitmod-version",
                "--bitmod-w-prec");
        OptionScope.only(spec, mode.equals("bitmod") || mode.equals("bitfusion"), "with --compat bitmod or "
                + "bitfusion (elsewhere put the batch in the workload, e.g. llama2-7b:decode:b=4)", "--batch");
        OptionScope.only(spec, mode.equals("bitfusion"), "with --compat bitfusion", "--bitfusion-cfg");
        OptionScope.only(spec, native_, "in QDSE's own counting (a --compat run counts as its tool does)",
                "--engine", "--max-steps", "--formats", "--formats-file", "--weights");
        OptionScope.only(spec, native_ || mode.equals("scalesim"), "in QDSE's own counting or --compat scalesim "
                + "(the other tools take a --workload)", "--gemm", "--topology");
        OptionScope.only(spec, !mode.equals("bitfusion"), "outside --compat bitfusion (its .ini is the "
                + "accelerator)", "--arch");
        OptionScope.only(spec, !native_ || parseEngine(engine) == Simulator.EngineKind.CYCLE, "with --engine cycle",
                "--max-steps");
    }

    /** PE-steps from which a cycle-stepped run says up front how long it will take (about 2 s at ~5e8 steps/s). */
    static final double LONG_STEPS = 1e9;

    /**
     * @return what reports, on stderr, how far a run has got: a line every 2 s once it has run 2 s (a short run says
     *     nothing), with the layers done, the last one and the time so far
     */
    private Simulator.Progress progress() {
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        long[] last = {t0};
        return (done, total, layer) -> {
            long now = System.nanoTime();
            if (now - last[0] >= 2_000_000_000L && done < total) {
                last[0] = now;
                err.printf(Locale.ROOT, "qdse: %s engine: %d of %d layers done (last: %s), %.0f s%n", engine
                        .toLowerCase(Locale.ROOT), done, total, layer, (now - t0) / 1e9);
                err.flush();
            }
        };
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.3g h", seconds / 3600);
    }

    private static Simulator.EngineKind parseEngine(String e) {
        switch (e.toLowerCase(Locale.ROOT)) {
            case "analytical":
                return Simulator.EngineKind.ANALYTICAL;
            case "cycle":
            case "cycle-stepped":
            case "event":
                return Simulator.EngineKind.CYCLE;
            default:
                throw new InvalidInputException("--engine", e, "analytical or cycle");
        }
    }

    Accelerator loadArch() {
        return io.qdse.cli.io.Inputs.arch(arch);
    }

    Workload loadWorkload() {
        int given = (workload != null ? 1 : 0) + (gemm != null ? 1 : 0) + (topology != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidInputException("--workload/--gemm/--topology", given == 0 ? "none" : "several",
                    "give exactly one of --workload NAME|FILE, --gemm M,N,K, --topology FILE");
        }
        if (gemm != null) {
            String[] p = gemm.split(",");
            if (p.length != 3) {
                throw new InvalidInputException("--gemm", gemm, "three positive whole numbers M,N,K, e.g. 512,768,768");
            }
            long[] v = new long[3];
            for (int i = 0; i < 3; i++) {
                try {
                    v[i] = Long.parseLong(p[i].trim());
                } catch (NumberFormatException e) {
                    v[i] = -1;
                }
                if (v[i] <= 0) {
                    throw new InvalidInputException("--gemm", gemm, "three positive whole numbers M,N,K ('" + p[i].trim()
                            + "' is not)");
                }
            }
            LayerOp op = LayerOp.gemm("gemm", v[0], v[1], v[2]);
            return new Workload("gemm " + v[0] + "x" + v[1] + "x" + v[2], "one GEMM",
                    List.of(new io.qdse.simulator.workload.Layer("gemm", "linear", List.of(op), v[1] * v[2])));
        }
        if (topology != null) {
            String name = topology.getFileName().toString().replaceAll("\\.[^.]*$", "");
            return WorkloadFiles.fromScaleSim(name, ScaleSimFiles.readTopology(topology, isGemmTopology(topology)));
        }
        return io.qdse.cli.io.Inputs.workload(workload, onnxInputs, onnxDims);
    }

    /** Every scratchpad half must hold at least one array-edge vector of its operand. */
    static void checkFits(SystolicArray a, LayerFormats f) {
        long[][] need = {{a.ifmapSram().bits() / 2, (long) Math.max(a.rows(), a.cols()) * f.activation().elementBits()},
            {a.filterSram().bits() / 2, (long) Math.max(a.rows(), a.cols()) * f.weight().elementBits()},
            {a.ofmapSram().bits() / 2, (long) a.cols() * f.accumulator().registerBits()}};
        String[] names = {"ifmap", "filter", "ofmap"};
        for (int i = 0; i < 3; i++) {
            if (need[i][0] < need[i][1]) {
                throw new InvalidInputException("arch.sram." + names[i] + "_kib", need[i][0] * 2 / 8 / 1024.0,
                        "too small for one fold: each double-buffer half must hold one " + (need[i][1] / 8)
                                + "-byte array-edge vector (use at least " + (need[i][1] * 2 / 8 + 1023) / 1024 + " KiB)");
            }
        }
    }

    private final List<String> notes = new java.util.ArrayList<>();

    /** The weights' Booth terms for a term-serial array (from the ONNX workload or --weights), else none. */
    private io.qdse.simulator.engine.TermSource termSource(Accelerator a) {
        boolean termSerial = a instanceof BitSerialArray b && b.pe().termSerial();
        if (!termSerial) {
            if (weights != null) {
                throw new InvalidInputException("--weights", weights, "only with a term-serial bit-serial array (e.g. "
                        + "--arch bitserial:laconic), whose cycles depend on the weights' values");
            }
            return io.qdse.simulator.engine.TermSource.NONE;
        }
        java.util.List<io.qdse.search.sensitivity.LayerWeights> lw;
        if (weights != null) {
            lw = io.qdse.search.sensitivity.WeightSources.fromNumpy(weights);
        } else if (workload != null && io.qdse.cli.io.Inputs.isOnnx(workload)) {
            io.qdse.cli.io.Inputs.Onnx o = io.qdse.cli.io.Inputs.onnx(workload, "--workload");
            lw = io.qdse.search.sensitivity.WeightSources.fromOnnx(io.qdse.simulator.workload.onnx.OnnxImporter
                    .importModel(o.model(), o.name(), io.qdse.cli.io.Inputs.onnxOptions(onnxInputs, onnxDims,
                    o.defaultInputs())).weights());
        } else {
            notes.add("term-serial array without weights: every weight takes the worst case (all Booth digits "
                    + "non-zero); give --weights or an ONNX workload");
            return io.qdse.simulator.engine.TermSource.NONE;
        }
        io.qdse.search.sensitivity.WeightTerms t = new io.qdse.search.sensitivity.WeightTerms(lw);
        notes.add("term-serial steps from the Booth terms of " + t.layers() + " layers' real weights (per-channel "
                + "absmax quantization to each layer's weight format)");
        return t;
    }

    // ---- GPU decode crossover ---------------------------------------------------------------------------------

    private void runCrossover() {
        if (workload == null) {
            throw new InvalidInputException("--workload", "none", "a decoder LLM for --crossover: a zoo name (llama3-8b, "
                    + "llama2-7b, ...) or hf:PATH/config.json");
        }
        io.qdse.simulator.workload.Zoo.LlmModel m = io.qdse.simulator.workload.Zoo.llm(workload, "--workload");
        List<io.qdse.simulator.gpu.GpuSpec> gpus = new java.util.ArrayList<>();
        String t = arch.trim().toLowerCase(Locale.ROOT);
        if (t.equals("gpu:all")) {
            for (String n : io.qdse.simulator.gpu.GpuPresets.names()) {
                gpus.add(io.qdse.simulator.gpu.GpuPresets.get(n, "--arch"));
            }
        } else if (loadArch() instanceof io.qdse.simulator.arch.TensorCoreGpu g) {
            gpus.add(g.spec());
        } else {
            throw new InvalidInputException("--arch", arch, "a GPU for --crossover (gpu:NAME or gpu:all)");
        }
        List<io.qdse.simulator.gpu.DecodeCrossover.Row> rows = new java.util.ArrayList<>();
        for (io.qdse.simulator.gpu.GpuSpec g : gpus) {
            rows.addAll(io.qdse.simulator.gpu.DecodeCrossover.table(m.spec(), g));
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(SimulateRender.crossoverJson(m.spec().name(), rows)));
            return;
        }
        pw.print(SimulateRender.crossoverText(m.spec().name(), rows));
    }

    // ---- BitMoD compatibility ---------------------------------------------------------------------------------

    private void runBitMod() {
        if (workload == null) {
            throw new InvalidInputException("--workload", "none", "a decoder LLM: hf:PATH/config.json or a zoo name "
                    + "(opt-1.3b, phi-2, yi-6b, llama2-7b, llama2-13b, llama3-8b)");
        }
        io.qdse.simulator.bitmod.BitModSim.Accel acc = io.qdse.simulator.bitmod.BitModSim.Accel.parse(arch, "--arch");
        io.qdse.simulator.bitmod.BitModSim.Version v = io.qdse.simulator.bitmod.BitModSim.Version.parse(bitmodVersion,
                "--bitmod-version");
        String ph = phase == null ? "prefill" : phase.trim().toLowerCase(Locale.ROOT);
        if (!ph.equals("prefill") && !ph.equals("decode")) {
            throw new InvalidInputException("--phase", phase, "prefill or decode");
        }
        io.qdse.simulator.workload.Zoo.LlmModel m = io.qdse.simulator.workload.Zoo.llm(workload, "--workload");
        String hub = m.hubName() == null ? m.spec().name() : m.hubName();
        long ctx = context == null ? 256 : context;
        long b = batch == null ? 1 : batch;
        io.qdse.simulator.bitmod.BitModSim.Result r = io.qdse.simulator.bitmod.BitModSim.simulate(v, acc, m.spec(), hub,
                ph.equals("decode"), ctx, b, bitmodWPrec == null ? Double.NaN : bitmodWPrec);
        SimulateRender.BitModRun run = new SimulateRender.BitModRun(v, acc, hub, ph, ctx, b, r);
        ObjectNode o = SimulateRender.bitModJson(run);
        writeOut(Json.write(o), SimulateRender.bitModCsv(r));
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(o));
            return;
        }
        pw.print(SimulateRender.bitModText(run));
        if (out != null) {
            pw.println("wrote " + out.resolve("result.json") + " and " + out.resolve("layers.csv"));
        }
    }

    // ---- Bit Fusion compatibility ------------------------------------------------------------------------------

    private void runBitFusion() {
        if (bitfusionCfg == null) {
            throw new InvalidInputException("--bitfusion-cfg", "none", "the Bit Fusion .ini configuration");
        }
        if (workload == null) {
            throw new InvalidInputException("--workload", "none", "a layer list (CSV/YAML: name,type,... with "
                    + "optional weight_bits, act_bits and im2col columns)");
        }
        if (batch != null && batch < 1) {
            throw new InvalidInputException("--batch", batch, "a batch size >= 1");
        }
        io.qdse.simulator.bitfusion.BitFusionSim.Config cfg = io.qdse.simulator.bitfusion.BitFusionFiles.readConfig(
                bitfusionCfg);
        io.qdse.simulator.workload.io.WorkloadFiles.LayerList list = io.qdse.simulator.workload.io.WorkloadFiles
                .readList(Path.of(workload), "--workload");
        List<io.qdse.simulator.bitfusion.BitFusionSim.Layer> layers = io.qdse.simulator.bitfusion.BitFusionFiles.layers(
                list, batch == null ? 0 : batch);
        io.qdse.simulator.bitfusion.BitFusionFiles.Energy energy = io.qdse.simulator.bitfusion.BitFusionFiles.energy(cfg);
        List<io.qdse.simulator.bitfusion.BitFusionSim.Stats> stats = new java.util.ArrayList<>();
        for (io.qdse.simulator.bitfusion.BitFusionSim.Layer l : layers) {
            stats.add(io.qdse.simulator.bitfusion.BitFusionSim.simulate(cfg, l, energy.costs()));
        }
        SimulateRender.BitFusionRun run = new SimulateRender.BitFusionRun(list.workload().name(),
                bitfusionCfg.toString(), cfg, energy.source(), layers, stats);
        ObjectNode o = SimulateRender.bitFusionJson(run);
        writeOut(Json.write(o), SimulateRender.bitFusionCsv(run));
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(o));
            return;
        }
        pw.print(SimulateRender.bitFusionText(run));
        if (out != null) {
            pw.println("wrote " + out.resolve("result.json") + " and " + out.resolve("layers.csv"));
        }
    }

    private void writeOut(String json, String csv) {
        if (out == null) {
            return;
        }
        try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
            set.write("result.json", json);
            set.write("layers.csv", csv);
            set.commit();
        }
    }

    // ---- SCALE-Sim compatibility ------------------------------------------------------------------------------

    private void runScaleSim() {
        ScaleSimConfig cfg;
        List<ScaleSimLayer> layers;
        if (scalesimCfg != null) {
            if (topology == null) {
                throw new InvalidInputException("--topology", null, "--scalesim-cfg needs the SCALE-Sim topology "
                        + "CSV it goes with");
            }
            cfg = ScaleSimFiles.readConfig(scalesimCfg);
            layers = ScaleSimFiles.readTopology(topology, isGemmTopology(topology));
        } else {
            SystolicArray a = io.qdse.cli.io.Inputs.systolic(arch, "--compat scalesim");
            boolean user = bandwidthMode.equalsIgnoreCase("user");
            if (!user && !bandwidthMode.equalsIgnoreCase("calc")) {
                throw new InvalidInputException("--bandwidth-mode", bandwidthMode, "calc or user");
            }
            cfg = ScaleSimInputs.config(a, user);
            layers = topology != null ? ScaleSimFiles.readTopology(topology, isGemmTopology(topology))
                    : ScaleSimInputs.layers(loadWorkload());
        }
        ScaleSimEngine eng = new ScaleSimEngine(cfg, python312 ? ScaleSimEngine.Summation.NEUMAIER
                : ScaleSimEngine.Summation.NAIVE);
        List<LayerReport> reports = eng.simulateAll(layers);
        Path dir = out != null ? out.resolve(cfg.runName()) : null;
        if (dir != null) {
            try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
                ScaleSimReports.render(reports).forEach((name, text) -> set.write(cfg.runName() + "/" + name, text));
                set.commit();
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        List<String> names = layers.stream().map(ScaleSimLayer::name).toList();
        if (output.json) {
            pw.print(Json.write(SimulateRender.scaleSimJson(cfg, names, reports)));
            return;
        }
        pw.print(SimulateRender.scaleSimText(cfg, names, reports));
        if (dir != null) {
            pw.println("wrote COMPUTE_REPORT.csv, BANDWIDTH_REPORT.csv, DETAILED_ACCESS_REPORT.csv to " + dir);
        }
    }

    private boolean isGemmTopology(Path p) {
        switch (inputType.toLowerCase(Locale.ROOT)) {
            case "conv":
                return false;
            case "gemm":
                return true;
            case "auto":
                break;
            default:
                throw new InvalidInputException("--input-type", inputType, "auto, conv or gemm");
        }
        String first = io.qdse.simulator.io.TextFiles.read(p, "--topology").lines().findFirst().orElse("");
        return ScaleSimFiles.isGemmHeader(first);
    }
}
