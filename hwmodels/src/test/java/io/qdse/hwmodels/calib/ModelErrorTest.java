package io.qdse.hwmodels.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.fpga.FpgaModelErrors;
import io.qdse.hwmodels.fpga.Synth;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §5: the calibration error printed beside each estimate is computed from the model's calibration data, and
 * agrees with what docs/cost-models.md and docs/rtl.md report for the same rows (figures typed there, computed here).
 */
class ModelErrorTest {
    private static final OpSpec INT8_MAC = OpSpec.mac(Formats.INT8, Formats.INT8, FixedPointAccumulator.integer(32), 1);

    private static FpgaPart part(String n) {
        return (FpgaPart) Targets.parse("fpga:" + n, "t");
    }

    @Test
    void medianAndWorstOfAbsoluteErrors() {
        ModelError odd = ModelError.of(List.of(-3.0, 1.0, 2.0), "x");
        assertEquals(2.0, odd.medianPct());
        assertEquals(3.0, odd.maxPct());
        assertEquals(3, odd.rows());
        assertEquals(1.5, ModelError.of(List.of(1.0, -2.0), "x").medianPct());
        assertFalse(ModelError.of(List.of(), "none").measured());
    }

    @Test
    void asicErrorIsTheHorowitzFit() {
        // docs/cost-models.md §1 "Fit quality": worst 6.7 % (16b FP mult energy), every row within 7 % / 5 %
        ModelError e = AsicCostModel.standard().calibrationError(AsicTechnology.of(45));
        assertEquals(18, e.rows());
        assertEquals(6.7, e.maxPct(), 0.05);
        assertTrue(e.medianPct() > 0 && e.medianPct() < e.maxPct());
        assertTrue(AsicCostModel.standard().calibrationError(AsicTechnology.of(7)).basis().contains("asic:7nm"));
    }

    @Test
    void yosysPeFitErrorIsItsHeldOutPes() {
        // docs/cost-models.md §4.1: held-out PEs within 13.6 % of Yosys on UltraScale+ (with and without DSPs) and iCE40
        ModelError ice = FpgaModelErrors.of(FpgaCostModel.yosys().estimate(INT8_MAC, part("ice40-hx8k"), false));
        ModelError xil = FpgaModelErrors.of(FpgaCostModel.yosys().estimate(INT8_MAC, part("xcvu9p"), true));
        assertEquals(11, ice.rows());
        assertEquals(22, xil.rows());
        assertEquals(13.6, Math.max(ice.maxPct(), xil.maxPct()), 0.05);
        assertTrue(ice.basis().contains("iCE40") && xil.basis().contains("UltraScale+"));
    }

    @Test
    void vivadoErrorIsItsHeldOutPublishedRows() {
        // docs/cost-models.md §4.2 table: 7 integer rows held out (worst −27.3 %, the delay-optimised adder), 5 FP
        // rows (worst +46.3 %, FP32 mul)
        FpgaCostModel v = FpgaCostModel.of(Synth.VIVADO);
        ModelError i = FpgaModelErrors.of(v.estimate(OpSpec.mul(Formats.INT8, Formats.INT8), part("xcvu9p"), false));
        ModelError f = FpgaModelErrors.of(v.estimate(OpSpec.add(Formats.FP16, Formats.FP16), part("xcvu9p"), false));
        assertEquals(7, i.rows());
        assertEquals(27.3, i.maxPct(), 0.05);
        assertEquals(5, f.rows());
        assertEquals(46.3, f.maxPct(), 0.05);
        // a MAC Vivado puts in one DSP, and the Yosys per-circuit layer, are said to be unmeasured
        assertFalse(FpgaModelErrors.of(v.estimate(INT8_MAC, part("xcvu9p"), true)).measured());
        assertFalse(FpgaModelErrors.of(FpgaCostModel.yosys().estimate(OpSpec.add(Formats.FP16, Formats.FP16),
                part("xcvu9p"), false)).measured());
    }
}
