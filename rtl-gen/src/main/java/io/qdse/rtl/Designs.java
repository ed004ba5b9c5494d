package io.qdse.rtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.AccumulatorSpecs;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.simulator.arch.Dataflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Builds designs from the names users type, and reads a bundle's {@code params.json} back into its design. */
public final class Designs {
    private Designs() {
    }

    /**
     * @param acc       intN, intN:sat, kulisch (exact for {@code dotLength} products) or kulischW
     * @param dotLength products one accumulation must hold exactly (for {@code kulisch})
     */
    public static Design.MacPe mac(String a, String b, String acc, long dotLength) {
        ScalarFormat fa = Formats.parseScalar(a, "--a");
        ScalarFormat fb = Formats.parseScalar(b, "--b");
        RtlFormats.check(fa, "--a");
        RtlFormats.check(fb, "--b");
        AccumulatorSpec spec = AccumulatorSpecs.parse(acc, "--acc", fa, fb, dotLength);
        if (!(spec instanceof FixedPointAccumulator f)) {
            throw new InvalidInputException("--acc", acc, "arrays accumulate in a two's-complement register: intN, "
                    + "intN:sat, kulisch or kulischW (float accumulators exist for single PEs: qdse rtl pe)");
        }
        return new Design.MacPe(fa, fb, f);
    }

    /** A MAC PE with an integer/Kulisch register or, for a float accumulator (fp32, fp16, ...), a float register. */
    public static Design pe(String a, String b, String acc, long dotLength) {
        ScalarFormat fa = Formats.parseScalar(a, "--a");
        ScalarFormat fb = Formats.parseScalar(b, "--b");
        RtlFormats.check(fa, "--a");
        RtlFormats.check(fb, "--b");
        AccumulatorSpec spec = AccumulatorSpecs.parse(acc, "--acc", fa, fb, dotLength);
        if (spec instanceof io.qdse.hwmodels.arith.FloatAccumulator fl) {
            if (!fl.fused()) {
                throw new InvalidInputException("--acc", acc, "the float-accumulator PE is fused (one rounding per "
                        + "MAC); drop :unfused");
            }
            return new Design.FloatMacPe(fa, fb, fl.format());
        }
        return mac(a, b, acc, dotLength);
    }

    public static Design.BitSerialPe bitSerial(String a, String serial, int k, int accBits) {
        ScalarFormat fa = Formats.parseScalar(a, "--a");
        ScalarFormat fs = Formats.parseScalar(serial, "--serial");
        if (!(fa instanceof IntFormat ia)) {
            throw new InvalidInputException("--a", a, "a bit-serial PE takes an integer parallel operand");
        }
        if (!(fs instanceof IntFormat is)) {
            throw new InvalidInputException("--serial", serial, "the serial operand is an integer (intN or uintN)");
        }
        return new Design.BitSerialPe(ia, is, k, accBits <= 0 ? ia.bits() + is.bits() + 8 : accBits);
    }

    /**
     * A bit-serial (Stripes-style) array from the names users type.
     *
     * @param a       activation format (serial), e.g. int8, uint6
     * @param b       weight format (parallel)
     * @param accBits accumulator bits; 0 for the width exact for {@code maxK} products
     */
    public static Design.BitSerialArray bitSerialArray(int rows, int cols, int lanes, int k, String a, String b,
                                                       int accBits, int maxM, int maxN, int maxK) {
        ScalarFormat fa = Formats.parseScalar(a, "--a");
        ScalarFormat fb = Formats.parseScalar(b, "--b");
        if (!(fa instanceof IntFormat ia)) {
            throw new InvalidInputException("--a", a, "the bit-serial array's activations are integers (intN or "
                    + "uintN, 1..16 bits)");
        }
        if (!(fb instanceof IntFormat ib)) {
            throw new InvalidInputException("--b", b, "the bit-serial array's weights are integers (intN or uintN, "
                    + "1..16 bits)");
        }
        int acc = accBits <= 0 ? Design.BitSerialArray.exactAccBits(ia, ib, Math.max(1, maxK)) : accBits;
        try {
            return new Design.BitSerialArray(rows, cols, lanes, k, ia, ib, acc, maxM, maxN, maxK);
        } catch (InvalidInputException e) { // the record's fields are the options' names
            throw new InvalidInputException("--" + e.field(), e.value(), e.allowed());
        }
    }

    /**
     * A matrix-vector unit from the names users type.
     *
     * @param w       weight format, e.g. int4, fp8_e4m3
     * @param a       input format
     * @param outBits threshold quantizer's output bits, 0 for none
     */
    public static Design.Mvu mvu(int mw, int mh, int pe, int simd, String w, String a, int outBits, boolean dsp,
                                 long seed) {
        ScalarFormat fw = Formats.parseScalar(w, "--w");
        ScalarFormat fa = Formats.parseScalar(a, "--a");
        try {
            return new Design.Mvu(mw, mh, pe, simd, fw, fa, outBits, dsp, seed);
        } catch (InvalidInputException e) { // the record's fields are the options' names
            throw new InvalidInputException("--" + e.field(), e.value(), e.allowed());
        }
    }

    public static Dataflow dataflow(String text) {
        String k = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (k.equals("os")) {
            return Dataflow.OS;
        }
        if (k.equals("ws")) {
            return Dataflow.WS;
        }
        throw new InvalidInputException("--dataflow", text, "os or ws (the RTL array has no input-stationary mode)");
    }

    /** Reads the design a bundle was built from. */
    public static Design fromBundle(Path dir) throws IOException {
        Path p = dir.resolve("params.json");
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException("bundle", dir.toString(), "has no params.json: make one with "
                    + "qdse rtl pe|array --out DIR");
        }
        JsonNode cfg = new ObjectMapper().readTree(p.toFile()).path("config");
        return fromConfig(cfg);
    }

    static Design fromConfig(JsonNode c) {
        switch (c.path("kind").asText()) {
            case "mac":
                return mac(c.path("a").asText(), c.path("b").asText(), acc(c), 1);
            case "fmac":
                return pe(c.path("a").asText(), c.path("b").asText(), c.path("acc").asText(), 1);
            case "bitserial":
                return bitSerial(c.path("a").asText(), c.path("serial").asText(), c.path("k_bits_per_cycle").asInt(),
                        c.path("acc_bits").asInt());
            case "array":
                return new Design.Array(c.path("rows").asInt(), c.path("cols").asInt(),
                        dataflow(c.path("dataflow").asText()), (Design.MacPe) fromConfig(c.path("pe")),
                        c.path("max_m").asInt(), c.path("max_n").asInt(), c.path("max_k").asInt());
            case "bitserial_array":
                return bitSerialArray(c.path("rows").asInt(), c.path("cols").asInt(), c.path("lanes").asInt(),
                        c.path("k_bits_per_cycle").asInt(), c.path("a").asText(), c.path("b").asText(),
                        c.path("acc_bits").asInt(), c.path("max_m").asInt(), c.path("max_n").asInt(),
                        c.path("max_k").asInt());
            case "mvu":
                return mvu(c.path("mw").asInt(), c.path("mh").asInt(), c.path("pe").asInt(), c.path("simd").asInt(),
                        c.path("w").asText(), c.path("a").asText(), c.path("out_bits").asInt(),
                        c.path("res_type").asText().equals("dsp"), c.path("seed").asLong());
            default:
                throw new InvalidInputException("params.json config.kind", c.path("kind").asText(),
                        "mac, fmac, bitserial, array, bitserial_array or mvu");
        }
    }

    private static String acc(JsonNode c) {
        String name = c.path("acc").asText();
        return name.startsWith("kulisch") ? "kulisch" + c.path("acc_bits").asInt() : name;
    }
}
