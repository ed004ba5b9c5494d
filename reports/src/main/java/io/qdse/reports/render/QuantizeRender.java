package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.quant.ClipMethod;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.hwmodels.quant.QuantizationResult;
import io.qdse.hwmodels.quant.ValueQuantization;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code qdse quantize} prints and writes: values rounded one by one (text and JSON), a quantized tensor's
 * error report (text and JSON) and the dequantized tensor as CSV. Text ends every line with LF.
 */
public final class QuantizeRender {
    /** Tensors of at most this many values are also shown value by value. */
    public static final int SHOWN_VALUES = 16;
    /** Tensors with at most this many scales list them in the JSON document. */
    public static final int LISTED_SCALES = 64;

    private QuantizeRender() {
    }

    /**
     * A tensor quantized with a scale.
     *
     * @param format      the target format
     * @param source      where the values came from (a file, or {@code --values})
     * @param shape       the tensor's shape (rows, columns or one length)
     * @param inputs      the values, row-major (not copied: tensors can be large)
     * @param granularity how scales were shared
     * @param axis        the channel axis (for per-channel scales)
     * @param clip        how each scale's range was chosen
     * @param rounding    the rounding as the user named it
     * @param result      the quantizer's outcome (not copied)
     * @param seconds     the quantizer's wall-clock time, s
     * @param out         the file the dequantized tensor was written to, or null
     */
    public record TensorRun(NumberFormat format, String source, int[] shape, double[] inputs, Granularity granularity,
                            int axis, ClipMethod clip, String rounding, QuantizationResult result, double seconds,
                            Path out) {
        public TensorRun {
            if (inputs.length != result.count()) {
                throw new IllegalArgumentException("inputs: as many as the result's values (" + result.count()
                        + "; were " + inputs.length + ")");
            }
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** @return the largest |input - quantized| (NaN when one is NaN) */
        public double maxAbsError() {
            double[] q = result.quantized();
            double maxErr = 0;
            for (int i = 0; i < inputs.length; i++) {
                maxErr = Math.max(maxErr, Math.abs(inputs[i] - q[i]));
            }
            return maxErr;
        }
    }

    // ---- values, no scale ---------------------------------------------------------------------------------------

    /** @return the format's line, then one row per value: input, quantized, code, absolute error */
    public static String valuesText(ValueQuantization v) {
        ScalarFormat s = v.format();
        TextTable t = new TextTable("input", "quantized", "code", "abs error").numeric(0, 1, 3);
        for (int i = 0; i < v.size(); i++) {
            double err = v.absError(i);
            t.row(Numbers.plain(v.input(i)), Formats.formatValue(v.quantized(i)), FormatsRender.hex(v.code(i), s.bits()),
                    Double.isNaN(err) ? "-" : Numbers.sig(err, 4));
        }
        return s.name() + ": " + s.description() + "\n" + t.render();
    }

    /**
     * @param rounding the rounding as the user named it
     * @param overflow the overflow policy as the user named it
     * @return {@code {format, rounding, overflow, scaling: "none", values: [{input, quantized, code, code_hex,
     *         abs_error}]}}
     */
    public static ObjectNode valuesJson(ValueQuantization v, String rounding, String overflow) {
        ObjectNode o = Json.object();
        o.put("format", v.format().name());
        o.put("rounding", rounding.toLowerCase(Locale.ROOT));
        o.put("overflow", overflow.toLowerCase(Locale.ROOT));
        o.put("scaling", "none");
        ArrayNode arr = o.putArray("values");
        for (int i = 0; i < v.size(); i++) {
            ObjectNode j = arr.addObject();
            Json.put(j, "input", v.input(i));
            Json.put(j, "quantized", v.quantized(i));
            j.put("code", v.code(i));
            j.put("code_hex", FormatsRender.hex(v.code(i), v.format().bits()));
            Json.put(j, "abs_error", v.absError(i));
        }
        return o;
    }

    // ---- a tensor -----------------------------------------------------------------------------------------------

    /** @return what was quantized, the error metrics, the file written and (for small tensors) every value */
    public static String tensorText(TensorRun run) {
        NumberFormat f = run.format();
        QuantizationResult r = run.result();
        double[] xs = run.inputs();
        Granularity g = run.granularity();
        StringBuilder sb = new StringBuilder();
        sb.append("Quantized ").append(xs.length).append(" values ").append(Arrays.toString(run.shape()))
                .append(" from ").append(run.source()).append(" to ").append(f.name()).append(" (")
                .append(f.description()).append(")\n");
        TextTable t = new TextTable("metric", "value").numeric(1);
        t.row("scaling", g.name().toLowerCase(Locale.ROOT).replace('_', '-') + (g == Granularity.PER_CHANNEL
                ? " (axis " + run.axis() + ")" : "") + ", " + run.clip().name().toLowerCase(Locale.ROOT) + " clip");
        t.row("scales", r.scales().length + (r.scales().length == 1 ? " (" + Numbers.sig(r.scales()[0], 6) + ")" : ""));
        t.row("MSE", Numbers.sig(r.mse(), 5));
        t.row("SQNR (dB)", Numbers.sig(r.sqnrDb(), 5));
        t.row("||Q(W)-W||^2", Numbers.sig(r.errorSquared(), 5));
        t.row("max |error|", Numbers.sig(run.maxAbsError(), 5));
        t.row("saturated elements", r.saturated());
        t.row("storage (bits/element)", Formats.formatValue(f.bitsPerElement()));
        t.row("time (s)", Numbers.sig(run.seconds(), 3));
        sb.append(t.render());
        if (run.out() != null) {
            sb.append("wrote ").append(run.out()).append('\n');
        }
        if (xs.length <= SHOWN_VALUES) {
            sb.append('\n');
            double[] q = r.quantized();
            TextTable v = new TextTable("input", "quantized", "abs error").numeric(0, 1, 2);
            for (int i = 0; i < xs.length; i++) {
                v.row(Numbers.plain(xs[i]), Numbers.sig(q[i], 6), Numbers.sig(Math.abs(xs[i] - q[i]), 4));
            }
            sb.append(v.render());
        }
        return sb.toString();
    }

    /**
     * @return {@code {format, source, shape, elements, scaling, clip, rounding, scales, mse, sqnr_db, error_sq_sum,
     *         max_abs_error, saturated, bits_per_element, scale_values (up to 64), out}}
     */
    public static ObjectNode tensorJson(TensorRun run) {
        NumberFormat f = run.format();
        QuantizationResult r = run.result();
        ObjectNode o = Json.object();
        o.put("format", f.name());
        o.put("source", run.source());
        ArrayNode sh = o.putArray("shape");
        Arrays.stream(run.shape()).forEach(sh::add);
        o.put("elements", run.inputs().length);
        o.put("scaling", run.granularity().name().toLowerCase(Locale.ROOT).replace("per_", ""));
        o.put("clip", run.clip().name().toLowerCase(Locale.ROOT));
        o.put("rounding", run.rounding().toLowerCase(Locale.ROOT));
        o.put("scales", r.scales().length);
        Json.put(o, "mse", r.mse());
        Json.put(o, "sqnr_db", r.sqnrDb());
        Json.put(o, "error_sq_sum", r.errorSquared());
        Json.put(o, "max_abs_error", run.maxAbsError());
        o.put("saturated", r.saturated());
        Json.put(o, "bits_per_element", f.bitsPerElement());
        if (r.scales().length <= LISTED_SCALES) {
            ArrayNode s = o.putArray("scale_values");
            for (double v : r.scales()) {
                s.add(v);
            }
        }
        if (run.out() != null) {
            o.put("out", run.out().toString());
        }
        return o;
    }

    /**
     * @return the tensor as CSV: one row per line (the last axis along it), full-precision values, no header
     */
    public static String csv(double[] values, int[] shape) {
        StringBuilder sb = new StringBuilder();
        writeCsv(sb, values, shape);
        return sb.toString();
    }

    /** Writes {@link #csv} to {@code out} (a file writer: tensors can be larger than a string should be). */
    public static void writeCsv(Appendable out, double[] values, int[] shape) {
        int cols = shape[shape.length - 1];
        try {
            for (int i = 0; i < values.length; i++) {
                out.append(Double.toString(values[i]));
                out.append((i + 1) % cols == 0 ? '\n' : ',');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
