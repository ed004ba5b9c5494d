package io.qdse.simulator.gpu;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.format.BipolarIntFormat;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.workload.OpKind;
import java.util.ArrayList;
import java.util.List;

/**
 * How one GEMM's operand formats run on a GPU: the MMA type, the bits each operand occupies in memory and shared
 * memory, the CUDA-core work to widen narrow operands in registers, and for the bit-plane path how many binary MMAs
 * one product takes.
 *
 * @param kind          native MMA, converted operands, weight-only dequantization, bit planes, or CUDA cores
 * @param mma           the MMA (or CUDA-core) type that does the multiply-accumulates
 * @param aStoreBits    bits per A element in HBM, L2 and shared memory (block scales included)
 * @param bStoreBits    bits per B element likewise
 * @param cBits         bits per output element written
 * @param aDequantOps   CUDA-core lane operations per A element to widen it to the MMA type in registers
 * @param bDequantOps   likewise per B element
 * @param planeProducts binary MMAs per product (p × q for W p-bit × A q-bit bit planes), 1 otherwise
 * @param rateFactor    fraction of the type's MMA rate this accumulation runs at (1 on the presets)
 * @param notes         fallbacks and conversions, for the user
 */
public record GemmPath(Kind kind, MmaType mma, double aStoreBits, double bStoreBits, double cBits, double aDequantOps,
                       double bDequantOps, int planeProducts, double rateFactor, List<String> notes) {

    /** How the operands reach the MMA. */
    public enum Kind {
        /** Both operands in a type the tensor cores take. */
        NATIVE,
        /** Both operands stored narrow or in a type the GPU lacks, widened to the MMA type in registers. */
        CONVERTED,
        /** Weights (or the KV cache) stored narrow, widened to the activations' 16-bit type in registers (Marlin). */
        WEIGHT_ONLY,
        /** Bipolar-INT operands decomposed into bit planes, p·q binary MMAs plus shift-add recovery (APT). */
        BIT_PLANE,
        /** CUDA cores (no tensor-core path for the type on this GPU). */
        SIMT
    }

    public GemmPath {
        notes = List.copyOf(notes);
    }

    /**
     * Lane operations per element to widen a stored element in registers. Integers (4 or 8 bits): one LOP3/PRMT plus
     * one HSUB2/HFMA2 per pair of values, as Marlin's dequantization does (IST-DASLab/marlin marlin_cuda_kernel.cu
     * {@code dequant}); other narrow floats one more operation per pair (exponent/bias fix-up); block formats one more
     * per pair for the shared scale.
     */
    static final double INT_WIDEN_OPS = 1.0;
    static final double FLOAT_WIDEN_OPS = 1.5;
    static final double SCALE_OPS = 0.5;

    /** @return MACs per clock per SM this path sustains at peak (binary MMAs shared among the p·q planes) */
    public double macsPerClk(GpuSpec g) {
        return g.macsPerClk(mma) * rateFactor / planeProducts;
    }

    /** @return {@code tflops} for float MMA types, {@code tops} for integer and binary ones */
    public String throughputUnit() {
        return mma.floating() ? "tflops" : "tops";
    }

    /** @return e.g. {@code weight-only int4 -> fp16 mma} */
    public String describe() {
        switch (kind) {
            case NATIVE:
                return mma.key() + " mma";
            case WEIGHT_ONLY:
                return "weight-only " + fmtBits(bStoreBits) + "-bit -> " + mma.key() + " mma";
            case CONVERTED:
                return "converted -> " + mma.key() + " mma";
            case BIT_PLANE:
                return "bit-plane " + planeProducts + " x b1 mma";
            default:
                return mma.key() + " (CUDA cores)";
        }
    }

    private static String fmtBits(double b) {
        return b == Math.rint(b) ? Long.toString((long) b) : String.format(java.util.Locale.ROOT, "%.3g", b);
    }

    /** Resolves the path of an op from the layer's formats: A is the activation; B the weight, KV cache or activation. */
    public static GemmPath of(GpuSpec g, LayerFormats f, OpKind kind, String field) {
        NumberFormat a = f.activation();
        NumberFormat b = kind == OpKind.KV_MATMUL ? f.kv() : kind == OpKind.MATMUL ? f.activation() : f.weight();
        String bKey = kind == OpKind.KV_MATMUL ? "kv" : kind == OpKind.MATMUL ? "a" : "w";
        return resolve(g, a, b, f.output(), f.accumulator(), field + " a", field + " " + bKey, kind.hasWeights());
    }

    /** A class of element format the tensor cores distinguish. */
    private enum Cls {
        FP16, BF16, TF32, FP32, FP8, MINIFLOAT, INT, BIPOLAR
    }

    private static ScalarFormat element(NumberFormat f) {
        return f instanceof BlockFormat bf ? bf.element() : (ScalarFormat) f;
    }

    private static Cls cls(NumberFormat f) {
        ScalarFormat s = element(f);
        if (s instanceof BipolarIntFormat) {
            return Cls.BIPOLAR;
        }
        if (s instanceof IntFormat) {
            return Cls.INT;
        }
        if (s instanceof MinifloatFormat m) {
            int e = m.exponentBits();
            int man = m.mantissaBits();
            if (e == 5 && man == 10) {
                return Cls.FP16;
            }
            if (e == 8 && man == 7) {
                return Cls.BF16;
            }
            if (e == 8 && man == 10) {
                return Cls.TF32;
            }
            if (e == 8 && man == 23) {
                return Cls.FP32;
            }
            if (m.elementBits() == 8 && (e == 4 || e == 5)) {
                return Cls.FP8;
            }
            return Cls.MINIFLOAT;
        }
        return Cls.MINIFLOAT;
    }

    private static double widenOps(NumberFormat f, Cls c) {
        double ops = c == Cls.INT || c == Cls.BIPOLAR ? INT_WIDEN_OPS : FLOAT_WIDEN_OPS;
        return ops + (f instanceof BlockFormat ? SCALE_OPS : 0);
    }

    private static GemmPath resolve(GpuSpec g, NumberFormat a, NumberFormat b, NumberFormat out, AccumulatorSpec acc,
                                    String fieldA, String fieldB, boolean bIsWeight) {
        Cls ca = cls(a);
        Cls cb = cls(b);
        double ab = a.bitsPerElement();
        double bb = b.bitsPerElement();
        double cBits = out.bitsPerElement();
        List<String> notes = new ArrayList<>();
        String gpu = "gpu:" + g.name();
        boolean blocks = a instanceof BlockFormat || b instanceof BlockFormat;
        if (blocks) {
            notes.add(gpu + " has no block-scaled MMA (kind::mxf8f6f4 / mxf4nvf4 are sm_100+, hardware-costs.md §5.2): "
                    + "block elements and their shared scales are applied in registers before a " + g.arch().sm()
                    + " MMA");
        }
        // 1. bit planes: bipolar-INT operands (APT's format family)
        if (ca == Cls.BIPOLAR || cb == Cls.BIPOLAR) {
            for (Object[] o : new Object[][] {{ca, a, fieldA}, {cb, b, fieldB}}) {
                if (o[0] != Cls.BIPOLAR && o[0] != Cls.INT) {
                    throw new InvalidInputException((String) o[2], ((NumberFormat) o[1]).name(), "an integer or "
                            + "bipolar-INT format: the bit-plane path decomposes both operands into bit planes");
                }
            }
            int q = element(a).elementBits();
            int p = element(b).elementBits();
            if (g.supports(MmaType.B1)) {
                return new GemmPath(Kind.BIT_PLANE, MmaType.B1, ab, bb, cBits, 0, 0, p * q, 1, notes);
            }
            MmaType fb = g.supports(MmaType.INT8) ? MmaType.INT8 : MmaType.DP4A;
            if (Math.max(p, q) > 8) {
                throw new InvalidInputException(fieldB, b.name(), "at most 8 bits per operand on " + gpu + ", which "
                        + "has no binary MMA rate for bit planes");
            }
            notes.add(gpu + " lists no binary (b1) MMA rate: the " + p + "-bit x " + q + "-bit bipolar product runs "
                    + "as " + fb.key() + " with operands widened in registers, not as " + (p * q) + " bit-plane MMAs");
            return new GemmPath(fb == MmaType.INT8 ? Kind.CONVERTED : Kind.SIMT, fb, ab, bb, cBits,
                    INT_WIDEN_OPS, INT_WIDEN_OPS, 1, 1, notes);
        }
        // 2. 16-bit floats
        if ((ca == Cls.FP16 || ca == Cls.BF16) && (cb == Cls.FP16 || cb == Cls.BF16) && !blocks) {
            if (ca != cb) {
                throw new InvalidInputException(fieldB, b.name(), "the same 16-bit type as the activations ("
                        + a.name() + "): an MMA takes fp16 x fp16 or bf16 x bf16");
            }
            MmaType t = ca == Cls.FP16 ? MmaType.FP16 : MmaType.BF16;
            requireSupported(g, t, fieldA, a.name());
            return new GemmPath(Kind.NATIVE, t, ab, bb, cBits, 0, 0, 1, rate(g, t, acc), notes);
        }
        // 3. fp32 / tf32
        if ((ca == Cls.TF32 || ca == Cls.FP32) && (cb == Cls.TF32 || cb == Cls.FP32 || cb == Cls.FP16
                || cb == Cls.BF16)) {
            if (g.supports(MmaType.TF32)) {
                if (ca == Cls.FP32 || cb == Cls.FP32) {
                    notes.add("fp32 operands run as TF32 on the tensor cores (10-bit mantissa in the multiplier), as "
                            + "cuBLAS does with TF32 math allowed");
                }
                return new GemmPath(cb == Cls.TF32 || cb == Cls.FP32 ? Kind.NATIVE : Kind.CONVERTED, MmaType.TF32,
                        ab, bb, cBits, 0, cb == Cls.FP16 || cb == Cls.BF16 ? FLOAT_WIDEN_OPS : 0, 1, 1, notes);
            }
            notes.add(gpu + " has no TF32 tensor cores (" + g.arch().sm() + "): fp32 GEMMs run on the CUDA cores");
            return new GemmPath(Kind.SIMT, MmaType.FP32_SIMT, ab, bb, cBits, 0, 0, 1, 1, notes);
        }
        // 4. integers on both sides
        if (ca == Cls.INT && cb == Cls.INT) {
            int p = Math.max(element(a).elementBits(), element(b).elementBits());
            if (p > 8) {
                throw new InvalidInputException(element(a).elementBits() > 8 ? fieldA : fieldB, p > 8
                        && element(a).elementBits() > 8 ? a.name() : b.name(), "integer operands of at most 8 bits "
                        + "(the tensor cores' widest integer MMA is s8)");
            }
            if (p <= 4 && g.supports(MmaType.INT4)) {
                return new GemmPath(blocks ? Kind.CONVERTED : Kind.NATIVE, MmaType.INT4, ab, bb, cBits,
                        scaleOps(a), scaleOps(b), 1, 1, notes);
            }
            if (g.supports(MmaType.INT8)) {
                if (p <= 4) {
                    notes.add(gpu + " lists no INT4 MMA: 4-bit integer operands are widened to int8 in registers "
                            + "and run as INT8 MMAs");
                }
                double aw = element(a).elementBits() < 8 ? INT_WIDEN_OPS : 0;
                double bw = element(b).elementBits() < 8 ? INT_WIDEN_OPS : 0;
                return new GemmPath(aw + bw > 0 || blocks ? Kind.CONVERTED : Kind.NATIVE, MmaType.INT8, ab, bb, cBits,
                        aw + scaleOps(a), bw + scaleOps(b), 1, 1, notes);
            }
            notes.add(gpu + " has no integer tensor cores (" + g.arch().sm() + "): int8 products run as dp4a on the "
                    + "CUDA cores (4 MACs per lane and clock)");
            return new GemmPath(Kind.SIMT, MmaType.DP4A, ab, bb, cBits, element(a).elementBits() < 8
                    ? INT_WIDEN_OPS : 0, element(b).elementBits() < 8 ? INT_WIDEN_OPS : 0, 1, 1, notes);
        }
        // 5. fp8 on both sides
        if (ca == Cls.FP8 && cb == Cls.FP8) {
            if (g.supports(MmaType.FP8)) {
                return new GemmPath(blocks ? Kind.CONVERTED : Kind.NATIVE, MmaType.FP8, ab, bb, cBits, scaleOps(a),
                        scaleOps(b), 1, 1, notes);
            }
            MmaType t = sixteen(g);
            notes.add(gpu + " has no FP8 tensor cores (FP8 MMA is sm_89/sm_90+): operands are stored in 8 bits and "
                    + "converted to " + t.key() + " in registers");
            return new GemmPath(Kind.CONVERTED, t, ab, bb, cBits, widenOps(a, ca), widenOps(b, cb), 1, 1, notes);
        }
        // 6. 16-bit float activations with narrower B: weight-only (or KV-cache) dequantization
        if ((ca == Cls.FP16 || ca == Cls.BF16) && !(a instanceof BlockFormat)) {
            MmaType t = ca == Cls.FP16 ? MmaType.FP16 : MmaType.BF16;
            requireSupported(g, t, fieldA, a.name());
            if (bb > 16) {
                throw new InvalidInputException(fieldB, b.name(), "at most 16 bits per element with " + a.name()
                        + " activations (or fp32/tf32 on both sides)");
            }
            notes.add((bIsWeight ? "weight-only" : "narrow-operand") + " path: " + b.name() + " is stored in "
                    + fmtBits(bb) + " bits and widened to " + t.key() + " in registers before the MMA (Marlin-style)");
            return new GemmPath(Kind.WEIGHT_ONLY, t, ab, bb, cBits, 0, widenOps(b, cb), 1, rate(g, t, acc), notes);
        }
        // 7. fp8 activations with narrower B on Hopper: widen B to fp8
        if (ca == Cls.FP8 && g.supports(MmaType.FP8) && bb <= 8) {
            notes.add(b.name() + " is widened to fp8 in registers before the FP8 MMA");
            return new GemmPath(Kind.CONVERTED, MmaType.FP8, ab, bb, cBits, scaleOps(a), widenOps(b, cb), 1, 1,
                    notes);
        }
        // 8. anything else narrow: both widened to a 16-bit MMA
        if (ab > 16 || bb > 16) {
            throw new InvalidInputException(ab > 16 ? fieldA : fieldB, ab > 16 ? a.name() : b.name(),
                    "formats of at most 16 bits, or fp32/tf32 on both sides");
        }
        MmaType t = sixteen(g);
        notes.add(a.name() + " x " + b.name() + " has no MMA type on " + gpu + ": both are widened to " + t.key()
                + " in registers");
        return new GemmPath(Kind.CONVERTED, t, ab, bb, cBits, ca == Cls.FP16 ? 0 : widenOps(a, ca),
                cb == Cls.FP16 ? 0 : widenOps(b, cb), 1, 1, notes);
    }

    private static double scaleOps(NumberFormat f) {
        return f instanceof BlockFormat ? SCALE_OPS : 0;
    }

    private static MmaType sixteen(GpuSpec g) {
        return MmaType.FP16;
    }

    private static double rate(GpuSpec g, MmaType t, AccumulatorSpec acc) {
        boolean fp32Acc = !(acc instanceof FloatAccumulator fa) || fa.format().elementBits() > 16;
        return t == MmaType.FP16 && fp32Acc && g.fp32AccHalfRate() ? 0.5 : 1;
    }

    private static void requireSupported(GpuSpec g, MmaType t, String field, String value) {
        if (!g.supports(t)) {
            throw new InvalidInputException(field, value, "a type gpu:" + g.name() + " has tensor cores for ("
                    + g.arch().sm() + " has no " + t.key() + " MMA); e.g. fp16");
        }
    }
}
