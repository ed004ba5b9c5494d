package io.qdse.simulator.fpga.finn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.fpga.finn.FinnNode.Impl;
import io.qdse.simulator.fpga.finn.FinnNode.MemMode;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;
import io.qdse.simulator.fpga.finn.FinnNode.ResType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Worked examples of the API, the version differences they show, and the inputs it refuses. */
class FinnEstimatesTest {

    /**
     * FINN-R's MVAU on a 576×64 binary layer, PE 8, SIMD 16, embedded weights: 288 cycles; weights 288 deep and 128
     * bits wide, so ceil(288/512)·ceil(128/36) = 4 BRAM18 — and, FINN's quirk for embedded weights deeper than 128,
     * also ceil(128/72)·ceil(288/4096) = 2 URAMs. LUTs: multipliers 16·(2·ceil(2/6) − 1)·2 = 32, adder tree 2·31 = 62,
     * accumulator 1 + 1 + ceil(log2 576) = 12 bits in v0.8 → 300 + 1.1·8·106 = 1232; since v0.10 the accumulator is
     * bounded by ceil(α + log2(1 + 2^−α) + 1) = 11 with α = log2 576 + 1 + 1 − 1 − 1 (bipolar input is signed) → 1224.
     */
    @Test
    void mvauWorkedExampleAndTheAccumulatorBoundOfV010() {
        MvauNode n = new MvauNode(Impl.HLS, 576, 64, 8, 16, FinnDataType.BIPOLAR, FinnDataType.BIPOLAR,
                FinnDataType.intType(32), FinnDataType.intType(32), true, List.of(1), MemMode.EMBEDDED, RamStyle.AUTO,
                RamStyle.AUTO, ResType.LUT, "");
        FinnNodeEstimate old = FinnEstimates.mvau(FinnVersion.V0_8, n);
        assertEquals(new FinnNodeEstimate(288, 1232, 4, 2, 0, 0.5, 0.0625), old);
        assertEquals(old, FinnEstimates.mvau(FinnVersion.V0_8_1, n));
        assertEquals(old, FinnEstimates.mvau(FinnVersion.V0_9, n));
        assertEquals(1224, FinnEstimates.mvau(FinnVersion.CURRENT, n).luts());
        assertEquals(288, n.wmem());
    }

    /** The RTL MVAU's DSPs follow the part's DSP slice: ceil(PE/4)·SIMD on DSP48, PE·ceil(SIMD/3) on DSP58. */
    @Test
    void rtlMvauDspsDependOnThePart() {
        MvauNode n = MvauNode.of(192, 64, 32, 4, FinnDataType.uintType(8), FinnDataType.intType(8),
                FinnDataType.intType(22)).withAccumulator(true, FinnDataType.intType(22));
        assertEquals(32, FinnEstimates.mvau(FinnVersion.CURRENT, n.withImpl(Impl.RTL, "xczu7ev-ffvc1156-2-e")).dsps());
        assertEquals(32, FinnEstimates.mvau(FinnVersion.CURRENT, n.withImpl(Impl.RTL, "xc7z020clg400-1")).dsps());
        assertEquals(64, FinnEstimates.mvau(FinnVersion.CURRENT,
                n.withImpl(Impl.RTL, "xcvc1902-vsva2197-2MP-e-S")).dsps());
        assertEquals(0.0, FinnEstimates.mvau(FinnVersion.CURRENT, n.withImpl(Impl.RTL, "xczu3eg")).luts());
    }

    /** The per-node dispatch from ONNX attributes: one of the published RadioFINN nodes, by hand. */
    @Test
    void estimateFromOnnxAttributes() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("MW", 6);
        attrs.put("MH", 64);
        attrs.put("PE", 1);
        attrs.put("SIMD", 6);
        attrs.put("inputDataType", "INT8");
        attrs.put("weightDataType", "INT8");
        attrs.put("outputDataType", "INT17");
        attrs.put("accDataType", "INT17");
        attrs.put("noActivation", 1);
        attrs.put("numInputVectors", List.of(1, 1024, 1));
        // 64·1·1024 cycles; 64-deep, 48-bit memory: ceil(64/512)·ceil(48/36) = 2 BRAM18 holding 8·6·64 of 2·18432
        // bits; DSP48E2: ceil(1/4)·6 = 6
        FinnNodeEstimate e = FinnEstimates.estimate(FinnVersion.CURRENT, "MVAU_rtl", attrs, "xczu7ev-ffvc1156-2-e");
        assertEquals(new FinnNodeEstimate(65536, 0, 2, 0, 6, 3072.0 / 36864, 1), e);
    }

    @Test
    void versionsAndPartsParse() {
        assertEquals(FinnVersion.V0_8, FinnVersion.parse("v0.8"));
        assertEquals(FinnVersion.V0_8_1, FinnVersion.parse("0.8.1"));
        assertEquals(FinnVersion.CURRENT, FinnVersion.parse("39f0c9a"));
        assertEquals(FinnVersion.CURRENT, FinnVersion.parse("current"));
        assertEquals(FinnVersion.CURRENT, FinnVersion.parse("v0.10.1"));
        assertEquals(FinnDspBlock.DSP48E1, FinnDspBlock.ofPart("xc7z020clg400-1"));
        assertEquals(FinnDspBlock.DSP48E2, FinnDspBlock.ofPart("xcu250-figd2104-2L-e"));
        assertEquals(FinnDspBlock.DSP58, FinnDspBlock.ofPart("xqrvc1902"));
        assertEquals(new FinnDataType("BINARY", 1, false), FinnDataType.parse("UINT1"));
        assertEquals(new FinnDataType("FIXED<8,4>", 8, true), FinnDataType.parse("fixed<8, 4>"));
        assertTrue(FinnDataType.parse("BIPOLAR").signed());
    }

    /** Each bad input is refused naming the field FINN calls it by. */
    @Test
    void badInputsNameTheField() {
        Map<String, Object> mvau = new LinkedHashMap<>(Map.of("MW", 64, "MH", 10, "PE", 4, "SIMD", 8,
                "inputDataType", "UINT4", "weightDataType", "INT4", "outputDataType", "UINT4"));
        refused("PE", () -> FinnNodes.fromAttributes(FinnVersion.CURRENT, "MVAU_hls", mvau, ""));
        mvau.put("PE", 5);
        refused("MVAU impl", () -> FinnEstimates.estimate(FinnVersion.V0_9, "MVAU_rtl", mvau, "xczu3eg"));
        refused("fpga part", () -> FinnEstimates.estimate(FinnVersion.CURRENT, "MVAU_rtl", mvau, ""));
        refused("op_type", () -> FinnEstimates.estimate(FinnVersion.CURRENT, "Lookup_hls", mvau, ""));
        mvau.remove("MW");
        refused("MVAU_hls.MW", () -> FinnEstimates.estimate(FinnVersion.CURRENT, "MVAU_hls", mvau, ""));
        mvau.put("MW", 64);
        mvau.put("weightDataType", "INT0");
        refused("datatype", () -> FinnEstimates.estimate(FinnVersion.CURRENT, "MVAU_hls", mvau, ""));
        refused("finn version", () -> FinnVersion.parse("v0.7"));
        VvauNode vvau = new VvauNode(Impl.HLS, 64, 3, 3, 8, 8, 8, 3, FinnDataType.uintType(4), FinnDataType.intType(4),
                FinnDataType.uintType(4), FinnDataType.intType(32), false, MemMode.DECOUPLED, RamStyle.AUTO,
                ResType.AUTO);
        refused("SIMD", () -> FinnEstimates.vvau(FinnVersion.V0_9, vvau));
        refused("mem_mode", () -> new ThresholdingNode(Impl.HLS, 64, 4, 15, FinnDataType.intType(16),
                FinnDataType.intType(16), FinnDataType.uintType(4), List.of(1), MemMode.EXTERNAL,
                RamStyle.DISTRIBUTED, 0, 0, false));
        SwgNode tooBig = new SwgNode(Impl.RTL, 8, 2, 2, 1, 1, 3, 3, 1, 1, 1, 1, 8, FinnDataType.uintType(4), false,
                RamStyle.AUTO, false, false, 1);
        refused("ConvKernelDim", () -> FinnEstimates.swg(FinnVersion.CURRENT, tooBig));
        refused("ConvolutionInputGenerator impl", () -> FinnEstimates.swg(FinnVersion.V0_8_1, tooBig));
    }

    private static void refused(String field, Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertEquals(field, e.field(), e.getMessage());
    }
}
