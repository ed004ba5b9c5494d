package io.qdse.hwmodels.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import org.junit.jupiter.api.Test;

class FpgaCostModelTest {
    // the per-circuit layer (measured multipliers, adders, shifters); the PE-level LUT fit on top is LutFitTest's
    private static final FpgaCostModel M = FpgaCostModel.unfitted();
    private static final FpgaPart VU9P = part("xcvu9p");
    private static final FpgaPart HX8K = part("ice40-hx8k");
    private static final FpgaPart UP5K = part("ice40-up5k");

    private static FpgaPart part(String n) {
        return (FpgaPart) Targets.parse("fpga:" + n, "t");
    }

    private static OpSpec intMac(String a, String b, int acc) {
        return OpSpec.mac(Formats.parse(a), Formats.parse(b), FixedPointAccumulator.integer(acc), 1024);
    }

    @Test
    void fabricMultipliersReproduceTheMeasuredGrid() {
        FpgaCalibration cal = FpgaCalibration.yosys023();
        int checked = 0;
        for (String[] r : cal.rows()) {
            if (!r[1].equals("mul") || !(r[6].equals("xcup-nodsp") || r[6].equals("ice40"))) {
                continue;
            }
            boolean signed = r[2].equals("1");
            NumberFormat a = Formats.parse((signed ? "int" : "uint") + r[3]);
            NumberFormat b = Formats.parse((signed ? "int" : "uint") + r[4]);
            FpgaCost c = M.estimate(OpSpec.mul(a, b), r[6].equals("ice40") ? HX8K : VU9P, false);
            assertEquals(Double.parseDouble(r[7]), c.luts(), 1e-9, String.join(",", r));
            checked++;
        }
        assertEquals(2 * 2 * 45, checked);
    }

    @Test
    void wholeMacsReproduceTheMeasuredMacs() {
        // mac_* rows: rtl-gen's IntMac form synthesised by Yosys; fabric LUTs exactly, DSP counts exactly; on the DSP
        // flows LUTs within 8 (unsigned accumulators' zero-extended top bits need none; -dsp flows map fabric slightly
        // differently)
        FpgaCalibration cal = FpgaCalibration.yosys023();
        int checked = 0;
        for (String[] r : cal.rows()) {
            if (!r[1].equals("mac")) {
                continue;
            }
            boolean signed = r[2].equals("1");
            int wa = Integer.parseInt(r[3]);
            int wb = Integer.parseInt(r[4]);
            int acc = Integer.parseInt(r[5]);
            OpSpec op = OpSpec.mac(Formats.parse((signed ? "int" : "uint") + wa),
                    Formats.parse((signed ? "int" : "uint") + wb), FixedPointAccumulator.integer(acc), 1);
            boolean ice = r[6].startsWith("ice40");
            boolean dsp = r[6].endsWith("-dsp");
            FpgaCost c = M.estimate(op, ice ? UP5K : VU9P, dsp);
            String what = String.join(",", r);
            assertEquals(Double.parseDouble(r[11]), c.dsps(), 1e-9, "DSPs " + what);
            if (dsp) {
                assertEquals(Double.parseDouble(r[7]), c.luts(), 8.5, "LUTs " + what);
            } else {
                assertEquals(Double.parseDouble(r[7]), c.luts(), 1e-6, "LUTs " + what);
                assertEquals(Double.parseDouble(r[8]), c.carryCells(), 1e-6, "carry cells " + what);
                assertEquals(acc, c.ffs(), 1e-9, "FFs " + what);
            }
            checked++;
        }
        assertEquals(360, checked);
    }

    @Test
    void multipliersBeyondTheGridStayPositiveAndMonotone() {
        double prev = 0;
        for (int w = 16; w <= 32; w++) {
            double l = M.estimate(OpSpec.mul(Formats.parse("int16"), Formats.parse("int" + w)), VU9P, false).luts();
            assertTrue(l >= prev, "int16 x int" + w);
            prev = l;
        }
        assertTrue(M.estimate(OpSpec.mul(Formats.parse("int2"), Formats.parse("int24")), VU9P, false).luts() > 0);
        assertTrue(M.estimate(intMac("int2", "int24", 32), VU9P, false).luts() > 0);
    }

    @Test
    void amortisedCarryCellsHaveNoRoundingNoise() {
        // block of 5: the outer 24-bit accumulator adder (6 CARRY4) is shared by 5 MACs -> 1.2 per MAC
        FpgaCost c = M.estimate(OpSpec.mac(Formats.parse("e2m1/b5/e8m0"), Formats.parse("e2m1/b5/e8m0"),
                FixedPointAccumulator.integer(24), 1024), VU9P, false);
        double sum = 0;
        for (FpgaCost.BlockCost b : c.breakdown()) {
            if (b.block().startsWith("outer accumulator adder")) {
                assertEquals(1.2, b.carry(), 1e-9);
            }
            sum += b.carry();
        }
        assertEquals(sum, c.carryCells(), 1e-9);
    }

    @Test
    void adderAndAccumulatorAgreeWithYosys() {
        // measured mac_s_8x8 (24-bit accumulator) 224 LUTs, 10 CARRY4; with 32 bits: 8 more LUTs and 2 more CARRY4
        FpgaCost x = M.estimate(intMac("int8", "int8", 32), VU9P, false);
        assertEquals(232, x.luts(), 1e-9);
        assertEquals(32, x.ffs(), 1e-9);
        assertEquals(12, x.carryCells(), 1e-9);
        FpgaCost add = M.estimate(OpSpec.add(Formats.parse("uint32"), Formats.parse("uint32")), VU9P, false);
        assertEquals(32, add.luts(), 0.5);
    }

    @Test
    void dspInferenceFollowsYosys() {
        FpgaCost withDsp = M.estimate(intMac("int8", "int8", 32), VU9P, true);
        assertEquals(1, withDsp.dsps(), 1e-9);
        assertEquals(32, withDsp.luts(), 1e-9, "the accumulator stays in fabric (enable + clear)");
        assertEquals(0.5, withDsp.dspsPacked(), 1e-9, "two INT8 MACs per DSP48E2");
        // 4x4 stays in LUTs (product narrower than 9 bits)
        assertEquals(0, M.estimate(intMac("int4", "int4", 16), VU9P, true).dsps(), 1e-9);
        // iCE40 HX has no DSP; UltraPlus maps 8x8 to one SB_MAC16
        assertEquals(0, M.estimate(intMac("int8", "int8", 32), HX8K, true).dsps(), 1e-9);
        assertEquals(1, M.estimate(intMac("int8", "int8", 32), UP5K, true).dsps(), 1e-9);
        // 32x32 needs several DSP48E2 tiles
        assertTrue(M.estimate(intMac("int32", "int32", 64), VU9P, true).dsps() >= 4);
    }

    @Test
    void minifloatMacsNeedWiderExactAccumulatorsAndFloatAccumulationCostsMore() {
        // Damsgaard et al. (TCAD 2025) measured minifloat MACCs at +20-180 % of same-size integer MACCs in their
        // Vivado designs. Calibrated to Yosys, whose signed multipliers are expensive (signed 6x6: 105 LUTs vs 55
        // unsigned), we find exact-accumulation minifloat MACs about level with integer ones; docs/cost-models.md
        // records the comparison. What must hold: the exact register is wider for E4M3 than INT8 and float
        // accumulation costs more than integer accumulation.
        io.qdse.hwmodels.format.ScalarFormat e4m3 = Formats.FP8_E4M3;
        assertEquals(49, FixedPointAccumulator.kulischWidth(e4m3, e4m3, 4608));
        assertEquals(28, FixedPointAccumulator.kulischWidth(Formats.INT8, Formats.INT8, 4608));
        for (String[] pair : new String[][] {{"fp8_e4m3", "int8"}, {"e3m2", "int6"}, {"e2m3", "int6"}}) {
            NumberFormat fp = Formats.parse(pair[0]);
            NumberFormat in = Formats.parse(pair[1]);
            FpgaCost f = M.estimate(OpSpec.mac(fp, fp, FixedPointAccumulator.kulisch(
                    (io.qdse.hwmodels.format.ScalarFormat) fp, (io.qdse.hwmodels.format.ScalarFormat) fp, 4608), 4608),
                    VU9P, false);
            FpgaCost i = M.estimate(OpSpec.mac(in, in, FixedPointAccumulator.kulisch(
                    (io.qdse.hwmodels.format.ScalarFormat) in, (io.qdse.hwmodels.format.ScalarFormat) in, 4608), 4608),
                    VU9P, false);
            System.out.printf("%s vs %s MAC (exact acc, n=4608, xcvu9p fabric): %.0f vs %.0f LUT+FF%n", pair[0],
                    pair[1], f.luts() + f.ffs(), i.luts() + i.ffs());
            assertTrue(f.ffs() >= i.ffs(), pair[0] + " needs at least as many accumulator bits as " + pair[1]);
        }
        FpgaCost fp32acc = M.estimate(OpSpec.mac(Formats.FP8_E4M3, Formats.FP8_E4M3,
                new FloatAccumulator(Formats.FP32, true), 1024), VU9P, false);
        FpgaCost int32acc = M.estimate(intMac("int8", "int8", 32), VU9P, false);
        assertTrue(fp32acc.luts() > int32acc.luts(), fp32acc.luts() + " vs " + int32acc.luts());
    }
}
