package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.IntFormat;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bit-serial array's Java side: cycles against the engines, the buffer layout, elaboration, bad input. */
class BitSerialArrayTest {

    /** mBlocks·nBlocks·kSteps·⌈Pa/k⌉ + 1: what the RTL's {@code cycles} counts. */
    static long closedForm(Design.BitSerialArray d, long m, long n, long k) {
        return ceil(m, d.cols()) * ceil(n, d.rows()) * ceil(k, d.lanes()) * d.stepCycles() + 1;
    }

    static long ceil(long x, long y) {
        return (x + y - 1) / y;
    }

    static Design.BitSerialArray random(SplittableRandom r) {
        int pa = 1 + r.nextInt(16);
        int pw = 1 + r.nextInt(16);
        IntFormat a = IntFormat.of(pa, pa > 1 && r.nextBoolean());
        IntFormat w = IntFormat.of(pw, pw > 1 && r.nextBoolean());
        int maxK = 1 + r.nextInt(300);
        return new Design.BitSerialArray(1 + r.nextInt(12), 1 + r.nextInt(12), 1 + r.nextInt(40), 1 + r.nextInt(pa),
                a, w, Design.BitSerialArray.exactAccBits(a, w, maxK), 1 + r.nextInt(200), 1 + r.nextInt(200), maxK);
    }

    @Test
    void enginesCountTheClosedFormTheRtlImplements() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 300; i++) {
            Design.BitSerialArray d = random(r);
            long m = 1 + r.nextInt(d.maxM());
            long n = 1 + r.nextInt(d.maxN());
            long k = 1 + r.nextInt(d.maxK());
            assertEquals(closedForm(d, m, n, k), BitSerialArrayGolden.cycles(d, m, n, k), d + " " + m + "x" + n + "x"
                    + k);
        }
    }

    /**
     * A behavioural model of the RTL's buffers and mapping (banks, addresses, blocks, lanes, wrap-around) run on a
     * case's loads gives exactly the case's expected words at the expected places.
     */
    @Test
    void loadsAndExpectsFollowTheBufferLayout() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 40; t++) {
            Design.BitSerialArray d = random(r);
            d = new Design.BitSerialArray(d.rows(), d.cols(), d.lanes(), d.k(), d.a(), d.w(),
                    d.a().bits() + d.w().bits() + r.nextInt(6), Math.min(d.maxM(), 40), Math.min(d.maxN(), 40),
                    Math.min(d.maxK(), 60));
            for (BitSerialArrayGolden.Case c : BitSerialArrayGolden.random(d, 4, t)) {
                Map<String, BigInteger> out = run(d, c);
                assertEquals(c.m() * c.n(), c.expects().size());
                for (BitSerialArrayGolden.Expect e : c.expects()) {
                    assertEquals(e.word(), out.get(e.bank() + "@" + e.addr()), d + " bank " + e.bank() + " addr "
                            + e.addr());
                }
            }
        }
    }

    private static Map<String, BigInteger> run(Design.BitSerialArray d, BitSerialArrayGolden.Case c) {
        BitSerialArrayCfg cfg = d.toCfg();
        Map<String, BigInteger> mem = new HashMap<>();
        for (BitSerialArrayGolden.Load l : c.loads()) {
            mem.put(l.sel() + ":" + l.bank() + "@" + l.addr(), l.data());
        }
        Map<String, BigInteger> out = new HashMap<>();
        BigInteger mask = BigInteger.ONE.shiftLeft(d.accBits()).subtract(BigInteger.ONE);
        int kSteps = (int) ceil(c.k(), d.lanes());
        for (int mb = 0; mb * d.cols() < c.m(); mb++) {
            for (int nb = 0; nb * d.rows() < c.n(); nb++) {
                for (int i = 0; i < d.rows() && nb * d.rows() + i < c.n(); i++) {
                    for (int j = 0; j < d.cols() && mb * d.cols() + j < c.m(); j++) {
                        BigInteger acc = BigInteger.ZERO;
                        for (int ks = 0; ks < kSteps; ks++) {
                            BigInteger aw = mem.get("0:" + j + "@" + (mb * cfg.kStepsMax() + ks));
                            BigInteger ww = mem.get("1:" + i + "@" + (nb * cfg.kStepsMax() + ks));
                            for (int l = 0; l < d.lanes() && ks * d.lanes() + l < c.k(); l++) {
                                long ac = aw.shiftRight(l * d.a().bits()).longValue() & ((1L << d.a().bits()) - 1);
                                long wc = ww.shiftRight(l * d.w().bits()).longValue() & ((1L << d.w().bits()) - 1);
                                acc = acc.add(BigInteger.valueOf(d.a().decodeInt(ac) * d.w().decodeInt(wc)));
                            }
                        }
                        out.put((i * d.cols() + j) + "@" + (mb * cfg.nBlocksMax() + nb), acc.and(mask));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void elaboratesWithAPeModuleAndTheDocumentedPorts() {
        Design.BitSerialArray d = new Design.BitSerialArray(2, 3, 4, 3, IntFormat.of(7, true), IntFormat.of(5, false),
                20, 7, 5, 9);
        String sv = d.verilog();
        assertTrue(sv.contains("module BitSerialArray("), sv);
        assertTrue(sv.contains("module BitSerialDotPe("), sv);
        for (String port : new String[] {"io_start", "io_busy", "io_done", "io_cycles", "io_ldData", "io_rdBank",
            "io_rdData"}) {
            assertTrue(sv.contains(port), port + " missing");
        }
        assertTrue(sv.contains("input  [27:0] io_ldData") || sv.contains("input  [27:0]  io_ldData"),
                "a lane vector of 4 x int7 = 28 bits");
    }

    @Test
    void badInputNamesTheField() {
        IntFormat i8 = IntFormat.of(8, true);
        List<Object[]> bad = List.of(
                new Object[] {(Runnable) () -> new Design.BitSerialArray(2, 2, 4, 9, i8, i8, 24, 4, 4, 4), "k"},
                new Object[] {(Runnable) () -> new Design.BitSerialArray(2, 2, 0, 1, i8, i8, 24, 4, 4, 4), "lanes"},
                new Object[] {(Runnable) () -> new Design.BitSerialArray(0, 2, 4, 1, i8, i8, 24, 4, 4, 4), "rows"},
                new Object[] {(Runnable) () -> new Design.BitSerialArray(2, 2, 4, 1, i8, i8, 12, 4, 4, 4), "acc"},
                new Object[] {(Runnable) () -> new Design.BitSerialArray(2, 2, 4, 1, i8, IntFormat.of(20, true), 40, 4,
                        4, 4), "b"},
                new Object[] {(Runnable) () -> new Design.BitSerialArray(2, 2, 4, 1, i8, i8, 24, 4, 0, 4), "max-n"},
                new Object[] {(Runnable) () -> Designs.bitSerialArray(2, 2, 4, 1, "fp8_e4m3", "int8", 0, 4, 4, 4),
                    "--a"});
        for (Object[] b : bad) {
            InvalidInputException e = assertThrows(InvalidInputException.class, ((Runnable) b[0])::run);
            assertEquals(b[1], e.field(), e.getMessage());
        }
    }

    @Test
    void exactAccumulatorHoldsTheExtremeDotProduct() {
        for (int pa = 1; pa <= 16; pa += 3) {
            for (int pw = 1; pw <= 16; pw += 5) {
                for (boolean sa : new boolean[] {false, true}) {
                    for (int k : new int[] {1, 2, 3, 17, 4096}) {
                        IntFormat a = IntFormat.of(pa, sa && pa > 1);
                        IntFormat w = IntFormat.of(pw, sa && pw > 1);
                        int bits = Design.BitSerialArray.exactAccBits(a, w, k);
                        BigInteger hi = BigInteger.valueOf(Math.max(a.maxInt() * w.maxInt(), a.minInt() * w.minInt()))
                                .multiply(BigInteger.valueOf(k));
                        BigInteger lo = BigInteger.valueOf(Math.min(a.minInt() * w.maxInt(), a.maxInt() * w.minInt()))
                                .multiply(BigInteger.valueOf(k));
                        assertTrue(hi.bitLength() < bits && lo.bitLength() < bits, a + " " + w + " " + k);
                    }
                }
            }
        }
    }
}
