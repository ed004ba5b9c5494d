package io.qdse.hwmodels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-picked cases that an off-by-one in exponent, bias, tie or range handling would get wrong. */
class RoundingEdgeCaseTest {
    private static final ScalarFormat E4M3 = Formats.FP8_E4M3;
    private static final ScalarFormat E5M2 = Formats.FP8_E5M2;

    private static double rne(ScalarFormat f, double x, Overflow o) {
        return f.quantize(x, RoundingMode.NEAREST_EVEN, o, null);
    }

    @Test
    void tiesGoToEven() {
        // E4M3 at exponent 0: spacing 1/8. 1.0625 lies halfway between 1.0 (mantissa 000) and 1.125 (001).
        assertEquals(1.0, rne(E4M3, 1.0625, Overflow.SATURATE));
        assertEquals(1.25, rne(E4M3, 1.1875, Overflow.SATURATE)); // between 1.125 (001) and 1.25 (010)
        assertEquals(1.125, rne(E4M3, Math.nextUp(1.0625), Overflow.SATURATE));
        // FP4 E2M1: 2.5 between 2 (even) and 3; 5 between 4 (even) and 6
        assertEquals(2.0, rne(Formats.FP4_E2M1, 2.5, Overflow.SATURATE));
        assertEquals(4.0, rne(Formats.FP4_E2M1, 5.0, Overflow.SATURATE));
        assertEquals(4.0, rne(Formats.FP4_E2M1, 3.5, Overflow.SATURATE)); // 3 = 1.1b x2 odd, 4 even
        // integers
        assertEquals(2.0, rne(Formats.INT8, 2.5, Overflow.SATURATE));
        assertEquals(-2.0, rne(Formats.INT8, -2.5, Overflow.SATURATE));
        assertEquals(-128.0, rne(Formats.INT8, -128.5, Overflow.SATURATE));
    }

    @Test
    void overflowPerPolicy() {
        // E4M3: 464 is the tie between 448 (mantissa 110, even) and the NaN slot 480: stays 448
        assertEquals(448.0, rne(E4M3, 464.0, Overflow.OVERFLOW));
        assertTrue(Double.isNaN(rne(E4M3, Math.nextUp(464.0), Overflow.OVERFLOW)));
        assertEquals(448.0, rne(E4M3, 1e9, Overflow.SATURATE));
        assertEquals(-448.0, rne(E4M3, Double.NEGATIVE_INFINITY, Overflow.SATURATE));
        // E5M2: 61440 is the tie between 57344 (odd mantissa 11) and 65536 (even, beyond max) -> inf
        assertEquals(57344.0, rne(E5M2, Math.nextDown(61440.0), Overflow.OVERFLOW));
        assertEquals(Double.POSITIVE_INFINITY, rne(E5M2, 61440.0, Overflow.OVERFLOW));
        assertEquals(57344.0, rne(E5M2, 61440.0, Overflow.SATURATE));
        assertEquals(Double.NEGATIVE_INFINITY, rne(E5M2, -1e6, Overflow.OVERFLOW));
        // fp16: 65520 is the tie between 65504 and 65536 -> inf, like a real half conversion
        assertEquals(Double.POSITIVE_INFINITY, rne(Formats.FP16, 65520.0, Overflow.OVERFLOW));
        assertEquals(65504.0, rne(Formats.FP16, Math.nextDown(65520.0), Overflow.OVERFLOW));
        // formats without inf or NaN saturate whatever the policy
        assertEquals(6.0, rne(Formats.FP4_E2M1, 100.0, Overflow.OVERFLOW));
        // integers wrap (two's complement) under OVERFLOW
        assertEquals(-128.0, rne(Formats.INT8, 128.0, Overflow.OVERFLOW));
        assertEquals(127.0, rne(Formats.INT8, 128.0, Overflow.SATURATE));
        assertEquals(0.0, rne(IntFormat.of(8, false), 256.0, Overflow.OVERFLOW));
        assertEquals(-127.0, rne(Formats.parseScalar("int8n", "format"), -200.0, Overflow.OVERFLOW));
    }

    @Test
    void subnormalBoundaries() {
        double minSub = Math.scalb(1.0, -9); // E4M3
        assertEquals(0.0, rne(E4M3, minSub / 2, Overflow.SATURATE)); // tie with 0: zero is even
        assertEquals(minSub, rne(E4M3, Math.nextUp(minSub / 2), Overflow.SATURATE));
        assertEquals(-0.0, rne(E4M3, -minSub / 4, Overflow.SATURATE));
        assertTrue(1 / rne(E4M3, -minSub / 4, Overflow.SATURATE) < 0, "sign of zero kept");
        // largest subnormal 7 * 2^-9 and the smallest normal 2^-6 = 8 * 2^-9 are one step apart
        assertEquals(7 * minSub, rne(E4M3, 7.4 * minSub, Overflow.SATURATE));
        assertEquals(8 * minSub, rne(E4M3, 7.5 * minSub, Overflow.SATURATE)); // tie 7 (odd) / 8 (even)
        // without subnormals, E4M3FN's exponent-0 binade is normal: 1.001b x 2^-7 is the smallest positive
        ScalarFormat nosub = (ScalarFormat) Formats.parse("e4m3:nosub");
        double minPos = 1.125 * Math.scalb(1.0, -7);
        assertEquals(minPos, nosub.minPositive());
        assertEquals(0.0, rne(nosub, minPos / 2, Overflow.SATURATE));
        assertEquals(minPos, rne(nosub, Math.nextUp(minPos / 2), Overflow.SATURATE));
        assertEquals(minPos, rne(nosub, Math.scalb(1.0, -7), Overflow.SATURATE)); // 2^-7 itself is the zero code
        // fp16 subnormal/normal edge
        assertEquals(Math.scalb(1.0, -14), rne(Formats.FP16, Math.scalb(1023.5, -24), Overflow.SATURATE));
    }

    @Test
    void bipolarHasNoZero() {
        ScalarFormat b3 = new BipolarIntFormat(3);
        assertEquals(1.0, rne(b3, 0.0, Overflow.SATURATE)); // tie -1 (code 3) / +1 (code 4, even)
        assertEquals(-1.0, rne(b3, -0.4, Overflow.SATURATE));
        assertEquals(7.0, rne(b3, 100.0, Overflow.SATURATE));
        assertEquals(1.0, rne(b3, 2.0, Overflow.SATURATE)); // tie 1 (code 4, even) / 3 (code 5)
        assertEquals(5.0, rne(b3, 4.0, Overflow.SATURATE)); // tie 3 (code 5) / 5 (code 6, even)
    }
}
