package io.qdse.cli.command;

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
import io.qdse.reports.render.DemoRender;
import io.qdse.rtl.Bundle;
import io.qdse.rtl.Design;
import io.qdse.rtl.Designs;
import io.qdse.rtl.Synthesis;
import io.qdse.rtl.Tools;
import io.qdse.search.SolverOptions;
import io.qdse.search.plan.BaselineComparison;
import io.qdse.search.plan.SearchPlan;
import io.qdse.search.plan.SearchPlanner;
import io.qdse.search.plan.SearchRequest;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.Zoo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        description = {"Run the end-to-end demo: each format's quantization error and MAC cost, ResNet-50 on an "
            + "accelerator, a format and array search on all-MiniLM-L6-v2, and RTL checked against the Java model.",
            "Sections 1-2 use a seeded synthetic weight matrix; section 4 uses MiniLM's real weights; section 5 "
            + "generates, simulates and synthesizes PEs and an array where Icarus and Yosys are installed."})
public final class DemoCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the synthetic weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rows", defaultValue = "256", paramLabel = "N", description = "Output channels of the weight matrix (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "1024", paramLabel = "N", description = "Input features (the reduction axis) (default ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--rtl-out", defaultValue = "verilog-out", paramLabel = "DIR", description = "Folder for section 5's RTL bundles "
            + "(default ${DEFAULT-VALUE}).")
    Path rtlOut;

    @Mixin
    ForceOption force;

    static final List<String> FORMATS = List.of("int8", "int4", "fp8_e4m3", "fp8_e5m2", "fp6_e3m2", "fp6_e2m3",
            "fp4_e2m1", "mxfp8_e4m3", "mxfp6_e2m3", "mxfp4", "nvfp4", "bf16");
    /** Section 3: ResNet-50 on edge-32x32 in these formats. */
    static final List<String> RESNET_FORMATS = List.of("w=int8,a=int8,acc=int32", "w=int4,a=int8,acc=int32",
            "w=fp8_e4m3,a=fp8_e4m3,acc=fp32", "w=mxfp4,a=mxfp8_e4m3,acc=fp32");
    /** Section 3b: each bit-serial family at the precisions it is built for. */
    static final List<List<String>> BIT_SERIAL = List.of(List.of("bitserial:parallel", "w=int16,a=int16"),
            List.of("bitserial:stripes", "w=int16,a=int8,kv=int8"), List.of("bitserial:loom", "w=int4,a=int8,kv=int8"),
            List.of("bitserial:bitfusion", "w=int4,a=int8,kv=int8"), List.of("bitserial:bitmod", "w=int4,a=fp16,kv=int8"));
    /** Section 4: the candidate formats and arrays of the MiniLM search. */
    static final List<String> SEARCH_FORMATS = List.of("int4", "int8", "fp8_e4m3", "fp6_e2m3", "fp4_e2m1", "mxfp4");
    static final List<String> SEARCH_ARRAYS = List.of("16x16", "32x32", "64x64");

    @Override
    public void run() {
        for (Design d : rtlDesigns()) {
            OutputSet.checkFolder(rtlOut.resolve("demo-" + d.slug()), "--rtl-out", force.force);
        }
        if (rows < 1 || cols < 1 || (long) rows * cols > 50_000_000L) {
            throw new InvalidInputException("--rows/--cols", rows + "x" + cols, "need 1 to 50 million elements");
        }
        // 1-2. each format's error on a synthetic weight matrix and the cost of its MAC
        double[] w = SyntheticWeights.gaussianWithOutliers(rows, cols, seed);
        List<AsicTechnology> nodes = List.of(AsicTechnology.of(45), AsicTechnology.of(7));
        List<FpgaPart> parts = List.of((FpgaPart) Targets.parse("fpga:xcvu9p", "target"),
                (FpgaPart) Targets.parse("fpga:ice40-hx8k", "target"));
        List<DemoRender.FormatRow> formats = new ArrayList<>();
        for (String name : FORMATS) {
            formats.add(new DemoRender.FormatRow(name, FormatSurvey.profile(Formats.parse(name), w, rows, cols, nodes,
                    parts)));
        }
        // 3. a whole network on an accelerator, per format; 3b. an LLM decode step on the bit-serial families
        Simulator sim = new Simulator();
        Workload resnet = Zoo.load("resnet50", "workload");
        SystolicArray edge = Presets.edge32x32();
        List<DemoRender.NetworkRow> resnetRows = new ArrayList<>();
        for (String sp : RESNET_FORMATS) {
            LayerFormats lf = FormatsSpec.parse(sp, "formats", edge.formats());
            Evaluation e = sim.run(resnet, edge.withFormats(lf), Simulator.EngineKind.ANALYTICAL).total();
            resnetRows.add(new DemoRender.NetworkRow(edge.name(), lf, e, edge.clockMhz()));
        }
        Workload llama = Zoo.load("llama2-7b:decode:ctx=2048", "workload");
        List<DemoRender.NetworkRow> llamaRows = new ArrayList<>();
        for (List<String> bc : BIT_SERIAL) {
            Accelerator acc = Presets.accelerator(bc.get(0), "arch");
            LayerFormats lf = FormatsSpec.parse(bc.get(1), "formats", acc.formats());
            Evaluation e = sim.run(llama, acc, Simulator.EngineKind.ANALYTICAL, x -> lf).total();
            llamaRows.add(new DemoRender.NetworkRow(bc.get(0), lf, e, acc.clockMhz()));
        }
        DemoRender.Section<DemoRender.SearchDemo> search;
        try {
            search = DemoRender.Section.of(searchSection());
        } catch (RuntimeException ex) {
            search = DemoRender.Section.skipped(ex.getMessage());
        }
        DemoRender.RtlDemo rtl = rtlSection();
        DemoRender.Demo demo = new DemoRender.Demo(rows, cols, seed, formats, resnetRows, llamaRows, search, rtl);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.json ? DemoRender.json(demo) : DemoRender.text(demo));
    }

    /** Section 5: generate, co-simulate and synthesize; each tool step is skipped with a note when absent. */
    private static List<Design> rtlDesigns() {
        return List.of(
                Designs.pe("fp8_e4m3", "fp8_e4m3", "kulisch", 4096),
                Designs.pe("fp8_e4m3", "fp8_e4m3", "fp16", 1),
                new Design.Array(4, 4, Dataflow.WS, Designs.mac("int8", "int8", "int32", 16), 16, 16, 16));
    }

    /** Section 5; the designs done before a failure are kept, and the failure says why the rest was skipped. */
    private DemoRender.RtlDemo rtlSection() {
        List<DemoRender.RtlRow> rows = new ArrayList<>();
        try {
            boolean icarus = Tools.available("iverilog");
            boolean yosys = Tools.available("yosys");
            for (Design d : rtlDesigns()) {
                Path dir = rtlOut.resolve("demo-" + d.slug());
                boolean array = d instanceof Design.Array;
                Bundle.Written written;
                try (OutputSet set = Outputs.folder(spec, dir, "--rtl-out", force.force)) {
                    written = Bundle.write(d, set, array ? 6 : 2000, seed);
                    RtlCommand.firtoolNote(spec);
                    set.commit();
                }
                String verdict = "iverilog not installed";
                if (icarus) {
                    verdict = Tools.script(dir, "sim_icarus.sh", 600).verdict();
                }
                String synth = "";
                Double model = null;
                if (!array && yosys) {
                    synth = Integer.toString(Synthesis.run(dir, Synthesis.Target.ICE40, 600).luts());
                    FpgaCost p = Synthesis.predict(d, Synthesis.Target.ICE40);
                    model = p == null ? null : p.luts();
                } else if (!array) {
                    synth = "yosys not installed";
                }
                rows.add(new DemoRender.RtlRow(d.slug(), dir.toString(), array ? written.vectors()
                        + " GEMMs, cycles = cycle-stepped engine" : written.vectors() + " cycles", verdict, synth,
                        model));
            }
        } catch (InvalidInputException ex) {
            throw ex; // an output that was asked for and cannot be written is an error, not a skipped section
        } catch (java.io.IOException | RuntimeException ex) {
            return new DemoRender.RtlDemo(rows, String.valueOf(ex.getMessage()));
        }
        return new DemoRender.RtlDemo(rows, null);
    }

    /**
     * Section 4: the search on a real model. Sensitivity = ‖Q(W)−W‖² per layer and format (per output channel,
     * absmax); costs from the analytical simulator; budgets: size at 50% of the way from all-4-bit to all-8-bit, and
     * latency no worse than every layer in int8 on the 32x32 array. Compared with uniform int8 and the greedy baseline.
     */
    private static DemoRender.SearchDemo searchSection() {
        SearchRequest r = SearchRequest.ofNetwork(SearchRequest.Network.of(null, "edge-32x32", SEARCH_ARRAYS,
                SEARCH_FORMATS, "weights:minilm"), SearchRequest.Goal.minimise("sensitivity", List.of(), List.of()));
        SearchPlan plan = SearchPlanner.plan(r, msg -> System.err.println("qdse: " + msg));
        BaselineComparison c = BaselineComparison.run(plan, "int8", "32x32", "sensitivity", List.of("size_bits=0.5"),
                List.of("latency_cycles"), "area_um2", 1.5, SolverOptions.defaults());
        return new DemoRender.SearchDemo(c, Presets.edge32x32().clockMhz());
    }
}
