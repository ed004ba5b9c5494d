package io.qdse.hwmodels.cost;

import static io.qdse.hwmodels.cost.Component.ADDER_BIT;
import static io.qdse.hwmodels.cost.Component.LOGIC_GATE;
import static io.qdse.hwmodels.cost.Component.PP_FP;
import static io.qdse.hwmodels.cost.Component.PP_GLITCH;
import static io.qdse.hwmodels.cost.Component.PP_INT;
import static io.qdse.hwmodels.cost.Component.REGISTER_BIT;
import static io.qdse.hwmodels.cost.Component.SHIFT_MUX;
import static io.qdse.hwmodels.cost.Component.SHIFT_WIRE;
import static io.qdse.hwmodels.cost.Component.UNIT;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Decomposes an operation on two formats into the textbook blocks that implement it, sized in bits:
 * partial-product array and final adder for integer multipliers; significand multiplier, exponent adder,
 * normalisation and rounding for float multipliers; exponent difference, swap, alignment shifter, significand
 * adder, leading-zero count, normalisation shifter and rounding for float adders; alignment into a fixed-point
 * (Kulisch) register or a float add for MAC accumulation; the accumulator register. Block formats add their shared
 * scale logic amortised over the block.
 *
 * <p>Delays are logic depths in gate delays: prefix adders {@code 2·ceil(log2 n) + 3}; Dadda trees
 * {@code 1 + 2·levels}; log shifters {@code ceil(log2 range) + 1}; registers 4 (clock-to-q plus setup).
 */
public final class DatapathBuilder {
    private DatapathBuilder() {
    }

    /** Register overhead (clock-to-q + setup) in gate delays. */
    static final double REGISTER_DELAY = 4;

    /** @return the structure of {@code spec} */
    public static Datapath build(OpSpec spec) {
        List<List<Block>> stages = new ArrayList<>();
        List<Block> amortised = new ArrayList<>();
        ScalarFormat ea = element(spec.a());
        ScalarFormat eb = element(spec.b());
        Operand a = Operand.of(ea);
        Operand b = Operand.of(eb);
        switch (spec.op()) {
            case ADD:
                if (spec.a() instanceof BlockFormat || spec.b() instanceof BlockFormat) {
                    throw new InvalidInputException("op", "add", "add is costed for scalar formats; block formats "
                            + "are added after their scales are applied (cost a mac instead)");
                }
                add(stages, a, b);
                break;
            case MUL:
                mul(stages, a, b);
                amortiseScales(amortised, spec, false);
                break;
            default:
                mac(stages, amortised, spec, a, b, ea, eb);
                break;
        }
        stages.add(List.of(Block.named("control").add(UNIT, 1).build()));
        return new Datapath(spec.describe(), stages, amortised);
    }

    private static ScalarFormat element(NumberFormat f) {
        return f instanceof BlockFormat ? ((BlockFormat) f).element() : (ScalarFormat) f;
    }

    // ---- ADD ------------------------------------------------------------------------------------------------

    private static void add(List<List<Block>> stages, Operand a, Operand b) {
        if (!a.isFloat() && !b.isFloat()) {
            int n = Math.max(a.width(), b.width());
            stages.add(List.of(adder("adder", n)));
            return;
        }
        int e = Math.max(a.exponentBits(), b.exponentBits());
        int m = Math.max(a.mantissaBits(), b.mantissaBits());
        floatAdd(stages, e, m, m + 1, a.specials() || b.specials(), "");
    }

    // ---- MUL ------------------------------------------------------------------------------------------------

    private static void mul(List<List<Block>> stages, Operand a, Operand b) {
        if (!a.isFloat() && !b.isFloat()) {
            intMultiplier(stages, a.width(), b.width(), a.signed() || b.signed());
            return;
        }
        // rounded to a significand as wide as the wider operand's (the IEEE same-format multiply generalised)
        int out = Math.max(a.width(), b.width());
        floatMultiplier(stages, a, b, true, out, a.subnormals() || b.subnormals());
    }

    // ---- MAC ------------------------------------------------------------------------------------------------

    private static void mac(List<List<Block>> stages, List<Block> amortised, OpSpec spec, Operand a, Operand b,
                            ScalarFormat fa, ScalarFormat fb) {
        boolean blocked = spec.a() instanceof BlockFormat || spec.b() instanceof BlockFormat;
        if (!a.isFloat() && !b.isFloat()) {
            intMultiplier(stages, a.width(), b.width(), a.signed() || b.signed());
        } else {
            floatMultiplier(stages, a, b, false, 0, false);
        }
        AccumulatorSpec acc = spec.acc();
        if (blocked) {
            // elements accumulate exactly inside a block; the block sum is scaled and added to `acc` once per block
            int k = blockSize(spec);
            FixedPointAccumulator inner = FixedPointAccumulator.kulisch(fa, fb, k);
            accumulateFixed(stages, a, b, inner.width(), "block ");
            amortiseScales(amortised, spec, true);
            outerAccumulate(amortised, acc, inner.width(), k);
            return;
        }
        if (acc instanceof FixedPointAccumulator) {
            accumulateFixed(stages, a, b, ((FixedPointAccumulator) acc).width(), "");
        } else {
            MinifloatFormat c = ((FloatAccumulator) acc).format();
            int e = Math.max(c.exponentBits(), productExponentBits(a, b));
            floatAdd(stages, e, c.mantissaBits(), a.width() + b.width(), true, "accumulator ");
            stages.add(List.of(register("accumulator register", c.bits())));
        }
    }

    private static int blockSize(OpSpec spec) {
        int k = Integer.MAX_VALUE;
        if (spec.a() instanceof BlockFormat) {
            k = ((BlockFormat) spec.a()).blockSize();
        }
        if (spec.b() instanceof BlockFormat) {
            k = Math.min(k, ((BlockFormat) spec.b()).blockSize());
        }
        return k;
    }

    /** Bits of the exponent of an exact product (sum of the two exponent ranges). */
    private static int productExponentBits(Operand a, Operand b) {
        int range = a.exponentRange() + b.exponentRange() - 1;
        return Math.max(1, ceilLog2(range) + 1);
    }

    private static void accumulateFixed(List<List<Block>> stages, Operand a, Operand b, int width, String prefix) {
        int productWidth = a.width() + b.width();
        if (a.isFloat() || b.isFloat()) {
            int range = a.exponentRange() + b.exponentRange() - 1;
            int levels = ceilLog2(range);
            stages.add(List.of(Block.named(prefix + "product alignment shifter")
                    .add(SHIFT_MUX, (double) width * levels)
                    .add(SHIFT_WIRE, (double) productWidth * range)
                    .add(LOGIC_GATE, productWidth) // sign: conditional two's complement of the product
                    .delay(levels + 1).build()));
        }
        stages.add(List.of(adder(prefix + "accumulator adder", width)));
        stages.add(List.of(register(prefix + "accumulator register", width)));
    }

    private static void outerAccumulate(List<Block> amortised, AccumulatorSpec acc, int innerWidth, int k) {
        List<List<Block>> outer = new ArrayList<>();
        if (acc instanceof FixedPointAccumulator) {
            int w = ((FixedPointAccumulator) acc).width();
            outer.add(List.of(Block.named("scaled block-sum alignment").add(SHIFT_MUX, (double) w * ceilLog2(w))
                    .add(SHIFT_WIRE, (double) innerWidth * w).delay(ceilLog2(w) + 1).build()));
            outer.add(List.of(adder("outer accumulator adder", w)));
            outer.add(List.of(register("outer accumulator register", w)));
        } else {
            MinifloatFormat c = ((FloatAccumulator) acc).format();
            outer.add(List.of(Block.named("block-sum normalisation (LZC + shift)")
                    .add(LOGIC_GATE, 2.0 * innerWidth).add(SHIFT_MUX, (double) innerWidth * ceilLog2(innerWidth))
                    .add(SHIFT_WIRE, (double) innerWidth * innerWidth).delay(2 * ceilLog2(innerWidth) + 2).build()));
            floatAdd(outer, c.exponentBits(), c.mantissaBits(), c.mantissaBits() + 1, true, "outer accumulator ");
            outer.add(List.of(register("outer accumulator register", c.bits())));
        }
        for (List<Block> s : outer) {
            for (Block blk : s) {
                amortised.add(scale(blk, 1.0 / k, " (per " + k + " MACs)"));
            }
        }
    }

    /** Shared-scale logic of block operands: exponent add (power-of-two scales) or a scale multiply. */
    private static void amortiseScales(List<Block> amortised, OpSpec spec, boolean mac) {
        List<ScalarFormat> scales = new ArrayList<>();
        int k = Integer.MAX_VALUE;
        for (NumberFormat f : new NumberFormat[] {spec.a(), spec.b()}) {
            if (f instanceof BlockFormat) {
                scales.add(((BlockFormat) f).scale());
                k = Math.min(k, ((BlockFormat) f).blockSize());
            }
        }
        if (scales.isEmpty()) {
            return;
        }
        List<List<Block>> s = new ArrayList<>();
        if (scales.size() == 2) {
            Operand sa = Operand.of(scales.get(0));
            Operand sb = Operand.of(scales.get(1));
            if (sa.width() == 1 && sb.width() == 1) {
                s.add(List.of(adder("scale exponent adder", Math.max(sa.exponentBits(), sb.exponentBits()) + 1)));
            } else {
                floatMultiplier(s, sa, sb, false, 0, false);
            }
        }
        if (!mac || scales.size() == 1) {
            // one scale applied to a partial sum or product: an exponent add for E8M0, a multiply otherwise
            Operand sc = Operand.of(scales.get(0));
            if (sc.width() == 1) {
                s.add(List.of(adder("scale application (exponent add)", sc.exponentBits() + 1)));
            } else {
                intMultiplier(s, sc.width(), 24, false);
            }
        }
        for (List<Block> st : s) {
            for (Block blk : st) {
                amortised.add(scale(blk, 1.0 / k, " (shared scale, per " + k + ")"));
            }
        }
    }

    // ---- building blocks ------------------------------------------------------------------------------------

    static void intMultiplier(List<List<Block>> stages, int wa, int wb, boolean signed) {
        int pp = wa * wb;
        stages.add(List.of(Block.named("partial-product array")
                .add(PP_INT, pp)
                .add(PP_GLITCH, pp * log2(Math.max(wa, wb)))
                .multiplier(new Block.MultiplierShape(wa, wb, signed, false))
                .delay(1 + 2 * daddaLevels(Math.min(wa, wb))).build()));
        stages.add(List.of(Block.named("product adder").add(ADDER_BIT, wa + wb).delay(adderDelay(wa + wb))
                .multiplier(new Block.MultiplierShape(wa, wb, signed, true)).build()));
    }

    /**
     * Float (or int × float) multiplier. {@code rounding}: a standalone multiplier that normalises and rounds to an
     * output significand of {@code outWidth} bits (with a denormalising shifter if {@code subnormalOut}); a MAC keeps
     * the exact product and does neither.
     */
    private static void floatMultiplier(List<List<Block>> stages, Operand a, Operand b, boolean rounding,
                                        int outWidth, boolean subnormalOut) {
        int pa = a.width();
        int pb = b.width();
        int e = Math.max(a.exponentBits(), b.exponentBits()) + 2;
        Block.Builder sig = Block.named("significand multiplier").add(PP_FP, (double) pa * pb)
                .multiplier(new Block.MultiplierShape(pa, pb, a.signed() || b.signed(), false))
                .delay(1 + 2 * daddaLevels(Math.min(pa, pb)));
        int hidden = (a.subnormals() ? a.exponentBits() : 0) + (b.subnormals() ? b.exponentBits() : 0);
        sig.add(LOGIC_GATE, hidden); // hidden bit = OR of the exponent field
        stages.add(List.of(sig.build(), adder("exponent adder", e)));
        Block cpa = Block.named("product significand adder").add(ADDER_BIT, pa + pb).delay(adderDelay(pa + pb))
                .multiplier(new Block.MultiplierShape(pa, pb, a.signed() || b.signed(), true)).build();
        stages.add(List.of(cpa, adder("exponent bias adjust", e)));
        int exc = (a.specials() ? a.exponentBits() + a.mantissaBits() : 0)
                + (b.specials() ? b.exponentBits() + b.mantissaBits() : 0);
        if (rounding) {
            Block normalise = Block.named("normalisation (1-bit shift)").add(SHIFT_MUX, pa + pb).delay(2).build();
            Block round = Block.named("rounding").add(LOGIC_GATE, 3.0 * outWidth).delay(adderDelay(outWidth)).build();
            stages.add(List.of(normalise));
            stages.add(List.of(round));
            if (subnormalOut) {
                int lv = ceilLog2(outWidth);
                stages.add(List.of(Block.named("subnormal output shifter")
                        .add(SHIFT_MUX, (double) outWidth * lv).add(SHIFT_WIRE, (double) outWidth * outWidth)
                        .add(LOGIC_GATE, 2.0 * outWidth).delay(lv + 1).build()));
            }
        }
        if (exc > 0) {
            stages.add(List.of(Block.named("special-value logic").add(LOGIC_GATE, exc).delay(0).build()));
        }
    }

    /**
     * Float adder with an exponent field of {@code e} bits and an output mantissa of {@code m} bits; the incoming
     * significand may be wider ({@code inWidth}, e.g. an exact product). Guard, round and sticky make the internal
     * width {@code max(inWidth, m + 1) + 3}.
     */
    private static void floatAdd(List<List<Block>> stages, int e, int m, int inWidth, boolean specials,
                                 String prefix) {
        int w = Math.max(inWidth, m + 1) + 3;
        int lv = ceilLog2(w);
        stages.add(List.of(adder(prefix + "exponent difference", e + 1)));
        stages.add(List.of(Block.named(prefix + "operand swap").add(SHIFT_MUX, 2.0 * w).delay(1).build()));
        stages.add(List.of(Block.named(prefix + "alignment shifter").add(SHIFT_MUX, (double) w * lv)
                .add(SHIFT_WIRE, (double) w * w).add(LOGIC_GATE, m + 1).delay(lv + 1).build()));
        stages.add(List.of(Block.named(prefix + "significand adder").add(ADDER_BIT, w).add(LOGIC_GATE, w)
                .delay(adderDelay(w) + 1).build()));
        stages.add(List.of(Block.named(prefix + "leading-zero count").add(LOGIC_GATE, 2.0 * w).delay(lv + 1).build()));
        stages.add(List.of(Block.named(prefix + "normalisation shifter").add(SHIFT_MUX, (double) w * lv)
                .add(SHIFT_WIRE, (double) w * w).delay(lv + 1).build(), adder(prefix + "exponent adjust", e + 1)));
        List<Block> last = new ArrayList<>();
        last.add(Block.named(prefix + "rounding").add(LOGIC_GATE, 2.0 * (m + 1)).delay(adderDelay(m + 1)).build());
        if (specials) {
            last.add(Block.named(prefix + "special-value logic").add(LOGIC_GATE, 2.0 * (e + m)).delay(0).build());
        }
        stages.add(last);
    }

    static Block adder(String name, int bits) {
        return Block.named(name).add(ADDER_BIT, bits).delay(adderDelay(bits)).build();
    }

    static Block register(String name, int bits) {
        return Block.named(name).add(REGISTER_BIT, bits).delay(REGISTER_DELAY).build();
    }

    private static Block scale(Block b, double factor, String suffix) {
        Block.Builder s = Block.named(b.name() + suffix).delay(b.delayStages()).multiplier(b.multiplier())
                .share(b.share() * factor);
        b.counts().forEach((c, n) -> s.add(c, n * factor));
        return s.build();
    }

    /** Prefix-adder depth: generate/propagate, log2(n) prefix levels of two gates each, sum XOR. */
    static double adderDelay(int bits) {
        return 2.0 * ceilLog2(Math.max(bits, 2)) + 3;
    }

    /** Dadda reduction levels for {@code rows} partial-product rows (Dadda 1965 height sequence 2,3,4,6,9,13,…). */
    static int daddaLevels(int rows) {
        int levels = 0;
        int d = 2;
        while (d < rows) {
            d = d * 3 / 2;
            levels++;
        }
        return levels;
    }

    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }
}
