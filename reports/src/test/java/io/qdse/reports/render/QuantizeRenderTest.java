package io.qdse.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.hwmodels.InvalidInputException;
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
import io.qdse.reports.text.Json;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quantized values and tensors as text and JSON, and the dequantized tensor's CSV read back exactly. */
class QuantizeRenderTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static QuantizeRender.TensorRun run(String format, double[] xs, int[] shape, Granularity g, Path out) {
        NumberFormat f = Formats.parse(format, "f");
        QuantizationResult r = TensorQuantizer.quantize(xs, shape, QuantizationSpec.of(f).withGranularity(g, 0, 32));
        return new QuantizeRender.TensorRun(f, "t.csv", shape, xs, g, 0, ClipMethod.ABSMAX, "RNE", r, 0.0123, out);
    }

    private static double[] gaussian(int n) {
        Random r = new Random(5);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void valuesShowInputQuantizedCodeAndError() {
        ScalarFormat s = (ScalarFormat) Formats.parse("fp8_e4m3", "f");
        ValueQuantization v = ValueQuantization.of(s, new double[] {0.1, -3, 1e9, Double.NaN},
                RoundingMode.NEAREST_EVEN, Overflow.SATURATE, 0, "--values");
        String text = QuantizeRender.valuesText(v);
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("fp8_e4m3: "), text);
        assertTrue(lines[1].matches(" *input +quantized +code +abs error"), lines[1]);
        assertTrue(lines[3].matches(" *0\\.1 +0\\.1015625 +0x1D +0\\.001562"), lines[3]);
        assertTrue(lines[5].matches(" *1000000000 +448 +0x7E +999999552"), lines[5]);
        assertTrue(lines[6].matches("(?i) *nan +nan +0x7F +-"), lines[6]);
    }

    @Test
    void valuesJsonNamesTheRulesAndWritesNanAsAString() throws Exception {
        ScalarFormat s = (ScalarFormat) Formats.parse("fp8_e5m2", "f");
        ValueQuantization v = ValueQuantization.of(s, new double[] {500, Double.NaN}, RoundingMode.NEAREST_EVEN,
                Overflow.OVERFLOW, 0, "--values");
        JsonNode j = M.readTree(Json.write(QuantizeRender.valuesJson(v, "RNE", "Overflow")));
        assertEquals("rne", j.get("rounding").asText());
        assertEquals("overflow", j.get("overflow").asText());
        assertEquals("none", j.get("scaling").asText());
        assertEquals(512.0, j.get("values").get(0).get("quantized").asDouble());
        assertEquals("0x60", j.get("values").get(0).get("code_hex").asText());
        assertEquals(12.0, j.get("values").get(0).get("abs_error").asDouble());
        assertEquals("nan", j.get("values").get(1).get("abs_error").asText());
    }

    @Test
    void nanInAnIntegerFormatNamesTheOption() {
        ScalarFormat s = (ScalarFormat) Formats.parse("int8", "f");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ValueQuantization.of(s,
                new double[] {1, Double.NaN}, RoundingMode.NEAREST_EVEN, Overflow.SATURATE, 0, "--values"));
        assertTrue(e.getMessage().startsWith("--values: int8 has no NaN code"), e.getMessage());
    }

    @Test
    void smallTensorsShowEveryValueLargeOnesDoNot() {
        String small = QuantizeRender.tensorText(run("int4", new double[] {0.1, 0.2, -0.3, 1.5}, new int[] {2, 2},
                Granularity.PER_CHANNEL, Path.of("q.csv")));
        assertTrue(small.startsWith("Quantized 4 values [2, 2] from t.csv to int4 ("), small);
        assertTrue(small.contains("\nscaling                 per-channel (axis 0), absmax clip\n"), small);
        assertTrue(small.matches("(?s).*\ntime \\(s\\) +0\\.0123\nwrote q\\.csv\n\ninput  quantized  abs error\n.*"),
                small);
        assertTrue(small.endsWith("\n  1.5        1.5  1.490e-08\n"), small);
        String large = QuantizeRender.tensorText(run("int4", gaussian(17), new int[] {17}, Granularity.PER_TENSOR,
                null));
        assertFalse(large.contains("abs error"), large);
        assertFalse(large.contains("wrote"), large);
        assertTrue(large.endsWith("0.0123\n"), large);
    }

    @Test
    void tensorJsonListsUpTo64ScalesAndTheMetricsWithUnits() throws Exception {
        QuantizeRender.TensorRun few = run("mxfp4", gaussian(64), new int[] {64}, Granularity.PER_BLOCK, null);
        JsonNode j = M.readTree(Json.write(QuantizeRender.tensorJson(few)));
        assertEquals("block", j.get("scaling").asText());
        assertEquals(2, j.get("scales").asInt());
        assertEquals(2, j.get("scale_values").size());
        assertEquals(few.maxAbsError(), j.get("max_abs_error").asDouble());
        assertEquals(few.result().sqnrDb(), j.get("sqnr_db").asDouble());
        assertEquals("rne", j.get("rounding").asText());
        assertFalse(j.has("out"));
        QuantizeRender.TensorRun many = run("mxfp4", gaussian(65 * 32), new int[] {65 * 32}, Granularity.PER_BLOCK,
                Path.of("o.csv"));
        JsonNode k = M.readTree(Json.write(QuantizeRender.tensorJson(many)));
        assertEquals(65, k.get("scales").asInt());
        assertFalse(k.has("scale_values"));
        assertEquals("o.csv", k.get("out").asText());
    }

    @Test
    void csvHasOneRowPerLineAndReadsBackExactly() {
        double[] v = {0.1, -1.0 / 3, 1e-300, 6.0, -0.0, 1e300};
        String csv = QuantizeRender.csv(v, new int[] {2, 3});
        String[] rows = csv.split("\n", -1);
        assertEquals(3, rows.length, csv);
        assertEquals("", rows[2], "ends with a line feed");
        int i = 0;
        for (String row : new String[] {rows[0], rows[1]}) {
            for (String cell : row.split(",")) {
                assertEquals(Double.doubleToLongBits(v[i]), Double.doubleToLongBits(Double.parseDouble(cell)));
                i++;
            }
        }
        assertEquals("1.0,2.0\n", QuantizeRender.csv(new double[] {1, 2}, new int[] {2}));
    }
}
