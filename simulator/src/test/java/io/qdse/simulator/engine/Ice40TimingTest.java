package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.Presets;
import org.junit.jupiter.api.Test;

/** The iCE40 clock model on parts other than the HX8K it was fitted on ({@link FpgaDataflowEngine#ice40TimingNs}). */
class Ice40TimingTest {

    private static double fmax(String formats, long mw, long mh, int pe, int simd, FpgaPart p) {
        return FpgaDataflowEngine.fmaxMhz(new FpgaDataflow.Shape(false, mw, mh, 1, 1), new FpgaDataflow.Fold(pe, simd),
                FormatsSpec.parse(formats, "f", Presets.edge32x32().formats()), p);
    }

    @Test
    void everyCatalogueIce40PartHasATimingTableAndTheHx8kKeepsTheFit() {
        for (FpgaPart p : Targets.fpgaParts().values()) {
            if (p.family() == FpgaFamily.LATTICE_ICE40) {
                assertTrue(FpgaDataflowEngine.ICE40_DELAYS_PS.containsKey(p.name()), p.name());
            }
        }
        FpgaPart hx8k = (FpgaPart) Targets.parse("fpga:ice40-hx8k", "t");
        assertArrayEquals(FpgaDataflowEngine.ICE40_TIMING_NS, FpgaDataflowEngine.ice40TimingNs(hx8k), 0);
    }

    /**
     * nextpnr-ice40 0.4 on the UP5K (docs/fpga.md "The whole pipeline", steps 5 and 7): the whole alexa classifier
     * placed at 27.9 MHz (26.1 MHz with two instances renamed), critical path Gemm_1's threshold compare and hit count
     * into its output FIFO; the tail (Gemm_3 int6 PE 1 x SIMD 2, 2-bit out; Gemm_5) at 32.3 MHz, critical path
     * Gemm_3's weight read through its product. With the HX8K coefficients the model said 67 and 38 MHz.
     */
    @Test
    void up5kDesignsPlacedByNextpnrAreWithinTenPercent() {
        FpgaPart up5k = (FpgaPart) Targets.parse("fpga:ice40-up5k", "t");
        FpgaPart hx8k = (FpgaPart) Targets.parse("fpga:ice40-hx8k", "t");
        double gemm1 = fmax("w=int3,a=int3,out=int3", 1536, 128, 8, 2, up5k);
        double gemm3 = fmax("w=int4,a=int4,out=int2", 128, 128, 8, 1, up5k);
        double gemm5 = fmax("w=int3,a=int3,out=int32", 128, 1, 1, 1, up5k);
        double chain = Math.min(gemm1, Math.min(gemm3, gemm5));
        assertEquals(gemm1, chain, "Gemm_1's thresholds limit the chain, as in nextpnr's critical path");
        assertEquals(1, chain / 27.94, 0.10, "alexa on UP5K: model " + chain + " MHz vs nextpnr 27.94");
        double tail = Math.min(fmax("w=int6,a=int6,out=int2", 128, 128, 1, 2, up5k),
                fmax("w=int3,a=int3,out=int32", 128, 1, 1, 1, up5k));
        assertEquals(1, tail / 32.28, 0.10, "alexa tail on UP5K: model " + tail + " MHz vs nextpnr 32.28");
        double onHx8k = fmax("w=int3,a=int3,out=int3", 1536, 128, 8, 2, hx8k);
        assertTrue(onHx8k > 2 * gemm1, "the UP5K is more than twice as slow as the HX8K: " + onHx8k + " vs " + gemm1);
    }
}
