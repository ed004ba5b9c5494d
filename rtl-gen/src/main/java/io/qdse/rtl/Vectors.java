package io.qdse.rtl;

import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Golden vectors for the PE testbench, one record per clock cycle: inputs {clear, en, a, b} and the outputs
 * {flags, acc} expected after that cycle's edge, all produced by the Java bit-exact model.
 */
public final class Vectors {
    /** One cycle of a PE test. */
    public record Step(boolean clear, boolean en, long a, long b, int flags, BigInteger acc) {
    }

    private Vectors() {
    }

    /**
     * @param n    cycles
     * @param seed random seed (explicit: same seed, same vectors)
     */
    public static List<Step> mac(Design.MacPe d, int n, long seed) {
        MacGolden g = new MacGolden(d.a(), d.b(), d.acc());
        return macSteps(d.a(), d.b(), n, seed, new Model() {
            public void clear() {
                g.clear();
            }

            public void mac(long a, long b) {
                g.mac(a, b);
            }

            public Step step(boolean clear, boolean en, long a, long b) {
                return new Step(clear, en, a, b, g.flags(), g.register());
            }
        });
    }

    /** Float-accumulator PE vectors: the expected register code from Java's {@code FloatAccumulator} (fused). */
    public static List<Step> floatMac(Design.FloatMacPe d, int n, long seed) {
        io.qdse.hwmodels.arith.Accumulator[] acc = {d.spec().start(0)};
        return macSteps(d.a(), d.b(), n, seed, new Model() {
            public void clear() {
                acc[0] = d.spec().start(0);
            }

            public void mac(long a, long b) {
                acc[0].addProduct(d.a().decode(a), d.b().decode(b));
            }

            public Step step(boolean clear, boolean en, long a, long b) {
                return new Step(clear, en, a, b, 0, BigInteger.valueOf(acc[0].registerCode()));
            }
        });
    }

    /** The reference a MAC PE's vectors come from. */
    private interface Model {
        void clear();

        void mac(long a, long b);

        Step step(boolean clear, boolean en, long a, long b);
    }

    /** Random cycles: clear about 1 in 24, en about 7 in 8, operands 30 % edge values. */
    private static List<Step> macSteps(ScalarFormat fa, ScalarFormat fb, int n, long seed, Model m) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Codes ca = new Codes(fa);
        Codes cb = new Codes(fb);
        List<Step> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean clear = i > 0 && rnd.nextInt(24) == 0;
            boolean en = rnd.nextInt(8) != 0;
            long a = ca.next(rnd, 0.3);
            long b = cb.next(rnd, 0.3);
            if (clear) {
                m.clear();
            } else if (en) {
                m.mac(a, b);
            }
            out.add(m.step(clear, en, a, b));
        }
        return out;
    }

    /**
     * Bit-serial vectors: random serial operands fed {@code k} bits per cycle, LSB chunk first; the expected
     * accumulator after every cycle, and at every operand boundary it is checked against the plain integer MAC model
     * ({@link MacGolden}) here, so the vectors cannot drift from the bit-exact model.
     */
    public static List<Step> bitSerial(Design.BitSerialPe d, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Codes ca = new Codes(d.a());
        Codes cw = new Codes(d.serial());
        int k = d.k();
        int bits = d.serial().bits();
        int steps = d.steps();
        int top = bits - (steps - 1) * k;
        BigInteger mod = BigInteger.ONE.shiftLeft(d.accBits());
        BigInteger acc = BigInteger.ZERO;
        MacGolden ref = new MacGolden(d.a(), d.serial(), new io.qdse.hwmodels.arith.FixedPointAccumulator(
                d.accBits(), false, false));
        List<Step> out = new ArrayList<>();
        int step = 0;
        long a = 0;
        long w = 0;
        while (out.size() < n) {
            if (step == 0) {
                if (rnd.nextInt(16) == 0 && !out.isEmpty()) {
                    acc = BigInteger.ZERO;
                    ref.clear();
                    out.add(new Step(true, false, 0, 0, 0, acc));
                    continue;
                }
                a = ca.next(rnd, 0.3);
                w = cw.next(rnd, 0.3);
            }
            if (rnd.nextInt(6) == 0) { // an idle cycle: inputs hold, en low
                out.add(new Step(false, false, a, chunk(w, step, k, bits), 0, acc));
                continue;
            }
            long c = chunk(w, step, k, bits);
            long cv = c;
            if (step == steps - 1 && d.serial().signed() && ((c >>> (top - 1)) & 1) == 1) {
                cv = c - (1L << top);
            }
            long av = ((IntFormat) d.a()).decodeInt(a);
            acc = acc.add(BigInteger.valueOf(av).multiply(BigInteger.valueOf(cv)).shiftLeft(step * k)).mod(mod);
            out.add(new Step(false, true, a, c, 0, acc));
            step++;
            if (step == steps) {
                step = 0;
                ref.mac(a, w);
                if (!ref.register().equals(acc)) {
                    throw new IllegalStateException("bit-serial model disagrees with the MAC model: " + acc + " vs "
                            + ref.register());
                }
            }
        }
        return out;
    }

    /** Chunk {@code step} of a serial operand's code: bits [step·k, step·k + k) (the top chunk may be narrower). */
    static long chunk(long code, int step, int k, int bits) {
        int lo = step * k;
        int width = Math.min(k, bits - lo);
        return (code >>> lo) & ((1L << width) - 1);
    }

    /** Hex digits of a field of {@code bits} bits. */
    static int digits(int bits) {
        return (bits + 3) / 4;
    }

    static String hex(BigInteger v, int bits) {
        String s = v.toString(16);
        int d = digits(bits);
        if (s.length() > d) {
            throw new IllegalStateException("value " + s + " does not fit " + bits + " bits");
        }
        return "0".repeat(d - s.length()) + s;
    }

    static String hex(long v, int bits) {
        return hex(BigInteger.valueOf(v), bits);
    }

    /**
     * One line per step, fields hex-digit aligned: {0,0,clear,en} (1 digit) · a · b · {0,flags} (1 digit) · acc.
     * {@code tb_pe.sv} slices the same layout.
     */
    public static String peHex(List<Step> steps, ScalarFormat fa, int bBits, int accBits) {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append((s.clear() ? 2 : 0) + (s.en() ? 1 : 0))
                    .append(hex(s.a(), fa.bits()))
                    .append(hex(s.b(), bBits))
                    .append(s.flags())
                    .append(hex(s.acc(), accBits))
                    .append('\n');
        }
        return sb.toString();
    }
}
