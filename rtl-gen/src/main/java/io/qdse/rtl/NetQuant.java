package io.qdse.rtl;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.arith.GoldenArithmetic;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.Overflow;
import io.qdse.hwmodels.format.RoundingMode;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.simulator.workload.onnx.OnnxModel;
import io.qdse.simulator.workload.onnx.OnnxTensor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A real network's dense layers as an integer dataflow accelerator: the float layers read from an ONNX graph
 * ({@link #mlp}), each quantized to its unit's formats, with every float scale folded into the thresholds so that the
 * datapath is exact integer (or exact minifloat-product) arithmetic ({@link #build}).
 *
 * <p>Per layer i with weights W (MH×MW), bias b, weight format F_w and input format F_a:
 * <ul>
 *   <li>weights: per output channel n, α_n = max_k |W[n][k]| / maxFinite(F_w), code c[n][k] = F_w(W[n][k] / α_n)
 *       rounded to nearest even, saturating (the format search's weight quantizer);</li>
 *   <li>inputs: a value x is s_i · v(code) — for the first unit s_0 = max |x| over the calibration inputs /
 *       maxFinite(F_a), code = F_a(x / s_0) rounded to nearest even; for later units the previous unit's output;</li>
 *   <li>the unit accumulates A_n = Σ_k v(c[n][k]) · v(x_k) / 2^L exactly (L = the product's LSB exponent; an integer),
 *       so the float layer's output is y_n = α_n · s_i · 2^L · A_n + b_n;</li>
 *   <li>ReLU and the next unit's input format F' (only its non-negative codes 0..K, K = 2^(bits−1) − 1 for a signed
 *       format, 2^bits − 1 for an unsigned one; levels v'_0 = 0 < v'_1 < ... < v'_K): the output code is the level
 *       nearest to relu(y_n) / s_{i+1} (ties up), which is the number of t in 1..K with
 *       y_n ≥ s_{i+1} · (v'_{t−1} + v'_t) / 2, i.e. with A_n ≥ T[n][t] = ⌈(s_{i+1} · (v'_{t−1} + v'_t) / 2 − b_n) /
 *       (α_n · s_i · 2^L)⌉ (α_n > 0): FINN's MultiThreshold with K integer thresholds per channel, computed once in
 *       exact decimal arithmetic. s_{i+1} = max relu(y) over the calibration inputs / v'_K;</li>
 *   <li>the last unit has no thresholds: its output is A_n, the logit being α_n · s · 2^L · A_n + b_n.</li>
 * </ul>
 * The RTL and {@link MvuGolden} compute the same integers, so they agree bit for bit; the float reference
 * ({@link Built#floatLogits}) says how far the integer datapath is from the real model.
 */
public final class NetQuant {
    private NetQuant() {
    }

    /** A dense layer of the real model: y = W·x + b, then ReLU or not. */
    public record Dense(String name, double[][] w, double[] b, boolean relu) {
        public int mw() {
            return w[0].length;
        }

        public int mh() {
            return w.length;
        }

        double[] apply(double[] x) {
            double[] y = new double[mh()];
            for (int n = 0; n < y.length; n++) {
                double s = b[n];
                for (int k = 0; k < x.length; k++) {
                    s += w[n][k] * x[k];
                }
                y[n] = relu ? Math.max(0, s) : s;
            }
            return y;
        }
    }

    /** The dense layers of a graph and what follows the last (Sigmoid, Softmax: noted, not built). */
    public record Mlp(List<Dense> layers, List<String> notes) {
        /** @return the float model's outputs of layer {@code upTo} (exclusive) for an input */
        public double[] forward(double[] x, int from, int upTo) {
            double[] v = x;
            for (int i = from; i < upTo; i++) {
                v = layers.get(i).apply(v);
            }
            return v;
        }

        public int index(String layer, String field) {
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i).name().equals(layer)) {
                    return i;
                }
            }
            throw new InvalidInputException(field, layer, "one of the model's dense layers "
                    + layers.stream().map(Dense::name).toList());
        }
    }

    /**
     * Reads the chain of dense layers of an ONNX graph: Gemm (or MatMul + Add) with initializer weights, ReLU between
     * them; Flatten, Reshape, Identity pass through; a final Sigmoid or Softmax is noted (monotone: the decision is
     * the logit's). Anything else (LayerNormalization's ReduceMean/Sub/Pow/Div, convolutions, ...) is refused naming
     * the op, since a per-channel threshold cannot compute it.
     */
    public static Mlp mlp(OnnxModel m, String field) {
        Map<String, OnnxTensor> init = m.graph().initializers();
        List<Dense> layers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean ended = false;
        for (OnnxModel.Node n : m.graph().nodes()) {
            String op = n.opType();
            if (ended && !op.equals("Constant")) {
                // openWakeWord's hey_jarvis appends a GreaterOrEqual/Cast/If after its Sigmoid
                notes.add("after the output: " + op + " " + n.name() + " (not built)");
                continue;
            }
            switch (op) {
                case "Flatten", "Reshape", "Identity", "Dropout", "Constant" -> {
                }
                case "Gemm" -> {
                    OnnxTensor b = init.get(n.inputs().get(1));
                    if (b == null || b.rank() != 2) {
                        throw new InvalidInputException(field, n.label(), "Gemm layers with a 2-D initializer B");
                    }
                    if (n.attrInt("transA", 0) != 0 || attrFloat(n, "alpha") != 1 || attrFloat(n, "beta") != 1) {
                        throw new InvalidInputException(field, n.label(), "Gemm with transA = 0, alpha = beta = 1");
                    }
                    boolean tb = n.attrInt("transB", 0) != 0;
                    double[] v = b.toDoubles();
                    int rows = (int) b.dims()[0];
                    int cols = (int) b.dims()[1];
                    int mh = tb ? rows : cols;
                    int mw = tb ? cols : rows;
                    double[][] w = new double[mh][mw];
                    for (int o = 0; o < mh; o++) {
                        for (int k = 0; k < mw; k++) {
                            w[o][k] = tb ? v[o * cols + k] : v[k * cols + o];
                        }
                    }
                    double[] bias = new double[mh];
                    if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
                        OnnxTensor c = init.get(n.inputs().get(2));
                        if (c == null || c.elementCount() != mh) {
                            throw new InvalidInputException(field, n.label(), "a bias of " + mh + " values");
                        }
                        bias = c.toDoubles();
                    }
                    layers.add(new Dense(n.name(), w, bias, false));
                }
                case "Relu" -> {
                    if (layers.isEmpty()) {
                        throw new InvalidInputException(field, n.label(), "a ReLU after a dense layer");
                    }
                    Dense d = layers.remove(layers.size() - 1);
                    layers.add(new Dense(d.name(), d.w(), d.b(), true));
                }
                case "Sigmoid", "Softmax" -> {
                    notes.add(op + " " + n.name() + " after the last layer: not built (monotone; the decision is the "
                            + "logit's, e.g. sigmoid >= 0.5 when the logit >= 0)");
                    ended = true;
                }
                default -> throw new InvalidInputException(field, n.label() + " (" + op + ")", "a chain of dense "
                        + "layers (Gemm) with ReLU between them: a " + op + " cannot be folded into per-channel "
                        + "thresholds" + (op.equals("ReduceMean") ? " (it is part of a LayerNormalization, which "
                        + "depends on the whole vector)" : ""));
            }
        }
        if (layers.isEmpty()) {
            throw new InvalidInputException(field, "no Gemm", "a model with dense layers");
        }
        return new Mlp(layers, notes);
    }

    private static double attrFloat(OnnxModel.Node n, String key) {
        OnnxModel.Attribute a = n.attr(key);
        return a == null ? 1 : a.f();
    }

    /**
     * One layer's unit: formats and fold, and where its weights are.
     *
     * @param spram the weights in iCE40 UltraPlus SPRAM (SB_SPRAM256KA, loaded after reset) instead of a ROM
     * @param dsp   the unit's DSP variant (a folding file's {@code resType dsp}): its products go to DSP blocks where
     *              synthesis infers them ({@link Design.Mvu#dsp})
     */
    public record Plan(String layer, ScalarFormat w, ScalarFormat a, int pe, int simd, boolean spram, boolean dsp) {
        /** A unit with its weights in a ROM. */
        public Plan(String layer, ScalarFormat w, ScalarFormat a, int pe, int simd) {
            this(layer, w, a, pe, simd, false, false);
        }

        /** A unit with its products in LUTs (unless {@link #build}'s {@code dsp} says otherwise). */
        public Plan(String layer, ScalarFormat w, ScalarFormat a, int pe, int simd, boolean spram) {
            this(layer, w, a, pe, simd, spram, false);
        }
    }

    /** The quantized network: the design, its scales and the float reference on the test inputs. */
    public record Built(Design.Chain design, double inputScale, double[] actScales, long[][] inputCodes,
                        double[][] floatLogits, double[][] quantLogits, int[] thresholdDisagreements,
                        int[] elements) {
    }

    /**
     * @param layers     the real model's dense layers, from {@code first} to its last
     * @param first      index of the first layer built (earlier layers run in float to make its inputs)
     * @param plans      one per built layer: formats and fold
     * @param calibration float inputs of the model (its first layer's), for the scales
     * @param test       float inputs of the model whose golden vectors are written
     */
    public static Built build(String name, Mlp mlp, int first, List<Plan> plans, double[][] calibration,
                              double[][] test, boolean dsp) {
        int count = plans.size();
        if (first + count != mlp.layers().size()) {
            throw new InvalidInputException("layers", first + ".." + (first + count - 1), "the model's layers from "
                    + "the first built to its last (" + mlp.layers().size() + " in all)");
        }
        double[][] cal = new double[calibration.length][];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = mlp.forward(calibration[i], 0, first);
        }
        double[][] tst = new double[test.length][];
        for (int i = 0; i < tst.length; i++) {
            tst[i] = mlp.forward(test[i], 0, first);
        }
        // input scale: absmax of the first built layer's inputs over the calibration set
        ScalarFormat fa0 = plans.get(0).a();
        double absmax = 0;
        for (double[] x : cal) {
            for (double v : x) {
                absmax = Math.max(absmax, Math.abs(v));
            }
        }
        double s = absmax > 0 ? absmax / fa0.maxFinite() : 1;
        long[][] calCodes = encode(cal, fa0, s);
        long[][] tstCodes = encode(tst, fa0, s);
        long[][] inputCodes = tstCodes;
        List<Design.Chain.Stage> stages = new ArrayList<>();
        double[] actScales = new double[count];
        int[] disagree = new int[count];
        int[] elements = new int[count];
        double[][] quantLogits = null;
        for (int i = 0; i < count; i++) {
            Plan p = plans.get(i);
            Dense d = mlp.layers().get(first + i);
            if (!p.layer().equals(d.name())) {
                throw new InvalidInputException("layers", p.layer(), "the model's layer " + d.name() + " at this "
                        + "position");
            }
            if (p.a().hasNaN() || p.a().hasInfinity() || p.w().hasNaN() || p.w().hasInfinity()) {
                throw new InvalidInputException("formats." + d.name(), Formats.nameOf(p.w()) + "/"
                        + Formats.nameOf(p.a()), "formats without NaN/infinity codes (intN, uintN, e2m1, e2m3, "
                        + "e3m2): a unit's thresholds produce only finite codes");
            }
            actScales[i] = s;
            boolean last = i == count - 1;
            ScalarFormat next = last ? null : plans.get(i + 1).a();
            if (!last && !d.relu()) {
                throw new InvalidInputException("layers", d.name(), "a ReLU after every layer but the last (the "
                        + "thresholds produce the next unit's non-negative codes)");
            }
            int outBits = last ? 0 : next.signed() ? next.bits() - 1 : next.bits();
            Design.Mvu shape = new Design.Mvu(d.mw(), d.mh(), p.pe(), p.simd(), p.w(), p.a(), outBits,
                    dsp || p.dsp(), 0);
            // weights, per output channel
            double[] alpha = new double[d.mh()];
            long[][] wc = new long[d.mh()][d.mw()];
            for (int n = 0; n < d.mh(); n++) {
                double mx = 0;
                for (double v : d.w()[n]) {
                    mx = Math.max(mx, Math.abs(v));
                }
                alpha[n] = mx > 0 ? mx / p.w().maxFinite() : 1;
                for (int k = 0; k < d.mw(); k++) {
                    wc[n][k] = p.w().encode(d.w()[n][k] / alpha[n], RoundingMode.NEAREST_EVEN, Overflow.SATURATE,
                            null);
                }
            }
            int lsb = GoldenArithmetic.productLsbExponent(p.w(), p.a());
            // exact accumulators of the calibration and test inputs
            BigInteger[][] accCal = accumulate(shape, wc, calCodes, lsb);
            BigInteger[][] accTst = accumulate(shape, wc, tstCodes, lsb);
            BigInteger[][] th = new BigInteger[d.mh()][0];
            double sNext = 0;
            if (!last) {
                int kMax = (1 << outBits) - 1;
                double[] lv = new double[kMax + 1];
                for (int k = 0; k <= kMax; k++) {
                    lv[k] = next.decode(k);
                }
                double ymax = 0;
                for (BigInteger[] row : accCal) {
                    for (int n = 0; n < row.length; n++) {
                        ymax = Math.max(ymax, alpha[n] * s * Math.scalb(row[n].doubleValue(), lsb) + d.b()[n]);
                    }
                }
                sNext = ymax > 0 ? ymax / lv[kMax] : 1;
                int acc = shape.accBits();
                BigInteger hi = BigInteger.ONE.shiftLeft(acc - 1).subtract(BigInteger.ONE);
                BigInteger lo = BigInteger.ONE.shiftLeft(acc - 1).negate();
                MathContext mc = MathContext.DECIMAL128;
                BigDecimal sN = new BigDecimal(sNext);
                for (int n = 0; n < d.mh(); n++) {
                    th[n] = new BigInteger[kMax];
                    BigDecimal unit = new BigDecimal(alpha[n]).multiply(new BigDecimal(s), mc)
                            .multiply(new BigDecimal(Math.scalb(1.0, lsb)), mc);
                    BigDecimal bias = new BigDecimal(d.b()[n]);
                    for (int t = 1; t <= kMax; t++) {
                        BigDecimal mid = new BigDecimal(lv[t - 1]).add(new BigDecimal(lv[t]))
                                .divide(BigDecimal.valueOf(2), mc);
                        BigInteger v = sN.multiply(mid, mc).subtract(bias, mc).divide(unit, mc)
                                .setScale(0, java.math.RoundingMode.CEILING).toBigIntegerExact();
                        th[n][t - 1] = v.max(lo).min(hi);
                    }
                }
            }
            Design.Chain.Stage st = new Design.Chain.Stage(d.name(), shape, wc, th, p.spram());
            stages.add(st);
            // the next unit's inputs: the thresholds' counts, and how often they differ from rounding in floats
            if (!last) {
                calCodes = counts(accCal, th);
                long[][] nextTst = counts(accTst, th);
                int kMax = (1 << outBits) - 1;
                for (int v = 0; v < accTst.length; v++) {
                    for (int n = 0; n < d.mh(); n++) {
                        double y = alpha[n] * s * Math.scalb(accTst[v][n].doubleValue(), lsb) + d.b()[n];
                        long q = nearestLevel(Math.max(0, y) / sNext, next, kMax);
                        elements[i]++;
                        if (q != nextTst[v][n]) {
                            disagree[i]++;
                        }
                    }
                }
                tstCodes = nextTst;
                s = sNext;
            } else {
                quantLogits = new double[accTst.length][d.mh()];
                for (int v = 0; v < accTst.length; v++) {
                    for (int n = 0; n < d.mh(); n++) {
                        quantLogits[v][n] = alpha[n] * s * Math.scalb(accTst[v][n].doubleValue(), lsb) + d.b()[n];
                    }
                }
            }
        }
        double[][] floatLogits = new double[test.length][];
        for (int v = 0; v < test.length; v++) {
            floatLogits[v] = mlp.forward(test[v], 0, mlp.layers().size());
        }
        return new Built(new Design.Chain(name, stages), plans.get(0).a().maxFinite() > 0 ? actScales[0] : 1,
                actScales, inputCodes, floatLogits, quantLogits, disagree, elements);
    }

    private static long[][] encode(double[][] x, ScalarFormat f, double s) {
        long[][] c = new long[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = new long[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                c[i][k] = f.encode(x[i][k] / s, RoundingMode.NEAREST_EVEN, Overflow.SATURATE, null);
            }
        }
        return c;
    }

    /** @return A_n for every input vector: Σ v(w)·v(x) / 2^lsb, exact */
    private static BigInteger[][] accumulate(Design.Mvu d, long[][] wc, long[][] xs, int lsb) {
        BigInteger[][] out = new BigInteger[xs.length][d.mh()];
        ScalarFormat fw = d.w();
        ScalarFormat fa = d.a();
        // integer product values in units of 2^lsb (exact: every value is a multiple of its format's LSB)
        long[] wv = new long[(int) fw.codeCount()];
        long[] av = new long[(int) fa.codeCount()];
        for (int c = 0; c < wv.length; c++) {
            wv[c] = fw.isValidCode(c) ? (long) Math.scalb(fw.decode(c), -fw.lsbExponent()) : 0;
        }
        for (int c = 0; c < av.length; c++) {
            av[c] = fa.isValidCode(c) ? (long) Math.scalb(fa.decode(c), -fa.lsbExponent()) : 0;
        }
        for (int v = 0; v < xs.length; v++) {
            for (int n = 0; n < d.mh(); n++) {
                long sum = 0;
                for (int k = 0; k < d.mw(); k++) {
                    sum = Math.addExact(sum, Math.multiplyExact(wv[(int) wc[n][k]], av[(int) xs[v][k]]));
                }
                out[v][n] = BigInteger.valueOf(sum);
            }
        }
        return out;
    }

    private static long[][] counts(BigInteger[][] acc, BigInteger[][] th) {
        long[][] q = new long[acc.length][];
        for (int v = 0; v < acc.length; v++) {
            q[v] = new long[acc[v].length];
            for (int n = 0; n < acc[v].length; n++) {
                int c = 0;
                for (BigInteger t : th[n]) {
                    if (acc[v][n].compareTo(t) >= 0) {
                        c++;
                    }
                }
                q[v][n] = c;
            }
        }
        return q;
    }

    /** @return the code 0..kMax whose level is nearest to {@code r} (ties up), by comparing with the midpoints */
    private static long nearestLevel(double r, ScalarFormat f, int kMax) {
        int c = 0;
        for (int t = 1; t <= kMax; t++) {
            if (r >= (f.decode(t - 1) + f.decode(t)) / 2) {
                c = t;
            }
        }
        return c;
    }

    /**
     * Inputs for a network whose package ships no data: {@code n} vectors of {@code mw} values from a standard normal
     * distribution (seeded). Say so wherever their results are shown.
     */
    public static double[][] gaussianInputs(int n, int mw, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][mw];
        for (double[] v : x) {
            for (int k = 0; k < mw; k++) {
                // Box-Muller
                double u1 = 1 - r.nextDouble();
                double u2 = r.nextDouble();
                v[k] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
        }
        return x;
    }
}
