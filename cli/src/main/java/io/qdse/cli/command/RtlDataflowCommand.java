package io.qdse.cli.command;

import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.reports.render.DataflowRtlRender;
import io.qdse.reports.text.Json;
import io.qdse.rtl.Bundle;
import io.qdse.rtl.Design;
import io.qdse.rtl.NetQuant;
import io.qdse.rtl.Synthesis;
import io.qdse.search.models.Workloads;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.io.FoldingFiles;
import io.qdse.simulator.arch.io.FormatsFiles;
import io.qdse.simulator.engine.FpgaDataflowEngine;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.onnx.OnnxImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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

/** {@code qdse rtl dataflow}: a real network's dense layers as a whole dataflow accelerator (issue 12 §6). */
@Command(name = "dataflow", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A real network's dense layers (ONNX Gemm + ReLU) as a whole FINN-style dataflow accelerator: "
            + "one matrix-vector unit per layer with its real weights quantized per output channel, scales and biases "
            + "folded into integer thresholds, units chained by ready/valid streams and width converters; golden "
            + "vectors of the whole chain from the Java bit-exact model; the dataflow engine's estimate; Yosys with "
            + "--synth.",
            "  qdse fpga search --workload oww-alexa --device xc7z020 --formats int4,int6,int8,e2m3 "
                + "--sensitivity weights:oww-alexa --target-fps 10000 --clock 100 --out s/",
            "  qdse rtl dataflow --workload oww-alexa --device xc7z020 --folding s/folding.json "
                + "--formats-file s/formats.csv --out verilog-out/alexa",
            "  qdse fpga search --workload oww-alexa --device ice40-up5k --formats int3,int4,int5,int6,int8,e2m1,e2m3,"
                + "e3m2 --sensitivity weights:oww-alexa --ram-style spram --clock 30 --target-fps 1000 --out s/",
            "  qdse rtl dataflow --workload oww-alexa --device ice40-up5k --folding s/folding_config.json "
                + "--formats-file s/formats.csv --out verilog-out/alexa-up5k   (Gemm_1's weights in SPRAM)"})
final class RtlDataflowCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Option(names = "--workload", required = true, paramLabel = "MODEL", description = "ONNX file or known model "
            + "(oww-alexa, ...) whose graph is a chain of Gemm layers with ReLU between them")
    String workload;
    @Option(names = "--device", defaultValue = "xc7z020", paramLabel = "PART", description = "part the estimate and "
            + "the Yosys flow are for: a Xilinx part (synth_xilinx, -family xc7 for 7-series, else xcup) or an iCE40 "
            + "(synth_ice40) (default: ${DEFAULT-VALUE})")
    String device;
    @Option(names = "--folding", paramLabel = "FILE", description = "PE and SIMD per layer: qdse fpga search's "
            + "folding.json or folding_config.json, or a CSV layer,pe,simd (layers it leaves out: PE = SIMD = 1)")
    Path folding;
    @Option(names = "--ram-style", defaultValue = "auto", paramLabel = "auto|spram", description = "where the "
            + "weights go for the layers whose --folding file gives no ram_style: auto (a ROM in the Verilog; Yosys "
            + "places it in logic or block RAM), spram (iCE40 UltraPlus SB_SPRAM256KA for the memories the dataflow "
            + "engine puts there, filled after reset through the chain's load port from weights_load.hex); block "
            + "and distributed also give a ROM (default: ${DEFAULT-VALUE})")
    String ramStyle;
    @Option(names = "--formats-file", paramLabel = "CSV", description = "w and a per layer (qdse fpga search's "
            + "formats.csv); a unit's thresholds produce the next unit's a codes (its out column is checked against "
            + "them, noted where it differs)")
    Path formatsFile;
    @Option(names = "--formats", paramLabel = "w=F,a=F", description = "formats of the layers the file leaves out "
            + "(default: w=int8,a=int8)")
    String formats;
    @Option(names = "--from", paramLabel = "LAYER", description = "first layer built (the ones before it run in "
            + "floats to make its inputs; e.g. to fit a small part)")
    String from;
    @Option(names = "--calibration", defaultValue = "256", paramLabel = "N", description = "calibration input "
            + "vectors for the activation scales (default: ${DEFAULT-VALUE})")
    int calibration;
    @Option(names = "--vectors", defaultValue = "4", paramLabel = "N", description = "test input vectors of golden "
            + "vectors (default: ${DEFAULT-VALUE})")
    int vectors;
    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed of the inputs (default: "
            + "${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--dsp", description = "the DSP variant (Yosys may map products to DSP blocks)")
    boolean dsp;
    @Option(names = "--out", paramLabel = "DIR", description = "bundle folder (default: verilog-out/<design>)")
    Path out;
    @Mixin
    SimOption sim;
    @Option(names = "--synth", description = "run Yosys for the device's flow and print it beside the estimate")
    boolean synth;
    @Mixin
    OutputOptions output;
    @Mixin
    ForceOption force;

    @Override
    public void run() {
        if (calibration < 1 || calibration > 100_000) {
            throw new InvalidInputException("--calibration", calibration, "must be in 1..100000");
        }
        if (vectors < 1 || vectors > 10_000) {
            throw new InvalidInputException("--vectors", vectors, "must be in 1..10000");
        }
        String s = sim.tool();
        FpgaPart part = (FpgaPart) Targets.parse(device.trim().toLowerCase(Locale.ROOT).startsWith("fpga:") ? device
                : "fpga:" + device, "--device");
        boolean ice40 = part.name().toLowerCase(Locale.ROOT).startsWith("ice40");
        String family = part.name().toLowerCase(Locale.ROOT).startsWith("xc7") ? "xc7" : "xcup";
        PrintWriter err = spec.commandLine().getErr();
        Workloads.Onnx onnx = Workloads.onnx(workload, "--workload", msg -> {
            err.println("qdse: " + msg);
            err.flush();
        });
        NetQuant.Mlp mlp = NetQuant.mlp(onnx.model(), "--workload " + workload);
        int first = from == null ? 0 : mlp.index(from, "--from");
        Workload w = OnnxImporter.importModel(onnx.model(), onnx.name(),
                Workloads.onnxOptions(List.of(), List.of(), onnx.defaultInputs())).workload();
        LayerFormats base = FormatsSpec.parse("w=int8,a=int8", "default formats", Presets.edge32x32().formats());
        LayerFormats defaults = formats == null ? base : FormatsSpec.parse(formats, "--formats", base);
        Map<String, LayerFormats> perLayer = new LinkedHashMap<>();
        if (formatsFile != null) {
            perLayer.putAll(FormatsFiles.read(formatsFile, "--formats-file", defaults));
            FormatsFiles.requireLayers(perLayer, mlp.layers().stream().map(NetQuant.Dense::name).toList(),
                    onnx.name(), formatsFile, "--formats-file");
        }
        FpgaDataflow.RamStyle defaultStyle = ramStyle(ramStyle, "--ram-style", part);
        Map<String, FpgaDataflow.Fold> folds = new LinkedHashMap<>();
        Map<String, FpgaDataflow.RamStyle> styles = new LinkedHashMap<>();
        Map<String, Boolean> dspLayers = new LinkedHashMap<>(); // a folding file's resType: dsp true, lut false
        if (folding != null) {
            FoldingFiles.Folding ff = FoldingFiles.read(folding, "--folding", w);
            folds.putAll(ff.folds());
            ff.attrs().forEach((layer, attrs) -> attrs.forEach((k, v) -> {
                if (k.equalsIgnoreCase("ram_style")) { // FINN's node attribute; auto follows --ram-style
                    FpgaDataflow.RamStyle rs = ramStyle(v, "--folding " + layer + ".ram_style", part);
                    if (rs != FpgaDataflow.RamStyle.AUTO) {
                        styles.put(layer, rs);
                    }
                } else if (k.equalsIgnoreCase("resType")) { // FINN's node attribute: where the products go
                    String rt = v.trim().toLowerCase(java.util.Locale.ROOT);
                    if (rt.equals("dsp") || rt.equals("lut")) {
                        dspLayers.put(layer, rt.equals("dsp"));
                    } else if (!rt.equals("auto")) {
                        throw new InvalidInputException("--folding " + layer + ".resType", v, "lut or dsp (FINN's "
                                + "resType; auto keeps --dsp's choice)");
                    }
                }
            }));
        }
        List<NetQuant.Plan> plans = new ArrayList<>();
        List<FpgaDataflow.RamStyle> planStyles = new ArrayList<>();
        for (int i = first; i < mlp.layers().size(); i++) {
            NetQuant.Dense layer = mlp.layers().get(i);
            String name = layer.name();
            LayerFormats f = perLayer.getOrDefault(name, defaults);
            FpgaDataflow.Fold fold = folds.getOrDefault(name, new FpgaDataflow.Fold(1, 1));
            ScalarFormat fw = scalar(f.weight(), name + " w");
            FpgaDataflow.RamStyle rs = styles.getOrDefault(name, defaultStyle);
            // SPRAM where the dataflow engine puts this unit's weights with ram_style spram (it keeps memories it
            // would not put in block RAM in logic), so that the RTL's SPRAM blocks and load are the engine's
            boolean spram = rs == FpgaDataflow.RamStyle.SPRAM && fold.pe() > 0 && fold.simd() > 0
                    && layer.mh() % fold.pe() == 0 && layer.mw() % fold.simd() == 0
                    && FpgaDataflowEngine.weightMemory((long) fold.pe() * fold.simd() * fw.bits(),
                    (long) (layer.mw() / fold.simd()) * (layer.mh() / fold.pe()), part, false, rs).kind()
                    .equals("spram");
            plans.add(new NetQuant.Plan(name, fw, scalar(f.activation(), name + " a"), fold.pe(), fold.simd(),
                    spram, dspLayers.getOrDefault(name, dsp) && !ice40));
            planStyles.add(rs);
        }
        int mw = mlp.layers().get(0).mw();
        double[][] cal = NetQuant.gaussianInputs(calibration, mw, seed);
        double[][] test = NetQuant.gaussianInputs(vectors, mw, seed + 1);
        NetQuant.Built built = NetQuant.build(onnx.name(), mlp, first, plans, cal, test, false); // per plan: dsp
        Design.Chain d = built.design();
        String inputs = "the package ships no audio, features or embeddings: " + calibration + " calibration and "
                + vectors + " test vectors of the model's " + mw + " inputs drawn from N(0, 1) (seeds " + seed + ", "
                + (seed + 1) + "), run through the float model" + (first > 0 ? " up to " + from : "");
        List<double[]> est = new ArrayList<>();
        List<String> notes = new ArrayList<>(mlp.notes());
        for (int i = 0; i < d.stages().size(); i++) {
            Design.Chain.Stage st = d.stages().get(i);
            FpgaDataflow.RamStyle rs = planStyles.get(i);
            double[] e = Synthesis.mvuModel(st.unit(), part.name(), st.unit().dsp(), rs);
            if (e != null && (e[5] != st.sprams() || (long) e[6] != st.loadWords())) {
                throw new IllegalStateException(st.layer() + ": the RTL's " + st.sprams() + " SPRAM / "
                        + st.loadWords() + " load words differ from the engine's " + e[5] + " / " + e[6]);
            }
            est.add(e);
            if (rs == FpgaDataflow.RamStyle.SPRAM && !st.spram()) {
                notes.add(st.layer() + ": ram_style spram, but its " + st.weightDepth() + "-word weight memory is one "
                        + "the engine keeps in logic (not block RAM): a ROM here too");
            } else if (rs == FpgaDataflow.RamStyle.BLOCK || rs == FpgaDataflow.RamStyle.DISTRIBUTED) {
                notes.add(st.layer() + ": ram_style " + rs.label() + " is in the estimate; the RTL's weights are a "
                        + "ROM in the Verilog whose placement Yosys chooses");
            }
        }
        if (first > 0) {
            notes.add("layers before " + from + " are not built: their outputs (float model) are the chain's inputs");
        }
        if (formatsFile != null) {
            // the chain's outputs are fixed by the formats: the next unit's codes, the last unit's accumulators;
            // a formats file's out column (qdse fpga search writes the same) is checked against them
            java.util.Set<String> given = FormatsFiles.layersWithOutput(null, formatsFile, "--formats-file");
            List<String> differ = new ArrayList<>();
            int same = 0;
            for (int i = 0; i < d.stages().size(); i++) {
                Design.Chain.Stage st = d.stages().get(i);
                if (!given.contains(st.layer())) {
                    continue;
                }
                Design.Mvu u = st.unit();
                String built2 = FpgaDataflowEngine.unitOutput(u.outBits(), u.accBits()).name();
                String file = perLayer.get(st.layer()).output().name();
                if (file.equals(built2)) {
                    same++;
                } else {
                    differ.add(st.layer() + " " + file + " (built: " + built2 + ")");
                }
            }
            String rule = "each unit's thresholds produce the next unit's a codes (its non-negative half after ReLU), "
                    + "the last unit outputs its accumulators";
            if (!differ.isEmpty()) {
                notes.add(rule + "; the formats file's out column differs on " + differ.size() + " layer(s), not used "
                        + "there: " + String.join(", ", differ));
            } else if (same > 0) {
                notes.add(rule + ": as the formats file's out column says (" + same + " layer(s); qdse fpga search "
                        + "costs them so)");
            } else {
                notes.add(rule);
            }
        }
        Path dir = out != null ? out : Path.of("verilog-out", d.slug());
        boolean anyDsp = d.stages().stream().anyMatch(x -> x.unit().dsp());
        if (!ice40 && anyDsp && d.stages().stream().anyMatch(x -> !x.unit().dsp())) {
            notes.add("the folding file puts the products of " + d.stages().stream().filter(x -> x.unit().dsp())
                    .map(Design.Chain.Stage::layer).collect(java.util.stream.Collectors.joining(", "))
                    + " in DSP blocks (resType dsp), the others in LUTs: Yosys synthesizes the whole chain with DSP "
                    + "inference on, which maps a product to a DSP block by its width (mul2dsp: 9 or more product bits "
                    + "on xc7, where the engine's auto rule takes 10 significand bits), so a LUT unit's wide products "
                    + "may land in DSPs there");
        }
        java.util.TreeSet<String> dspOnIce40 = new java.util.TreeSet<>();
        dspLayers.forEach((l, v) -> {
            if (v) {
                dspOnIce40.add(l);
            }
        });
        if (ice40 && (!dspOnIce40.isEmpty() || dsp)) {
            notes.add("DSP products (" + (dsp ? "--dsp" : "resType dsp in the folding file: " + String.join(", ",
                    dspOnIce40)) + ") are not built on iCE40: the RTL's products are in LUTs (synth_ice40 without "
                    + "-dsp)");
        }
        Synthesis.Target flow = ice40 ? Synthesis.Target.ICE40 : anyDsp ? Synthesis.Target.XILINX
                : Synthesis.Target.XILINX_NODSP;
        String flowName = ice40 ? "synth_ice40" : "synth_xilinx -family " + family + (anyDsp ? "" : " -nodsp");
        PrintWriter pw = spec.commandLine().getOut();
        try (OutputSet set = Outputs.folder(spec, dir, "--out", force.force)) {
            Map<String, Object> extra = new LinkedHashMap<>();
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("workload", onnx.name());
            q.put("inputs", inputs);
            q.put("input_scale", built.inputScale());
            q.put("activation_scales", built.actScales());
            q.put("method", "weights per output channel, absmax, round to nearest even; every scale and bias folded "
                    + "into integer thresholds (NetQuant)");
            extra.put("quantization", q);
            extra.put("device", part.name());
            Bundle.writeDataflow(d, built.inputCodes(), set, family, extra);
            set.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Synthesis.Stats st = null;
        if (!output.json) {
            pw.print(DataflowRtlRender.text(new DataflowRtlRender.Result(dir, onnx.name(), part.name(), flowName,
                    built, est, null, inputs, notes)));
            pw.flush();
        }
        try {
            RtlCommand.simulate(output.json ? null : pw, dir, s, OptionScope.given(spec, "--sim"));
            if (synth) {
                if (!output.json) {
                    pw.println("Yosys " + flowName + " on the whole design (minutes for a large one)...");
                    pw.flush();
                }
                st = Synthesis.run(dir, flow, 6 * 3600);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataflowRtlRender.Result r = new DataflowRtlRender.Result(dir, onnx.name(), part.name(), flowName, built,
                est, st, inputs, notes);
        if (output.json) {
            pw.print(Json.write(DataflowRtlRender.json(r)));
        } else if (st != null) {
            pw.print(DataflowRtlRender.synthText(r));
        }
    }

    /**
     * @return the weight-memory style named {@code s}; exit 2 naming {@code field} for a style the part has no memory
     *     for (spram off iCE40 UltraPlus) or that the RTL does not build (ultra)
     */
    private static FpgaDataflow.RamStyle ramStyle(String s, String field, FpgaPart part) {
        FpgaDataflow.RamStyle rs = FpgaDataflow.RamStyle.parse(s, field);
        if (rs == FpgaDataflow.RamStyle.ULTRA) {
            throw new InvalidInputException(field, s, "auto, block, distributed or spram (iCE40 UltraPlus): rtl-gen "
                    + "has no UltraRAM weight memory");
        }
        rs.requireFor(part, field);
        return rs;
    }

    private static ScalarFormat scalar(NumberFormat f, String field) {
        if (!(f instanceof ScalarFormat sf)) {
            throw new InvalidInputException("formats " + field, Formats.nameOf(f), "an element format (intN, uintN, "
                    + "e2m1, e2m3, e3m2): block formats have no unit here");
        }
        return sf;
    }
}
