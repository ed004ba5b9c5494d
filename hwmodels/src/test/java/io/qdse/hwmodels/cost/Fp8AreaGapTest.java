package io.qdse.hwmodels.cost;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.tech.AsicTechnology;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §5: the FP8 × FP8 MAC area over an INT8 MAC (INT32 accumulator) at 45 nm, where it stands against the
 * published 1.5–2.8× (van Baalen et al., arXiv:2303.17951, a gate-count model) and which component drives the gap.
 * docs/cost-models.md §1.1 has the comparison table; this test pins the model's ratios and the comparison's
 * conclusions, so a model change that moves them fails here and the document is revisited.
 */
class Fp8AreaGapTest {
    private static final AsicCostModel MODEL = AsicCostModel.standard();
    private static final AsicTechnology N45 = AsicTechnology.of(45);

    /** van Baalen et al.: +53 % … +183 % over INT8 with an INT32 accumulator. */
    private static final double PUBLISHED_LOW = 1.53;
    private static final double PUBLISHED_HIGH = 2.83;

    /**
     * Aladdin's function-unit table (harvard-acc/ALADDIN @8fa3ec8, common/power_func.h: a commercial 40 nm library;
     * FP units are Synopsys DesignWare, 3-stage): single-precision FP adder and 32-bit integer adder areas in µm²
     * at a 1 ns and a 6 ns clock.
     */
    private static final double ALADDIN_FP32_ADD_1NS = 4361.094;
    private static final double ALADDIN_FP32_ADD_6NS = 2063.594;
    private static final double ALADDIN_INT32_ADD_1NS = 277.9792;
    private static final double ALADDIN_INT32_ADD_6NS = 179.4430;

    private static AsicCost mac(String a, String acc) {
        ScalarFormat f = (ScalarFormat) Formats.parse(a);
        OpSpec op = OpSpec.mac(f, f, acc.equals("kulisch") ? FixedPointAccumulator.kulisch(f, f, 4096)
                : acc.startsWith("int") ? FixedPointAccumulator.integer(Integer.parseInt(acc.substring(3)))
                : new FloatAccumulator((MinifloatFormat) Formats.parse(acc), true), 4096);
        return MODEL.estimate(op, N45);
    }

    private static double area(AsicCost c, String prefix) {
        return c.breakdown().stream().filter(b -> b.block().startsWith(prefix))
                .mapToDouble(AsicCost.BlockCost::areaUm2).sum();
    }

    /** Area of the accumulating adder alone: every "accumulator …" block but the register. */
    private static double accumulatorAdder(AsicCost c) {
        return area(c, "accumulator") - area(c, "accumulator register");
    }

    @Test
    void ratiosStayWhereTheDocumentPutsThem() {
        double int8 = mac("int8", "int32").areaUm2();
        double kulisch = mac("fp8_e4m3", "kulisch").areaUm2() / int8;
        double fp16 = mac("fp8_e4m3", "fp16").areaUm2() / int8;
        double fp32 = mac("fp8_e4m3", "fp32").areaUm2() / int8;
        System.out.printf("FP8 E4M3 MAC area / INT8 MAC: kulisch %.2f, fp16 %.2f, fp32 %.2f (published %.2f-%.2f)%n",
                kulisch, fp16, fp32, PUBLISHED_LOW, PUBLISHED_HIGH);
        // docs/cost-models.md §1.1: 2.9x, 3.0x, 8.4x; a change beyond ±0.3x means the table there is stale
        assertTrue(Math.abs(kulisch - 2.9) <= 0.3, "kulisch " + kulisch);
        assertTrue(Math.abs(fp16 - 3.0) <= 0.3, "fp16 " + fp16);
        assertTrue(Math.abs(fp32 - 8.4) <= 0.3, "fp32 " + fp32);
        // exact and FP16 accumulation sit just above the published band, FP32 accumulation far outside it
        assertTrue(kulisch > PUBLISHED_HIGH && kulisch < 1.1 * PUBLISHED_HIGH, "kulisch within 10 % of the band");
        assertTrue(fp16 > PUBLISHED_HIGH && fp16 < 1.1 * PUBLISHED_HIGH, "fp16 within 10 % of the band");
        assertTrue(fp32 > 2.5 * PUBLISHED_HIGH, "fp32 accumulation stays far outside");
    }

    @Test
    void theFp32AccumulatorAddersShiftersDriveTheGap() {
        AsicCost fp8 = mac("fp8_e4m3", "fp32");
        double adder = accumulatorAdder(fp8);
        double shifters = area(fp8, "accumulator alignment shifter") + area(fp8, "accumulator normalisation shifter");
        System.out.printf("FP8 MAC (fp32 acc) %.0f um2: FP32 accumulator adder %.0f (%.0f %%), its two shifters %.0f"
                + " (%.0f %%)%n", fp8.areaUm2(), adder, 100 * adder / fp8.areaUm2(), shifters,
                100 * shifters / fp8.areaUm2());
        assertTrue(adder / fp8.areaUm2() > 0.85, "the FP32 adder is most of the MAC");
        assertTrue(shifters / fp8.areaUm2() > 0.75, "and its two w^2 shifters most of that");
        // the adder inside the MAC is a whole FP32 adder: within 5 % of the standalone one (Horowitz's 4184 um2 row)
        double standalone = MODEL.estimate(OpSpec.add(Formats.FP32, Formats.FP32), N45).areaUm2();
        assertTrue(Math.abs(adder / standalone - 1) < 0.05, adder + " vs " + standalone);
    }

    @Test
    void theGapSurvivesAdderAreasFromAnotherSynthesis() {
        // Our FP32 adder (Horowitz's row) is within 10 % of Aladdin's DesignWare FP32 adder at 1 ns, so the FP32 adder
        // is not an outlier of one table; Horowitz's 32-bit integer adder is half of Aladdin's at 1 ns.
        double ours = MODEL.estimate(OpSpec.add(Formats.FP32, Formats.FP32), N45).areaUm2();
        assertTrue(Math.abs(ours / ALADDIN_FP32_ADD_1NS - 1) < 0.10, "fp32 add " + ours);
        // Swap both MACs' accumulating adders for Aladdin's (same library, same clock): the ratio falls but stays
        // outside the published band at either clock.
        AsicCost fp8 = mac("fp8_e4m3", "fp32");
        AsicCost int8 = mac("int8", "int32");
        double fp8Rest = fp8.areaUm2() - accumulatorAdder(fp8);
        double int8Rest = int8.areaUm2() - accumulatorAdder(int8);
        double fast = (fp8Rest + ALADDIN_FP32_ADD_1NS) / (int8Rest + ALADDIN_INT32_ADD_1NS);
        double relaxed = (fp8Rest + ALADDIN_FP32_ADD_6NS) / (int8Rest + ALADDIN_INT32_ADD_6NS);
        System.out.printf("FP8/INT8 MAC area with Aladdin's adders: %.2f (1 ns), %.2f (6 ns)%n", fast, relaxed);
        assertTrue(relaxed > PUBLISHED_HIGH && fast > relaxed, fast + " / " + relaxed);
        // docs/cost-models.md §1.1 quotes 6.8x and 4.1x
        assertTrue(Math.abs(fast - 6.8) <= 0.2 && Math.abs(relaxed - 4.1) <= 0.2, fast + " / " + relaxed);
    }
}
