package io.qdse.hwmodels.quant;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.Overflow;
import io.qdse.hwmodels.format.RoundingMode;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.format.ScalarQuantizer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Quantizes a dense row-major tensor to a {@link io.qdse.hwmodels.format.NumberFormat} under a
 * {@link QuantizationSpec} and reports the error. Pure and deterministic: the same data and spec (seed included)
 * give the same result bit for bit. Stochastic rounding draws from {@code SplittableRandom(seed)} group by group
 * (scale groups in order, elements within a group in row-major order).
 */
public final class TensorQuantizer {
    private static final double COARSE_STEP = 0.05;
    private static final double FINE_STEP = 0.0025;

    private TensorQuantizer() {
    }

    /** Quantizes a 1-D vector. */
    public static QuantizationResult quantize(double[] data, QuantizationSpec spec) {
        return quantize(data, new int[] {data.length}, spec);
    }

    /**
     * @param data  row-major values; NaN is rejected (no format here can scale it meaningfully)
     * @param shape dimensions, product equal to {@code data.length}
     */
    public static QuantizationResult quantize(double[] data, int[] shape, QuantizationSpec spec) {
        validate(data, shape, spec);
        Layout layout = Layout.of(shape, spec);
        double[] out = new double[data.length];
        double[] scales = new double[layout.groups()];
        RandomGenerator random = spec.rounding() == RoundingMode.STOCHASTIC ? new SplittableRandom(spec.seed()) : null;
        long[] saturated = new long[1];
        if (spec.format() instanceof BlockFormat) {
            quantizeBlocks(data, layout, (BlockFormat) spec.format(), spec, random, out, scales, saturated);
        } else {
            ScalarFormat f = (ScalarFormat) spec.format();
            boolean affine = f instanceof IntFormat && !f.signed();
            for (int g = 0; g < layout.groups(); g++) {
                scales[g] = affine ? affineGroup(data, layout, g, (IntFormat) f, spec, random, out, saturated)
                        : symmetricGroup(data, layout, g, f, spec, random, out, saturated);
            }
        }
        double err = 0;
        double signal = 0;
        for (int i = 0; i < data.length; i++) {
            double e = data[i] - out[i];
            err += e * e;
            signal += data[i] * data[i];
        }
        double sqnr = err == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / err);
        return new QuantizationResult(out, scales, err, data.length == 0 ? 0 : err / data.length, signal, sqnr,
                saturated[0]);
    }

    private static void validate(double[] data, int[] shape, QuantizationSpec spec) {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new InvalidInputException("shape", Arrays.toString(shape), "every dimension must be > 0");
            }
            n *= d;
        }
        if (n != data.length) {
            throw new InvalidInputException("shape", Arrays.toString(shape),
                    "product of dimensions must equal the element count " + data.length);
        }
        if (spec.granularity() == Granularity.PER_CHANNEL && spec.axis() >= shape.length) {
            throw new InvalidInputException("axis", spec.axis(), "must be < the tensor rank " + shape.length);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new InvalidInputException("value[" + i + "]", data[i], "tensor values must be finite");
            }
        }
    }

    // ---- scalar formats -------------------------------------------------------------------------------------

    private static double symmetricGroup(double[] x, Layout l, int g, ScalarFormat f, QuantizationSpec spec,
                                         RandomGenerator random, double[] out, long[] saturated) {
        double absMax = 0;
        for (int r = 0; r < l.runs(g); r++) {
            int s = l.runStart(g, r);
            for (int i = s, e = s + l.runLength(g, r); i < e; i++) {
                absMax = Math.max(absMax, Math.abs(x[i]));
            }
        }
        double fmax = f.maxFinite();
        ScalarQuantizer rne = ScalarQuantizer.of(f, RoundingMode.NEAREST_EVEN, Overflow.SATURATE);
        double clip = absMax;
        if (spec.clip() == ClipMethod.MSE && absMax > 0) {
            final double full = absMax;
            clip = bestClip(alpha -> symmetricError(x, l, g, rne, storedScale(alpha * full / fmax)), absMax);
        }
        double scale = absMax > 0 ? storedScale(clip / fmax) : 1.0;
        ScalarQuantizer q = ScalarQuantizer.of(f, spec.rounding(), spec.overflow());
        for (int r = 0; r < l.runs(g); r++) {
            int s = l.runStart(g, r);
            for (int i = s, e = s + l.runLength(g, r); i < e; i++) {
                double v = x[i] / scale;
                if (Math.abs(v) > fmax) {
                    saturated[0]++;
                }
                out[i] = q.quantize(v, random) * scale;
            }
        }
        return scale;
    }

    private static double symmetricError(double[] x, Layout l, int g, ScalarQuantizer q, double scale) {
        double err = 0;
        for (int r = 0; r < l.runs(g); r++) {
            int s = l.runStart(g, r);
            for (int i = s, e = s + l.runLength(g, r); i < e; i++) {
                double d = x[i] - q.quantize(x[i] / scale, null) * scale;
                err += d * d;
            }
        }
        return err;
    }

    private static double affineGroup(double[] x, Layout l, int g, IntFormat f, QuantizationSpec spec,
                                      RandomGenerator random, double[] out, long[] saturated) {
        double lo = 0;
        double hi = 0;
        for (int r = 0; r < l.runs(g); r++) {
            int s = l.runStart(g, r);
            for (int i = s, e = s + l.runLength(g, r); i < e; i++) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
        }
        IntFormat codes = IntFormat.of(f.bits(), false);
        double levels = codes.maxInt();
        double range = hi - lo;
        if (range == 0) {
            for (int r = 0; r < l.runs(g); r++) {
                int s = l.runStart(g, r);
                Arrays.fill(out, s, s + l.runLength(g, r), 0.0);
            }
            return 1.0;
        }
        double alpha = 1.0;
        if (spec.clip() == ClipMethod.MSE) {
            final double flo = lo;
            final double fhi = hi;
            alpha = bestClip(a -> affineError(x, l, g, codes, flo * a, fhi * a, RoundingMode.NEAREST_EVEN, null,
                    null, null), 1.0);
        }
        double[] scaleOut = new double[1];
        affineError(x, l, g, codes, lo * alpha, hi * alpha, spec.rounding(), random, out, scaleOut);
        for (int r = 0; r < l.runs(g); r++) {
            int s = l.runStart(g, r);
            for (int i = s, e = s + l.runLength(g, r); i < e; i++) {
                if (x[i] < lo * alpha || x[i] > hi * alpha) {
                    saturated[0]++;
                }
            }
        }
        return scaleOut[0];
    }

    /** Affine quantization of one group into codes 0..2^b−1; writes {@code out} when given, returns Σ error². */
    private static double affineError(double[] x, Layout l, int g, IntFormat codes, double lo, double hi,
                                      RoundingMode rounding, RandomGenerator random, double[] out,
                                      double[] scaleOut) {
        double scale = storedScale((hi - lo) / codes.maxInt());
        double zeroPoint = Math.rint(-lo / scale);
        if (scaleOut != null) {
            scaleOut[0] = scale;
        }
        double err = 0;
        for (int r = 0; r < l.runs(g); r++) {
            int s = l.runStart(g, r);
            for (int i = s, e = s + l.runLength(g, r); i < e; i++) {
                long q = codes.roundToInt(x[i] / scale + zeroPoint, rounding, Overflow.SATURATE, random);
                double v = (q - zeroPoint) * scale;
                if (out != null) {
                    out[i] = v;
                }
                double d = x[i] - v;
                err += d * d;
            }
        }
        return err;
    }

    /** Fraction of the full range (0, 1] that minimises {@code error}: a coarse grid, then a fine one. */
    private static double bestClip(java.util.function.DoubleUnaryOperator error, double fullRange) {
        double best = 1.0;
        double bestErr = error.applyAsDouble(1.0);
        for (double a = 1.0 - COARSE_STEP; a > COARSE_STEP / 2; a -= COARSE_STEP) {
            double e = error.applyAsDouble(a);
            if (e < bestErr) {
                bestErr = e;
                best = a;
            }
        }
        double lo = Math.max(FINE_STEP, best - COARSE_STEP);
        double hi = Math.min(1.0, best + COARSE_STEP);
        double center = best;
        for (double a = lo; a <= hi + 1e-12; a += FINE_STEP) {
            double e = error.applyAsDouble(a);
            if (e < bestErr || (e == bestErr && Math.abs(a - center) < Math.abs(best - center))) {
                bestErr = e;
                best = a;
            }
        }
        return best * fullRange;
    }

    /**
     * Scales are stored as fp32, as in PyTorch/ONNX quantization, rounded up so that absmax scaling never clips
     * (x / scale stays within the format's range); tiny scales that fp32 cannot hold stay double.
     */
    static double storedScale(double s) {
        float f = (float) s;
        if (!(f > 0) || !Float.isFinite(f)) {
            return s;
        }
        return f < s ? Math.nextUp(f) : f;
    }

    // ---- block formats --------------------------------------------------------------------------------------

    private static void quantizeBlocks(double[] x, Layout l, BlockFormat f, QuantizationSpec spec,
                                       RandomGenerator random, double[] out, double[] scales, long[] saturated) {
        ScalarFormat elem = f.element();
        double tensorScale = 1.0;
        if (!f.powerOfTwoScale()) {
            double absMax = 0;
            for (double v : x) {
                absMax = Math.max(absMax, Math.abs(v));
            }
            if (absMax > 0) {
                tensorScale = storedScale(absMax / (elem.maxFinite() * f.scale().maxFinite()));
            }
        }
        ScalarQuantizer q = ScalarQuantizer.of(elem, spec.rounding(), Overflow.SATURATE);
        ScalarQuantizer rne = ScalarQuantizer.of(elem, RoundingMode.NEAREST_EVEN, Overflow.SATURATE);
        double emax = elem.maxFinite();
        for (int g = 0; g < l.groups(); g++) {
            int s = l.runStart(g, 0);
            int e = s + l.runLength(g, 0);
            double absMax = 0;
            for (int i = s; i < e; i++) {
                absMax = Math.max(absMax, Math.abs(x[i]));
            }
            double blockScale = f.chooseScale(absMax / tensorScale);
            if (spec.clip() == ClipMethod.MSE && absMax > 0) {
                blockScale = bestBlockScale(x, s, e, f, rne, tensorScale, blockScale);
            }
            double scale = blockScale * tensorScale;
            scales[g] = scale;
            for (int i = s; i < e; i++) {
                double v = x[i] / scale;
                if (Math.abs(v) > emax) {
                    saturated[0]++;
                }
                out[i] = q.quantize(v, random) * scale;
            }
        }
    }

    /** The scale-format code near the default whose block MSE is lowest (ties keep the default). */
    private static double bestBlockScale(double[] x, int s, int e, BlockFormat f, ScalarQuantizer rne,
                                         double tensorScale, double initial) {
        ScalarFormat sf = f.scale();
        double best = initial;
        double bestErr = blockError(x, s, e, rne, initial * tensorScale);
        double[] factors = f.powerOfTwoScale() ? new double[] {0.5, 2.0} : new double[] {0.75, 0.875, 1.125, 1.25};
        for (double factor : factors) {
            double cand = sf.quantize(initial * factor, RoundingMode.NEAREST_EVEN, Overflow.SATURATE, null);
            if (cand <= 0 || cand == initial) {
                continue;
            }
            double err = blockError(x, s, e, rne, cand * tensorScale);
            if (err < bestErr) {
                bestErr = err;
                best = cand;
            }
        }
        return best;
    }

    private static double blockError(double[] x, int s, int e, ScalarQuantizer q, double scale) {
        double err = 0;
        for (int i = s; i < e; i++) {
            double d = x[i] - q.quantize(x[i] / scale, null) * scale;
            err += d * d;
        }
        return err;
    }

    // ---- grouping -------------------------------------------------------------------------------------------

    /** Scale groups as runs of contiguous elements. */
    private static final class Layout {
        private final int groups;
        private final int runsPerGroup;
        private final int runLength;
        private final int channels;
        private final int rowLength;
        private final int blocksPerRow;
        private final int blockSize;
        private final Granularity kind;

        private Layout(Granularity kind, int groups, int runsPerGroup, int runLength, int channels, int rowLength,
                       int blocksPerRow, int blockSize) {
            this.kind = kind;
            this.groups = groups;
            this.runsPerGroup = runsPerGroup;
            this.runLength = runLength;
            this.channels = channels;
            this.rowLength = rowLength;
            this.blocksPerRow = blocksPerRow;
            this.blockSize = blockSize;
        }

        static Layout of(int[] shape, QuantizationSpec spec) {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            Granularity g = spec.granularity();
            int block = spec.blockSize();
            if (spec.format() instanceof BlockFormat) {
                g = Granularity.PER_BLOCK;
                block = ((BlockFormat) spec.format()).blockSize();
            }
            switch (g) {
                case PER_TENSOR:
                    return new Layout(g, 1, 1, n, 1, n, 1, n);
                case PER_CHANNEL: {
                    int outer = 1;
                    for (int i = 0; i < spec.axis(); i++) {
                        outer *= shape[i];
                    }
                    int inner = 1;
                    for (int i = spec.axis() + 1; i < shape.length; i++) {
                        inner *= shape[i];
                    }
                    return new Layout(g, shape[spec.axis()], outer, inner, shape[spec.axis()], 0, 0, 0);
                }
                default: {
                    int row = shape[shape.length - 1];
                    int perRow = (row + block - 1) / block;
                    return new Layout(g, (n / row) * perRow, 1, 0, 0, row, perRow, block);
                }
            }
        }

        int groups() {
            return groups;
        }

        int runs(int g) {
            return runsPerGroup;
        }

        int runStart(int g, int r) {
            switch (kind) {
                case PER_TENSOR:
                    return 0;
                case PER_CHANNEL:
                    return (r * channels + g) * runLength;
                default:
                    return (g / blocksPerRow) * rowLength + (g % blocksPerRow) * blockSize;
            }
        }

        int runLength(int g, int r) {
            if (kind != Granularity.PER_BLOCK) {
                return runLength;
            }
            int start = (g % blocksPerRow) * blockSize;
            return Math.min(blockSize, rowLength - start);
        }
    }
}
