package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.render.Json;
import io.qdse.cli.render.Numbers;
import io.qdse.cli.render.TextTable;
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
 * matrix, and the hardware cost of a MAC in each, on two ASIC nodes and two FPGAs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the end-to-end demo: quantization error and MAC cost of each format on ASIC and FPGA.",
            "The weights are a seeded synthetic matrix (Gaussian with sparse outliers), not a real model."})
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

    static final List<String> FORMATS = List.of("int8", "int4", "fp8_e4m3", "fp8_e5m2", "fp6_e3m2", "fp6_e2m3",
            "fp4_e2m1", "mxfp8_e4m3", "mxfp6_e2m3", "mxfp4", "nvfp4", "bf16");

    @Override
    public void run() {
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
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode root = Json.object();
            root.set("resnet50_on_edge_32x32", nets);
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
        out.println("ASIC: structural model calibrated to Horowitz (ISSCC'14) at 45 nm, Stillmaker-Baas scaling to 7 nm.");
        out.println("FPGA: Yosys-0.23-calibrated LUT/DSP counts (DSP inference as Yosys does it).");
        out.println("Simulator: docs/simulator.md; SCALE-Sim v2 counting with qdse simulate --compat scalesim.");
        out.println("Try: qdse formats show fp8_e4m3 | qdse cost --a fp8_e4m3 --acc fp32 --target asic:7nm --target "
                + "fpga:xcvu9p | qdse simulate --arch tpu-v1-like --workload bert-base");
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
