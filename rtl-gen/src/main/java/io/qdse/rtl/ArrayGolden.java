package io.qdse.rtl;

import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.engine.CycleEngine;
import io.qdse.simulator.workload.LayerOp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Golden GEMM cases for a generated array: operand codes, where each lands in the array's buffers, the result words
 * the array must produce (bit-exact model, summed in the order the dataflow sums), and the cycles the Java
 * cycle-stepped engine ({@link CycleEngine}, physical convention) counts for the same array and GEMM.
 */
public final class ArrayGolden {

    /** One buffer write: {@code sel} 0 = A, 1 = B. */
    public record Load(int sel, int bank, int addr, long data) {
    }

    /** One expected result word. */
    public record Expect(int bank, int addr, BigInteger word) {
    }

    /** One GEMM C(M×N) = A(M×K) · B(K×N). */
    public record Case(int m, int n, int k, long[][] a, long[][] b, List<Load> loads, List<Expect> expects,
                       long cycles) {
    }

    private ArrayGolden() {
    }

    /** @return {@code count} random GEMMs within the design's max sizes (with the edge shapes 1×1×1 and the max) */
    public static List<Case> random(Design.Array d, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Codes ca = new Codes(d.pe().a());
        Codes cb = new Codes(d.pe().b());
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
            } else {
                m = 1 + rnd.nextInt(d.maxM());
                n = 1 + rnd.nextInt(d.maxN());
                k = 1 + rnd.nextInt(d.maxK());
            }
            long[][] a = new long[m][k];
            long[][] b = new long[k][n];
            for (long[] row : a) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = ca.next(rnd, 0.15);
                }
            }
            for (long[] row : b) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = cb.next(rnd, 0.15);
                }
            }
            out.add(of(d, a, b));
        }
        return out;
    }

    /** The case for given operand codes. */
    public static Case of(Design.Array d, long[][] a, long[][] b) {
        int m = a.length;
        int k = b.length;
        int n = b[0].length;
        int r = d.rows();
        int cols = d.cols();
        boolean os = d.dataflow() == Dataflow.OS;
        List<Load> loads = new ArrayList<>();
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < k; y++) {
                loads.add(os ? new Load(0, x % r, (x / r) * k + y, a[x][y])
                        : new Load(0, y % r, (y / r) * m + x, a[x][y]));
            }
        }
        for (int y = 0; y < k; y++) {
            for (int z = 0; z < n; z++) {
                loads.add(new Load(1, z % cols, (z / cols) * k + y, b[y][z]));
            }
        }
        List<Expect> expects = new ArrayList<>();
        for (int x = 0; x < m; x++) {
            for (int z = 0; z < n; z++) {
                MacGolden out = new MacGolden(d.pe().a(), d.pe().b(), d.pe().acc());
                if (os) { // one PE sums all of K in order
                    for (int y = 0; y < k; y++) {
                        out.mac(a[x][y], b[y][z]);
                    }
                } else { // per row fold a partial sum down the column, then added into the result buffer
                    for (int k0 = 0; k0 < k; k0 += r) {
                        MacGolden chain = new MacGolden(d.pe().a(), d.pe().b(), d.pe().acc());
                        for (int y = k0; y < Math.min(k, k0 + r); y++) {
                            chain.mac(a[x][y], b[y][z]);
                        }
                        out.addPartial(chain);
                    }
                }
                expects.add(new Expect(z % cols, (z / cols) * m + x, out.word()));
            }
        }
        return new Case(m, n, k, a, b, loads, expects, cycles(d, m, n, k));
    }

    /** @return the cycles the Java cycle-stepped engine counts for this GEMM on the design's array (no stalls) */
    public static long cycles(Design.Array d, long m, long n, long k) {
        SystolicArray arch = Presets.edge32x32().withShape(d.rows(), d.cols()).withDataflow(d.dataflow());
        return new CycleEngine().evaluate(LayerOp.gemm("gemm", m, n, k), arch, arch.formats()).computeCycles();
    }
}
