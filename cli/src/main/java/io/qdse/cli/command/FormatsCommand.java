package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.TextTable;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.BipolarIntFormat;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse formats list|show}. */
@Command(name = "formats", mixinStandardHelpOptions = true,
        description = "List the number formats QDSE knows, or show one in detail.",
        subcommands = {FormatsCommand.ListFormats.class, FormatsCommand.ShowFormat.class})
public final class FormatsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String kind(NumberFormat f) {
        if (f instanceof IntFormat) {
            return ((IntFormat) f).fractionBits() == 0 ? "integer" : "fixed point";
        }
        if (f instanceof MinifloatFormat) {
            return "float";
        }
        if (f instanceof BipolarIntFormat) {
            return "bipolar";
        }
        return "block";
    }

    static ScalarFormat valueFormat(NumberFormat f) {
        return f instanceof BlockFormat ? ((BlockFormat) f).element() : (ScalarFormat) f;
    }

    static String specials(NumberFormat f) {
        ScalarFormat s = valueFormat(f);
        if (s instanceof MinifloatFormat) {
            return ((MinifloatFormat) s).specials().token();
        }
        return "-";
    }

    /** {@code qdse formats list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the named formats.")
    public static final class ListFormats implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, NumberFormat> cat = Formats.catalogue();
            if (output.json) {
                ArrayNode arr = Json.array();
                cat.forEach((name, f) -> {
                    ObjectNode o = arr.addObject();
                    o.put("name", name);
                    o.put("kind", kind(f));
                    o.put("element_bits", f.elementBits());
                    o.put("bits_per_element", f.bitsPerElement());
                    Json.put(o, "max_value", valueFormat(f).maxFinite());
                    Json.put(o, "min_positive", valueFormat(f).minPositive());
                    o.put("specials", specials(f));
                    o.put("description", Formats.note(name));
                });
                ObjectNode root = Json.object();
                root.set("formats", arr);
                ObjectNode aliases = root.putObject("aliases");
                Formats.aliases().forEach(aliases::put);
                out.print(Json.write(root));
                return;
            }
            TextTable t = new TextTable("name", "kind", "bits", "bits/elem", "max", "min > 0", "specials", "note")
                    .numeric(2, 3, 4, 5);
            cat.forEach((name, f) -> t.row(name, kind(f), f.elementBits(), Formats.formatValue(f.bitsPerElement()),
                    compact(valueFormat(f).maxFinite()), compact(valueFormat(f).minPositive()),
                    specials(f), Formats.note(name)));
            out.print(t.render());
            out.println();
            out.println("Generic names: intN uintN intNn (narrow) intN:frac=F, eXmY[:ieee|fn|fnuz|none][:nosub]"
                    + "[:bias=B][:unsigned], bipolarN, ELEMENT/bK/SCALE (block, e.g. int4/b128/fp16).");
            out.println("Block formats show their element's range; the shared scale multiplies it.");
        }
    }

    /** {@code qdse formats show NAME}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one format: fields, range, special codes and (up to 8 bits) every value.")
    public static final class ShowFormat implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "NAME", description = "Format name, e.g. fp8_e4m3, e3m2, int4, mxfp4.")
        String name;
        @Option(names = "--all-values", description = "List every value even for 9- to 16-bit formats.")
        boolean allValues;

        @Override
        public void run() {
            NumberFormat f = Formats.parse(name, "NAME");
            ScalarFormat s = valueFormat(f);
            int limit = allValues ? 16 : 8;
            if (allValues && s.bits() > 16) {
                throw new InvalidInputException("--all-values", name, "listing every value needs a format of at most"
                        + " 16 bits (" + s.name() + " has " + s.bits() + ")");
            }
            List<double[]> values = new ArrayList<>(); // [code, value]
            if (s.bits() <= limit) {
                for (long c = 0; c < s.codeCount(); c++) {
                    if (s.isValidCode(c)) {
                        values.add(new double[] {c, s.decode(c)});
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                out.print(Json.write(json(f, s, values)));
                return;
            }
            out.println(f.name() + ": " + f.description());
            TextTable t = new TextTable("property", "value");
            t.row("element bits", f.elementBits());
            t.row("bits per element", Formats.formatValue(f.bitsPerElement()));
            if (f instanceof BlockFormat) {
                BlockFormat b = (BlockFormat) f;
                t.row("block size", b.blockSize());
                t.row("scale format", b.scale().name() + " (" + b.scale().description() + ")");
                t.row("element format", b.element().name() + " (" + b.element().description() + ")");
            }
            if (s instanceof MinifloatFormat) {
                MinifloatFormat m = (MinifloatFormat) s;
                t.row("sign bit", m.signed() ? "yes" : "no");
                t.row("exponent bits", m.exponentBits());
                t.row("mantissa bits", m.mantissaBits());
                t.row("bias", m.bias());
                t.row("specials", m.specials().token() + ": " + m.specials().description());
                t.row("subnormals", m.subnormals() ? "yes" : "no");
                t.row("max normal", Formats.formatValue(m.maxFinite()) + "  (2^" + m.maxExponent() + " binade)");
                t.row("min normal", Formats.formatValue(m.minNormal()));
                if (m.subnormals()) {
                    t.row("max subnormal", Formats.formatValue(m.maxSubnormal()));
                    t.row("min subnormal", Formats.formatValue(m.minPositive()) + "  (2^"
                            + Math.getExponent(m.minPositive()) + ")");
                }
                if (m.hasInfinity()) {
                    t.row("+inf code", hex(m.positiveInfinityCode(), m.bits()));
                }
                if (m.hasNaN()) {
                    t.row("NaN code (canonical)", hex(m.canonicalNaNCode(), m.bits()));
                }
            } else {
                t.row("max", Formats.formatValue(s.maxFinite()));
                t.row("min", Formats.formatValue(s.minFinite()));
                t.row("smallest magnitude", Formats.formatValue(s.minPositive()));
            }
            out.print(t.render());
            if (!values.isEmpty()) {
                TreeSet<Double> distinct = new TreeSet<>();
                for (double[] v : values) {
                    if (Double.isFinite(v[1])) {
                        distinct.add(v[1] == 0 ? 0.0 : v[1]);
                    }
                }
                out.println();
                out.println(distinct.size() + " distinct finite values:");
                StringBuilder sb = new StringBuilder();
                for (double v : distinct) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(Formats.formatValue(v));
                }
                out.println(wrap(sb.toString(), 100));
                out.println();
                TextTable codes = new TextTable("code", "value").numeric(1);
                for (double[] v : values) {
                    codes.row(hex((long) v[0], s.bits()), Formats.formatValue(v[1]));
                }
                out.print(codes.render());
            } else if (s.bits() <= 16) {
                out.println();
                out.println("(" + s.codeCount() + " codes; add --all-values to list them)");
            }
        }

        private static ObjectNode json(NumberFormat f, ScalarFormat s, List<double[]> values) {
            ObjectNode o = Json.object();
            o.put("name", f.name());
            o.put("kind", kind(f));
            o.put("description", f.description());
            o.put("element_bits", f.elementBits());
            o.put("bits_per_element", f.bitsPerElement());
            if (f instanceof BlockFormat) {
                o.put("block_size", ((BlockFormat) f).blockSize());
                o.put("scale_format", ((BlockFormat) f).scale().name());
                o.put("element_format", s.name());
            }
            Json.put(o, "max_value", s.maxFinite());
            Json.put(o, "min_value", s.minFinite());
            Json.put(o, "min_positive", s.minPositive());
            o.put("has_inf", s.hasInfinity());
            o.put("has_nan", s.hasNaN());
            o.put("has_zero", s.hasZero());
            if (s instanceof MinifloatFormat) {
                MinifloatFormat m = (MinifloatFormat) s;
                o.put("exponent_bits", m.exponentBits());
                o.put("mantissa_bits", m.mantissaBits());
                o.put("bias", m.bias());
                o.put("specials", m.specials().token());
                o.put("subnormals", m.subnormals());
                o.put("signed", m.signed());
                Json.put(o, "min_normal", m.minNormal());
            }
            if (!values.isEmpty()) {
                ArrayNode arr = o.putArray("codes");
                for (double[] v : values) {
                    ObjectNode c = arr.addObject();
                    c.put("code", (long) v[0]);
                    Json.put(c, "value", v[1]);
                }
            }
            return o;
        }
    }

    /** Exact when short, else a power of two as 2^k, else 4 significant digits. */
    static String compact(double v) {
        String exact = Formats.formatValue(v);
        if (exact.length() <= 12) {
            return exact;
        }
        if (v > 0 && v == Math.scalb(1.0, Math.getExponent(v))) {
            return "2^" + Math.getExponent(v);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    static String hex(long code, int bits) {
        int digits = Math.max(1, (bits + 3) / 4);
        return "0x" + String.format("%0" + digits + "X", code);
    }

    private static String wrap(String s, int width) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String word : s.split(" ")) {
            if (col + word.length() > width && col > 0) {
                out.append('\n');
                col = 0;
            }
            out.append(col == 0 ? "" : " ").append(word);
            col += word.length() + 1;
        }
        return out.toString();
    }
}
