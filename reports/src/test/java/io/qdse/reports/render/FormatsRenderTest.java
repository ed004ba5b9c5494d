package io.qdse.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.hwmodels.format.CodeTable;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.reports.text.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The format catalogue and one format in detail, as text and JSON. */
class FormatsRenderTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static FormatsRender.Catalogue catalogue() {
        List<FormatsRender.Entry> entries = new ArrayList<>();
        Formats.catalogue().forEach((name, f) -> entries.add(new FormatsRender.Entry(name, f, Formats.note(name))));
        return new FormatsRender.Catalogue(entries, Formats.aliases());
    }

    private static List<CodeTable.Code> codes(NumberFormat f) {
        return CodeTable.of(FormatsRender.valueFormat(f)).codes();
    }

    @Test
    void listHasOneRowPerFormatThenTheGrammar() {
        FormatsRender.Catalogue c = catalogue();
        String text = FormatsRender.listText(c);
        String[] lines = text.split("\n", -1);
        assertTrue(lines[0].startsWith("name ") && lines[0].contains("bits/elem") && lines[0].endsWith("note"),
                lines[0]);
        assertTrue(lines[1].matches("-+( +-+)+"), lines[1]);
        for (int i = 0; i < c.formats().size(); i++) {
            assertTrue(lines[2 + i].startsWith(c.formats().get(i).name() + " "), lines[2 + i]);
        }
        assertEquals("", lines[2 + c.formats().size()], "a blank line before the grammar");
        assertTrue(lines[3 + c.formats().size()].startsWith("Generic names: intN uintN"));
        assertTrue(text.endsWith("the shared scale multiplies it.\n"), text);
        assertFalse(text.contains("\r"));
    }

    @Test
    void listJsonHasEveryFormatWithUnitsInItsFieldsAndTheAliases() throws Exception {
        FormatsRender.Catalogue c = catalogue();
        JsonNode j = M.readTree(Json.write(FormatsRender.listJson(c)));
        assertEquals(c.formats().size(), j.get("formats").size());
        JsonNode first = j.get("formats").get(0);
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("name", "kind", "element_bits", "bits_per_element", "max_value", "min_positive",
                "specials", "description"), keys);
        for (JsonNode f : j.get("formats")) {
            if (f.get("name").asText().equals("fp8_e4m3")) {
                assertEquals("float", f.get("kind").asText());
                assertEquals(448.0, f.get("max_value").asDouble());
                assertEquals(8, f.get("element_bits").asInt());
            }
        }
        assertEquals(c.aliases().size(), j.get("aliases").size());
    }

    @Test
    void showListsEveryCodeOfAnEightBitFloatAndItsDistinctFiniteValues() {
        NumberFormat f = Formats.parse("fp8_e4m3", "f");
        List<CodeTable.Code> codes = codes(f);
        String text = FormatsRender.showText(f, codes);
        assertTrue(text.startsWith("fp8_e4m3: "), text);
        assertTrue(text.contains("\nexponent bits         4\n"), text);
        assertTrue(text.contains("NaN code (canonical)  0x7F\n"), text);
        long distinct = codes.stream().filter(c -> Double.isFinite(c.value())).map(c -> c.value() == 0 ? 0.0
                : c.value()).distinct().count();
        assertTrue(text.contains("\n\n" + distinct + " distinct finite values:\n"), text);
        assertTrue(text.matches("(?s).*\n0x00 +0\n0x01 +0\\.001953125\n.*\n0x7E +448\n0x7F +NaN\n.*"), text);
        String values = text.substring(text.indexOf(" distinct finite values:\n"));
        values = values.substring(values.indexOf('\n') + 1, values.indexOf("\n\n"));
        assertTrue(values.startsWith("-448, -416, "), values);
        for (String line : values.split("\n")) {
            assertTrue(line.length() <= 100, "wrapped at 100 columns: " + line);
        }
    }

    @Test
    void showHintsAtAllValuesWhenTheCodesAreNotListed() {
        NumberFormat f = Formats.parse("int12", "f");
        String text = FormatsRender.showText(f, List.of());
        assertTrue(text.endsWith("\n\n(4096 codes; add --all-values to list them)\n"), text);
        assertTrue(text.contains("smallest magnitude"), text);
        assertFalse(FormatsRender.showText(Formats.parse("fp32", "f"), List.of()).contains("--all-values"),
                "no hint where --all-values cannot help");
    }

    @Test
    void showJsonOfABlockFormatDescribesItsElementAndScale() throws Exception {
        NumberFormat f = Formats.parse("mxfp4", "f");
        JsonNode j = M.readTree(Json.write(FormatsRender.showJson(f, codes(f))));
        assertEquals("block", j.get("kind").asText());
        assertEquals(32, j.get("block_size").asInt());
        assertEquals(4.25, j.get("bits_per_element").asDouble());
        assertEquals(6.0, j.get("max_value").asDouble());
        assertEquals(2, j.get("exponent_bits").asInt());
        assertEquals(16, j.get("codes").size());
        assertEquals(15, j.get("codes").get(15).get("code").asLong());
        assertEquals(-6.0, j.get("codes").get(15).get("value").asDouble());
    }

    @Test
    void showJsonWritesNonFiniteCodesAsStrings() throws Exception {
        NumberFormat f = Formats.parse("fp8_e5m2", "f");
        JsonNode j = M.readTree(Json.write(FormatsRender.showJson(f, codes(f))));
        MinifloatFormat m = (MinifloatFormat) f;
        assertTrue(j.get("has_inf").asBoolean());
        assertEquals("inf", j.get("codes").get((int) m.positiveInfinityCode()).get("value").asText());
        assertEquals("nan", j.get("codes").get((int) m.canonicalNaNCode()).get("value").asText());
        assertFalse(M.readTree(Json.write(FormatsRender.showJson(f, List.of()))).has("codes"));
    }

    @Test
    void cellsOfTheCatalogue() {
        assertEquals("0x5", FormatsRender.hex(5, 4));
        assertEquals("0x0FF", FormatsRender.hex(255, 9));
        assertEquals("0x0", FormatsRender.hex(0, 1));
        assertEquals("448", FormatsRender.compact(448));
        assertEquals("2^-149", FormatsRender.compact(Math.scalb(1.0, -149)));
        assertEquals("3.403e+38", FormatsRender.compact(Float.MAX_VALUE));
        Map<String, String> kinds = Map.of("int8", "integer", "int8:frac=4", "fixed point", "fp8_e4m3", "float",
                "bipolar4", "bipolar", "nvfp4", "block");
        kinds.forEach((name, kind) -> assertEquals(kind, FormatsRender.kind(Formats.parse(name, "f")), name));
        assertEquals("-", FormatsRender.specials(Formats.parse("int4", "f")));
        ScalarFormat e = FormatsRender.valueFormat(Formats.parse("mxfp4", "f"));
        assertEquals("fp4_e2m1", e.name());
    }
}
