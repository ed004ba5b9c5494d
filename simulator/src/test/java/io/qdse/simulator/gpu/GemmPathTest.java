package io.qdse.simulator.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.workload.OpKind;
import org.junit.jupiter.api.Test;

class GemmPathTest {
    private static GemmPath path(GpuSpec g, String formats) {
        LayerFormats base = Presets.gpu("gpu:" + g.name(), "x").formats();
        return GemmPath.of(g, FormatsSpec.parse(formats, "--formats", base), OpKind.LINEAR, "--formats");
    }

    @Test
    void nativeTypesRunAsTheirMma() {
        assertEquals(MmaType.FP8, path(GpuPresets.h100Sxm5(), "w=fp8_e4m3,a=fp8_e4m3,acc=fp32").mma());
        assertEquals(MmaType.INT8, path(GpuPresets.a100Sxm4_80(), "w=int8,a=int8,acc=int32").mma());
        assertEquals(MmaType.INT4, path(GpuPresets.a100Sxm4_80(), "w=int4,a=int4,acc=int32").mma());
        assertEquals(GemmPath.Kind.NATIVE, path(GpuPresets.a100Sxm4_80(), "w=bf16,a=bf16,acc=fp32").kind());
        GemmPath tf32 = path(GpuPresets.a100Sxm4_80(), "w=fp32,a=fp32,acc=fp32");
        assertEquals(MmaType.TF32, tf32.mma());
        Checks.anyMentions(tf32.notes(), "TF32");
    }

    @Test
    void typesAGpuLacksFallBackAndSaySo() {
        GemmPath fp8OnA100 = path(GpuPresets.a100Sxm4_80(), "w=fp8_e4m3,a=fp8_e4m3,acc=fp32");
        assertEquals(MmaType.FP16, fp8OnA100.mma());
        assertEquals(GemmPath.Kind.CONVERTED, fp8OnA100.kind());
        assertEquals(8.0, fp8OnA100.aStoreBits());
        Checks.anyMentions(fp8OnA100.notes(), "no FP8 tensor cores");
        GemmPath int8OnV100 = path(GpuPresets.v100Sxm2(), "w=int8,a=int8,acc=int32");
        assertEquals(MmaType.DP4A, int8OnV100.mma());
        Checks.anyMentions(int8OnV100.notes(), "dp4a");
        GemmPath int4OnH100 = path(GpuPresets.h100Sxm5(), "w=int4,a=int4,acc=int32");
        assertEquals(MmaType.INT8, int4OnH100.mma());
        Checks.anyMentions(int4OnH100.notes(), "no INT4 MMA");
        GemmPath mx = path(GpuPresets.h100Sxm5(), "w=mxfp4,a=mxfp8_e4m3,acc=fp32");
        Checks.anyMentions(mx.notes(), "block-scaled MMA");
        GemmPath fp32OnV100 = path(GpuPresets.v100Sxm2(), "w=fp32,a=fp32,acc=fp32");
        assertEquals(MmaType.FP32_SIMT, fp32OnV100.mma());
    }

    @Test
    void weightOnlyPathsKeepTheWeightsNarrow() {
        GemmPath w4 = path(GpuPresets.a100Sxm4_80(), "w=int4/b128/fp16,a=fp16,acc=fp32");
        assertEquals(GemmPath.Kind.WEIGHT_ONLY, w4.kind());
        assertEquals(MmaType.FP16, w4.mma());
        assertEquals(4.125, w4.bStoreBits());
        assertEquals(GemmPath.INT_WIDEN_OPS + GemmPath.SCALE_OPS, w4.bDequantOps());
        assertEquals(MmaType.BF16, path(GpuPresets.h100Sxm5(), "w=int8,a=bf16,acc=fp32").mma());
    }

    @Test
    void bipolarFormatsRunAsBitPlanesWhereTheGpuHasBinaryMma() {
        GemmPath p = path(GpuPresets.a100Sxm4_80(), "w=bipolar3,a=bipolar2,acc=int32");
        assertEquals(GemmPath.Kind.BIT_PLANE, p.kind());
        assertEquals(6, p.planeProducts());
        assertEquals(16384.0 / 6, p.macsPerClk(GpuPresets.a100Sxm4_80()));
        GemmPath h = path(GpuPresets.h100Sxm5(), "w=bipolar3,a=bipolar2,acc=int32");
        assertEquals(MmaType.INT8, h.mma());
        Checks.anyMentions(h.notes(), "no binary (b1) MMA rate");
    }

    @Test
    void typesWithoutAPathAreRefusedNamingTheField() {
        Checks.mentions(assertThrows(InvalidInputException.class, () -> path(GpuPresets.v100Sxm2(), "w=bf16,a=bf16,acc=fp32")).getMessage(), "--formats a", "bf16", "no bf16 MMA");
        Checks.mentions(assertThrows(InvalidInputException.class, () -> path(GpuPresets.a100Sxm4_80(), "w=int16,a=int16,acc=int32")).getMessage(), "--formats", "at most 8 bits");
        Checks.mentions(assertThrows(InvalidInputException.class, () -> path(GpuPresets.a100Sxm4_80(), "w=bipolar2,a=fp16,acc=fp32")).getMessage(), "--formats a");
        Checks.mentions(assertThrows(InvalidInputException.class, () -> path(GpuPresets.a100Sxm4_80(), "w=bf16,a=fp16,acc=fp32")).getMessage(), "--formats w");
    }
}
