package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.render.Json;
import io.qdse.cli.render.Numbers;
import io.qdse.cli.render.TextTable;
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

    @Option(names = "--compat", paramLabel = "scalesim", description = "Count as SCALE-Sim v2 does (scalesim).")
    String compat;

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
        boolean scalesim = scalesimCfg != null || (compat != null && compat.equalsIgnoreCase("scalesim"));
        if (compat != null && !compat.equalsIgnoreCase("scalesim")) {
            throw new InvalidInputException("--compat", compat, "the only compatibility mode is scalesim");
        }
        if (scalesim) {
            runScaleSim();
            return;
        }
        Accelerator a = loadArch();
        Workload w = loadWorkload();
        LayerFormats defaults = formats == null ? a.formats() : FormatsSpec.parse(formats, "--formats", a.formats());
        Map<String, LayerFormats> perLayer = formatsFile == null ? Map.of() : readFormatsFile(defaults);
        if (a instanceof SystolicArray s) {
            checkFits(s, defaults);
        }
        a.checkFormats(defaults, "--formats");
        for (Map.Entry<String, LayerFormats> e : perLayer.entrySet()) {
            a.checkFormats(e.getValue(), "--formats-file layer " + e.getKey());
        }
        Simulator.EngineKind kind = parseEngine(engine);
        Simulator.NetworkResult r = new Simulator().run(w, a, kind, name -> perLayer.getOrDefault(name, defaults));
        ObjectNode json = json(r, a);
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
        o.put("technology", a.technology().name());
        o.put("engine", r.engine().name().toLowerCase(Locale.ROOT));
        ArrayNode layers = o.putArray("layers");
        for (Simulator.LayerResult l : r.layers()) {
            ObjectNode x = layers.addObject();
            x.put("layer", l.layer());
            x.put("formats", l.formats().describe());
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
