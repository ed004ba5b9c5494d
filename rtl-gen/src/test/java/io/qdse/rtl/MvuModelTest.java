package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.simulator.engine.FpgaDataflowEngine;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dataflow engine's estimate of a matrix-vector unit against the committed Yosys synthesis of rtl-gen's units
 * ({@code mvu_synthesis.csv}, made by {@code qdse rtl mvu-sweep}); no Yosys needed, a few seconds. The engine's LUT
 * coefficients are what the fit set gives, every held-out configuration is within 15 % of Yosys in LUTs (one named
 * exception, {@link #KNOWN_MISSES}), and DSP and block-RAM counts equal Yosys'.
 */
class MvuModelTest {
    static final double HELD_OUT_LUT_LIMIT_PCT = 15;
    /**
     * Counted flip-flops (not fitted) against Yosys on every row, fit and held out: the fold counters, pipeline
     * flags and the registers after the threshold ROM (one per distinct non-constant bit column) counted
     * structurally; worst measured +9.4 % (f05 xilinx_nodsp), held out +6.1 % (h11).
     */
    static final double FF_LIMIT_PCT = 10;

    /**
     * Held-out rows outside 15 %, each with the bound it must stay within (docs/rtl.md says why): the smallest unit of
     * the sweep on UltraScale+, where ABC's mapping of the accumulation logic varies by a quarter between units of the
     * same structure (two int2 PE 8 × SIMD 2 units with 2 and 4 output folds: 348 and 280 LUTs of control and adders).
     */
    static final Map<String, Double> KNOWN_MISSES = Map.of("h02/xilinx_nodsp", 25.0);

    @Test
    void everyConfigurationOfTheSweepIsMeasuredOnEachOfItsFlows() {
        List<MvuSynthesis.Row> rows = MvuSynthesis.committed();
        Set<String> seen = new HashSet<>();
        for (MvuSynthesis.Row r : rows) {
            assertTrue(seen.add(r.config().id() + "/" + r.flow()), "duplicate row " + r.config().id() + " " + r.flow());
            assertTrue(r.yosys().startsWith("Yosys "), r.yosys());
        }
        for (MvuSynthesis.Config c : MvuSynthesis.sweep()) {
            for (Synthesis.Target t : c.targets()) {
                assertTrue(seen.contains(c.id() + "/" + t.key), "no measurement of " + c.id() + " on " + t.key);
            }
        }
        assertEquals(seen.size(), rows.size());
    }

    @Test
    void theEnginesCoefficientsAreTheFitOfTheFitSet() {
        Map<String, double[]> fit = MvuSynthesis.fit(MvuSynthesis.committed());
        assertEquals(FpgaDataflowEngine.LUT_COEFFICIENTS.keySet(), fit.keySet());
        for (Map.Entry<String, double[]> e : fit.entrySet()) {
            assertArrayEquals(e.getValue(), FpgaDataflowEngine.LUT_COEFFICIENTS.get(e.getKey()), 5e-4,
                    e.getKey() + ": refit " + java.util.Arrays.toString(e.getValue()));
        }
    }

    @Test
    void heldOutUnitsAreWithinFifteenPercentOfYosys() {
        StringBuilder report = new StringBuilder();
        double worst = 0;
        int heldOut = 0;
        double worstFf = 0;
        java.util.List<Double> heldOutFf = new java.util.ArrayList<>();
        for (MvuSynthesis.Residual r : MvuSynthesis.residuals(MvuSynthesis.committed())) {
            MvuSynthesis.Row row = r.row();
            assertTrue(r.model() != null, row.config().id() + ": the engine costs every unit of the sweep");
            report.append(String.format(Locale.ROOT, "%s %-12s %-44s LUT %6d model %8.1f %+6.1f %%  FF %5d model %7.1f "
                            + "%+6.1f %%%n", row.config().id(), row.flow(), row.config().design().slug(), row.allLuts(),
                    r.model()[0], r.lutErrorPct(), row.ffs(), r.model()[1], r.ffErrorPct()));
            assertEquals(row.dsps(), r.model()[2], 1e-9, row.config().id() + " " + row.flow() + ": DSP blocks");
            assertEquals(row.brams(), r.model()[3], 1e-9, row.config().id() + " " + row.flow() + ": block RAMs");
            worstFf = Math.max(worstFf, Math.abs(r.ffErrorPct()));
            if (row.config().heldOut()) {
                heldOutFf.add(Math.abs(r.ffErrorPct()));
                heldOut++;
                Double known = KNOWN_MISSES.get(row.config().id() + "/" + row.flow());
                if (known != null) {
                    assertTrue(Math.abs(r.lutErrorPct()) <= known, row.config().id() + " " + row.flow() + ": "
                            + r.lutErrorPct() + " % (documented bound " + known + " %)");
                } else {
                    worst = Math.max(worst, Math.abs(r.lutErrorPct()));
                }
            }
        }
        java.util.Collections.sort(heldOutFf);
        report.append(String.format(Locale.ROOT, "held-out FF error median %.1f %%, worst %.1f %%; all rows worst "
                + "%.1f %%%n", heldOutFf.get(heldOutFf.size() / 2), heldOutFf.get(heldOutFf.size() - 1), worstFf));
        System.out.print(report);
        assertTrue(heldOut >= 30, "held-out rows: " + heldOut);
        assertTrue(worstFf <= FF_LIMIT_PCT, String.format(Locale.ROOT, "worst FF error %.1f %%%n%s", worstFf,
                report));
        assertTrue(worst <= HELD_OUT_LUT_LIMIT_PCT, String.format(Locale.ROOT, "worst held-out LUT error %.1f %%%n%s",
                worst, report));
    }

    /**
     * A unit whose thresholds have too many output folds for a ROM in logic: Yosys puts the threshold ROM in block
     * RAM (its fold register moved onto the data), and the engine charges its EBRs and one LUT per comparator bit,
     * not also the ROM's logic (that double count was the alexa tail's +129 % on iCE40, docs/fpga.md). Measured
     * (Yosys 0.23, {@code qdse rtl mvu --mw 128 --mh 128 --pe 1 --simd 2 --w int6 --a int6 --out-bits 2} with the
     * default seed 1, the shape of the alexa classifier's Gemm_3): synth_ice40 461 LUT4, 150 FFs, 29 EBR (28 with
     * the alexa weights); synth_xilinx -family xc7 -nodsp 449 LUTs + 12 RAM64X1S, 185 FFs, 3 RAMB36. The engine
     * before the fix: 1,177 LUT4 on iCE40 (+155 %).
     */
    @Test
    void thresholdsInBlockRamAreNotAlsoCountedAsRomLogic() {
        Design.Mvu d = new Design.Mvu(128, 128, 1, 2, io.qdse.hwmodels.format.IntFormat.of(6, true),
                io.qdse.hwmodels.format.IntFormat.of(6, true), 2, false, 1);
        double[] ice40 = Synthesis.mvuModel(d, Synthesis.Target.ICE40);
        assertEquals(29, ice40[3], 1e-9, "EBR: weights, input buffer and the thresholds");
        assertTrue(Math.abs(100 * (ice40[0] - 461) / 461) <= 20, "iCE40 LUTs " + ice40[0] + " vs Yosys 461");
        assertTrue(Math.abs(100 * (ice40[1] - 150) / 150) <= 10, "iCE40 FFs " + ice40[1] + " vs Yosys 150");
        double[] xc = Synthesis.mvuModel(d, Synthesis.Target.XILINX_NODSP);
        assertEquals(6, xc[3], 1e-9, "BRAM18");
        assertTrue(Math.abs(100 * (xc[0] - 461) / 461) <= 15, "Xilinx LUTs " + xc[0] + " vs Yosys 461");
        assertTrue(Math.abs(100 * (xc[1] - 185) / 185) <= 10, "Xilinx FFs " + xc[1] + " vs Yosys 185");
    }
}
