package io.qdse.search.build;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.AccumulatorSpecs;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import java.util.List;

/**
 * A candidate layer format for the search: {@code FMT} (weights and activations in FMT), {@code W/A} (e.g.
 * {@code int4/int8}, or with a block format {@code int4/b128/fp16/fp16}: W4A16 with a scale per 128 weights) and
 * optionally {@code @ACC} (e.g. {@code fp8_e4m3@fp16}). Default accumulators as in every
 * command ({@link AccumulatorSpecs#defaultFor}): int32 when both operands are integers, fp32 otherwise. Outputs are stored in the activation format.
 *
 * @param name    the spec as typed (the key sensitivity tables use)
 * @param formats weight, activation, accumulator, output
 */
public record Candidate(String name, LayerFormats formats) {

    public static Candidate parse(String spec, String field) {
        String s = spec.trim();
        if (s.isEmpty()) {
            throw new InvalidInputException(field, spec, "a format such as int8, int4/int8 or fp8_e4m3@fp16");
        }
        String acc = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            acc = s.substring(at + 1);
            s = s.substring(0, at);
        }
        String[] wa = operands(s);
        if (wa.length > 2 || wa[0].isEmpty() || (wa.length == 2 && wa[1].isEmpty())) {
            throw new InvalidInputException(field, spec, "FORMAT, WEIGHTS/ACTIVATIONS or either with @ACCUMULATOR");
        }
        NumberFormat w = Formats.parse(wa[0], field + " " + spec);
        NumberFormat a = wa.length == 2 ? Formats.parse(wa[1], field + " " + spec) : w;
        ScalarFormat we = element(w);
        ScalarFormat ae = element(a);
        AccumulatorSpec accSpec = acc != null ? AccumulatorSpecs.parse(acc, field + " " + spec, we, ae,
                FormatsSpec.KULISCH_DOT_LENGTH) : AccumulatorSpecs.defaultFor(w, a);
        return new Candidate(spec.trim(), new LayerFormats(w, a, accSpec, a));
    }

    /**
     * Splits {@code W/A} where either may be a block format {@code ELEMENT/bK/SCALE} (its {@code /bK/} binds the
     * element and scale around it): {@code int4/b128/fp16/fp16} is W4A16 with an fp16 scale per 128 weights.
     */
    private static String[] operands(String s) {
        String[] t = s.split("/", -1);
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            if (i + 2 < t.length && t[i + 1].matches("[bB]\\d+")) {
                out.add(t[i] + "/" + t[i + 1] + "/" + t[i + 2]);
                i += 2;
            } else {
                out.add(t[i]);
            }
        }
        return out.toArray(new String[0]);
    }

    /** @return bits of the weight code (element bits; block scales are not operand bits) */
    public int weightBits() {
        return formats.weight().elementBits();
    }

    public int activationBits() {
        return formats.activation().elementBits();
    }

    /** @return storage bits per weight including amortised block-scale bits */
    public double weightStorageBits() {
        return formats.weight().bitsPerElement();
    }

    private static ScalarFormat element(NumberFormat f) {
        return f instanceof BlockFormat ? ((BlockFormat) f).element() : (ScalarFormat) f;
    }
}
