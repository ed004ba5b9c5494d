package io.qdse.hwmodels.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.hwmodels.quant.QuantizationResult;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.SyntheticWeights;
import io.qdse.hwmodels.quant.TensorQuantizer;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatSurveyTest {
    @Test
    void syntheticWeightsAreSeededGaussiansWithOutliers() {
        double[] a = SyntheticWeights.gaussianWithOutliers(64, 256, 42);
        assertArrayEquals(a, SyntheticWeights.gaussianWithOutliers(64, 256, 42));
        assertNotEquals(a[0], SyntheticWeights.gaussianWithOutliers(64, 256, 43)[0]);
        double ss = 0;
        double max = 0;
        for (double v : a) {
            ss += v * v;
            max = Math.max(max, Math.abs(v));
        }
        double rms = Math.sqrt(ss / a.length);
        assertTrue(rms > 0.02 && rms < 0.03, "sigma 0.02 plus outliers: " + rms);
        assertTrue(max > 0.15, "outliers x10 reach beyond 7 sigma: " + max);
    }

    @Test
    void scalingAndAccumulatorFollowTheFormat() {
        assertEquals(Granularity.PER_CHANNEL, FormatSurvey.naturalScaling(Formats.parse("int8")).granularity());
        assertEquals(QuantizationSpec.of(Formats.parse("mxfp4")), FormatSurvey.naturalScaling(Formats.parse("mxfp4")));
        assertEquals(FixedPointAccumulator.integer(32), FormatSurvey.defaultAccumulator(Formats.parse("int4")));
        assertEquals(new FloatAccumulator(Formats.FP32, true), FormatSurvey.defaultAccumulator(Formats.parse(
                "fp8_e4m3")));
        assertEquals(new FloatAccumulator(Formats.FP32, true), FormatSurvey.defaultAccumulator(Formats.parse(
                "mxfp4")));
    }

    @Test
    void aProfileIsTheQuantizerAndTheCostModelsOnTheSameOp() {
        int rows = 16;
        int cols = 64;
        double[] w = SyntheticWeights.gaussianWithOutliers(rows, cols, 7);
        NumberFormat f = Formats.parse("fp8_e4m3");
        FpgaPart part = (FpgaPart) Targets.parse("fpga:ice40-hx8k", "t");
        FormatSurvey.Profile p = FormatSurvey.profile(f, w, rows, cols, List.of(AsicTechnology.of(45),
                AsicTechnology.of(7)), List.of(part));
        QuantizationResult direct = TensorQuantizer.quantize(w, new int[] {rows, cols},
                QuantizationSpec.of(f).withGranularity(Granularity.PER_CHANNEL, 0, 1));
        assertEquals(direct.mse(), p.error().mse());
        assertEquals("per channel", p.scaling());
        OpSpec op = OpSpec.mac(f, f, p.accumulator(), cols);
        assertEquals(AsicCostModel.standard().estimate(op, AsicTechnology.of(7)).energyPj(),
                p.asic().get(1).energyPj());
        assertTrue(p.asic().get(1).energyPj() < p.asic().get(0).energyPj(), "7 nm below 45 nm");
        assertEquals(1, p.fpga().size());
        assertEquals("per block of 32", FormatSurvey.profile(Formats.parse("mxfp4"), w, rows, cols, List.of(),
                List.of()).scaling());
    }
}
