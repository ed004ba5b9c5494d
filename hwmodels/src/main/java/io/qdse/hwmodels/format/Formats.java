package io.qdse.hwmodels.format;

import io.qdse.hwmodels.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names users type, parsed into formats, and the catalogue {@code qdse formats list} prints.
 *
 * <p>Grammar (case-insensitive):
 * <ul>
 *   <li>catalogue names: {@code int4 uint8 int8n fp8_e4m3 fp8_e5m2 fp6_e3m2 fp6_e2m3 fp4_e2m1 fp16 bf16 fp32 tf32
 *       e8m0 mxfp8_e4m3 mxfp8_e5m2 mxfp6_e3m2 mxfp6_e2m3 mxfp4 mxint8 nvfp4 bipolar3} …</li>
 *   <li>integers: {@code int<N>}, {@code uint<N>}, {@code int<N>n} (narrow), options {@code :frac=F}, {@code :narrow}</li>
 *   <li>minifloats: {@code e<E>m<M>} with options {@code :ieee|:fn|:fnuz|:none}, {@code :nosub}, {@code :bias=B},
 *       {@code :unsigned}; e.g. {@code e4m3:fnuz}, {@code e5m2:ieee:nosub}, {@code e2m1:bias=1}</li>
 *   <li>bipolar integers: {@code bipolar<N>}</li>
 *   <li>block formats: {@code <element>/b<K>/<scale>}, e.g. {@code e2m1/b32/e8m0}, {@code int4/b128/fp16}</li>
 * </ul>
 */
public final class Formats {
    private Formats() {
    }

    /** OCP MX v1.0 shared scale: unsigned, 8 exponent bits, no mantissa, bias 127, NaN at 0xFF, no zero. */
    public static final MinifloatFormat E8M0 = new MinifloatFormat(8, 0, 127, SpecialValues.FN, false, false);
    public static final MinifloatFormat FP32 = MinifloatFormat.of(8, 23, SpecialValues.IEEE);
    public static final MinifloatFormat TF32 = MinifloatFormat.of(8, 10, SpecialValues.IEEE);
    public static final MinifloatFormat BF16 = MinifloatFormat.of(8, 7, SpecialValues.IEEE);
    public static final MinifloatFormat FP16 = MinifloatFormat.of(5, 10, SpecialValues.IEEE);
    public static final MinifloatFormat FP8_E4M3 = MinifloatFormat.of(4, 3, SpecialValues.FN);
    public static final MinifloatFormat FP8_E5M2 = MinifloatFormat.of(5, 2, SpecialValues.IEEE);
    public static final MinifloatFormat FP8_E4M3_FNUZ = MinifloatFormat.of(4, 3, SpecialValues.FNUZ);
    public static final MinifloatFormat FP8_E5M2_FNUZ = MinifloatFormat.of(5, 2, SpecialValues.FNUZ);
    public static final MinifloatFormat FP6_E3M2 = MinifloatFormat.of(3, 2, SpecialValues.NONE);
    public static final MinifloatFormat FP6_E2M3 = MinifloatFormat.of(2, 3, SpecialValues.NONE);
    public static final MinifloatFormat FP4_E2M1 = MinifloatFormat.of(2, 1, SpecialValues.NONE);
    public static final IntFormat INT8 = IntFormat.of(8, true);
    public static final IntFormat INT32 = IntFormat.of(32, true);
    /** OCP MX INT8 element: two's complement with an implicit scale of 2^-6. */
    public static final IntFormat MXINT8_ELEMENT = new IntFormat(8, true, false, 6);

    private static final Map<String, NumberFormat> NAMED = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();
    private static final Map<NumberFormat, String> NAME_OF = new LinkedHashMap<>();
    private static final Map<String, String> NOTES = new LinkedHashMap<>();

    static {
        named("fp32", FP32, "IEEE 754 binary32");
        named("tf32", TF32, "NVIDIA TensorFloat-32 (19 bits, fp32 range, fp16 precision)");
        named("bf16", BF16, "bfloat16");
        named("fp16", FP16, "IEEE 754 binary16");
        named("fp8_e4m3", FP8_E4M3, "OCP FP8 E4M3 (E4M3FN): no inf, NaN = S.1111.111, max 448");
        named("fp8_e5m2", FP8_E5M2, "OCP FP8 E5M2: IEEE-style inf/NaN, max 57344");
        named("fp8_e4m3fnuz", FP8_E4M3_FNUZ, "FNUZ E4M3 (bias 8, NaN at 0x80, max 240)");
        named("fp8_e5m2fnuz", FP8_E5M2_FNUZ, "FNUZ E5M2 (bias 16, NaN at 0x80, max 57344)");
        named("fp6_e3m2", FP6_E3M2, "OCP MX FP6 E3M2: no inf/NaN, max 28");
        named("fp6_e2m3", FP6_E2M3, "OCP MX FP6 E2M3: no inf/NaN, max 7.5");
        named("fp4_e2m1", FP4_E2M1, "OCP MX FP4 E2M1: {0, 0.5, 1, 1.5, 2, 3, 4, 6}");
        named("e8m0", E8M0, "OCP MX shared scale: unsigned power of two 2^-127..2^127, NaN 0xFF");
        named("mxfp8_e4m3", new BlockFormat(FP8_E4M3, 32, E8M0), "OCP MX FP8 (E4M3)");
        named("mxfp8_e5m2", new BlockFormat(FP8_E5M2, 32, E8M0), "OCP MX FP8 (E5M2)");
        named("mxfp6_e3m2", new BlockFormat(FP6_E3M2, 32, E8M0), "OCP MX FP6 (E3M2)");
        named("mxfp6_e2m3", new BlockFormat(FP6_E2M3, 32, E8M0), "OCP MX FP6 (E2M3)");
        named("mxfp4", new BlockFormat(FP4_E2M1, 32, E8M0), "OCP MX FP4 (E2M1)");
        named("mxint8", new BlockFormat(MXINT8_ELEMENT, 32, E8M0), "OCP MX INT8 (elements ×2^-6)");
        named("nvfp4", new BlockFormat(FP4_E2M1, 16, FP8_E4M3), "NVIDIA NVFP4: E2M1, E4M3 scale per 16");
        for (int bits : new int[] {2, 3, 4, 8, 16, 32}) {
            named("int" + bits, IntFormat.of(bits, true), "signed integer");
        }
        for (int bits : new int[] {2, 4, 8, 16}) {
            named("uint" + bits, IntFormat.of(bits, false), "unsigned integer");
        }
        named("int4n", new IntFormat(4, true, true, 0), "narrow (symmetric) signed integer");
        named("int8n", new IntFormat(8, true, true, 0), "narrow (symmetric) signed integer");
        named("bipolar1", new BipolarIntFormat(1), "binary ±1");
        named("bipolar2", new BipolarIntFormat(2), "bipolar-INT, 2 bit planes");
        named("bipolar3", new BipolarIntFormat(3), "bipolar-INT, 3 bit planes");
        named("bipolar4", new BipolarIntFormat(4), "bipolar-INT, 4 bit planes");

        alias("float32", "fp32");
        alias("single", "fp32");
        alias("float16", "fp16");
        alias("half", "fp16");
        alias("bfloat16", "bf16");
        alias("fp8_e4m3fn", "fp8_e4m3");
        alias("e4m3fn", "fp8_e4m3");
        alias("e4m3fnuz", "fp8_e4m3fnuz");
        alias("e5m2fnuz", "fp8_e5m2fnuz");
        alias("mxfp4_e2m1", "mxfp4");
        alias("fp6_e3m2fn", "fp6_e3m2");
        alias("fp6_e2m3fn", "fp6_e2m3");
        alias("fp4_e2m1fn", "fp4_e2m1");
        alias("ue8m0", "e8m0");
    }

    private static void named(String name, NumberFormat format, String note) {
        NAMED.put(name, format);
        NAME_OF.putIfAbsent(format, name);
        NOTES.put(name, note);
    }

    private static void alias(String alias, String target) {
        ALIASES.put(alias, target);
    }

    /** @return the catalogue, in listing order (name → format) */
    public static Map<String, NumberFormat> catalogue() {
        return Collections.unmodifiableMap(NAMED);
    }

    /** @return the one-line note of a catalogue entry, or the format's description */
    public static String note(String name) {
        return NOTES.getOrDefault(name, "");
    }

    /** @return the alternative spellings accepted for catalogue names (alias → name) */
    public static Map<String, String> aliases() {
        return Collections.unmodifiableMap(ALIASES);
    }

    /** Parses a format name; errors name the field {@code format}. */
    public static NumberFormat parse(String text) {
        return parse(text, "format");
    }

    /**
     * @param field the option or column the name came from, used in the error message
     * @throws InvalidInputException naming {@code field}, the text, and the closest known names
     */
    public static NumberFormat parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, text, "a format name such as int8, fp8_e4m3, e3m2, mxfp4");
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        try {
            return parseKey(key, field);
        } catch (InvalidInputException e) {
            if (e.field().equals(field)) {
                throw e;
            }
            // a structurally valid name with an impossible parameter, e.g. int40 or e4m3:fnuz:unsigned
            throw new InvalidInputException(field, text, e.field() + " " + e.value() + ": " + e.allowed());
        }
    }

    /** Parses a name that must be a scalar (element) format. */
    public static ScalarFormat parseScalar(String text, String field) {
        NumberFormat f = parse(text, field);
        if (!(f instanceof ScalarFormat)) {
            throw new InvalidInputException(field, text, "must be a scalar format here, not a block format");
        }
        return (ScalarFormat) f;
    }

    private static final Pattern INT = Pattern.compile("(u?)int(\\d+)(n?)((?::[a-z0-9=_-]+)*)");
    private static final Pattern MINIFLOAT = Pattern.compile("e(\\d+)m(\\d+)((?::[a-z0-9=_-]+)*)");
    private static final Pattern BIPOLAR = Pattern.compile("bipolar(\\d+)");
    private static final Pattern BLOCK = Pattern.compile("(.+)/b(\\d+)/(.+)");

    private static NumberFormat parseKey(String key, String field) {
        String target = ALIASES.getOrDefault(key, key);
        NumberFormat named = NAMED.get(target);
        if (named != null) {
            return named;
        }
        Matcher m = BLOCK.matcher(key);
        if (m.matches()) {
            ScalarFormat element = parseScalar(m.group(1), "block element");
            int k = parseInt(m.group(2), "block size");
            ScalarFormat scale = parseScalar(m.group(3), "block scale");
            return new BlockFormat(element, k, scale);
        }
        m = INT.matcher(key);
        if (m.matches()) {
            boolean signed = m.group(1).isEmpty();
            int bits = parseInt(m.group(2), field);
            boolean narrow = !m.group(3).isEmpty();
            int frac = 0;
            for (String opt : options(m.group(4))) {
                if (opt.equals("narrow")) {
                    narrow = true;
                } else if (opt.startsWith("frac=")) {
                    frac = parseInt(opt.substring(5), "frac");
                } else {
                    throw new InvalidInputException(field, key, "unknown integer option '" + opt
                            + "'; integer options are :narrow and :frac=F");
                }
            }
            return new IntFormat(bits, signed, narrow, frac);
        }
        m = MINIFLOAT.matcher(key);
        if (m.matches()) {
            return parseMinifloat(key, m, field);
        }
        m = BIPOLAR.matcher(key);
        if (m.matches()) {
            return new BipolarIntFormat(parseInt(m.group(1), field));
        }
        throw new InvalidInputException(field, key, "unknown format" + didYouMean(key)
                + "; see 'qdse formats list' (grammar: intN, uintN, intNn, eXmY[:ieee|fn|fnuz|none][:nosub]"
                + "[:bias=B], bipolarN, ELEMENT/bK/SCALE)");
    }

    private static MinifloatFormat parseMinifloat(String key, Matcher m, String field) {
        int e = parseInt(m.group(1), field);
        int man = parseInt(m.group(2), field);
        if (e < 1 || e > 8) {
            throw new InvalidInputException(field, key, "exponent bits must be 1..8 (E=" + e + ")");
        }
        if (man < 0 || man > 23) {
            throw new InvalidInputException(field, key, "mantissa bits must be 0..23 (M=" + man + ")");
        }
        SpecialValues specials = null;
        Integer bias = null;
        boolean subnormals = true;
        boolean signed = true;
        for (String opt : options(m.group(3))) {
            switch (opt) {
                case "ieee":
                    specials = SpecialValues.IEEE;
                    break;
                case "fn":
                    specials = SpecialValues.FN;
                    break;
                case "fnuz":
                    specials = SpecialValues.FNUZ;
                    break;
                case "none":
                    specials = SpecialValues.NONE;
                    break;
                case "nosub":
                    subnormals = false;
                    break;
                case "sub":
                    subnormals = true;
                    break;
                case "unsigned":
                    signed = false;
                    break;
                default:
                    if (opt.startsWith("bias=")) {
                        bias = parseSignedInt(opt.substring(5), "bias");
                    } else {
                        throw new InvalidInputException(field, key, "unknown minifloat option '" + opt
                                + "'; options are :ieee :fn :fnuz :none :nosub :bias=B :unsigned");
                    }
            }
        }
        if (specials == null) {
            specials = MinifloatFormat.defaultSpecials(e, man);
        }
        int b = bias != null ? bias : MinifloatFormat.defaultBias(e, specials);
        return new MinifloatFormat(e, man, b, specials, subnormals, signed);
    }

    private static List<String> options(String group) {
        List<String> out = new ArrayList<>();
        if (group == null || group.isEmpty()) {
            return out;
        }
        for (String part : group.substring(1).split(":")) {
            out.add(part);
        }
        return out;
    }

    private static int parseInt(String digits, String field) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, digits, "must be a whole number");
        }
    }

    private static int parseSignedInt(String digits, String field) {
        return parseInt(digits, field);
    }

    /** @return the catalogue name of a format if it has one, else its generic spelling */
    public static String nameOf(NumberFormat format) {
        String n = NAME_OF.get(format);
        if (n != null) {
            return n;
        }
        if (format instanceof MinifloatFormat) {
            MinifloatFormat m = (MinifloatFormat) format;
            String generic = m.genericName();
            // a short generic name can collide with a catalogue alias (e8m0 is the unsigned MX scale): spell it out
            NumberFormat back = NAMED.get(ALIASES.getOrDefault(generic, generic));
            return back == null || back.equals(m) ? generic : m.fullName();
        }
        if (format instanceof BlockFormat) {
            return ((BlockFormat) format).genericName();
        }
        return format.name();
    }

    /** @return " (did you mean X?)" for the nearest known names, or "" when nothing is close */
    static String didYouMean(String key) {
        List<String> candidates = new ArrayList<>(NAMED.keySet());
        candidates.addAll(ALIASES.keySet());
        for (int bits : new int[] {5, 6, 7, 12, 24}) {
            candidates.add("int" + bits);
        }
        List<String> extensions = new ArrayList<>();
        for (String c : NAMED.keySet()) {
            if (c.startsWith(key) && extensions.size() < 3) {
                extensions.add(c); // e.g. fp8 -> fp8_e4m3, fp8_e5m2
            }
        }
        if (!extensions.isEmpty() && key.length() >= 2) {
            return " (did you mean " + String.join(" or ", extensions) + "?)";
        }
        int best = Integer.MAX_VALUE;
        List<String> bestNames = new ArrayList<>();
        for (String c : candidates) {
            int d = editDistance(key, c);
            if (d < best) {
                best = d;
                bestNames.clear();
                bestNames.add(c);
            } else if (d == best && bestNames.size() < 3) {
                bestNames.add(c);
            }
        }
        int limit = Math.max(2, key.length() / 3);
        if (best > limit) {
            return "";
        }
        return " (did you mean " + String.join(" or ", bestNames) + "?)";
    }

    /** @return the Levenshtein edit distance between two strings */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * A value as people read it: exact decimal for moderate magnitudes (every format value is dyadic, so the
     * expansion terminates), shortest round-trip form otherwise.
     */
    public static String formatValue(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v).replace("Infinity", "inf");
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) {
            String exact = new BigDecimal(v).stripTrailingZeros().toPlainString();
            if (exact.length() <= 20) {
                return exact;
            }
        }
        return Double.toString(v);
    }
}
