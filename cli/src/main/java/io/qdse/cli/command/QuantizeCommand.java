package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.io.NumberCsv;
import io.qdse.cli.io.Outputs;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.Overflow;
import io.qdse.hwmodels.format.RoundingMode;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.quant.ClipMethod;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.hwmodels.quant.QuantizationResult;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.TensorQuantizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
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
        if (input.values != null) {
            double[] xs = NumberCsv.parseList(input.values, "--values");
            String sc = scaling == null ? (f instanceof BlockFormat ? "block" : "none") : scaling;
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
            tensor(w, f, t.values(), t.shape(), scaling == null ? (f instanceof BlockFormat ? "block" : "tensor")
                    : scaling, rm, ov, cm, input.csv.toString());
        } finally {
            if (outSet != null) {
                outSet.close();
            }
        }
    }

    private void direct(PrintWriter w, NumberFormat f, double[] xs, RoundingMode rm, Overflow ov) {
        if (!(f instanceof ScalarFormat)) {
            throw new InvalidInputException("--scaling", "none", f.name() + " is a block format: its elements need "
                    + "a shared scale; use --scaling block");
        }
        ScalarFormat s = (ScalarFormat) f;
        SplittableRandom random = new SplittableRandom(seed);
        double[] q = new double[xs.length];
        long[] codes = new long[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (!(s instanceof MinifloatFormat) && !Double.isFinite(xs[i]) && Double.isNaN(xs[i])) {
                throw new InvalidInputException("--values", "NaN", s.name() + " has no NaN code");
            }
            q[i] = s.quantize(xs[i], rm, ov, random);
            codes[i] = s instanceof MinifloatFormat ? ((MinifloatFormat) s).codeOf(q[i]) : s.encode(q[i]);
        }
        if (output.json) {
            ObjectNode o = Json.object();
            o.put("format", s.name());
            o.put("rounding", rounding.toLowerCase(Locale.ROOT));
            o.put("overflow", overflow.toLowerCase(Locale.ROOT));
            o.put("scaling", "none");
            ArrayNode arr = o.putArray("values");
            for (int i = 0; i < xs.length; i++) {
                ObjectNode v = arr.addObject();
                Json.put(v, "input", xs[i]);
                Json.put(v, "quantized", q[i]);
                v.put("code", codes[i]);
                v.put("code_hex", FormatsCommand.hex(codes[i], s.bits()));
                Json.put(v, "abs_error", Math.abs(xs[i] - q[i]));
            }
            w.print(Json.write(o));
            return;
        }
        w.println(s.name() + ": " + s.description());
        TextTable t = new TextTable("input", "quantized", "code", "abs error").numeric(0, 1, 3);
        for (int i = 0; i < xs.length; i++) {
            double err = Math.abs(xs[i] - q[i]);
            t.row(Numbers.plain(xs[i]), Formats.formatValue(q[i]), FormatsCommand.hex(codes[i], s.bits()),
                    Double.isNaN(err) ? "-" : Numbers.sig(err, 4));
        }
        w.print(t.render());
    }

    private void tensor(PrintWriter w, NumberFormat f, double[] xs, int[] shape, String sc, RoundingMode rm,
                        Overflow ov, ClipMethod cm, String source) {
        Granularity g = parseGranularity(sc, f);
        QuantizationSpec qs = QuantizationSpec.of(f).withGranularity(g, axis, blockSize).withClip(cm)
                .withRounding(rm, seed).withOverflow(ov);
        long start = System.nanoTime();
        QuantizationResult r = TensorQuantizer.quantize(xs, shape, qs);
        double seconds = (System.nanoTime() - start) / 1e9;
        double maxErr = 0;
        for (int i = 0; i < xs.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(xs[i] - r.quantized()[i]));
        }
        if (out != null) {
            if (outSet == null) {
                throw new InvalidInputException("--out", out, "writing a file needs --csv input");
            }
            NumberCsv.write(outSet.path(out.toAbsolutePath().normalize().getFileName().toString()), r.quantized(),
                    shape);
            outSet.commit();
        }
        if (output.json) {
            ObjectNode o = Json.object();
            o.put("format", f.name());
            o.put("source", source);
            ArrayNode sh = o.putArray("shape");
            Arrays.stream(shape).forEach(sh::add);
            o.put("elements", xs.length);
            o.put("scaling", g.name().toLowerCase(Locale.ROOT).replace("per_", ""));
            o.put("clip", cm.name().toLowerCase(Locale.ROOT));
            o.put("rounding", rounding.toLowerCase(Locale.ROOT));
            o.put("scales", r.scales().length);
            Json.put(o, "mse", r.mse());
            Json.put(o, "sqnr_db", r.sqnrDb());
            Json.put(o, "error_sq_sum", r.errorSquared());
            Json.put(o, "max_abs_error", maxErr);
            o.put("saturated", r.saturated());
            Json.put(o, "bits_per_element", f.bitsPerElement());
            if (r.scales().length <= 64) {
                ArrayNode s = o.putArray("scale_values");
                for (double v : r.scales()) {
                    s.add(v);
                }
            }
            if (out != null) {
                o.put("out", out.toString());
            }
            w.print(Json.write(o));
            return;
        }
        w.println("Quantized " + xs.length + " values " + Arrays.toString(shape) + " from " + source + " to "
                + f.name() + " (" + f.description() + ")");
        TextTable t = new TextTable("metric", "value").numeric(1);
        t.row("scaling", g.name().toLowerCase(Locale.ROOT).replace('_', '-') + (g == Granularity.PER_CHANNEL
                ? " (axis " + axis + ")" : "") + ", " + cm.name().toLowerCase(Locale.ROOT) + " clip");
        t.row("scales", r.scales().length + (r.scales().length == 1 ? " (" + Numbers.sig(r.scales()[0], 6) + ")" : ""));
        t.row("MSE", Numbers.sig(r.mse(), 5));
        t.row("SQNR (dB)", Numbers.sig(r.sqnrDb(), 5));
        t.row("||Q(W)-W||^2", Numbers.sig(r.errorSquared(), 5));
        t.row("max |error|", Numbers.sig(maxErr, 5));
        t.row("saturated elements", r.saturated());
        t.row("storage (bits/element)", Formats.formatValue(f.bitsPerElement()));
        t.row("time (s)", Numbers.sig(seconds, 3));
        w.print(t.render());
        if (out != null) {
            w.println("wrote " + out);
        }
        if (xs.length <= 16) {
            w.println();
            TextTable v = new TextTable("input", "quantized", "abs error").numeric(0, 1, 2);
            for (int i = 0; i < xs.length; i++) {
                v.row(Numbers.plain(xs[i]), Numbers.sig(r.quantized()[i], 6),
                        Numbers.sig(Math.abs(xs[i] - r.quantized()[i]), 4));
            }
            w.print(v.render());
        }
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
