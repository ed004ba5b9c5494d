package io.qdse.rtl;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.arith.GoldenArithmetic;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.simulator.arch.FpgaDataflow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The matrix-vector unit's contents and golden vectors from the Java bit-exact model: the weight matrix and the
 * thresholds (drawn from the design's seed, so the RTL's ROMs and the model hold the same numbers), input vectors,
 * and every output element from {@link MacGolden} (exact products into a {@link FixedPointAccumulator} of the unit's
 * width; non-finite products as the PE's {nan, +inf, −inf} flags), thresholded as FINN's MultiThreshold counts: the
 * number of thresholds T[n][t] ≤ the accumulator. The cycles a run of vectors takes at full rate are the dataflow
 * engine's unit cycles ({@link FpgaDataflow.Shape#cycles}) plus the RTL's four pipeline cycles (issue, product,
 * accumulate, output FIFO).
 */
public final class MvuGolden {
    /** Cycles from the first input beat taken to the last output beat taken, beyond the engine's beats. */
    public static final int PIPELINE_CYCLES = 4;

    /**
     * What the ROMs hold.
     *
     * @param weights      MH×MW weight codes
     * @param thresholds   MH × (2^outBits − 1) thresholds in units of the product LSB, ascending per row (empty rows
     *                     without a quantizer)
     * @param weightRom    ROM word nf·SF + sf: PE p, lane s at bits [(p·SIMD + s)·w, +w) = W[nf·PE + p][sf·SIMD + s]
     * @param thresholdRom word nf: PE p, threshold t at bits [(p·T + t)·acc, +acc), two's complement
     */
    public record Params(long[][] weights, BigInteger[][] thresholds, BigInteger[] weightRom,
                         BigInteger[] thresholdRom) {
    }

    /** One run: input vectors, the input beats and the output beats the unit must produce. */
    public record Run(long[][] inputs, List<BigInteger> inBeats, List<BigInteger> outBeats, long fullRateCycles) {
    }

    private MvuGolden() {
    }

    /** @return the design's weights and thresholds (from its seed) and their ROM words */
    public static Params params(Design.Mvu d) {
        SplittableRandom rnd = new SplittableRandom(d.seed());
        Codes cw = new Codes(d.w());
        long[][] w = new long[d.mh()][d.mw()];
        for (long[] row : w) {
            for (int k = 0; k < row.length; k++) {
                long c;
                do { // trained weights are finite
                    c = cw.next(rnd, 0.1);
                } while (!Double.isFinite(d.w().decode(c)));
                row[k] = c;
            }
        }
        int t = d.thresholds();
        BigInteger[][] th = new BigInteger[d.mh()][t];
        if (t > 0) {
            // spread over about two standard deviations of a dot product of random inputs with these weights
            double spread = 2 * Math.sqrt(d.mw()) * rmsProduct(d, rnd);
            BigInteger max = BigInteger.ONE.shiftLeft(d.accBits() - 1).subtract(BigInteger.ONE);
            BigInteger min = BigInteger.ONE.shiftLeft(d.accBits() - 1).negate();
            for (BigInteger[] row : th) {
                for (int i = 0; i < t; i++) {
                    BigInteger v = BigInteger.valueOf(Math.round((rnd.nextDouble() * 2 - 1) * spread));
                    row[i] = v.max(min).min(max);
                }
                Arrays.sort(row);
            }
        }
        return pack(d, w, th);
    }

    /**
     * @param w  MH×MW weight codes (finite)
     * @param th MH rows of 2^outBits − 1 ascending thresholds in units of the product LSB, each within the
     *           accumulator's two's-complement range (empty rows without a quantizer)
     * @return the given weights and thresholds with their ROM words
     */
    public static Params pack(Design.Mvu d, long[][] w, BigInteger[][] th) {
        int t = d.thresholds();
        if (w.length != d.mh() || (t > 0 && th.length != d.mh())) {
            throw new IllegalArgumentException("weights/thresholds: " + d.mh() + " rows expected");
        }
        int wb = d.w().bits();
        BigInteger[] wr = new BigInteger[d.sf() * d.nf()];
        for (int nf = 0; nf < d.nf(); nf++) {
            for (int sf = 0; sf < d.sf(); sf++) {
                BigInteger word = BigInteger.ZERO;
                for (int p = 0; p < d.pe(); p++) {
                    for (int s = 0; s < d.simd(); s++) {
                        long code = w[nf * d.pe() + p][sf * d.simd() + s];
                        word = word.or(BigInteger.valueOf(code).shiftLeft((p * d.simd() + s) * wb));
                    }
                }
                wr[nf * d.sf() + sf] = word;
            }
        }
        BigInteger[] tr = new BigInteger[t == 0 ? 0 : d.nf()];
        int acc = d.accBits();
        for (int nf = 0; nf < tr.length; nf++) {
            BigInteger word = BigInteger.ZERO;
            for (int p = 0; p < d.pe(); p++) {
                for (int i = 0; i < t; i++) {
                    word = word.or(MacGolden.toBits(th[nf * d.pe() + p][i], acc).shiftLeft((p * t + i) * acc));
                }
            }
            tr[nf] = word;
        }
        return new Params(w, th, wr, tr);
    }

    /** @return the root-mean-square finite product of a random weight and input, in units of the product LSB */
    private static double rmsProduct(Design.Mvu d, SplittableRandom rnd) {
        Codes cw = new Codes(d.w());
        Codes ca = new Codes(d.a());
        int lsb = GoldenArithmetic.productLsbExponent(d.w(), d.a());
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 512; i++) {
            long cwv = cw.next(rnd, 0.1);
            long cav = ca.next(rnd, 0.1);
            double x = d.w().decode(cwv) * d.a().decode(cav);
            if (Double.isFinite(x)) {
                sum += Math.pow(Math.scalb(x, -lsb), 2);
                n++;
            }
        }
        return Math.max(1, Math.sqrt(sum / Math.max(1, n)));
    }

    /** @return {@code vectors} random input vectors and the beats in and out of the unit */
    public static Run run(Design.Mvu d, int vectors, long seed) {
        Params p = params(d);
        SplittableRandom rnd = new SplittableRandom(seed);
        Codes ca = new Codes(d.a());
        long[][] x = new long[vectors][d.mw()];
        for (long[] v : x) {
            for (int k = 0; k < v.length; k++) {
                v[k] = ca.next(rnd, 0.2);
            }
        }
        List<BigInteger> in = new ArrayList<>();
        List<BigInteger> out = new ArrayList<>();
        int ab = d.a().bits();
        int eb = d.elementBits();
        for (long[] v : x) {
            for (int sf = 0; sf < d.sf(); sf++) {
                BigInteger word = BigInteger.ZERO;
                for (int s = 0; s < d.simd(); s++) {
                    word = word.or(BigInteger.valueOf(v[sf * d.simd() + s]).shiftLeft(s * ab));
                }
                in.add(word);
            }
            BigInteger[] y = outputs(d, p, v);
            for (int nf = 0; nf < d.nf(); nf++) {
                BigInteger word = BigInteger.ZERO;
                for (int pe = 0; pe < d.pe(); pe++) {
                    word = word.or(y[nf * d.pe() + pe].shiftLeft(pe * eb));
                }
                out.add(word);
            }
        }
        return new Run(x, in, out, cycles(d, vectors) + PIPELINE_CYCLES);
    }

    /** @return the dataflow engine's cycles for {@code vectors} vectors through the unit, (MH/PE)·(MW/SIMD) each */
    public static long cycles(Design.Mvu d, long vectors) {
        return new FpgaDataflow.Shape(false, d.mw(), d.mh(), vectors, 1).cycles(new FpgaDataflow.Fold(d.pe(),
                d.simd()));
    }

    /** @return each output element's bits ({flags, value}) for one input vector */
    static BigInteger[] outputs(Design.Mvu d, Params p, long[] x) {
        FixedPointAccumulator spec = new FixedPointAccumulator(d.accBits(), false, true);
        int acc = d.accBits();
        int vb = d.outBits() > 0 ? d.outBits() : acc;
        BigInteger[] y = new BigInteger[d.mh()];
        for (int n = 0; n < d.mh(); n++) {
            MacGolden g = new MacGolden(d.w(), d.a(), spec);
            for (int k = 0; k < d.mw(); k++) {
                g.mac(p.weights()[n][k], x[k]);
            }
            BigInteger bits = g.register();
            BigInteger value = bits;
            if (d.outBits() > 0) {
                BigInteger signed = bits.testBit(acc - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(acc)) : bits;
                int count = 0;
                for (BigInteger t : p.thresholds()[n]) {
                    if (signed.compareTo(t) >= 0) {
                        count++;
                    }
                }
                value = BigInteger.valueOf(count);
            }
            y[n] = d.hasSpecials() ? BigInteger.valueOf(g.flags()).shiftLeft(vb).or(value) : value;
        }
        return y;
    }
}
