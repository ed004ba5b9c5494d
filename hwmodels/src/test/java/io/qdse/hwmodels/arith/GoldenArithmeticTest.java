package io.qdse.hwmodels.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GoldenArithmeticTest {
    private static final SplittableRandom RND = new SplittableRandom(2026);

    private static long[] randomFiniteCodes(ScalarFormat f, int n, SplittableRandom r) {
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            long code;
            do {
                code = r.nextLong(f.codeCount());
            } while (!f.isValidCode(code) || !Double.isFinite(f.decode(code)));
            c[i] = code;
        }
        return c;
    }

    @Test
    void int8IntoInt32MatchesLongArithmeticAndWrapsLikeHardware() {
        ScalarFormat i8 = Formats.INT8;
        for (int trial = 0; trial < 50; trial++) {
            long[] a = randomFiniteCodes(i8, 1000, RND);
            long[] b = randomFiniteCodes(i8, 1000, RND);
            long sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += (long) i8.decode(a[i]) * (long) i8.decode(b[i]);
            }
            Accumulator acc = GoldenArithmetic.dot(i8, a, i8, b, FixedPointAccumulator.integer(32));
            assertEquals(sum, acc.value());
            assertFalse(acc.overflowed());
            // a 16-bit register wraps exactly as (short) does
            Accumulator narrow = GoldenArithmetic.dot(i8, a, i8, b, FixedPointAccumulator.integer(16));
            assertEquals((short) sum, narrow.value());
            assertEquals(((short) sum) & 0xFFFF, narrow.registerCode());
            // saturation clamps every partial sum, as the register does cycle by cycle
            long clamped = 0;
            for (int i = 0; i < a.length; i++) {
                clamped += (long) i8.decode(a[i]) * (long) i8.decode(b[i]);
                clamped = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, clamped));
            }
            Accumulator sat = GoldenArithmetic.dot(i8, a, i8, b, new FixedPointAccumulator(16, true, false));
            assertEquals(clamped, sat.value());
        }
    }

    @Test
    void fp32FusedAccumulationEqualsMathFma() {
        MinifloatFormat fp32 = Formats.FP32;
        FloatAccumulator spec = new FloatAccumulator(fp32, true);
        for (int trial = 0; trial < 200; trial++) {
            long[] a = randomFiniteCodes(fp32, 64, RND);
            long[] b = randomFiniteCodes(fp32, 64, RND);
            float expected = 0f;
            for (int i = 0; i < a.length; i++) {
                expected = Math.fma(Float.intBitsToFloat((int) a[i]), Float.intBitsToFloat((int) b[i]), expected);
            }
            Accumulator acc = GoldenArithmetic.dot(fp32, a, fp32, b, spec);
            assertEquals(Float.floatToRawIntBits(expected) & 0xFFFFFFFFL, acc.registerCode(), "trial " + trial);
        }
    }

    @Test
    void fp8ProductsIntoFp32FusedAndUnfusedEqualFloatArithmetic() {
        ScalarFormat e4m3 = Formats.FP8_E4M3;
        for (int trial = 0; trial < 200; trial++) {
            long[] a = randomFiniteCodes(e4m3, 256, RND);
            long[] b = randomFiniteCodes(e4m3, 256, RND);
            float fused = 0f;
            float unfused = 0f;
            for (int i = 0; i < a.length; i++) {
                float x = (float) e4m3.decode(a[i]);
                float y = (float) e4m3.decode(b[i]);
                fused = Math.fma(x, y, fused);
                unfused = unfused + x * y; // Java float ops: each rounds to nearest even
            }
            assertEquals(fused, GoldenArithmetic.dot(e4m3, a, e4m3, b,
                    new FloatAccumulator(Formats.FP32, true)).value());
            assertEquals(unfused, GoldenArithmetic.dot(e4m3, a, e4m3, b,
                    new FloatAccumulator(Formats.FP32, false)).value());
        }
    }

    @Test
    void fp8ProductsIntoFp16RoundOncePerAdd() {
        // fp16 accumulator + fp8 product: the sum has < 53 significant bits, so double addition is exact and one
        // quantization to fp16 is the correctly rounded reference
        ScalarFormat e5m2 = Formats.FP8_E5M2;
        MinifloatFormat fp16 = Formats.FP16;
        for (int trial = 0; trial < 200; trial++) {
            long[] a = randomFiniteCodes(e5m2, 128, RND);
            long[] b = randomFiniteCodes(Formats.FP8_E4M3, 128, RND);
            double ref = 0;
            for (int i = 0; i < a.length; i++) {
                ref = fp16.quantize(ref + e5m2.decode(a[i]) * Formats.FP8_E4M3.decode(b[i]),
                        io.qdse.hwmodels.format.RoundingMode.NEAREST_EVEN,
                        io.qdse.hwmodels.format.Overflow.OVERFLOW, null);
            }
            Accumulator acc = GoldenArithmetic.dot(e5m2, a, Formats.FP8_E4M3, b, new FloatAccumulator(fp16, true));
            assertEquals(Double.doubleToRawLongBits(ref), Double.doubleToRawLongBits(acc.value()), "trial " + trial);
        }
    }

    @Test
    void kulischWidthsMatchPublishedBoundsAndAreExact() {
        // Aggarwal et al. (arXiv:2311.12359) worked values at n = 4608 (ResNet-18's longest dot product)
        assertEquals(28, FixedPointAccumulator.kulischWidth(Formats.INT8, Formats.INT8, 4608)); // A2Q/FINN: 28
        int[][] published = {{2, 3, 26}, {3, 2, 32}, {4, 3, 50}};
        for (int[] p : published) {
            ScalarFormat f = (ScalarFormat) Formats.parse("e" + p[0] + "m" + p[1]);
            int w = FixedPointAccumulator.kulischWidth(f, f, 4608);
            assertTrue(w <= p[2] && w >= p[2] - 2, "e" + p[0] + "m" + p[1] + ": " + w + " vs formula " + p[2]);
        }
        assertEquals(49, FixedPointAccumulator.kulischWidth(Formats.FP8_E4M3, Formats.FP8_E4M3, 4608));
        // exact: random fp8 dot products equal the BigDecimal sum, and never overflow
        ScalarFormat e4m3 = Formats.FP8_E4M3;
        for (int trial = 0; trial < 20; trial++) {
            long[] a = randomFiniteCodes(e4m3, 4608, RND);
            long[] b = randomFiniteCodes(e4m3, 4608, RND);
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < a.length; i++) {
                exact = exact.add(new BigDecimal(e4m3.decode(a[i])).multiply(new BigDecimal(e4m3.decode(b[i]))));
            }
            Accumulator acc = GoldenArithmetic.dot(e4m3, a, e4m3, b, FixedPointAccumulator.kulisch(e4m3, e4m3, 4608));
            assertFalse(acc.overflowed());
            assertEquals(0, exact.compareTo(new BigDecimal(acc.exactValue().significand())
                    .multiply(new BigDecimal(2).pow(acc.exactValue().exponent() + 2000))
                    .divide(new BigDecimal(2).pow(2000))));
        }
        // tight: n worst-case products (448 x 448) fill the register; one bit fewer overflows
        long max = e4m3.encode(448.0);
        long[] worst = new long[4608];
        java.util.Arrays.fill(worst, max);
        int w = FixedPointAccumulator.kulischWidth(e4m3, e4m3, 4608);
        assertFalse(GoldenArithmetic.dot(e4m3, worst, e4m3, worst, new FixedPointAccumulator(w, false, true))
                .overflowed());
        assertTrue(GoldenArithmetic.dot(e4m3, worst, e4m3, worst, new FixedPointAccumulator(w - 1, false, true))
                .overflowed());
    }

    @Test
    void specialsPropagateAsInIeee() {
        MinifloatFormat fp16 = Formats.FP16;
        Accumulator acc = new FloatAccumulator(fp16, true).start(0);
        acc.addProduct(60000, 2);
        assertEquals(Double.POSITIVE_INFINITY, acc.value());
        assertTrue(acc.overflowed());
        acc.addProduct(-60000, 2); // fused: the exact -120000 is finite, inf + finite = inf
        assertEquals(Double.POSITIVE_INFINITY, acc.value());
        acc.addProduct(Double.NEGATIVE_INFINITY, 1);
        assertTrue(Double.isNaN(acc.value()), "inf + -inf = NaN");
        Accumulator unfused = new FloatAccumulator(fp16, false).start(0);
        unfused.addProduct(60000, 2);
        unfused.addProduct(-60000, 2); // unfused: the product rounds to -inf first
        assertTrue(Double.isNaN(unfused.value()));
        Accumulator zero = new FloatAccumulator(fp16, true).start(0);
        zero.addProduct(-0.0, 1.0);
        assertEquals(0x0000, zero.registerCode(), "the register starts at +0, and +0 + -0 = +0");
        zero.addProduct(1.0, 1.0);
        zero.addProduct(-1.0, 1.0);
        assertEquals(0x0000, zero.registerCode(), "x + -x = +0");
        assertThrows(InvalidInputException.class,
                () -> FixedPointAccumulator.integer(32).start(0).addProduct(Double.NaN, 1));
    }

    @Test
    void saturationInAFormatWithoutInfinityIsReportedAsOverflow() {
        MinifloatFormat e3m2 = (MinifloatFormat) Formats.parse("e3m2");
        Accumulator acc = new FloatAccumulator(e3m2, true).start(0);
        for (int i = 0; i < 4; i++) {
            acc.addProduct(6, 6);
        }
        assertEquals(28.0, acc.value());
        assertTrue(acc.overflowed());
    }

    @Test
    void mxBlockDotEqualsTheScaledSumOfElementProducts() {
        BlockFormat mx = (BlockFormat) Formats.parse("mxfp4");
        long[] a = randomFiniteCodes(mx.element(), 64, RND);
        long[] b = randomFiniteCodes(mx.element(), 64, RND);
        double[] sa = {Math.scalb(1.0, 3), Math.scalb(1.0, -2)};
        double[] sb = {Math.scalb(1.0, -1), Math.scalb(1.0, 5)};
        double ref = 0;
        for (int i = 0; i < 64; i++) {
            ref += mx.element().decode(a[i]) * mx.element().decode(b[i]) * sa[i / 32] * sb[i / 32];
        }
        Accumulator acc = GoldenArithmetic.blockDot(mx, sa, a, mx, sb, b, new FloatAccumulator(Formats.FP32, true));
        assertEquals((float) ref, acc.value()); // every partial sum here is exact in fp32
    }

    @Test
    void accumulatorNamesParse() {
        ScalarFormat e4m3 = Formats.FP8_E4M3;
        ScalarFormat int8 = Formats.INT8;
        assertEquals("int32", AccumulatorSpecs.parse("int32", "--acc", int8, int8, 1).name());
        assertEquals("int24:sat", AccumulatorSpecs.parse("INT24:sat", "--acc", int8, int8, 1).name());
        assertEquals("int37", AccumulatorSpecs.parse("int37", "--acc", e4m3, e4m3, 1).name());
        assertEquals("fp32", AccumulatorSpecs.parse("fp32", "--acc", e4m3, e4m3, 1).name());
        assertEquals("bf16:unfused", AccumulatorSpecs.parse("bf16:unfused", "--acc", e4m3, e4m3, 1).name());
        assertEquals("kulisch49", AccumulatorSpecs.parse("kulisch", "--acc", e4m3, e4m3, 4608).name());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AccumulatorSpecs.parse("int1", "--acc", e4m3, e4m3, 1));
        assertEquals("--acc", e.field());
        assertThrows(InvalidInputException.class, () -> AccumulatorSpecs.parse("mxfp4", "--acc", e4m3, e4m3, 1));
        assertThrows(InvalidInputException.class, () -> AccumulatorSpecs.parse("int99999999999", "--acc", int8, int8,
                1));
    }

    /** A fixed-point register narrower than one product is refused wherever it is formed, naming the smallest. */
    @Test
    void accumulatorsMustHoldOneProduct() {
        ScalarFormat int8 = Formats.INT8;
        ScalarFormat uint8 = Formats.parseScalar("uint8", "f");
        ScalarFormat e4m3 = Formats.FP8_E4M3;
        assertEquals(16, AccumulatorSpecs.productBits(int8, int8));
        assertEquals(17, AccumulatorSpecs.productBits(uint8, uint8));
        assertEquals(37, AccumulatorSpecs.productBits(e4m3, e4m3));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AccumulatorSpecs.parse("int4", "--acc", int8, int8, 4096));
        assertEquals("--acc", e.field());
        assertTrue(e.getMessage().contains("int16"), e.getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> AccumulatorSpecs.parse("int32", "--acc", e4m3,
                e4m3, 1)).getMessage().contains("int37"));
        assertTrue(assertThrows(InvalidInputException.class, () -> AccumulatorSpecs.parse("kulisch12", "--acc", int8,
                int8, 1)).getMessage().contains("int16"));
        // the records refuse it too, for accumulators built in code
        InvalidInputException op = assertThrows(InvalidInputException.class, () -> io.qdse.hwmodels.cost.OpSpec.mac(
                int8, int8, FixedPointAccumulator.integer(8), 16));
        assertEquals("acc", op.field());
        // float accumulators round (and overflow to inf past their range): never refused
        assertEquals("fp16", AccumulatorSpecs.parse("fp16", "--acc", Formats.FP16, Formats.FP16, 1).name());
    }

    /** One default everywhere: int32 for integer elements (wider when a product needs it), fp32 for floats. */
    @Test
    void defaultAccumulators() {
        assertEquals("int32", AccumulatorSpecs.defaultFor(Formats.INT8, Formats.INT8).name());
        assertEquals("int32", AccumulatorSpecs.defaultFor(Formats.parse("int4"), Formats.INT8).name());
        assertEquals("int64", AccumulatorSpecs.defaultFor(Formats.parse("int24"), Formats.parse("int24")).name());
        assertEquals("fp32", AccumulatorSpecs.defaultFor(Formats.FP8_E4M3, Formats.FP8_E4M3).name());
        assertEquals("fp32", AccumulatorSpecs.defaultFor(Formats.parse("int4"), Formats.FP16).name());
        assertEquals("fp32", AccumulatorSpecs.defaultFor(Formats.parse("mxfp4"), Formats.parse("mxfp4")).name());
        assertEquals("int32", AccumulatorSpecs.defaultFor(Formats.parse("bipolar3"), Formats.INT8).name());
    }
}
