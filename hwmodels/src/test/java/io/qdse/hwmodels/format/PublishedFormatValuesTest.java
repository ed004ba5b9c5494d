package io.qdse.hwmodels.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Values from the format definitions: OCP 8-bit FP spec v1.0, OCP MX v1.0, IEEE 754, and the Brevitas/gfloat
 * tables collected in shared/reference/hardware-costs.md §3.3.
 */
class PublishedFormatValuesTest {

    private static ScalarFormat scalar(String name) {
        return (ScalarFormat) Formats.parse(name);
    }

    @Test
    void ocpE4M3() {
        ScalarFormat f = scalar("fp8_e4m3");
        assertEquals(448.0, f.maxFinite());
        assertEquals(Math.scalb(1.0, -9), f.minPositive());
        assertEquals(Math.scalb(1.0, -6), ((MinifloatFormat) f).minNormal());
        assertFalse(f.hasInfinity());
        assertTrue(Double.isNaN(f.decode(0x7F)));
        assertTrue(Double.isNaN(f.decode(0xFF)));
        assertEquals(448.0, f.decode(0x7E));
        assertEquals(-448.0, f.decode(0xFE));
        assertEquals(0x7F, f.encode(Double.NaN));
        assertEquals(0x01, f.encode(Math.scalb(1.0, -9)));
        assertEquals(0x08, f.encode(Math.scalb(1.0, -6)));
    }

    @Test
    void ocpE5M2() {
        ScalarFormat f = scalar("fp8_e5m2");
        assertEquals(57344.0, f.maxFinite());
        assertEquals(Math.scalb(1.0, -16), f.minPositive());
        assertEquals(Double.POSITIVE_INFINITY, f.decode(0x7C));
        assertEquals(Double.NEGATIVE_INFINITY, f.decode(0xFC));
        for (int c : new int[] {0x7D, 0x7E, 0x7F, 0xFD, 0xFE, 0xFF}) {
            assertTrue(Double.isNaN(f.decode(c)), "code " + c);
        }
        assertEquals(0x7C, f.encode(Double.POSITIVE_INFINITY));
        assertEquals(0x7E, f.encode(Double.NaN));
    }

    @Test
    void mxFp6AndFp4() {
        assertEquals(28.0, scalar("fp6_e3m2").maxFinite());
        assertEquals(0.0625, scalar("fp6_e3m2").minPositive());
        assertEquals(7.5, scalar("fp6_e2m3").maxFinite());
        assertEquals(0.125, scalar("fp6_e2m3").minPositive());
        ScalarFormat e2m1 = scalar("fp4_e2m1");
        TreeSet<Double> positives = new TreeSet<>();
        for (long c = 0; c < 16; c++) {
            double v = e2m1.decode(c);
            assertTrue(Double.isFinite(v), "FP4 has no specials");
            positives.add(Math.abs(v));
        }
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 3, 4, 6},
                positives.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void brevitasTableVariants() {
        // shared/reference/hardware-costs.md §3.3: max of the no-inf/NaN, OCP and FNUZ variants
        assertEquals(480.0, scalar("e4m3:none").maxFinite());
        assertEquals(240.0, scalar("e4m3:fnuz").maxFinite());
        assertEquals(114688.0, scalar("e5m2:none").maxFinite());
        assertEquals(57344.0, scalar("e5m2:fnuz").maxFinite());
        assertEquals(14.0, scalar("e3m2:fnuz").maxFinite());
        assertEquals(3.75, scalar("e2m3:fnuz").maxFinite());
        assertEquals(3.0, scalar("e2m1:fnuz").maxFinite());
        assertEquals(31.0, scalar("e3m4").maxFinite());
        assertEquals(15.5, scalar("e3m4:fnuz").maxFinite());
        assertEquals(Math.scalb(1.0, -6), scalar("e3m4").minPositive());
        // FNUZ: NaN at the negative-zero code, no -0
        ScalarFormat fnuz = scalar("fp8_e4m3fnuz");
        assertTrue(Double.isNaN(fnuz.decode(0x80)));
        assertEquals(0x00, fnuz.encode(-0.0));
        assertEquals(Math.scalb(1.0, -10), fnuz.minPositive());
    }

    @Test
    void ieeeWideFormats() {
        assertEquals(65504.0, scalar("fp16").maxFinite());
        assertEquals(Math.scalb(1.0, -24), scalar("fp16").minPositive());
        assertEquals(Float.MAX_VALUE, scalar("fp32").maxFinite());
        assertEquals(Float.MIN_VALUE, scalar("fp32").minPositive());
        assertEquals(Math.scalb(255.0, 120), scalar("bf16").maxFinite()); // 0x7F7F
        assertEquals(19, scalar("tf32").bits());
        assertEquals(0x7C00, scalar("fp16").encode(Double.POSITIVE_INFINITY));
        assertEquals(0x7E00, scalar("fp16").encode(Double.NaN));
    }

    @Test
    void fp32QuantizationEqualsTheJvmsFloatCast() {
        // Java's double->float conversion is IEEE 754 round-to-nearest-even with overflow to infinity: an
        // independent oracle for every binade, the subnormal range and overflow.
        ScalarFormat fp32 = Formats.FP32;
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double x = Math.scalb(rnd.nextDouble() * 2 - 1, rnd.nextInt(-160, 140));
            double expected = (float) x;
            double actual = fp32.quantize(x, RoundingMode.NEAREST_EVEN, Overflow.OVERFLOW, null);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), "x=" + x);
            assertEquals(Float.floatToRawIntBits((float) x) & 0xFFFFFFFFL, fp32.encode(x), "code of " + x);
        }
    }

    @Test
    void e8m0ScaleFormat() {
        ScalarFormat e8m0 = scalar("e8m0");
        assertEquals(8, e8m0.bits());
        assertEquals(Math.scalb(1.0, -127), e8m0.decode(0));
        assertEquals(1.0, e8m0.decode(127));
        assertEquals(Math.scalb(1.0, 127), e8m0.maxFinite());
        assertTrue(Double.isNaN(e8m0.decode(255)));
        assertFalse(e8m0.hasZero());
    }

    @Test
    void blockFormats() {
        BlockFormat mxfp4 = (BlockFormat) Formats.parse("mxfp4");
        assertEquals(32, mxfp4.blockSize());
        assertEquals(4.25, mxfp4.bitsPerElement());
        BlockFormat nvfp4 = (BlockFormat) Formats.parse("nvfp4");
        assertEquals(16, nvfp4.blockSize());
        assertEquals(4.5, nvfp4.bitsPerElement());
        assertEquals(Formats.FP8_E4M3, nvfp4.scale());
        BlockFormat mxint8 = (BlockFormat) Formats.parse("mxint8");
        assertEquals(127.0 / 64, mxint8.element().maxFinite());
        assertEquals(8.25, mxint8.bitsPerElement());
        // OCP MX shared exponent: floor(log2(absmax)) - emax_elem
        assertEquals(Math.scalb(1.0, 10 - 2), mxfp4.chooseScale(1500.0)); // log2(1500)=10.55, emax(E2M1)=2
        assertEquals(Math.scalb(1.0, 3 - 8), ((BlockFormat) Formats.parse("mxfp8_e4m3")).chooseScale(10.0));
        assertEquals(Math.scalb(1.0, 10), mxint8.chooseScale(1500.0)); // emax(int8 x 2^-6) = 0
    }
}
