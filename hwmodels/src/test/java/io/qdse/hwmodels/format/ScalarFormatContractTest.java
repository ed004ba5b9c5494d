package io.qdse.hwmodels.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties every scalar format must have; run over the catalogue and a grid of generic formats. */
class ScalarFormatContractTest {

    @Test
    void exhaustiveEncodeDecodeEncodeRoundTripForEveryFormatUpTo16Bits() {
        List<ScalarFormat> formats = FormatGrid.scalars(16);
        assertTrue(formats.size() > 300, "grid too small: " + formats.size());
        for (ScalarFormat f : formats) {
            for (long code = 0; code < f.codeCount(); code++) {
                if (!f.isValidCode(code)) {
                    continue;
                }
                double v = f.decode(code);
                long again = f.encode(v);
                if (Double.isNaN(v)) {
                    assertTrue(Double.isNaN(f.decode(again)), f.name() + " NaN code " + code);
                    assertEquals(again, f.encode(f.decode(again)), f.name() + " canonical NaN is stable");
                    continue;
                }
                if (again != code) {
                    fail(f.name() + ": code " + code + " -> " + v + " -> code " + again);
                }
                // and the value survives quantization unchanged (every value is a fixed point of rounding)
                assertEquals(Double.doubleToRawLongBits(v),
                        Double.doubleToRawLongBits(f.quantize(v, RoundingMode.NEAREST_EVEN, Overflow.OVERFLOW, null)),
                        f.name() + " value " + v);
            }
        }
    }

    @Test
    void maxMinAgreeWithTheDecodedValueSet() {
        for (ScalarFormat f : FormatGrid.scalars(12)) {
            ReferenceRounding ref = new ReferenceRounding(f);
            double max = ref.values[ref.values.length - 1];
            assertEquals(max, f.maxFinite(), f.name() + " maxFinite");
            assertEquals(ref.values[0], f.minFinite(), f.name() + " minFinite");
            double minPos = Double.POSITIVE_INFINITY;
            for (double v : ref.values) {
                if (v != 0) {
                    minPos = Math.min(minPos, Math.abs(v));
                }
            }
            assertEquals(minPos, f.minPositive(), f.name() + " minPositive");
            boolean anyInf = false;
            boolean anyNaN = false;
            boolean anyZero = false;
            for (long c = 0; c < f.codeCount(); c++) {
                if (!f.isValidCode(c)) {
                    continue;
                }
                double v = f.decode(c);
                anyInf |= Double.isInfinite(v);
                anyNaN |= Double.isNaN(v);
                anyZero |= v == 0;
                if (Double.isFinite(v)) {
                    double units = Math.scalb(v, -f.lsbExponent());
                    assertEquals(Math.rint(units), units, f.name() + ": " + v + " is not a multiple of 2^lsbExponent");
                }
            }
            assertEquals(anyInf, f.hasInfinity(), f.name() + " hasInfinity");
            assertEquals(anyNaN, f.hasNaN(), f.name() + " hasNaN");
            assertEquals(anyZero, f.hasZero(), f.name() + " hasZero");
        }
    }

    @Test
    void nearestEvenSaturatingMatchesBruteForceOnEveryMidpointAndRandomValues() {
        SplittableRandom rnd = new SplittableRandom(20261122L);
        for (ScalarFormat f : FormatGrid.scalars(10)) {
            ReferenceRounding ref = new ReferenceRounding(f);
            double[] v = ref.values;
            for (int i = 0; i + 1 < v.length; i++) {
                double mid = v[i] + (v[i + 1] - v[i]) / 2;
                double[] probes = {mid, Math.nextDown(mid), Math.nextUp(mid), v[i], v[i + 1]};
                for (double x : probes) {
                    check(f, ref, x);
                }
            }
            double span = f.maxFinite() * 1.5;
            for (int i = 0; i < 300; i++) {
                check(f, ref, (rnd.nextDouble() * 2 - 1) * span);
                check(f, ref, Math.scalb(rnd.nextDouble(), f.lsbExponent() + rnd.nextInt(6)));
            }
        }
    }

    private static void check(ScalarFormat f, ReferenceRounding ref, double x) {
        double expected = ref.nearestEvenSaturating(x);
        double actual = f.quantize(x, RoundingMode.NEAREST_EVEN, Overflow.SATURATE, null);
        if (Double.compare(Math.abs(expected), Math.abs(actual)) != 0 || (expected != 0 && expected != actual)) {
            fail(f.name() + ": quantize(" + x + ") = " + actual + ", brute force says " + expected);
        }
    }

    @Test
    void everyNameParsesBackToTheSameFormat() {
        java.util.List<NumberFormat> all = new java.util.ArrayList<>(FormatGrid.scalars(32));
        all.add(new MinifloatFormat(8, 0, 127, SpecialValues.NONE, false, true)); // collides with the e8m0 alias
        all.add(new MinifloatFormat(8, 0, 127, SpecialValues.FN, false, false));
        all.add(new MinifloatFormat(5, 10, 15, SpecialValues.IEEE, false, true));
        for (ScalarFormat e : FormatGrid.scalars(8)) {
            all.add(new BlockFormat(e, 3, new MinifloatFormat(8, 0, 127, SpecialValues.NONE, false, true)));
            all.add(new BlockFormat(e, 64, Formats.FP16));
        }
        all.addAll(Formats.catalogue().values());
        for (NumberFormat f : all) {
            assertEquals(f, Formats.parse(f.name()), "name " + f.name() + " of " + f);
        }
    }

    @Test
    void biasesOutsideTheNormalDoubleRangeAreRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(io.qdse.hwmodels.InvalidInputException.class,
                () -> Formats.parse("e2m3:bias=1060"));
    }

    @Test
    void infinityConvertsExactlyUnderOverflowEvenTowardZero() {
        assertEquals(Double.POSITIVE_INFINITY, Formats.FP16.quantize(Double.POSITIVE_INFINITY,
                RoundingMode.TOWARD_ZERO, Overflow.OVERFLOW, null));
        assertEquals(65504.0, Formats.FP16.quantize(1e9, RoundingMode.TOWARD_ZERO, Overflow.OVERFLOW, null));
        // a tiny negative value rounds to zero in an unsigned format instead of becoming NaN
        ScalarFormat u = (ScalarFormat) Formats.parse("e4m3:unsigned");
        assertEquals(0.0, u.quantize(-1e-9, RoundingMode.NEAREST_EVEN, Overflow.OVERFLOW, null));
        assertTrue(Double.isNaN(u.quantize(-1.0, RoundingMode.NEAREST_EVEN, Overflow.OVERFLOW, null)));
        // integers wrap exactly even far beyond 2^62; narrow integers saturate
        assertEquals(0.0, Formats.INT8.quantize(0x1p62, RoundingMode.NEAREST_EVEN, Overflow.OVERFLOW, null));
        assertEquals(127.0, Formats.parseScalar("int8n", "f").quantize(200, RoundingMode.NEAREST_EVEN,
                Overflow.OVERFLOW, null));
    }

    @Test
    void stochasticRoundingIsSeededAndUnbiased() {
        for (ScalarFormat f : List.of(Formats.FP8_E4M3, Formats.FP4_E2M1, Formats.INT8, new BipolarIntFormat(3))) {
            double x = f instanceof IntFormat ? 3.3 : 1.3;
            if (f instanceof BipolarIntFormat) {
                x = 2.2;
            }
            SplittableRandom a = new SplittableRandom(7);
            SplittableRandom b = new SplittableRandom(7);
            double sum = 0;
            int n = 200_000;
            for (int i = 0; i < n; i++) {
                double qa = f.quantize(x, RoundingMode.STOCHASTIC, Overflow.SATURATE, a);
                double qb = f.quantize(x, RoundingMode.STOCHASTIC, Overflow.SATURATE, b);
                assertEquals(qa, qb, "same seed, same stream");
                sum += qa;
            }
            // the mean of unbiased stochastic rounding is x; the standard error here is < 0.003
            assertEquals(x, sum / n, 0.01, f.name() + " stochastic rounding is biased");
        }
    }
}
