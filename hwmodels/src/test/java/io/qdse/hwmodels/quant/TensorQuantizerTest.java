package io.qdse.hwmodels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.RoundingMode;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TensorQuantizerTest {

    private static double[] uniform(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 2 - 1;
        }
        return x;
    }

    private static double[] gaussian(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void int8PerTensorAbsmaxOnAKnownVector() {
        double[] x = {0.5, -1.0, 0.25, 0.0039};
        QuantizationResult r = TensorQuantizer.quantize(x, QuantizationSpec.of(Formats.INT8));
        double s = TensorQuantizer.storedScale(1.0 / 127);
        assertEquals(s, r.scales()[0]);
        assertTrue(s >= 1.0 / 127, "scale rounded up to fp32");
        // 0.5 / s is just below the 63.5 tie because s was rounded up: 63, not 64
        assertArrayEquals(new double[] {63 * s, -127 * s, 32 * s, 0}, r.quantized());
        double err = 0;
        for (int i = 0; i < x.length; i++) {
            err += (x[i] - r.quantized()[i]) * (x[i] - r.quantized()[i]);
        }
        assertEquals(err, r.errorSquared(), 1e-18);
        assertEquals(err / 4, r.mse(), 1e-18);
    }

    @Test
    void sqnrOfUniformDataMatchesTheQuantizationNoiseFormula() {
        // uniform on [-1, 1], symmetric b-bit with scale 1/(2^(b-1)-1): noise Δ²/12, signal 1/3 ->
        // SQNR = 10 log10(4 (2^(b-1)-1)^2): 48.10 dB for int8, 23.52 dB for int4
        double[] x = uniform(1_000_000, 1);
        for (int bits : new int[] {4, 8}) {
            NumberFormat f = Formats.parse("int" + bits);
            double q = (1 << (bits - 1)) - 1;
            double expected = 10 * Math.log10(4 * q * q);
            QuantizationResult r = TensorQuantizer.quantize(x, QuantizationSpec.of(f));
            assertEquals(expected, r.sqnrDb(), 0.1, "int" + bits);
        }
    }

    @Test
    void mseClippingBeatsAbsmaxOnGaussianInt4AndNeverLoses() {
        double[] x = gaussian(100_000, 3);
        QuantizationSpec absmax = QuantizationSpec.of(Formats.parse("int4"));
        QuantizationResult a = TensorQuantizer.quantize(x, absmax);
        QuantizationResult m = TensorQuantizer.quantize(x, absmax.withClip(ClipMethod.MSE));
        // for 4-bit Gaussian the MSE-optimal clip is ~2.5 sigma, far below the ~4.4 sigma absmax of 1e5 samples
        assertTrue(m.mse() < 0.6 * a.mse(), "mse " + m.mse() + " vs absmax " + a.mse());
        assertTrue(m.saturated() > 0);
        for (String name : new String[] {"int8", "fp8_e4m3", "fp4_e2m1", "uint8"}) {
            QuantizationSpec s = QuantizationSpec.of(Formats.parse(name));
            assertTrue(TensorQuantizer.quantize(x, s.withClip(ClipMethod.MSE)).mse()
                    <= TensorQuantizer.quantize(x, s).mse(), name);
        }
    }

    @Test
    void perChannelScalesFollowEachChannelsAbsmax() {
        // shape [3, 4]: channel c (axis 0) has absmax c+1
        double[] x = {1, -0.5, 0.25, 0, -2, 1, 0.5, 0.1, 3, 0, 0, -1};
        QuantizationSpec spec = QuantizationSpec.of(Formats.INT8).withGranularity(Granularity.PER_CHANNEL, 0, 1);
        QuantizationResult r = TensorQuantizer.quantize(x, new int[] {3, 4}, spec);
        assertEquals(3, r.scales().length);
        for (int c = 0; c < 3; c++) {
            assertEquals(TensorQuantizer.storedScale((c + 1) / 127.0), r.scales()[c], 0.0);
        }
        // axis 1 of the same tensor: 4 channels of 3 values
        QuantizationResult cols = TensorQuantizer.quantize(x, new int[] {3, 4},
                spec.withGranularity(Granularity.PER_CHANNEL, 1, 1));
        assertEquals(4, cols.scales().length);
        assertEquals(TensorQuantizer.storedScale(3 / 127.0), cols.scales()[0], 0.0);
        assertEquals(TensorQuantizer.storedScale(1 / 127.0), cols.scales()[1], 0.0);
    }

    @Test
    void perBlockWithAScalarFormatHandlesAShortLastBlock() {
        double[] x = {1, 2, 3, 4, 5, 100, 0.5};
        QuantizationSpec spec = QuantizationSpec.of(Formats.INT8).withGranularity(Granularity.PER_BLOCK, 0, 3);
        QuantizationResult r = TensorQuantizer.quantize(x, spec);
        assertEquals(3, r.scales().length);
        assertEquals(TensorQuantizer.storedScale(3 / 127.0), r.scales()[0], 0.0);
        assertEquals(TensorQuantizer.storedScale(100 / 127.0), r.scales()[1], 0.0);
        assertEquals(TensorQuantizer.storedScale(0.5 / 127.0), r.scales()[2], 0.0);
    }

    @Test
    void mxfp4BlocksUseTheOcpSharedExponentAndE2M1Elements() {
        double[] x = uniform(64, 5);
        x[3] = 7.9; // block 0 absmax 7.9 -> 2^(2-2) = 1
        x[40] = -0.3; // block 1: absmax ~ 1 from the uniform data
        QuantizationResult r = TensorQuantizer.quantize(x, QuantizationSpec.of(Formats.parse("mxfp4")));
        assertEquals(2, r.scales().length);
        assertEquals(1.0, r.scales()[0]);
        assertEquals(6.0, r.quantized()[3]); // 7.9 saturates to max element 6 x 1
        double[] allowed = {0, 0.5, 1, 1.5, 2, 3, 4, 6};
        for (int i = 0; i < 64; i++) {
            double e = Math.abs(r.quantized()[i] / r.scales()[i / 32]);
            assertTrue(Arrays.stream(allowed).anyMatch(a -> a == e), "element " + e);
        }
        assertTrue(r.saturated() >= 1);
    }

    @Test
    void nvfp4AddsAPerTensorScaleSoBlockScalesFitE4M3() {
        double[] x = uniform(32, 9);
        for (int i = 0; i < 32; i++) {
            x[i] *= 1e6; // far beyond E4M3's 448 x E2M1's 6 without a tensor scale
        }
        BlockFormat nv = (BlockFormat) Formats.parse("nvfp4");
        QuantizationResult r = TensorQuantizer.quantize(x, QuantizationSpec.of(nv));
        assertEquals(2, r.scales().length);
        assertTrue(r.sqnrDb() > 15, "nvfp4 on uniform data should give ~20 dB, got " + r.sqnrDb());
    }

    @Test
    void unsignedIntegersAreAffine() {
        double[] x = {0, 0.5, 1.0};
        QuantizationResult r = TensorQuantizer.quantize(x, QuantizationSpec.of(Formats.parse("uint8")));
        assertEquals(TensorQuantizer.storedScale(1.0 / 255), r.scales()[0], 0.0);
        assertEquals(1.0, r.quantized()[2], 1e-6);
        double[] signed = {-1, 0, 3};
        QuantizationResult rs = TensorQuantizer.quantize(signed, QuantizationSpec.of(Formats.parse("uint8")));
        assertEquals(-1, rs.quantized()[0], 0.01);
        assertEquals(0.0, rs.quantized()[1], 1e-12); // the zero point makes 0 exact
    }

    @Test
    void stochasticRoundingIsReproducibleFromTheSeed() {
        double[] x = uniform(10_000, 11);
        QuantizationSpec s = QuantizationSpec.of(Formats.parse("int4")).withRounding(RoundingMode.STOCHASTIC, 99);
        assertArrayEquals(TensorQuantizer.quantize(x, s).quantized(), TensorQuantizer.quantize(x, s).quantized());
        assertFalse(Arrays.equals(TensorQuantizer.quantize(x, s).quantized(),
                TensorQuantizer.quantize(x, s.withRounding(RoundingMode.STOCHASTIC, 100)).quantized()));
    }

    @Test
    void absmaxNeverReportsSaturation() {
        // the fp32 scale is rounded up, so x / scale never exceeds the format's max under absmax clipping
        for (long seed = 0; seed < 200; seed++) {
            double[] x = uniform(37, seed);
            for (String f : new String[] {"int8", "int4", "fp8_e4m3", "fp4_e2m1"}) {
                QuantizationResult r = TensorQuantizer.quantize(x, QuantizationSpec.of(Formats.parse(f)));
                assertEquals(0, r.saturated(), f + " seed " + seed);
            }
        }
    }

    @Test
    void badInputsNameTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TensorQuantizer.quantize(new double[] {1, Double.NaN}, QuantizationSpec.of(Formats.INT8)));
        assertEquals("value[1]", e.field());
        e = assertThrows(InvalidInputException.class, () -> TensorQuantizer.quantize(new double[] {1, 2, 3},
                new int[] {2, 2}, QuantizationSpec.of(Formats.INT8)));
        assertEquals("shape", e.field());
        e = assertThrows(InvalidInputException.class, () -> QuantizationSpec.of(Formats.parse("mxfp4"))
                .withGranularity(Granularity.PER_CHANNEL, 0, 1));
        assertEquals("granularity", e.field());
    }
}
