package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.arith.Accumulator;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.arith.GoldenArithmetic;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.DramSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.MemorySpec;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.LayerOp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnginesAgreeTest {
    private static final AnalyticalEngine ANALYTICAL = new AnalyticalEngine();
    private static final CycleEngine CYCLE = new CycleEngine(true);

    private static SystolicArray randomArray(SplittableRandom r, boolean fastDram) {
        Dataflow df = Dataflow.values()[r.nextInt(3)];
        int rows = 1 + r.nextInt(r.nextBoolean() ? 8 : 64);
        int cols = 1 + r.nextInt(r.nextBoolean() ? 8 : 64);
        MemorySpec s = new MemorySpec(1024L << r.nextInt(8), 1 + r.nextInt(4));
        return Presets.edge32x32().withDataflow(df).withShape(rows, cols).withSrams(s, s, s)
                .withDram(new DramSpec(DramType.LPDDR4, fastDram ? 1e6 : 0.5 + r.nextDouble() * 20));
    }

    private static LayerOp randomOp(SplittableRandom r) {
        if (r.nextInt(4) == 0) {
            int in = 3 + r.nextInt(14);
            int kernel = 1 + r.nextInt(Math.min(in, 5));
            int stride = 1 + r.nextInt(3);
            int pad = r.nextInt(3);
            int c = 1 + r.nextInt(8);
            int groups = r.nextInt(3) == 0 ? c : 1;
            int oc = groups == c ? c : 1 + r.nextInt(16);
            return LayerOp.conv("conv", new ConvGeometry(in, in + r.nextInt(3), kernel, kernel, stride, stride, pad,
                    pad, c, oc, groups), 1 + r.nextInt(2));
        }
        long m = 1 + r.nextInt(r.nextBoolean() ? 16 : 300);
        long n = 1 + r.nextInt(r.nextBoolean() ? 16 : 300);
        long k = 1 + r.nextInt(r.nextBoolean() ? 16 : 300);
        return new LayerOp("gemm", io.qdse.simulator.workload.OpKind.LINEAR, m, n, k, 1 + r.nextInt(3), null);
    }

    @Test
    void analyticalEqualsCycleSteppedOnEveryCounterWithFastDram() {
        SplittableRandom r = new SplittableRandom(20261122);
        LayerFormats[] formats = {Presets.edge32x32().formats(),
            new LayerFormats(Formats.parse("int4"), Formats.FP8_E4M3, new FloatAccumulator(Formats.FP32, true),
                    Formats.FP16),
            new LayerFormats(Formats.parse("mxfp4"), Formats.parse("mxfp8_e4m3"),
                    new FloatAccumulator(Formats.FP32, true), Formats.BF16)};
        int compared = 0;
        for (int i = 0; i < 1200; i++) {
            SystolicArray a = randomArray(r, true);
            LayerOp op = randomOp(r);
            LayerFormats f = formats[r.nextInt(formats.length)];
            Evaluation an = ANALYTICAL.evaluate(op, a, f);
            Evaluation cy = CYCLE.evaluate(op, a, f);
            String what = i + ": " + op + " on " + a.rows() + "x" + a.cols() + " " + a.dataflow();
            // a channel this fast moves each fold's share in one cycle: only the layer's edges wait (fold 0's
            // fetch, the last write-back), and folds of one cycle wait for the next fetch behind a write-back
            FoldGeometry g = FoldGeometry.of(op, a);
            if (g.foldLength(g.rf() - 1, g.cf() - 1) >= 2 && g.foldLength(0, 0) >= 2) {
                long edges = (cy.traffic().dramBits() - cy.traffic().dramOfmapWrites() > 0 ? 1 : 0)
                        + (cy.traffic().dramOfmapWrites() > 0 ? 1 : 0);
                assertEquals(edges, cy.stallCycles(), what);
            }
            assertEquals(an, cy, what);
            compared++;
        }
        assertTrue(compared >= 1000);
    }

    @Test
    void withSlowDramBothEnginesStallAlikeAndRespectTheBandwidthBound() {
        SplittableRandom r = new SplittableRandom(7);
        int stalled = 0;
        for (int i = 0; i < 400; i++) {
            SystolicArray a = randomArray(r, false);
            LayerOp op = randomOp(r);
            LayerFormats f = a.formats();
            Evaluation an = ANALYTICAL.evaluate(op, a, f);
            Evaluation cy = CYCLE.evaluate(op, a, f);
            assertEquals(an, cy, "case " + i);
            if (cy.stallCycles() > 0) {
                stalled++;
            }
            // cycles >= compute and >= the DRAM time of all the layer's traffic (under the roofline)
            double bound = an.traffic().dramBits() / a.dram().bitsPerCycle(a.clockMhz());
            assertTrue(an.cycles() >= an.computeCycles(), "case " + i);
            assertTrue(an.cycles() >= bound - 1e-6, "bandwidth bound, case " + i + ": " + an.cycles() + " < " + bound);
        }
        assertTrue(stalled > 20, "the slow-DRAM cases should stall: " + stalled);
    }

    @Test
    void functionalModeComputesTheSameProductAsAPlainReference() {
        SplittableRandom r = new SplittableRandom(99);
        Object[][] pairs = {{Formats.INT8, Formats.INT8, FixedPointAccumulator.integer(32)},
            {Formats.FP8_E4M3, Formats.FP8_E5M2, new FloatAccumulator(Formats.FP32, true)},
            {Formats.FP4_E2M1, Formats.FP8_E4M3, new FloatAccumulator(Formats.BF16, true)}};
        for (int trial = 0; trial < 60; trial++) {
            SystolicArray a = randomArray(r, true);
            int m = 1 + r.nextInt(20);
            int n = 1 + r.nextInt(20);
            int k = 1 + r.nextInt(40);
            Object[] p = pairs[trial % pairs.length];
            ScalarFormat fa = (ScalarFormat) p[0];
            ScalarFormat fb = (ScalarFormat) p[1];
            LayerFormats lf = new LayerFormats(fb, fa, (io.qdse.hwmodels.arith.AccumulatorSpec) p[2], Formats.FP32);
            long[][] ac = codes(r, fa, m, k);
            long[][] bc = codes(r, fb, k, n);
            LayerOp op = LayerOp.gemm("g", m, n, k);
            double[][] got = CycleEngine.runFunctional(a, op, fa, ac, fb, bc, lf);
            for (int x = 0; x < m; x++) {
                for (int y = 0; y < n; y++) {
                    long[] row = ac[x];
                    long[] col = new long[k];
                    for (int z = 0; z < k; z++) {
                        col[z] = bc[z][y];
                    }
                    Accumulator ref = GoldenArithmetic.dot(fa, row, fb, col, lf.accumulator());
                    assertEquals(Double.doubleToRawLongBits(ref.value()), Double.doubleToRawLongBits(got[x][y]),
                            "C[" + x + "][" + y + "] " + a.dataflow() + " " + a.rows() + "x" + a.cols());
                }
            }
        }
    }

    private static long[][] codes(SplittableRandom r, ScalarFormat f, int rows, int cols) {
        long[][] c = new long[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                long code;
                do {
                    code = r.nextLong(f.codeCount());
                } while (!f.isValidCode(code) || !Double.isFinite(f.decode(code)));
                c[i][j] = code;
            }
        }
        return c;
    }
}
