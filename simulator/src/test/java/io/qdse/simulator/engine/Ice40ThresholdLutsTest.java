package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.fpga.Synth;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import org.junit.jupiter.api.Test;

/** Threshold ROMs of more than 16 folds in iCE40 logic: ROM LUTs only for the varying bit columns. */
class Ice40ThresholdLutsTest {

    private static double luts(String formats, int pe, FpgaPart p) {
        LayerFormats f = FormatsSpec.parse(formats, "f", Presets.edge32x32().formats());
        return FpgaDataflowEngine.structure(new FpgaDataflow.Shape(false, 128, 128, 1, 1),
                new FpgaDataflow.Fold(pe, 1), f, p, FpgaDataflow.ResType.LUT, Synth.YOSYS).luts();
    }

    /**
     * {@code qdse rtl mvu --mw 128 --mh 128 --pe 4 --simd 1 --w int4 --a int4 --out-bits 5} (the alexa --max-util 1
     * design's Gemm_3: 31 thresholds of 15 bits, 32 folds), Yosys 0.23 {@code synth_ice40 -flatten}: 4,266 SB_LUT4
     * (docs/fpga.md "Logic cells on iCE40"); charging the ROM on every comparator bit gave 6,009 (+41 %).
     */
    @Test
    void aThirtyTwoFoldThresholdRomIsWithinTenPercentOfYosys() {
        FpgaPart up5k = (FpgaPart) Targets.parse("fpga:ice40-up5k", "t");
        double l = luts("w=int4,a=int4,out=uint5", 4, up5k);
        assertEquals(1, l / 4266, 0.10, "model " + l + " vs Yosys 4,266");
        // 16 folds (PE 8): one LUT a comparator bit as before, the ROM being a LUT4 per bit
        double pe8 = luts("w=int4,a=int4,out=uint5", 8, up5k);
        double pe8Comparators = 8 * 31 * 15;
        assertTrue(pe8 > pe8Comparators, "at least a LUT per comparator bit: " + pe8);
    }
}
