package io.qdse.hwmodels.fpga;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.cost.Operation;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import java.util.List;

/**
 * The structure of a MAC PE as rtl-gen builds it, as LUT features for {@link LutFit}:
 * <ul>
 *   <li>integer pair: one multiplier on the codes feeding a W-bit register; features: the measured fabric cost of
 *   that multiply-add ({@link FpgaCalibration#multiplierInMac}), W (the accumulator adder), and when Yosys maps the
 *   product to a DSP block the register width and a constant split by signedness (the DSP absorbs a different share
 *   of the adder);</li>
 *   <li>a pair with a minifloat: significands multiplied (unsigned), shifted left by the exponent fields through a
 *   log shifter at the product width P = sigA + sigB + maxShiftA + maxShiftB, negated, added into the W-bit Kulisch
 *   register; features: multiplier cost (0 when in a DSP; its coefficient is fixed at 1: the measured multiplier grid
 *   is trusted), P × (sigA + sigB) and the log shifter's mux bits (shifter), P (negation), W (accumulator), 1 (decode,
 *   special values, flags).</li>
 * </ul>
 *
 * @param cls      "int" or "float"
 * @param values   feature values in the order of {@link #names}
 * @param dspTiles DSP blocks of the product (0 in fabric)
 */
public record PeFeatures(String cls, double[] values, int dspTiles) {

    private static final List<String> INT = List.of("mul_mac_luts", "acc_bits", "dsp_acc_bits_signed",
            "dsp_acc_bits_unsigned", "dsp_const_signed", "dsp_const_unsigned");
    private static final List<String> FLOAT = List.of("mul_luts", "shift_product_x_sig", "product_bits", "acc_bits",
            "const", "shift_mux_bits");

    public static List<String> names(String cls) {
        return cls.equals("int") ? INT : FLOAT;
    }

    /** @return the features of a MAC with a fixed-point register, or null for other operations */
    public static PeFeatures of(OpSpec op, FpgaPart part, boolean useDsp, FpgaCalibration cal) {
        if (op.op() != Operation.MAC || !(op.acc() instanceof FixedPointAccumulator acc)) {
            return null;
        }
        int[] a = shape(op.a());
        int[] b = shape(op.b());
        if (a == null || b == null) {
            return null;
        }
        FpgaFamily fam = part.family();
        FpgaCalibration.Flow flow = fam == FpgaFamily.LATTICE_ICE40 ? FpgaCalibration.Flow.ICE40
                : FpgaCalibration.Flow.XILINX;
        int w = acc.width();
        boolean ints = op.a() instanceof IntFormat && op.b() instanceof IntFormat;
        if (ints) {
            IntFormat ia = (IntFormat) op.a();
            IntFormat ib = (IntFormat) op.b();
            boolean signed = ia.signed() || ib.signed();
            int tiles = useDsp && part.hasDsp() ? FpgaCostModel.dspTiles(fam,
                    new io.qdse.hwmodels.cost.Block.MultiplierShape(ia.bits(), ib.bits(), signed, false)) : 0;
            double[] v = new double[INT.size()];
            if (tiles > 0) {
                v[signed ? 2 : 3] = w;
                v[signed ? 4 : 5] = 1;
            } else {
                v[0] = cal.multiplierInMac(flow, ia.bits(), ib.bits(), signed).luts();
                v[1] = w;
            }
            return new PeFeatures("int", v, tiles);
        }
        int sa = a[0];
        int sb = b[0];
        int p = sa + sb + a[1] + b[1];
        int tiles = useDsp && part.hasDsp() ? FpgaCostModel.dspTiles(fam,
                new io.qdse.hwmodels.cost.Block.MultiplierShape(sa, sb, false, false)) : 0;
        double[] v = new double[FLOAT.size()];
        v[0] = tiles > 0 ? 0 : cal.multiplier(flow, sa, sb, false).luts();
        v[1] = (double) p * (sa + sb);
        v[2] = p;
        v[3] = w;
        v[4] = 1;
        // log shifter: level l moves the (sigA+sigB)-bit product by 2^l; bits that can be non-zero there, capped at P
        int levels = 32 - Integer.numberOfLeadingZeros(a[1] + b[1]);
        for (int l = 0; l < levels; l++) {
            v[5] += Math.min(p, sa + sb + (1L << (l + 1)) - 1);
        }
        return new PeFeatures("float", v, tiles);
    }

    /** {significand bits, largest left shift} of an operand as rtl-gen decodes it, or null if not generated. */
    static int[] shape(NumberFormat f) {
        if (f instanceof IntFormat i) {
            return new int[] {i.bits(), 0};
        }
        if (f instanceof MinifloatFormat m) {
            boolean sub = m.subnormals() && m.mantissaBits() > 0;
            return new int[] {m.mantissaBits() + 1, sub ? m.maxExponentField() - 1 : m.maxExponentField()};
        }
        return null;
    }

    /**
     * The fit whose coefficients apply: on the Xilinx flow with DSPs, a PE whose product stays in LUTs is the same
     * netlist as without DSPs, and a minifloat PE whose significand product goes to a DSP is that netlist minus its
     * multiplier (too few such PEs to fit on their own), so both use the {@code xilinx_nodsp} coefficients.
     */
    public String fitKey(String flow) {
        if (flow.equals("xilinx") && (dspTiles == 0 || cls.equals("float"))) {
            return "xilinx_nodsp/" + cls;
        }
        return flow + "/" + cls;
    }

    public double dot(double[] k) {
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += k[i] * values[i];
        }
        return s;
    }
}
