package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.format.BipolarIntFormat;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.CodeTable;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.TextTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@code qdse formats list} and {@code qdse formats show} print: the catalogue (text and JSON) and one format
 * in detail with its codes (text and JSON). Text ends every line with LF.
 */
public final class FormatsRender {
    private FormatsRender() {
    }

    /**
     * One named format of the catalogue.
     *
     * @param name   its catalogue name
     * @param format the format
     * @param note   one line about it (may be empty)
     */
    public record Entry(String name, NumberFormat format, String note) {
    }

    /**
     * The catalogue.
     *
     * @param formats the named formats, in catalogue order
     * @param aliases other accepted names and the name each stands for
     */
    public record Catalogue(List<Entry> formats, Map<String, String> aliases) {
        public Catalogue {
            formats = List.copyOf(formats);
            aliases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(aliases));
        }
    }

    // ---- list ---------------------------------------------------------------------------------------------------

    /** @return the catalogue as a table, then the grammar of generic names */
    public static String listText(Catalogue c) {
        TextTable t = new TextTable("name", "kind", "bits", "bits/elem", "max", "min > 0", "specials", "note")
                .numeric(2, 3, 4, 5);
        for (Entry e : c.formats()) {
            NumberFormat f = e.format();
            t.row(e.name(), kind(f), f.elementBits(), Formats.formatValue(f.bitsPerElement()),
                    compact(valueFormat(f).maxFinite()), compact(valueFormat(f).minPositive()), specials(f), e.note());
        }
        return t.render() + "\n"
                + "Generic names: intN uintN intNn (narrow) intN:frac=F, eXmY[:ieee|fn|fnuz|none][:nosub]"
                + "[:bias=B][:unsigned], bipolarN, ELEMENT/bK/SCALE (block, e.g. int4/b128/fp16).\n"
                + "Block formats show their element's range; the shared scale multiplies it.\n";
    }

    /** @return {@code {formats: [{name, kind, element_bits, bits_per_element, max_value, ...}], aliases: {...}}} */
    public static ObjectNode listJson(Catalogue c) {
        ArrayNode arr = Json.array();
        for (Entry e : c.formats()) {
            NumberFormat f = e.format();
            ObjectNode o = arr.addObject();
            o.put("name", e.name());
            o.put("kind", kind(f));
            o.put("element_bits", f.elementBits());
            o.put("bits_per_element", f.bitsPerElement());
            Json.put(o, "max_value", valueFormat(f).maxFinite());
            Json.put(o, "min_positive", valueFormat(f).minPositive());
            o.put("specials", specials(f));
            o.put("description", e.note());
        }
        ObjectNode root = Json.object();
        root.set("formats", arr);
        ObjectNode aliases = root.putObject("aliases");
        c.aliases().forEach(aliases::put);
        return root;
    }

    // ---- show ---------------------------------------------------------------------------------------------------

    /**
     * @param f     the format
     * @param codes its codes to list (empty when there are too many to list)
     * @return the format's properties, then its distinct finite values and its codes (or a hint on listing them)
     */
    public static String showText(NumberFormat f, List<CodeTable.Code> codes) {
        ScalarFormat s = valueFormat(f);
        StringBuilder sb = new StringBuilder();
        sb.append(f.name()).append(": ").append(f.description()).append('\n');
        TextTable t = new TextTable("property", "value");
        t.row("element bits", f.elementBits());
        t.row("bits per element", Formats.formatValue(f.bitsPerElement()));
        if (f instanceof BlockFormat b) {
            t.row("block size", b.blockSize());
            t.row("scale format", b.scale().name() + " (" + b.scale().description() + ")");
            t.row("element format", b.element().name() + " (" + b.element().description() + ")");
        }
        if (s instanceof MinifloatFormat m) {
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
        sb.append(t.render());
        if (!codes.isEmpty()) {
            TreeSet<Double> distinct = new TreeSet<>();
            for (CodeTable.Code c : codes) {
                if (Double.isFinite(c.value())) {
                    distinct.add(c.value() == 0 ? 0.0 : c.value());
                }
            }
            sb.append('\n');
            sb.append(distinct.size()).append(" distinct finite values:\n");
            StringBuilder values = new StringBuilder();
            for (double v : distinct) {
                values.append(values.length() == 0 ? "" : ", ").append(Formats.formatValue(v));
            }
            sb.append(wrap(values.toString(), 100)).append('\n');
            sb.append('\n');
            TextTable table = new TextTable("code", "value").numeric(1);
            for (CodeTable.Code c : codes) {
                table.row(hex(c.code(), s.bits()), Formats.formatValue(c.value()));
            }
            sb.append(table.render());
        } else if (s.bits() <= 16) {
            sb.append('\n');
            sb.append('(').append(s.codeCount()).append(" codes; add --all-values to list them)\n");
        }
        return sb.toString();
    }

    /**
     * @param f     the format
     * @param codes its codes to list (empty: no {@code codes} field)
     * @return the format's fields, range and special values, and its codes
     */
    public static ObjectNode showJson(NumberFormat f, List<CodeTable.Code> codes) {
        ScalarFormat s = valueFormat(f);
        ObjectNode o = Json.object();
        o.put("name", f.name());
        o.put("kind", kind(f));
        o.put("description", f.description());
        o.put("element_bits", f.elementBits());
        o.put("bits_per_element", f.bitsPerElement());
        if (f instanceof BlockFormat b) {
            o.put("block_size", b.blockSize());
            o.put("scale_format", b.scale().name());
            o.put("element_format", s.name());
        }
        Json.put(o, "max_value", s.maxFinite());
        Json.put(o, "min_value", s.minFinite());
        Json.put(o, "min_positive", s.minPositive());
        o.put("has_inf", s.hasInfinity());
        o.put("has_nan", s.hasNaN());
        o.put("has_zero", s.hasZero());
        if (s instanceof MinifloatFormat m) {
            o.put("exponent_bits", m.exponentBits());
            o.put("mantissa_bits", m.mantissaBits());
            o.put("bias", m.bias());
            o.put("specials", m.specials().token());
            o.put("subnormals", m.subnormals());
            o.put("signed", m.signed());
            Json.put(o, "min_normal", m.minNormal());
        }
        if (!codes.isEmpty()) {
            ArrayNode arr = o.putArray("codes");
            for (CodeTable.Code c : codes) {
                ObjectNode j = arr.addObject();
                j.put("code", c.code());
                Json.put(j, "value", c.value());
            }
        }
        return o;
    }

    // ---- shared cells -------------------------------------------------------------------------------------------

    /** @return integer, fixed point, float, bipolar or block */
    public static String kind(NumberFormat f) {
        if (f instanceof IntFormat i) {
            return i.fractionBits() == 0 ? "integer" : "fixed point";
        }
        if (f instanceof MinifloatFormat) {
            return "float";
        }
        if (f instanceof BipolarIntFormat) {
            return "bipolar";
        }
        return "block";
    }

    /** @return the format whose values a code holds: the element of a block format, else the format itself */
    public static ScalarFormat valueFormat(NumberFormat f) {
        return f instanceof BlockFormat b ? b.element() : (ScalarFormat) f;
    }

    /** @return the special-value policy of a (block element's) minifloat, {@code -} for other formats */
    public static String specials(NumberFormat f) {
        return valueFormat(f) instanceof MinifloatFormat m ? m.specials().token() : "-";
    }

    /** @return {@code v} exact when short, else a power of two as 2^k, else 4 significant digits */
    public static String compact(double v) {
        String exact = Formats.formatValue(v);
        if (exact.length() <= 12) {
            return exact;
        }
        if (v > 0 && v == Math.scalb(1.0, Math.getExponent(v))) {
            return "2^" + Math.getExponent(v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** @return a code as {@code 0x..} with as many hex digits as {@code bits} needs (at least one) */
    public static String hex(long code, int bits) {
        int digits = Math.max(1, (bits + 3) / 4);
        return "0x" + String.format(Locale.ROOT, "%0" + digits + "X", code);
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
