package io.qdse.rtl;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.engine.BitSerialAnalyticalEngine;
import io.qdse.simulator.engine.BitSerialCycleEngine;
import io.qdse.simulator.workload.LayerOp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Golden GEMM cases for a generated bit-serial array: operand codes, the lane-vector words the buffers are loaded
 * with, every result word (the exact integer dot product, wrapped to the accumulator's width, cross-checked against
 * the MAC model {@link MacGolden}), and the compute cycles of the Java bit-serial engines for the same array and GEMM
 * (the analytical and the cycle-stepped engine must agree, or the case is refused).
 */
public final class BitSerialArrayGolden {

    /** One buffer write of a lane vector: {@code sel} 0 = A (bank = column), 1 = B (bank = row). */
    public record Load(int sel, int bank, int addr, BigInteger data) {
    }

    /** One expected result word: bank i·C + j of PE (i, j). */
    public record Expect(int bank, int addr, BigInteger word) {
    }

    /** One GEMM C(M×N) = A(M×K) · B(K×N), A the activations (serial), B the weights. */
    public record Case(int m, int n, int k, long[][] a, long[][] b, List<Load> loads, List<Expect> expects,
                       long cycles) {
    }

    /** Largest GEMM (in lane-cycles stepped) for which {@link #cycles} also runs the cycle-stepped engine. */
    public static final long STEPPED_WORK_LIMIT = 20_000_000L;

    private BitSerialArrayGolden() {
    }

    private static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }

    /**
     * @return {@code count} random GEMMs within the design's max sizes: 1×1×1, the maximum, one just past a block
     *         and a step boundary (C+1, R+1, lanes+1, clipped to the maxima), then uniform shapes
     */
    public static List<Case> random(Design.BitSerialArray d, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Codes ca = new Codes(d.a());
        Codes cb = new Codes(d.w());
        List<Case> out = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            int m;
            int n;
            int k;
            if (c == 0) {
                m = 1;
                n = 1;
                k = 1;
            } else if (c == 1) {
                m = d.maxM();
                n = d.maxN();
                k = d.maxK();
            } else if (c == 2) {
                m = Math.min(d.maxM(), d.cols() + 1);
                n = Math.min(d.maxN(), d.rows() + 1);
                k = Math.min(d.maxK(), d.lanes() + 1);
            } else {
                m = 1 + rnd.nextInt(d.maxM());
                n = 1 + rnd.nextInt(d.maxN());
                k = 1 + rnd.nextInt(d.maxK());
            }
            long[][] a = new long[m][k];
            long[][] b = new long[k][n];
            for (long[] row : a) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = ca.next(rnd, 0.2);
                }
            }
            for (long[] row : b) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = cb.next(rnd, 0.2);
                }
            }
            out.add(of(d, a, b));
        }
        return out;
    }

    /** The case for given operand codes (A: M×K activation codes, B: K×N weight codes). */
    public static Case of(Design.BitSerialArray d, long[][] a, long[][] b) {
        int m = a.length;
        int k = b.length;
        int n = b[0].length;
        int r = d.rows();
        int cols = d.cols();
        int lanes = d.lanes();
        BitSerialArrayCfg cfg = d.toCfg();
        int kStepsMax = cfg.kStepsMax();
        int kSteps = (k + lanes - 1) / lanes;
        List<Load> loads = new ArrayList<>();
        for (int x = 0; x < m; x++) { // A: bank m mod C, word (m/C)·kStepsMax + ks
            for (int ks = 0; ks < kSteps; ks++) {
                BigInteger word = BigInteger.ZERO;
                for (int l = 0; l < lanes && ks * lanes + l < k; l++) {
                    word = word.or(BigInteger.valueOf(a[x][ks * lanes + l]).shiftLeft(l * d.a().bits()));
                }
                loads.add(new Load(0, x % cols, (x / cols) * kStepsMax + ks, word));
            }
        }
        for (int z = 0; z < n; z++) { // B: bank n mod R, word (n/R)·kStepsMax + ks
            for (int ks = 0; ks < kSteps; ks++) {
                BigInteger word = BigInteger.ZERO;
                for (int l = 0; l < lanes && ks * lanes + l < k; l++) {
                    word = word.or(BigInteger.valueOf(b[ks * lanes + l][z]).shiftLeft(l * d.w().bits()));
                }
                loads.add(new Load(1, z % r, (z / r) * kStepsMax + ks, word));
            }
        }
        FixedPointAccumulator acc = new FixedPointAccumulator(d.accBits(), false, false);
        BigInteger mask = BigInteger.ONE.shiftLeft(d.accBits()).subtract(BigInteger.ONE);
        List<Expect> expects = new ArrayList<>();
        for (int x = 0; x < m; x++) {
            for (int z = 0; z < n; z++) {
                BigInteger dot = BigInteger.ZERO;
                MacGolden ref = new MacGolden(d.a(), d.w(), acc);
                for (int y = 0; y < k; y++) {
                    dot = dot.add(BigInteger.valueOf(d.a().decodeInt(a[x][y]))
                            .multiply(BigInteger.valueOf(d.w().decodeInt(b[y][z]))));
                    ref.mac(a[x][y], b[y][z]);
                }
                BigInteger word = dot.and(mask);
                if (!word.equals(ref.register())) {
                    throw new IllegalStateException("dot product " + dot + " disagrees with the MAC model "
                            + ref.register());
                }
                int bank = (z % r) * cols + (x % cols);
                expects.add(new Expect(bank, (x / cols) * cfg.nBlocksMax() + z / r, word));
            }
        }
        return new Case(m, n, k, a, b, loads, expects, cycles(d, m, n, k));
    }

    /**
     * @return the Java model of the design for its cycle counts: Stripes' array with the design's PE, shape and
     *     formats. The RTL's accumulator wraps at {@code accBits} (the golden vectors above are taken modulo
     *     2^accBits); the model's register is made wide enough for one product, which the engines' cycle counts do not
     *     depend on, since a model register narrower than one product is refused everywhere else.
     */
    public static BitSerialArray model(Design.BitSerialArray d) {
        int one = Math.max(io.qdse.hwmodels.arith.FixedPointAccumulator.kulischWidth(d.w(), d.a(), 1),
                io.qdse.hwmodels.arith.FixedPointAccumulator.kulischWidth(d.a(), d.a(), 1)); // the KV operand = a
        LayerFormats f = new LayerFormats(d.w(), d.a(), new FixedPointAccumulator(Math.max(d.accBits(), one), false,
                false), d.a());
        return Presets.stripes().withPe(d.peSpec()).withShape(d.rows(), d.cols()).withFormats(f);
    }

    /**
     * @return the compute cycles of the Java bit-serial engines for this GEMM on the design's array:
     *         mBlocks·nBlocks·kSteps·⌈Pa/k⌉ + 1 (the cycle-stepped engine is run too when its work is below
     *         {@value #STEPPED_WORK_LIMIT} lane-cycles)
     * @throws IllegalStateException when the analytical and the cycle-stepped engine disagree
     */
    public static long cycles(Design.BitSerialArray d, long m, long n, long k) {
        BitSerialArray arch = model(d);
        LayerOp op = LayerOp.gemm("gemm", m, n, k);
        long analytical = new BitSerialAnalyticalEngine().evaluate(op, arch, arch.formats()).computeCycles();
        long work = ceilDiv(m, d.cols()) * ceilDiv(n, d.rows()) * ceilDiv(k, d.lanes()) * (d.stepCycles() + 1L)
                * d.lanes();
        if (work > STEPPED_WORK_LIMIT) {
            return analytical;
        }
        long stepped = new BitSerialCycleEngine().evaluate(op, arch, arch.formats()).computeCycles();
        if (analytical != stepped) {
            throw new IllegalStateException("bit-serial engines disagree on " + m + "x" + n + "x" + k + ": analytical "
                    + analytical + ", cycle-stepped " + stepped);
        }
        return analytical;
    }
}
