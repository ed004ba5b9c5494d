package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.scalesim.LayerReport;
import io.qdse.simulator.scalesim.PyFloat;
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
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
                    + "bitserial:parallel) or a YAML/JSON file with kind: systolic|bitserial (default ${DEFAULT-VALUE}).")
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
            description = "analytical | cycle (default ${DEFAULT-VALUE}).")
    String engine;

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
        for (Object[] o : new Object[][] {{"--phase", phase}, {"--context", context}, {"--batch", batch},
            {"--bitmod-w-prec", bitmodWPrec}}) {
            if (o[1] != null) {
                throw new InvalidInputException((String) o[0], o[1], "only with --compat bitmod/bitfusion; put the "
                        + "point in the workload instead (e.g. llama2-7b:decode:ctx=2048:b=4)");
            }
        }
        Accelerator a = loadArch();
        Workload w = loadWorkload();
        LayerFormats defaults = formats == null ? a.formats() : FormatsSpec.parse(formats, "--formats", a.formats());
        Map<String, LayerFormats> perLayer = formatsFile == null ? precisionColumns(defaults) : readFormatsFile(defaults);
        if (a instanceof SystolicArray s) {
            checkFits(s, defaults);
        }
        a.checkFormats(defaults, "--formats");
        for (Map.Entry<String, LayerFormats> e : perLayer.entrySet()) {
            a.checkFormats(e.getValue(), "--formats-file layer " + e.getKey());
        }
        Simulator.EngineKind kind = parseEngine(engine);
        Simulator.NetworkResult r = new Simulator(termSource(a)).run(w, a, kind,
                name -> perLayer.getOrDefault(name, defaults));
        ObjectNode json = json(r, a);
        if (!notes.isEmpty()) {
            ArrayNode na = json.putArray("notes");
            notes.forEach(na::add);
        }
        if (out != null) {
            try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
                set.write("result.json", Json.write(json));
                set.write("layers.csv", csv(r));
                set.commit();
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(json));
            return;
        }
        pw.print(render(r, a));
        for (String n : notes) {
            pw.println("Note: " + n);
        }
        if (out != null) {
            pw.println("wrote " + out.resolve("result.json") + " and " + out.resolve("layers.csv"));
        }
    }

    private static Simulator.EngineKind parseEngine(String e) {
        switch (e.toLowerCase(Locale.ROOT)) {
            case "analytical":
                return Simulator.EngineKind.ANALYTICAL;
            case "cycle":
            case "cycle-stepped":
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

    /**
     * Per-layer formats from a layer list's {@code weight_bits}/{@code act_bits} columns (signed integers of those
     * widths; other fields from the defaults); none for other workloads.
     */
    private Map<String, LayerFormats> precisionColumns(LayerFormats defaults) {
        if (workload == null || Files.isDirectory(Path.of(workload)) || !Files.isRegularFile(Path.of(workload))
                || io.qdse.cli.io.Inputs.isOnnx(workload)) {
            return Map.of();
        }
        Map<String, LayerFormats> m = new java.util.LinkedHashMap<>();
        WorkloadFiles.readList(Path.of(workload), "--workload").attrs().forEach((name, at) -> {
            if (at.weightBits() == null && at.actBits() == null) {
                return;
            }
            String spec = (at.weightBits() == null ? "" : "w=int" + at.weightBits())
                    + (at.weightBits() != null && at.actBits() != null ? "," : "")
                    + (at.actBits() == null ? "" : "a=int" + at.actBits());
            m.put(name, FormatsSpec.parse(spec, "--workload " + workload + " layer " + name, defaults));
        });
        return m;
    }

    private Map<String, LayerFormats> readFormatsFile(LayerFormats defaults) {
        List<String> lines;
        try {
            lines = Files.readAllLines(formatsFile, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("--formats-file", formatsFile, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, LayerFormats> m = new HashMap<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                if (!l.toLowerCase(Locale.ROOT).startsWith("layer")) {
                    throw new InvalidInputException("--formats-file " + formatsFile + " line " + (i + 1), l,
                            "the first line must be the header layer,w,a,acc,out");
                }
                continue;
            }
            String[] c = l.split("\\s*,\\s*");
            String where = "--formats-file " + formatsFile + " line " + (i + 1);
            StringBuilder sb = new StringBuilder();
            String[] keys = {"w", "a", "acc", "out"};
            for (int k = 1; k < c.length && k <= 4; k++) {
                if (!c[k].isEmpty()) {
                    sb.append(sb.length() == 0 ? "" : ",").append(keys[k - 1]).append('=').append(c[k]);
                }
            }
            m.put(c[0], sb.length() == 0 ? defaults : FormatsSpec.parse(sb.toString(), where, defaults));
        }
        return m;
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
        ObjectNode o = Json.object();
        o.put("compat", "bitmod@" + v.commit());
        o.put("accelerator", acc.key());
        o.put("model", hub);
        o.put("phase", ph);
        o.put("context", ctx);
        o.put("batch", b);
        Json.put(o, "w_prec_bits", r.wPrec());
        if (v == io.qdse.simulator.bitmod.BitModSim.Version.CURRENT) {
            Json.put(o, "kv_prec_bits", r.kvPrec());
        }
        o.putArray("pe_array").add(r.h()).add(r.w());
        o.put("compute_cycles", r.computeCycles());
        o.put("total_cycles", r.totalCycles());
        ObjectNode en = o.putObject("energy_uj");
        Json.put(en, "compute", r.computeUj());
        Json.put(en, "sram_read", r.sramReadUj());
        Json.put(en, "sram_write", r.sramWriteUj());
        Json.put(en, "dram", r.dramUj());
        Json.put(en, "onchip", r.onchipUj());
        Json.put(en, "total", r.totalUj());
        ObjectNode ar = o.putObject("area_mm2");
        Json.put(ar, "pe_array", r.peArrayAreaMm2());
        Json.put(ar, "weight_sram", r.wSramAreaMm2());
        Json.put(ar, "input_sram", r.iSramAreaMm2());
        ArrayNode layers = o.putArray("layers");
        StringBuilder csv = new StringBuilder("layer,attention,tiles,compute_cycles,dram_cycles,weight_bytes,"
                + "input_bytes,output_bytes,weight_refetch,input_refetch\n");
        for (io.qdse.simulator.bitmod.BitModSim.Layer l : r.layers()) {
            ObjectNode x = layers.addObject();
            x.put("layer", l.name());
            x.put("attention", l.attention());
            x.put("tiles", l.tiles());
            x.put("compute_cycles", l.computeCycles());
            x.put("dram_cycles", l.dramCycles());
            Json.put(x, "weight_bytes", l.wMemBytes());
            Json.put(x, "input_bytes", l.iMemBytes());
            Json.put(x, "output_bytes", l.oMemBytes());
            x.put("weight_refetch", l.fw());
            x.put("input_refetch", l.fi());
            csv.append(l.name()).append(',').append(l.attention()).append(',').append(l.tiles()).append(',')
                    .append(l.computeCycles()).append(',').append(l.dramCycles()).append(',')
                    .append(Numbers.plain(l.wMemBytes())).append(',').append(Numbers.plain(l.iMemBytes())).append(',')
                    .append(Numbers.plain(l.oMemBytes())).append(',').append(l.fw()).append(',').append(l.fi())
                    .append('\n');
        }
        writeOut(Json.write(o), csv.toString());
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(o));
            return;
        }
        pw.printf(Locale.ROOT, "BitMoD simulator (@%s) compatible run: %s on %s, %s, context %d, batch %d; PE array "
                + "%dx%d, weights %s bits%s%n", v.commit(), hub, acc.key(), ph, ctx, b, r.h(), r.w(),
                Numbers.plain(r.wPrec()), v == io.qdse.simulator.bitmod.BitModSim.Version.CURRENT ? ", KV "
                + Numbers.plain(r.kvPrec()) + " bits" : "");
        TextTable t = new TextTable("total", "value").numeric(1);
        t.row("compute cycles", Numbers.count(r.computeCycles()));
        t.row("total cycles", Numbers.count(r.totalCycles()));
        t.row("compute energy (uJ)", Numbers.sig(r.computeUj(), 7));
        t.row("SRAM read / write energy (uJ)", Numbers.sig(r.sramReadUj(), 7) + " / " + Numbers.sig(r.sramWriteUj(), 7));
        t.row("DRAM energy (uJ)", Numbers.sig(r.dramUj(), 7));
        t.row("on-chip / total energy (uJ)", Numbers.sig(r.onchipUj(), 7) + " / " + Numbers.sig(r.totalUj(), 7));
        t.row("PE array / weight SRAM / input SRAM area (mm^2)", Numbers.sig(r.peArrayAreaMm2(), 6) + " / "
                + Numbers.sig(r.wSramAreaMm2(), 6) + " / " + Numbers.sig(r.iSramAreaMm2(), 6));
        t.row("layers", Integer.toString(r.layers().size()));
        pw.print(t.render());
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
        ObjectNode o = Json.object();
        o.put("compat", "bitfusion@04ec1c8");
        o.put("config", bitfusionCfg.toString());
        o.put("energy_constants", energy.source());
        ArrayNode arr = o.putArray("layers");
        StringBuilder csv = new StringBuilder("layer,K,O,S,IC,OC,batch,act_bits,weight_bits,im2col,cycles,"
                + "memory_wait_cycles,reads_act_bits,reads_wgt_bits,reads_out_bits,reads_dram_bits,writes_act_bits,"
                + "writes_wgt_bits,writes_out_bits,writes_dram_bits,energy_nj,tiling_b_ow_oh_ic_oc,loop_order\n");
        TextTable t = new TextTable("layer", "K", "O", "S", "IC", "OC", "B", "bits a/w", "cycles", "memory wait cycles",
                "DRAM rd (bits)", "DRAM wr (bits)").numeric(1, 2, 3, 4, 5, 6, 8, 9, 10, 11);
        long cyc = 0;
        long stall = 0;
        for (io.qdse.simulator.bitfusion.BitFusionSim.Layer l : layers) {
            io.qdse.simulator.bitfusion.BitFusionSim.Stats st = io.qdse.simulator.bitfusion.BitFusionSim.simulate(cfg,
                    l, energy.costs());
            cyc += st.cycles();
            stall += st.memoryWaitCycles();
            ObjectNode x = arr.addObject();
            x.put("layer", l.name());
            x.put("K", l.k());
            x.put("O", l.o());
            x.put("S", l.s());
            x.put("IC", l.ic());
            x.put("OC", l.oc());
            x.put("batch", l.batch());
            x.put("act_bits", l.actBits());
            x.put("weight_bits", l.wgtBits());
            x.put("im2col", l.im2col());
            x.put("cycles", st.cycles());
            x.put("memory_wait_cycles", st.memoryWaitCycles());
            ObjectNode rd = x.putObject("reads_bits");
            rd.put("act", st.readsAct());
            rd.put("wgt", st.readsWgt());
            rd.put("out", st.readsOut());
            rd.put("dram", st.readsDram());
            ObjectNode wr = x.putObject("writes_bits");
            wr.put("act", st.writesAct());
            wr.put("wgt", st.writesWgt());
            wr.put("out", st.writesOut());
            wr.put("dram", st.writesDram());
            Json.put(x, "energy_nj", st.energyNj());
            ArrayNode tl = x.putArray("tiling_b_ow_oh_ic_oc");
            for (long v : st.tiling()) {
                tl.add(v);
            }
            x.put("loop_order_outermost_first", st.order());
            csv.append(l.name()).append(',').append(l.k()).append(',').append(l.o()).append(',').append(l.s())
                    .append(',').append(l.ic()).append(',').append(l.oc()).append(',').append(l.batch()).append(',')
                    .append(l.actBits()).append(',').append(l.wgtBits()).append(',').append(l.im2col()).append(',')
                    .append(st.cycles()).append(',').append(st.memoryWaitCycles()).append(',').append(st.readsAct())
                    .append(',').append(st.readsWgt()).append(',').append(st.readsOut()).append(',')
                    .append(st.readsDram()).append(',').append(st.writesAct()).append(',').append(st.writesWgt())
                    .append(',').append(st.writesOut()).append(',').append(st.writesDram()).append(',')
                    .append(Numbers.plain(st.energyNj())).append(",\"").append(java.util.Arrays.toString(st.tiling()))
                    .append("\",").append(st.order()).append('\n');
            t.row(l.name(), l.k(), l.o(), l.s(), l.ic(), l.oc(), l.batch(), l.actBits() + "/" + l.wgtBits(),
                    Numbers.count(st.cycles()), Numbers.count(st.memoryWaitCycles()), Numbers.count(st.readsDram()),
                    Numbers.count(st.writesDram()));
        }
        o.put("total_cycles", cyc);
        o.put("total_memory_wait_cycles", stall);
        writeOut(Json.write(o), csv.toString());
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(o));
            return;
        }
        pw.printf(Locale.ROOT, "Bit Fusion simulator (@04ec1c8) compatible run: %s on %dx%d fusion units (high_prec %d,"
                + " low_prec %d, if_width %d bits/cycle); energy constants: %s%n", list.workload().name(), cfg.rows(),
                cfg.cols(), cfg.highPrec(), cfg.lowPrec(), cfg.ifWidth(), energy.source());
        t.row("TOTAL", "", "", "", "", "", "", "", Numbers.count(cyc), Numbers.count(stall), "", "");
        pw.print(t.render());
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
        if (output.json) {
            ObjectNode o = Json.object();
            o.put("compat", "scalesim-v2@22f88b1");
            o.put("run_name", cfg.runName());
            ArrayNode arr = o.putArray("layers");
            for (int i = 0; i < reports.size(); i++) {
                LayerReport r = reports.get(i);
                ObjectNode x = arr.addObject();
                x.put("layer_id", i);
                x.put("layer", layers.get(i).name());
                x.put("total_cycles", r.totalCycles());
                x.put("stall_cycles", r.stallCycles());
                x.put("overall_util_pct", r.overallUtil());
                x.put("mapping_efficiency_pct", r.mappingEfficiency());
                x.put("compute_util_pct", r.computeUtil());
                String[] ops = {"ifmap", "filter", "ofmap"};
                for (int k = 0; k < 3; k++) {
                    x.put("sram_" + ops[k] + (k == 2 ? "_writes_words" : "_reads_words"), r.sram()[k].count());
                    x.put("dram_" + ops[k] + (k == 2 ? "_writes_words" : "_reads_words"), r.dram()[k].count());
                }
            }
            pw.print(Json.write(o));
            return;
        }
        TextTable t = new TextTable("id", "layer", "total cycles", "stall cycles", "overall util %",
                "mapping eff %", "compute util %", "DRAM ifmap rd (words)", "DRAM filter rd (words)",
                "DRAM ofmap wr (words)").numeric(0, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int i = 0; i < reports.size(); i++) {
            LayerReport r = reports.get(i);
            t.row(i, layers.get(i).name(), r.totalCycles(), r.stallCycles(), PyFloat.repr(r.overallUtil()),
                    PyFloat.repr(r.mappingEfficiency()), PyFloat.repr(r.computeUtil()), r.dram()[0].count(),
                    r.dram()[1].count(), r.dram()[2].count());
        }
        pw.println("SCALE-Sim v2 (@22f88b1) compatible run '" + cfg.runName() + "': " + cfg.rows() + "x" + cfg.cols()
                + " " + cfg.dataflow().key() + ", " + (cfg.userBandwidth() ? "USER bandwidth "
                + cfg.userBandwidthWords() + " words/cycle" : "CALC bandwidth") + "; counts in 1-byte words");
        pw.print(t.render());
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
        try {
            String first = Files.readAllLines(p, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            return ScaleSimFiles.isGemmHeader(first);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("--topology", p, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- rendering ----------------------------------------------------------------------------------------------

    private static String render(Simulator.NetworkResult r, Accelerator a) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.workload()).append(" on ").append(a.summary()).append(", ")
                .append(r.engine().name().toLowerCase(Locale.ROOT)).append(" engine\n");
        TextTable t = new TextTable("layer", "formats", "cycles", "stall", "util %", "map eff %", "SRAM rd (Mbit)",
                "DRAM rd (Mbit)", "DRAM wr (Mbit)", "energy (uJ)").numeric(2, 3, 4, 5, 6, 7, 8, 9);
        for (Simulator.LayerResult l : r.layers()) {
            addRow(t, l.layer(), l.formats().weight().name() + "/" + l.formats().activation().name(), l.eval());
        }
        addRow(t, "TOTAL", "", r.total());
        sb.append(t.render());
        Evaluation e = r.total();
        double ms = e.cycles() / (a.clockMhz() * 1e3);
        double joules = e.energy().totalPj() * 1e-12;
        sb.append('\n');
        TextTable s = new TextTable("total", "value").numeric(1);
        s.row("latency (ms)", Numbers.sig(ms, 5));
        s.row("MACs", Numbers.count(e.macs()));
        s.row("throughput (TOPS, 2 ops/MAC)", Numbers.sig(2.0 * e.macs() / (ms * 1e-3) / 1e12, 4));
        s.row("utilisation (%)", Numbers.sig(100 * e.utilization(), 4));
        s.row("energy (mJ)", Numbers.sig(joules * 1e3, 5));
        s.row("  MAC / SRAM / DRAM / leakage (mJ)", Numbers.sig(e.energy().macPj() * 1e-9, 4) + " / "
                + Numbers.sig((e.energy().sramIfmapPj() + e.energy().sramFilterPj() + e.energy().sramOfmapPj()) * 1e-9,
                4) + " / " + Numbers.sig(e.energy().dramPj() * 1e-9, 4) + " / "
                + Numbers.sig(e.energy().leakagePj() * 1e-9, 4));
        s.row("efficiency (TOPS/W)", Numbers.sig(2.0 * e.macs() / joules / 1e12, 4));
        if (e.cost() instanceof Cost.FpgaResources fr) {
            s.row("FPGA LUTs / FFs / DSPs / BRAMs", Numbers.sig(fr.luts(), 4) + " / " + Numbers.sig(fr.ffs(), 4) + " / "
                    + Numbers.sig(fr.dsps(), 4) + " / " + Numbers.sig(fr.brams(), 4));
        } else {
            s.row("area (mm^2)", Numbers.sig(e.areaUm2() * 1e-6, 4));
        }
        sb.append(s.render());
        return sb.toString();
    }

    private static void addRow(TextTable t, String name, String f, Evaluation e) {
        long sramRd = e.traffic().sramIfmapReads() + e.traffic().sramFilterReads() + e.traffic().sramOfmapReads();
        long dramRd = e.traffic().dramIfmapReads() + e.traffic().dramFilterReads() + e.traffic().dramOfmapReads();
        t.row(name, f, Numbers.count(e.cycles()), Numbers.count(e.stallCycles()),
                Numbers.sig(100 * e.utilization(), 4), Numbers.sig(100 * e.mappingEfficiency(), 4),
                Numbers.sig(sramRd / 1e6, 4), Numbers.sig(dramRd / 1e6, 4),
                Numbers.sig(e.traffic().dramOfmapWrites() / 1e6, 4), Numbers.sig(e.energy().totalPj() / 1e6, 4));
    }

    private static ObjectNode json(Simulator.NetworkResult r, Accelerator a) {
        ObjectNode o = Json.object();
        o.put("workload", r.workload());
        o.put("arch", a.name());
        o.put("kind", a.kind());
        if (a instanceof SystolicArray s) {
            o.put("rows", s.rows());
            o.put("cols", s.cols());
            o.put("dataflow", s.dataflow().key());
        } else {
            BitSerialArray b = (BitSerialArray) a;
            o.put("rows", b.rows());
            o.put("cols", b.cols());
            ObjectNode pe = o.putObject("pe");
            pe.put("family", b.pe().family());
            pe.put("serial", b.pe().serial().name().toLowerCase(Locale.ROOT));
            pe.put("lanes", b.pe().lanes());
            pe.put("a_bits_per_cycle", b.pe().aBitsPerCycle());
            pe.put("w_bits_per_cycle", b.pe().wBitsPerCycle());
            pe.put("max_a_bits", b.pe().maxABits());
            pe.put("max_w_bits", b.pe().maxWBits());
            pe.put("brick_bits", b.pe().brickBits());
            pe.put("bricks", b.pe().bricks());
            pe.put("term_serial", b.pe().termSerial());
            pe.put("float_activations", b.pe().floatActivations());
            pe.put("group_size", b.pe().groupSize());
            pe.put("acc_bits", b.pe().accBits());
        }
        o.put("clock_mhz", a.clockMhz());
        Json.put(o, "dram_bandwidth_gbs", a.dram().bandwidthGBs());
        o.put("compute_units", a.computeUnits());
        o.put("technology", a.technology().name());
        o.put("engine", r.engine().name().toLowerCase(Locale.ROOT));
        ArrayNode layers = o.putArray("layers");
        for (Simulator.LayerResult l : r.layers()) {
            ObjectNode x = layers.addObject();
            x.put("layer", l.layer());
            x.put("formats", l.formats().describe());
            Json.put(x, "peak_macs_per_cycle", a.peakMacsPerCycle(l.formats()));
            evalJson(x, l.eval());
        }
        ObjectNode t = o.putObject("total");
        evalJson(t, r.total());
        Json.put(t, "latency_ms", r.total().cycles() / (a.clockMhz() * 1e3));
        if (r.total().cost() instanceof Cost.FpgaResources fr) {
            ObjectNode fo = o.putObject("fpga_resources");
            Json.put(fo, "luts", fr.luts());
            Json.put(fo, "ffs", fr.ffs());
            Json.put(fo, "dsps", fr.dsps());
            Json.put(fo, "brams", fr.brams());
        } else {
            Json.put(o, "area_um2", r.total().areaUm2());
        }
        return o;
    }

    private static void evalJson(ObjectNode x, Evaluation e) {
        x.put("cycles", e.cycles());
        x.put("stall_cycles", e.stallCycles());
        x.put("compute_cycles", e.computeCycles());
        x.put("macs", e.macs());
        Json.put(x, "utilization", e.utilization());
        Json.put(x, "mapping_efficiency", e.mappingEfficiency());
        x.put("sram_ifmap_read_bits", e.traffic().sramIfmapReads());
        x.put("sram_filter_read_bits", e.traffic().sramFilterReads());
        x.put("sram_ofmap_read_bits", e.traffic().sramOfmapReads());
        x.put("sram_ofmap_write_bits", e.traffic().sramOfmapWrites());
        x.put("dram_ifmap_read_bits", e.traffic().dramIfmapReads());
        x.put("dram_filter_read_bits", e.traffic().dramFilterReads());
        x.put("dram_ofmap_read_bits", e.traffic().dramOfmapReads());
        x.put("dram_ofmap_write_bits", e.traffic().dramOfmapWrites());
        ObjectNode en = x.putObject("energy_pj");
        Json.put(en, "mac", e.energy().macPj());
        Json.put(en, "sram_ifmap", e.energy().sramIfmapPj());
        Json.put(en, "sram_filter", e.energy().sramFilterPj());
        Json.put(en, "sram_ofmap", e.energy().sramOfmapPj());
        Json.put(en, "dram", e.energy().dramPj());
        Json.put(en, "leakage", e.energy().leakagePj());
        Json.put(en, "total", e.energy().totalPj());
    }

    private static String csv(Simulator.NetworkResult r) {
        StringBuilder sb = new StringBuilder("layer,formats,cycles,stall_cycles,compute_cycles,macs,utilization,"
                + "mapping_efficiency,sram_ifmap_read_bits,sram_filter_read_bits,sram_ofmap_read_bits,"
                + "sram_ofmap_write_bits,dram_ifmap_read_bits,dram_filter_read_bits,dram_ofmap_read_bits,"
                + "dram_ofmap_write_bits,energy_pj\n");
        for (Simulator.LayerResult l : r.layers()) {
            Evaluation e = l.eval();
            sb.append(l.layer()).append(",\"").append(l.formats().describe()).append("\",").append(e.cycles())
                    .append(',').append(e.stallCycles()).append(',').append(e.computeCycles()).append(',')
                    .append(e.macs()).append(',').append(e.utilization()).append(',').append(e.mappingEfficiency())
                    .append(',').append(e.traffic().sramIfmapReads()).append(',').append(e.traffic().sramFilterReads())
                    .append(',').append(e.traffic().sramOfmapReads()).append(',').append(e.traffic().sramOfmapWrites())
                    .append(',').append(e.traffic().dramIfmapReads()).append(',').append(e.traffic().dramFilterReads())
                    .append(',').append(e.traffic().dramOfmapReads()).append(',').append(e.traffic().dramOfmapWrites())
                    .append(',').append(e.energy().totalPj()).append('\n');
        }
        return sb.toString();
    }
}
