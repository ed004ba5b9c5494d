package io.qdse.cli.command;

import io.qdse.cli.io.NumberCsv;
import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.Overflow;
import io.qdse.hwmodels.format.RoundingMode;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.quant.ClipMethod;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.hwmodels.quant.QuantizationResult;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.TensorQuantizer;
import io.qdse.hwmodels.quant.ValueQuantization;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.reports.render.QuantizeRender;
import io.qdse.reports.text.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse quantize}: round values or a tensor to a format and report the error. */
@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Quantize values to a number format and report codes and error.",
            "With --values each number is rounded to the format as is (no scale) unless --scaling says otherwise;",
            "with --csv the file is a tensor (rows x columns) scaled per tensor by default."})
public final class QuantizeCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Option(names = "--format", required = true, paramLabel = "F",
            description = "Target format, e.g. int8, fp8_e4m3, e3m2, mxfp4 (see 'qdse formats list').")
    String format;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--values", paramLabel = "X,Y,...", description = "Comma-separated numbers, e.g. 0.1,-3,448.")
        String values;
        @Option(names = "--csv", paramLabel = "FILE", description = "A CSV of numbers (one tensor row per line).")
        Path csv;
    }

    @Option(names = "--scaling", paramLabel = "S",
            description = "none | tensor | channel | block (default: none for --values, tensor for --csv, block for"
                    + " block formats).")
    String scaling;

    @Option(names = "--clip", defaultValue = "absmax", paramLabel = "C",
            description = "absmax | mse: how each scale's clipping range is chosen (default ${DEFAULT-VALUE}).")
    String clip;

    @Option(names = "--rounding", defaultValue = "nearest-even", paramLabel = "R",
            description = "nearest-even | stochastic | toward-zero (default ${DEFAULT-VALUE}).")
    String rounding;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Seed of stochastic rounding (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--overflow", defaultValue = "saturate", paramLabel = "O",
            description = "saturate | overflow (±inf, NaN or wrap-around, as the format does) (default ${DEFAULT-VALUE}).")
    String overflow;

    @Option(names = "--axis", defaultValue = "0", paramLabel = "N",
            description = "Channel axis for --scaling channel (default ${DEFAULT-VALUE}: rows).")
    int axis;

    @Option(names = "--block-size", defaultValue = "32", paramLabel = "K",
            description = "Block length for --scaling block with a scalar format (default ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the dequantized tensor as CSV (with --csv); "
            + "a new file, never the input (an existing file only with --force).")
    Path out;

    @Mixin
    ForceOption force;

    /** The --out file, checked before any work and written whole at the end. */
    private OutputSet outSet;

    @Override
    public void run() {
        NumberFormat f = Formats.parse(format, "--format");
        RoundingMode rm = parseRounding(rounding);
        Overflow ov = parseOverflow(overflow);
        ClipMethod cm = parseClip(clip);
        PrintWriter w = spec.commandLine().getOut();
        String sc = scaling != null ? scaling : f instanceof BlockFormat ? "block"
                : input.values != null ? "none" : "tensor";
        scope(f, sc.toLowerCase(Locale.ROOT), rm);
        if (input.values != null) {
            double[] xs = NumberCsv.parseList(input.values, "--values");
            if (sc.equalsIgnoreCase("none")) {
                if (out != null) {
                    throw new InvalidInputException("--out", out, "writing a file needs --csv input");
                }
                direct(w, f, xs, rm, ov);
                return;
            }
            tensor(w, f, xs, new int[] {xs.length}, sc, rm, ov, cm, "--values");
            return;
        }
        NumberCsv.Tensor t = NumberCsv.read(input.csv, "--csv");
        if (out != null) {
            outSet = Outputs.file(spec, out, "--out", force.force);
        }
        try {
            tensor(w, f, t.values(), t.shape(), sc, rm, ov, cm, input.csv.toString());
        } finally {
            if (outSet != null) {
                outSet.close();
            }
        }
    }

    /** Options that do nothing with the scaling and rounding given are refused, not ignored. */
    private void scope(NumberFormat f, String sc, RoundingMode rm) {
        OptionScope.only(spec, sc.equals("channel") || sc.equals("per-channel"), "with --scaling channel", "--axis");
        OptionScope.only(spec, (sc.equals("block") || sc.equals("per-block")) && !(f instanceof BlockFormat),
                "with --scaling block and a scalar format (a block format brings its own block length)",
                "--block-size");
        OptionScope.only(spec, !sc.equals("none"), "when values share a scale (--scaling tensor, channel or block)",
                "--clip");
        OptionScope.only(spec, rm == RoundingMode.STOCHASTIC, "with --rounding stochastic", "--seed");
    }

    private void direct(PrintWriter w, NumberFormat f, double[] xs, RoundingMode rm, Overflow ov) {
        if (!(f instanceof ScalarFormat)) {
            throw new InvalidInputException("--scaling", "none", f.name() + " is a block format: its elements need "
                    + "a shared scale; use --scaling block");
        }
        ValueQuantization v = ValueQuantization.of((ScalarFormat) f, xs, rm, ov, seed, "--values");
        w.print(output.json ? Json.write(QuantizeRender.valuesJson(v, rounding, overflow))
                : QuantizeRender.valuesText(v));
    }

    private void tensor(PrintWriter w, NumberFormat f, double[] xs, int[] shape, String sc, RoundingMode rm,
                        Overflow ov, ClipMethod cm, String source) {
        Granularity g = parseGranularity(sc, f);
        QuantizationSpec qs = QuantizationSpec.of(f).withGranularity(g, axis, blockSize).withClip(cm)
                .withRounding(rm, seed).withOverflow(ov);
        long start = System.nanoTime();
        QuantizationResult r = TensorQuantizer.quantize(xs, shape, qs);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (out != null) {
            if (outSet == null) {
                throw new InvalidInputException("--out", out, "writing a file needs --csv input");
            }
            Path file = outSet.path(out.toAbsolutePath().normalize().getFileName().toString());
            try (BufferedWriter bw = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                QuantizeRender.writeCsv(bw, r.quantized(), shape);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            outSet.commit();
        }
        QuantizeRender.TensorRun run = new QuantizeRender.TensorRun(f, source, shape, xs, g, axis, cm, rounding, r,
                seconds, out);
        w.print(output.json ? Json.write(QuantizeRender.tensorJson(run)) : QuantizeRender.tensorText(run));
    }

    static RoundingMode parseRounding(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nearest-even":
            case "rne":
            case "nearest":
                return RoundingMode.NEAREST_EVEN;
            case "stochastic":
            case "sr":
                return RoundingMode.STOCHASTIC;
            case "toward-zero":
            case "rtz":
            case "truncate":
                return RoundingMode.TOWARD_ZERO;
            default:
                throw new InvalidInputException("--rounding", s, "one of nearest-even, stochastic, toward-zero");
        }
    }

    static Overflow parseOverflow(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "saturate":
            case "sat":
                return Overflow.SATURATE;
            case "overflow":
            case "inf":
            case "wrap":
                return Overflow.OVERFLOW;
            default:
                throw new InvalidInputException("--overflow", s, "one of saturate, overflow");
        }
    }

    static ClipMethod parseClip(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "absmax":
            case "max":
                return ClipMethod.ABSMAX;
            case "mse":
                return ClipMethod.MSE;
            default:
                throw new InvalidInputException("--clip", s, "one of absmax, mse");
        }
    }

    private static Granularity parseGranularity(String s, NumberFormat f) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "tensor":
            case "per-tensor":
                return Granularity.PER_TENSOR;
            case "channel":
            case "per-channel":
                return Granularity.PER_CHANNEL;
            case "block":
            case "per-block":
                return Granularity.PER_BLOCK;
            case "none":
                throw new InvalidInputException("--scaling", s, "'none' applies to --values only; a tensor from --csv"
                        + " needs tensor, channel or block");
            default:
                throw new InvalidInputException("--scaling", s, "one of none, tensor, channel, block");
        }
    }
}
