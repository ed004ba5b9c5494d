package io.qdse.cli.command;

import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.AccumulatorSpecs;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.reports.render.RtlRender;
import io.qdse.reports.text.Json;
import io.qdse.rtl.Bitstream;
import io.qdse.rtl.Bundle;
import io.qdse.rtl.Calibration;
import io.qdse.rtl.CoSimulation;
import io.qdse.rtl.Design;
import io.qdse.rtl.Designs;
import io.qdse.rtl.Synthesis;
import io.qdse.rtl.Tools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse rtl}: generate RTL bundles, simulate them against the Java model, synthesize, build a bitstream. */
@Command(name = "rtl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate SystemVerilog (Chisel) with a self-checking testbench and golden vectors from the "
            + "Java bit-exact model; simulate, synthesize, build an iCE40 bitstream.",
            "  qdse rtl pe --a fp8_e4m3 --b fp8_e4m3 --acc kulisch --out verilog-out/pe_fp8",
            "  qdse rtl array --rows 4 --cols 4 --dataflow ws --a int8 --b int8 --acc int32",
            "  qdse rtl array --kind bitserial --rows 4 --cols 4 --lanes 8 --k 2 --a int8 --b int4",
            "  qdse rtl sim verilog-out/pe_fp8 [--simulator verilator]",
            "  qdse rtl synth verilog-out/pe_fp8 --target ice40",
            "  qdse rtl bitstream verilog-out/pe_fp8",
            "  qdse rtl calibrate            (refit the FPGA LUT model from Yosys runs of 34 PEs x 3 flows)",
            "  qdse rtl mvu --mw 64 --mh 32 --pe 4 --simd 8 --w int4 --a int4 --out-bits 4",
            "  qdse rtl mvu-sweep            (Yosys on 30 matrix-vector units beside the dataflow engine's estimate)"},
        subcommands = {RtlCommand.Pe.class, RtlCommand.Array.class, RtlCommand.Sim.class, RtlCommand.Synth.class,
            RtlCommand.Bits.class, RtlCommand.Calibrate.class, RtlMvuCommand.Generate.class,
            RtlMvuCommand.Sweep.class, RtlDataflowCommand.class})
public final class RtlCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path outDir(Path out, Design d) {
        return out != null ? out : Path.of("verilog-out", d.slug());
    }

    /**
     * Lints and simulates a bundle; in text, prints each step as it finishes.
     *
     * @param pw       where the text goes, or null (JSON: the caller renders the returned record)
     * @param required whether the simulation was asked for ({@code rtl sim}, an explicit {@code --sim}): then a
     *                 missing simulator is an error (exit status 4, "tool missing"); otherwise skipped with a note
     * @return the co-simulation, or null for {@code none}
     * @throws IllegalStateException when the testbench fails
     */
    static CoSimulation simulate(PrintWriter pw, Path dir, String simulator, boolean required) throws IOException {
        if (simulator.equals("none")) {
            return null;
        }
        if (required) {
            Tools.require(CoSimulation.tool(simulator), "install it (apt-get install " + CoSimulation.tool(simulator)
                    + ")", "to simulate the testbench of " + dir);
        }
        if (!Tools.available(CoSimulation.tool(simulator))) {
            CoSimulation skipped = CoSimulation.skipped(simulator);
            print(pw, RtlRender.simulationSkipped(skipped));
            return skipped;
        }
        Tools.Result lint = CoSimulation.lint(dir);
        if (lint != null) {
            print(pw, RtlRender.lintText(lint));
        }
        CoSimulation c = CoSimulation.run(dir, simulator, lint);
        print(pw, RtlRender.simulationText(c));
        if (!c.passed()) {
            throw new IllegalStateException(RtlRender.simulationFailure(dir, c));
        }
        return c;
    }

    /**
     * An explicit {@code --sim} whose tool is missing exits 4 before anything is written (as {@code rtl sim} does);
     * the default simulator is skipped with a note instead ({@link #simulate}).
     */
    static void requireSimulator(CommandSpec spec, String simulator, Path dir) {
        if (!simulator.equals("none") && OptionScope.given(spec, "--sim")) {
            Tools.require(CoSimulation.tool(simulator), "install it (apt-get install " + CoSimulation.tool(simulator)
                    + ")", "to simulate the testbench of " + dir);
        }
    }

    /** {@link #simulate(PrintWriter, Path, String, boolean)} with a simulator that was not asked for explicitly. */
    static CoSimulation simulate(PrintWriter pw, Path dir, String simulator) throws IOException {
        return simulate(pw, dir, simulator, false);
    }

    private static void print(PrintWriter pw, String text) {
        if (pw != null) {
            pw.print(text);
            pw.flush();
        }
    }

    /** {@code qdse rtl pe}. */
    @Command(name = "pe", mixinStandardHelpOptions = true, sortOptions = false,
            description = "A MAC PE (integer/minifloat pair) or, with --serial, a bit-serial PE.")
    static final class Pe implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--a", paramLabel = "F", required = true,
                description = "first operand format, e.g. int8, uint4, fp8_e4m3")
        String a;
        @Option(names = "--b", paramLabel = "F", description = "second operand format (MAC PE; default: same as --a)")
        String b;
        @Option(names = "--acc", paramLabel = "ACC", description = "intN, intN:sat, kulisch (exact for "
                + "--dot-length products), kulischW, or a float format (fp32, fp16, bf16, eXmY: round to nearest "
                + "even once per MAC); must hold one product (default: int32 for integer operands, fp32 otherwise, "
                + "as in every command)")
        String acc;
        @Option(names = "--dot-length", paramLabel = "N", defaultValue = "4096",
                description = "products a Kulisch register holds "
                + "exactly (default: ${DEFAULT-VALUE})")
        long dotLength;
        @Option(names = "--serial", paramLabel = "F",
                description = "bit-serial PE: the serial operand's integer format, e.g. int8")
        String serial;
        @Option(names = "--k", paramLabel = "K", defaultValue = "1",
                description = "bit-serial: bits per cycle (default: ${DEFAULT-VALUE})")
        int k;
        @Option(names = "--acc-bits", paramLabel = "BITS", defaultValue = "0",
                description = "bit-serial: accumulator bits (default: "
                + "a + serial + 8)")
        int accBits;
        @Option(names = "--out", paramLabel = "DIR", description = "bundle folder (default: verilog-out/<design>)")
        Path out;
        @Option(names = "--vectors", paramLabel = "N", defaultValue = "2000",
                description = "golden-vector cycles (default: ${DEFAULT-VALUE})")
        int vectors;
        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "vector seed (default: ${DEFAULT-VALUE})")
        long seed;
        @Mixin
        SimOption sim;
        @Mixin
        OutputOptions output;
        @Mixin
        ForceOption force;

        @Override
        public void run() {
            OptionScope.only(spec, serial == null, "for a MAC PE (without --serial)", "--b", "--acc", "--dot-length");
            OptionScope.only(spec, serial != null, "for a bit-serial PE (with --serial)", "--k", "--acc-bits");
            OptionScope.only(spec, acc != null && acc.trim().equalsIgnoreCase("kulisch"), "with --acc kulisch (it "
                    + "sizes the exact register)", "--dot-length");
            Design d = serial != null ? Designs.bitSerial(a, serial, k, accBits)
                    : Designs.pe(a, b == null ? a : b, acc != null ? acc : AccumulatorSpecs.defaultName(
                            Formats.parse(a, "--a"), Formats.parse(b == null ? a : b, "--b")), dotLength);
            generate(spec, d, outDir(out, d), force.force, "--vectors", vectors, seed, sim, output.json);
        }
    }

    static void generate(CommandSpec spec, Design d, Path dir, boolean force, String countOption, int vectors,
                         long seed, SimOption sim, boolean json) {
        if (vectors < 1 || vectors > 1_000_000) {
            throw new InvalidInputException(countOption, vectors, "must be in 1..1000000");
        }
        String s = sim.tool();
        requireSimulator(spec, s, dir);
        PrintWriter pw = spec.commandLine().getOut();
        try (OutputSet set = Outputs.folder(spec, dir, "--out", force)) {
            Bundle.Written w = Bundle.write(d, set, vectors, seed);
            firtoolNote(spec);
            boolean selfTest = Bitstream.supports(d);
            if (selfTest) {
                Bitstream.write(set, d, Bitstream.HX8K_BREAKOUT, 4096, 44257);
            }
            set.commit();
            RtlRender.Generated g = new RtlRender.Generated(dir, w, selfTest);
            boolean required = OptionScope.given(spec, "--sim");
            if (json) {
                CoSimulation c = simulate(null, dir, s, required);
                pw.print(Json.write(RtlRender.generatedJson(g, c)));
                return;
            }
            pw.print(RtlRender.generatedText(g));
            pw.flush();
            simulate(pw, dir, s, required);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Says on stderr where firtool went when its default cache could not be written (FirtoolCache), once a run. */
    static void firtoolNote(CommandSpec spec) {
        String n = io.qdse.rtl.FirtoolCache.takeNote();
        if (!n.isEmpty()) {
            spec.commandLine().getErr().println("qdse: note: " + n);
            spec.commandLine().getErr().flush();
        }
    }

    /** {@code qdse rtl array}. */
    @Command(name = "array", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"An R x C array with operand/result buffers and a sequencer whose cycles equal the Java "
                + "cycle-stepped engine's:",
                "  --kind systolic (default): MAC PEs, os or ws, fold sequencer (simulator CycleEngine);",
                "  --kind bitserial: Stripes-style bit-serial PEs, activations (--a) serial --k bits per cycle, "
                + "weights (--b) parallel, --lanes products per PE per step; N on rows, M on columns, K over the "
                + "lanes (simulator BitSerialCycleEngine: mBlocks*nBlocks*kSteps*ceil(Pa/k) + 1 cycles per GEMM)."})
    static final class Array implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "systolic",
                description = "systolic or bitserial (default: "
                + "${DEFAULT-VALUE})")
        String kind;
        @Option(names = "--rows", paramLabel = "R", defaultValue = "4",
                description = "rows (default: ${DEFAULT-VALUE})")
        int rows;
        @Option(names = "--cols", paramLabel = "C", defaultValue = "4",
                description = "columns (default: ${DEFAULT-VALUE})")
        int cols;
        @Option(names = "--dataflow", paramLabel = "os|ws", description = "systolic: os or ws (default: ws)")
        String dataflow;
        @Option(names = "--lanes", paramLabel = "N",
                description = "bitserial: products per PE per step, the dot-product width "
                + "(default: 8)")
        Integer lanes;
        @Option(names = "--k", paramLabel = "K",
                description = "bitserial: activation bits per cycle, 1..bits of --a (default: 1)")
        Integer k;
        @Option(names = "--a", paramLabel = "F", defaultValue = "int8",
                description = "A (activation) format (default: ${DEFAULT-VALUE}; "
                + "bitserial: an integer of 1..16 bits)")
        String a;
        @Option(names = "--b", paramLabel = "F", description = "B (weight) format (default: same as --a)")
        String b;
        @Option(names = "--acc", paramLabel = "ACC",
                description = "accumulator, a two's-complement register that holds one product "
                + "(systolic default: int32 for integer operands as in every command, kulisch for float ones); "
                + "bitserial: intN, a wrapping N-bit register (default: exact for --max-k products)")
        String acc;
        @Option(names = "--max-m", paramLabel = "M", defaultValue = "16",
                description = "largest M the buffers hold (default: ${DEFAULT-VALUE})")
        int maxM;
        @Option(names = "--max-n", paramLabel = "N", defaultValue = "16",
                description = "largest N (default: ${DEFAULT-VALUE})")
        int maxN;
        @Option(names = "--max-k", paramLabel = "K", defaultValue = "16",
                description = "largest K (default: ${DEFAULT-VALUE})")
        int maxK;
        @Option(names = "--out", paramLabel = "DIR", description = "bundle folder (default: verilog-out/<design>)")
        Path out;
        @Option(names = "--cases", paramLabel = "N", defaultValue = "10",
                description = "random GEMM cases (default: ${DEFAULT-VALUE})")
        int cases;
        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "vector seed (default: ${DEFAULT-VALUE})")
        long seed;
        @Mixin
        SimOption sim;
        @Mixin
        OutputOptions output;
        @Mixin
        ForceOption force;

        @Override
        public void run() {
            Design d;
            try {
                d = design();
            } catch (InvalidInputException e) {
                // the design records name their fields (rows, max-M); here they are options: say --rows, --max-m
                String option = "--" + e.field().toLowerCase(Locale.ROOT);
                if (e.field().startsWith("-") || spec.findOption(option) == null) {
                    throw e;
                }
                throw new InvalidInputException(option, e.value(), e.allowed());
            }
            generate(spec, d, outDir(out, d), force.force, "--cases", cases, seed, sim, output.json);
        }

        private Design design() {
            String kd = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
            Design d;
            if (kd.equals("systolic")) {
                if (lanes != null) {
                    throw new InvalidInputException("--lanes", lanes, "applies to --kind bitserial (a systolic PE "
                            + "does one MAC per cycle)");
                }
                if (k != null) {
                    throw new InvalidInputException("--k", k, "applies to --kind bitserial (bits per cycle)");
                }
                String dflt = AccumulatorSpecs.defaultFor(Formats.parse(a, "--a"), Formats.parse(b == null ? a : b,
                        "--b")) instanceof io.qdse.hwmodels.arith.FixedPointAccumulator f ? f.name() : "kulisch";
                Design.MacPe pe = Designs.mac(a, b == null ? a : b, acc == null ? dflt : acc, maxK);
                d = new Design.Array(rows, cols, Designs.dataflow(dataflow == null ? "ws" : dataflow), pe, maxM, maxN,
                        maxK);
            } else if (kd.equals("bitserial")) {
                if (dataflow != null) {
                    throw new InvalidInputException("--dataflow", dataflow, "applies to --kind systolic (the "
                            + "bit-serial array's mapping is fixed: N on rows, M on columns, K over the lanes)");
                }
                d = Designs.bitSerialArray(rows, cols, lanes == null ? 8 : lanes, k == null ? 1 : k, a,
                        b == null ? a : b, bitSerialAcc(acc), maxM, maxN, maxK);
            } else {
                throw new InvalidInputException("--kind", kind, "systolic or bitserial");
            }
            return d;
        }

        /** @return the bit-serial array's accumulator bits from {@code intN}, or 0 for the exact default */
        private static int bitSerialAcc(String acc) {
            if (acc == null) {
                return 0;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("int(\\d{1,3})").matcher(acc.trim());
            if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
                throw new InvalidInputException("--acc", acc, "intN (a wrapping N-bit register) for the bit-serial "
                        + "array");
            }
            return Integer.parseInt(m.group(1));
        }
    }

    /** {@code qdse rtl sim}. */
    @Command(name = "sim", mixinStandardHelpOptions = true, description = "Lint and simulate a bundle's testbench.")
    static final class Sim implements Runnable {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "an RTL bundle folder")
        Path dir;
        @Option(names = "--simulator", paramLabel = "TOOL", defaultValue = "icarus",
                description = "icarus or verilator (default: "
                + "${DEFAULT-VALUE})")
        String simulator;
        @Mixin
        OutputOptions output;

        @Override
        public void run() {
            try {
                Design d = Designs.fromBundle(dir);
                String s = simulator.toLowerCase(Locale.ROOT);
                if (!s.equals("icarus") && !s.equals("verilator")) {
                    throw new InvalidInputException("--simulator", simulator, "icarus or verilator");
                }
                PrintWriter pw = spec.commandLine().getOut();
                CoSimulation c = simulate(output.json ? null : pw, dir, s, true);
                if (output.json) {
                    pw.print(Json.write(RtlRender.simJson(d, dir, c)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code qdse rtl synth}. */
    @Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Synthesize a bundle with Yosys and print its cells beside the FPGA model's prediction.")
    static final class Synth implements Runnable {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "an RTL bundle folder")
        Path dir;
        @Option(names = "--target", paramLabel = "TARGET", defaultValue = "xilinx",
                description = "xilinx (UltraScale+), ice40 or ecp5 "
                + "(default: ${DEFAULT-VALUE})")
        String target;
        @Option(names = "--nodsp", description = "Xilinx: keep multipliers in LUTs")
        boolean nodsp;
        @Mixin
        OutputOptions output;

        @Override
        public void run() {
            OptionScope.only(spec, target.trim().equalsIgnoreCase("xilinx"), "with --target xilinx (the other flows "
                    + "have no DSP inference to turn off)", "--nodsp");
            Synthesis.Target t = Synthesis.Target.parse(target, nodsp);
            try {
                Design d = Designs.fromBundle(dir);
                Synthesis.Stats s = Synthesis.run(dir, t, 3600);
                FpgaCost p = Synthesis.predict(d, t);
                RtlRender.Synth r = new RtlRender.Synth(d, s, p, Synthesis.pes(d));
                PrintWriter pw = spec.commandLine().getOut();
                if (output.json) {
                    pw.println(Json.write(RtlRender.synthJson(r))); // a blank line after the document, as always
                } else {
                    pw.print(RtlRender.synthText(r));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code qdse rtl bitstream}. */
    @Command(name = "bitstream", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Build an iCE40 bitstream of a bundle's design inside a self-test wrapper (a PE: LFSR "
                + "operands; an array: LFSR-filled buffers and one GEMM of the maximum size; the signature of every "
                + "output is checked against the Java model; LED0 pass, LED1 fail, LED2 done, LEDs 3-7 heartbeat).",
                "Writes DIR/fpga/ (wrapper RTL, .pcf, tb_selftest.sv, bitstream.sh) and DIR/fpga/build/SelfTestTop.bin."})
    static final class Bits implements Runnable {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "an RTL bundle folder")
        Path dir;
        @Option(names = "--board", paramLabel = "BOARD", defaultValue = "hx8k-breakout",
                description = "board (default: ${DEFAULT-VALUE})")
        String board;
        @Option(names = "--steps", paramLabel = "N", defaultValue = "4096",
                description = "PE self-test MAC cycles (default: "
                + "${DEFAULT-VALUE})")
        int steps;
        @Option(names = "--seed", paramLabel = "N", defaultValue = "44257",
                description = "LFSR seed, non-zero (default: ${DEFAULT-VALUE})")
        long seed;
        @Mixin
        OutputOptions output;
        @Mixin
        ForceOption force;

        @Override
        public void run() {
            try {
                Design d = Designs.fromBundle(dir);
                Bitstream.Board b = Bitstream.board(board);
                Path fpga = Bitstream.write(dir, d, b, steps, seed, force.force);
                PrintWriter pw = spec.commandLine().getOut();
                if (Tools.available("iverilog")) {
                    Tools.Result sim = Tools.script(fpga, "sim_selftest.sh", 600);
                    if (!sim.ok()) {
                        throw new IllegalStateException("the self-test fails in simulation:\n" + sim.output());
                    }
                    if (!output.json) {
                        pw.print(RtlRender.selfTestPassed());
                    }
                }
                Bitstream.Result r = Bitstream.run(fpga, 3600);
                RtlRender.BitstreamBuild build = new RtlRender.BitstreamBuild(d, b, r, Files.size(r.bin()));
                if (output.json) {
                    pw.println(Json.write(RtlRender.bitstreamJson(build))); // a blank line after it, as always
                } else {
                    pw.print(RtlRender.bitstreamText(build));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code qdse rtl calibrate}. */
    @Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Synthesize a sweep of generated PEs (int 2-16 bits signed/unsigned, minifloats of 4-8 "
                + "bits, e2m1 to e6m1) with Yosys (xilinx with and without DSPs, ice40), refit the FPGA "
                + "model's LUT coefficients on two thirds of them and report the error on the held-out third.",
                "Writes lut_fit.csv (coefficients + Yosys version) and pe_synthesis.csv (the measurements) to --out; "
                + "in the source tree the default is the hwmodels resource folder, so a rebuild uses the new fit."})
    static final class Calibrate implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--out", paramLabel = "DIR", description = "folder for lut_fit.csv and pe_synthesis.csv")
        Path out;
        @Option(names = {"-j", "--jobs"}, defaultValue = "2", description = "parallel Yosys runs (default: "
                + "${DEFAULT-VALUE})")
        int jobs;
        @Option(names = "--work", paramLabel = "DIR", defaultValue = "verilog-out/calibration",
                description = "bundles and Yosys logs "
                + "(default: ${DEFAULT-VALUE})")
        Path work;
        @Option(names = "--from", paramLabel = "CSV",
                description = "refit from a stored pe_synthesis.csv instead of running Yosys")
        Path from;
        @Mixin
        OutputOptions output;
        @Mixin
        ForceOption force;

        @Override
        public void run() {
            if (jobs < 1 || jobs > 64) {
                throw new InvalidInputException("--jobs", jobs, "must be in 1..64");
            }
            if (from == null) {
                Tools.require("yosys", "install it (apt-get install yosys)", "to calibrate");
            }
            Path dest = out;
            boolean sourceTree = false;
            if (dest == null) {
                Path res = Path.of("hwmodels/src/main/resources/io/qdse/hwmodels/fpga");
                sourceTree = Files.isDirectory(res);
                dest = sourceTree ? res : work.resolve("fit");
            }
            // in the source tree the default replaces the committed fit and measurements, even when --from read
            // them (git keeps the old ones); elsewhere the results go into a folder output of their own
            List<String> names = List.of("lut_fit.csv", "pe_synthesis.csv");
            OutputSet results = sourceTree ? OutputSet.files(dest, "--out", true, List.of(), names)
                    : Outputs.folder(spec, dest, "--out", force.force);
            PrintWriter pw = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Calibration.Fit f;
                if (from != null) {
                    if (!Files.isRegularFile(from)) {
                        throw new InvalidInputException("--from", from, "an existing pe_synthesis.csv");
                    }
                    var rows = Calibration.fromCsv(Files.readString(from));
                    f = new Calibration.Fit(Calibration.fit(rows, rows.get(0).yosys()), rows);
                } else {
                    f = Calibration.run(Calibration.sweep(), work, jobs, msg -> {
                        err.println(msg);
                        err.flush();
                    });
                }
                results.write("lut_fit.csv", f.fit().toCsv());
                results.write("pe_synthesis.csv", Calibration.rowsCsv(f.rows()));
                results.commit();
                Path lutFit = dest.resolve("lut_fit.csv");
                Path rows = dest.resolve("pe_synthesis.csv");
                pw.print(output.json ? Json.write(RtlRender.calibrationJson(f, lutFit, rows))
                        : RtlRender.calibrationText(f, lutFit, rows));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                results.close();
            }
        }
    }
}
