package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.reports.render.MvuRender;
import io.qdse.reports.render.RtlRender;
import io.qdse.reports.text.Json;
import io.qdse.rtl.Bundle;
import io.qdse.rtl.CoSimulation;
import io.qdse.rtl.Design;
import io.qdse.rtl.Designs;
import io.qdse.rtl.MvuGolden;
import io.qdse.rtl.MvuSynthesis;
import io.qdse.rtl.MvuTiming;
import io.qdse.rtl.Synthesis;
import io.qdse.rtl.Tools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qdse rtl mvu} (a FINN-style matrix-vector unit: bundle, golden vectors, co-simulation) and
 * {@code qdse rtl mvu-sweep} (Yosys synthesis of the MVU sweep beside the dataflow engine's estimate).
 */
final class RtlMvuCommand {
    private RtlMvuCommand() {
    }

    /** {@code qdse rtl mvu}. */
    @Command(name = "mvu", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"A FINN-style matrix-vector unit (MVAU): an MH x MW weight matrix in a ROM times streamed "
                + "MW-element vectors, PE outputs x SIMD reduction elements per cycle; exact products, an adder tree "
                + "and an exact accumulator (A2Q bound / Kulisch width), optional thresholds (--out-bits); golden "
                + "vectors from the Java bit-exact model, cycles = the dataflow engine's + 4.",
                "  qdse rtl mvu --mw 64 --mh 32 --pe 4 --simd 8 --w int4 --a int4 --out-bits 4 --out verilog-out/mvu"})
    static final class Generate implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--mw", paramLabel = "N", required = true, description = "reduction length (input vector "
                + "elements)")
        int mw;
        @Option(names = "--mh", paramLabel = "N", required = true, description = "outputs (weight matrix rows)")
        int mh;
        @Option(names = "--pe", paramLabel = "N", defaultValue = "1", description = "outputs in parallel, divides "
                + "--mh (default: ${DEFAULT-VALUE})")
        int pe;
        @Option(names = "--simd", paramLabel = "N", defaultValue = "1", description = "reduction elements in "
                + "parallel per PE, divides --mw (default: ${DEFAULT-VALUE})")
        int simd;
        @Option(names = "--w", paramLabel = "F", required = true, description = "weight format: intN, uintN, a "
                + "minifloat (fp8_e4m3, fp6_e2m3, e3m2, ...)")
        String w;
        @Option(names = "--a", paramLabel = "F", required = true, description = "input (activation) format")
        String a;
        @Option(names = "--out-bits", paramLabel = "BITS", defaultValue = "0", description = "threshold quantizer: "
                + "2^N - 1 thresholds per output, unsigned N-bit outputs; 0 = the accumulator is the output "
                + "(default: ${DEFAULT-VALUE})")
        int outBits;
        @Option(names = "--dsp", description = "the DSP variant: synthesize with DSP inference (synth.sh default "
                + "xilinx; without it xilinx_nodsp)")
        boolean dsp;
        @Option(names = "--out", paramLabel = "DIR", description = "bundle folder (default: verilog-out/<design>)")
        Path out;
        @Option(names = "--vectors", paramLabel = "N", defaultValue = "16", description = "input vectors of golden "
                + "vectors (default: ${DEFAULT-VALUE})")
        int vectors;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the weights, "
                + "thresholds and vectors (default: ${DEFAULT-VALUE})")
        long seed;
        @Mixin
        SimOption sim;
        @Mixin
        OutputOptions output;
        @Mixin
        ForceOption force;

        @Override
        public void run() {
            if (vectors < 1 || vectors > 100_000) {
                throw new InvalidInputException("--vectors", vectors, "must be in 1..100000");
            }
            String s = sim.tool();
            Design.Mvu d = Designs.mvu(mw, mh, pe, simd, w, a, outBits, dsp, seed);
            Path dir = RtlCommand.outDir(out, d);
            RtlCommand.requireSimulator(spec, s, dir);
            PrintWriter pw = spec.commandLine().getOut();
            try (OutputSet set = Outputs.folder(spec, dir, "--out", force.force)) {
                Bundle.Written written = Bundle.write(d, set, vectors, seed);
                RtlCommand.firtoolNote(spec);
                set.commit();
                boolean required = OptionScope.given(spec, "--sim");
                if (output.json) {
                    CoSimulation c = RtlCommand.simulate(null, dir, s, required);
                    ObjectNode o = RtlRender.generatedJson(new RtlRender.Generated(dir, written, false), c);
                    o.put("vector_unit", "input_vectors");
                    o.put("cycles_model", "Java FpgaDataflow unit cycles + " + MvuGolden.PIPELINE_CYCLES
                            + " pipeline cycles (full rate)");
                    o.set("model", MvuRender.modelJson(d));
                    pw.print(Json.write(o));
                    return;
                }
                pw.print(MvuRender.generatedText(d, dir, written));
                pw.flush();
                RtlCommand.simulate(pw, dir, s, required);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code qdse rtl mvu-sweep}. */
    @Command(name = "mvu-sweep", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Synthesize the matrix-vector-unit sweep (30 named configurations: a fit set and a "
                + "held-out set) with Yosys (xilinx -nodsp and ice40 for LUT variants, xilinx for DSP variants) and "
                + "print each beside the dataflow engine's estimate of the same unit.",
                "Writes mvu_synthesis.csv (every Yosys count, with the Yosys version) to --out; in the source tree the "
                + "default is rtl-gen's resource folder, which the committed-data test reads.",
                "  qdse rtl mvu-sweep -j 2            (about 20-40 minutes on 2 cores)",
                "  qdse rtl mvu-sweep --from rtl-gen/src/main/resources/io/qdse/rtl/mvu_synthesis.csv"})
    static final class Sweep implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--out", paramLabel = "DIR", description = "folder for mvu_synthesis.csv")
        Path out;
        @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "2", description = "parallel Yosys runs "
                + "(default: ${DEFAULT-VALUE})")
        int jobs;
        @Option(names = "--work", paramLabel = "DIR", defaultValue = "verilog-out/mvu-sweep", description = "bundles "
                + "and Yosys logs (default: ${DEFAULT-VALUE})")
        Path work;
        @Option(names = "--only", paramLabel = "REGEX", description = "configurations whose id matches this regular "
                + "expression, e.g. 'h0[1-3]'")
        String only;
        @Option(names = "--from", paramLabel = "CSV", description = "print the residuals of a stored "
                + "mvu_synthesis.csv (mvu_fmax.csv with --fmax) instead of running Yosys")
        Path from;
        @Option(names = "--fmax", description = "measure Fmax instead of resources: synth_ice40, nextpnr-ice40 on an "
                + "HX8K, for the LUT configurations (mvu_fmax.csv), beside the iCE40 clock model")
        boolean fmax;
        @Mixin
        OutputOptions output;
        @Mixin
        ForceOption force;

        @Override
        public void run() {
            if (jobs < 1 || jobs > 64) {
                throw new InvalidInputException("--jobs", jobs, "must be in 1..64");
            }
            OptionScope.only(spec, from == null, "when synthesizing (without --from)", "--jobs", "--work", "--only",
                    "--out", "--force");
            PrintWriter pw = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (fmax) {
                fmax(pw, err);
                return;
            }
            try {
                List<MvuSynthesis.Row> rows;
                if (from != null) {
                    if (!Files.isRegularFile(from)) {
                        throw new InvalidInputException("--from", from, "an existing mvu_synthesis.csv");
                    }
                    rows = MvuSynthesis.fromCsv(Files.readString(from));
                } else {
                    Tools.require("yosys", "install it (apt-get install yosys)", "to synthesize the MVU sweep");
                    List<MvuSynthesis.Config> configs = MvuSynthesis.select(only);
                    rows = MvuSynthesis.run(configs, work, jobs, 7200, msg -> {
                        err.println(msg);
                        err.flush();
                    });
                    writeResult(err, MvuSynthesis.RESOURCE, "qdse rtl mvu-sweep -j " + jobs, Synthesis.yosysVersion()
                            + "; flows: synth_xilinx -flatten -family xcup [-nodsp], synth_ice40 -flatten (the bundles' "
                            + "synth_*.ys)", MvuSynthesis.toCsv(rows));
                }
                pw.print(output.json ? Json.write(MvuRender.residualsJson(MvuSynthesis.residuals(rows)))
                        : MvuRender.residualsText(MvuSynthesis.residuals(rows)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Writes a measurement table with the command that made it: by default into rtl-gen's resource folder when
         * run in the source tree (what the committed-data tests read), else into {@code --out} (or the work folder's
         * results/).
         */
        private void writeResult(PrintWriter err, String name, String command, String tools, String csv) {
            Path dest = out;
            boolean sourceTree = false;
            if (dest == null) {
                Path res = Path.of("rtl-gen/src/main/resources/io/qdse/rtl");
                sourceTree = Files.isDirectory(res);
                dest = sourceTree ? res : work.resolve("results");
            }
            try (OutputSet results = sourceTree ? OutputSet.files(dest, "--out", true, List.of(), List.of(name))
                    : Outputs.folder(spec, dest, "--out", force.force)) {
                results.write(name, "# made by: " + command + (only == null ? "" : " --only '" + only + "'") + "\n# "
                        + tools + "\n" + csv);
                results.commit();
            }
            err.println("wrote " + dest.resolve(name));
        }

        /** {@code --fmax}: nextpnr-ice40's Fmax of each LUT configuration beside the iCE40 clock model. */
        private void fmax(PrintWriter pw, PrintWriter err) {
            OptionScope.only(spec, from == null, "when measuring (without --from)", "--jobs");
            try {
                List<MvuTiming.Row> rows;
                if (from != null) {
                    if (!Files.isRegularFile(from)) {
                        throw new InvalidInputException("--from", from, "an existing mvu_fmax.csv");
                    }
                    rows = MvuTiming.fromCsv(Files.readString(from));
                } else {
                    rows = MvuTiming.run(MvuTiming.configs(only), work, 3600, msg -> {
                        err.println(msg);
                        err.flush();
                    });
                    writeResult(err, MvuTiming.RESOURCE, "qdse rtl mvu-sweep --fmax", Synthesis.yosysVersion()
                            + ", synth_ice40 -flatten (the bundles' synth_ice40.ys) to JSON; nextpnr-ice40 --"
                            + MvuTiming.DEVICE + " --package ct256 --freq 12 --seed 1", MvuTiming.toCsv(rows));
                }
                List<RtlRender.FmaxResidual> res = new ArrayList<>();
                for (MvuTiming.Row r : rows) {
                    res.add(new RtlRender.FmaxResidual(r.config().id(), r.config().set(), r.config().design().slug(),
                            r.fmaxMhz(), Synthesis.mvuFmaxModel(r.config().design()), r.lcs(), r.nextpnr()));
                }
                pw.print(output.json ? Json.write(RtlRender.fmaxJson(res)) : RtlRender.fmaxText(res));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
