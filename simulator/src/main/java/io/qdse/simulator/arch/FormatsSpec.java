package io.qdse.simulator.arch;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.AccumulatorSpecs;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code w=int8,a=int8,acc=int32,out=int8,kv=int4}. Missing keys come from {@code defaults}; {@code out} and
 * {@code kv} (the KV cache of decoder attention) default to the activation format. Without {@code acc} the defaults'
 * accumulator is kept while it suits the new operands (fixed-point for integer operands, float for float ones, and
 * holding one product); otherwise it is the common default of the operands ({@link AccumulatorSpecs#defaultFor}: int32
 * for integers, fp32 for floats), so {@code w=fp8_e4m3,a=fp8_e4m3} on an int8 design accumulates in fp32 as in
 * {@code qdse cost} and {@code qdse search}. {@code acc=kulisch} is sized for dot products of up to 65,536 products. A
 * key given twice is an error.
 */
public final class FormatsSpec {
    private FormatsSpec() {
    }

    /** Dot length an unsized {@code kulisch} accumulator is sized for. */
    public static final long KULISCH_DOT_LENGTH = 65_536;

    public static LayerFormats parse(String text, String field, LayerFormats defaults) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, text, "w=FORMAT,a=FORMAT[,acc=ACC][,out=FORMAT][,kv=FORMAT]");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(field, text, "each item is key=value with key w, a, acc, out or kv ('"
                        + p + "' is not)");
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!key.equals("w") && !key.equals("a") && !key.equals("acc") && !key.equals("out")
                    && !key.equals("kv")) {
                throw new InvalidInputException(field, text, "unknown key '" + key + "'; keys are w (weights), a "
                        + "(activations), acc (accumulator), out (outputs), kv (KV cache)");
            }
            if (kv.put(key, p.substring(eq + 1).trim()) != null) {
                throw new InvalidInputException(field, text, "each key once ('" + key + "' is given twice)");
            }
        }
        NumberFormat w = kv.containsKey("w") ? Formats.parse(kv.get("w"), field + " w") : defaults.weight();
        NumberFormat a = kv.containsKey("a") ? Formats.parse(kv.get("a"), field + " a") : defaults.activation();
        NumberFormat out = kv.containsKey("out") ? Formats.parse(kv.get("out"), field + " out")
                : (kv.containsKey("a") ? a : defaults.output());
        NumberFormat cache = kv.containsKey("kv") ? Formats.parse(kv.get("kv"), field + " kv")
                : (kv.containsKey("a") ? a : defaults.kv());
        AccumulatorSpec acc;
        if (kv.containsKey("acc")) {
            acc = AccumulatorSpecs.parse(kv.get("acc"), field + " acc", element(w), element(a), KULISCH_DOT_LENGTH);
            if (kv.containsKey("kv")) {
                AccumulatorSpecs.requireHoldsProduct(acc, element(cache), element(a), field + " acc", kv.get("acc"));
            }
        } else if (kv.containsKey("w") || kv.containsKey("a") || kv.containsKey("kv")) {
            acc = accumulatorFor(w, a, defaults.accumulator());
            if (kv.containsKey("kv") && !holds(acc, cache, a)) {
                acc = AccumulatorSpecs.defaultFor(cache, a);
            }
        } else {
            acc = defaults.accumulator();
        }
        return new LayerFormats(w, a, acc, out, cache);
    }

    /**
     * @return {@code current} when it suits operands {@code w × a} (the same kind as their default, fixed-point or
     *     float, and wide enough for one product), else {@link AccumulatorSpecs#defaultFor}
     */
    public static AccumulatorSpec accumulatorFor(NumberFormat w, NumberFormat a, AccumulatorSpec current) {
        AccumulatorSpec dflt = AccumulatorSpecs.defaultFor(w, a);
        return current != null && current.getClass() == dflt.getClass() && holds(current, w, a) ? current : dflt;
    }

    private static boolean holds(AccumulatorSpec acc, NumberFormat x, NumberFormat y) {
        try {
            AccumulatorSpecs.requireHoldsProduct(acc, element(x), element(y), "acc", null);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static ScalarFormat element(NumberFormat f) {
        return f instanceof BlockFormat ? ((BlockFormat) f).element() : (ScalarFormat) f;
    }
}
