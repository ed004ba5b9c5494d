package io.qdse.simulator.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.TensorCoreGpu;
import io.qdse.simulator.arch.io.ArchFiles;
import org.junit.jupiter.api.Test;

class GpuPresetsTest {

    @Test
    void datasheetPeaksComeOutOfTheModelsParameters() {
        // NVIDIA's dense figures: A100 FP16 312 TFLOPS, H100 SXM FP8 1979 TFLOPS, V100 FP16 125 TFLOPS
        Checks.near(GpuPresets.a100Sxm4_80().peakTeraOps(MmaType.FP16), 312, 0.5, "GpuPresets.a100Sxm4_80().peakTeraOps(MmaType.FP16)");
        Checks.near(GpuPresets.h100Sxm5().peakTeraOps(MmaType.FP8), 1979, 1.0, "GpuPresets.h100Sxm5().peakTeraOps(MmaType.FP8)");
        Checks.near(GpuPresets.v100Sxm2().peakTeraOps(MmaType.FP16), 125, 0.5, "GpuPresets.v100Sxm2().peakTeraOps(MmaType.FP16)");
        // and the others the datasheets list
        Checks.near(GpuPresets.a100Sxm4_40().peakTeraOps(MmaType.INT8), 624, 1.0, "GpuPresets.a100Sxm4_40().peakTeraOps(MmaType.INT8)");
        Checks.near(GpuPresets.a100Pcie80().peakTeraOps(MmaType.TF32), 156, 0.5, "GpuPresets.a100Pcie80().peakTeraOps(MmaType.TF32)");
        Checks.near(GpuPresets.h100Sxm5().peakTeraOps(MmaType.BF16), 989.4, 1.0, "GpuPresets.h100Sxm5().peakTeraOps(MmaType.BF16)");
        Checks.near(GpuPresets.h100Pcie().peakTeraOps(MmaType.FP8), 1513, 2.0, "GpuPresets.h100Pcie().peakTeraOps(MmaType.FP8)");
        Checks.near(GpuPresets.h200().peakTeraOps(MmaType.FP8), 1979, 1.0, "GpuPresets.h200().peakTeraOps(MmaType.FP8)");
        Checks.near(GpuPresets.v100Sxm2().peakTeraOps(MmaType.DP4A), 62.7, 0.2, "GpuPresets.v100Sxm2().peakTeraOps(MmaType.DP4A)");
    }

    @Test
    void everyPresetSourcesEveryFigure() {
        for (String n : GpuPresets.names()) {
            GpuSpec g = GpuPresets.get(n, "x");
            for (String f : GpuSpec.SOURCED) {
                assertTrue(g.sources().containsKey(f), n + " " + f);
                assertFalse(g.sources().get(f).isBlank(), n + " " + f);
            }
            assertEquals(n, g.name());
        }
        assertEquals(java.util.List.of("v100-sxm2", "a100-sxm4-40gb", "a100-sxm4-80gb",
                "a100-pcie-80gb", "h100-sxm5", "h100-pcie", "h200"), new java.util.ArrayList<>(GpuPresets.names()));
    }

    @Test
    void typesAGpuLacksAreAbsent() {
        assertFalse(GpuPresets.v100Sxm2().supports(MmaType.INT8));
        assertFalse(GpuPresets.v100Sxm2().supports(MmaType.BF16));
        assertFalse(GpuPresets.a100Sxm4_80().supports(MmaType.FP8));
        assertFalse(GpuPresets.h100Sxm5().supports(MmaType.INT4));
        assertFalse(GpuPresets.h100Sxm5().supports(MmaType.B1));
        assertTrue(GpuPresets.a100Sxm4_80().supports(MmaType.B1));
    }

    @Test
    void presetsResolveByNameAndUnknownGpusNameTheField() {
        Accelerator a = ArchFiles.resolve("gpu:a100-sxm4-80gb");
        assertTrue(a instanceof TensorCoreGpu);
        assertEquals("gpu", a.kind());
        assertEquals("gpu:a100-sxm4-80gb", a.name());
        assertEquals(432, a.computeUnits());
        assertTrue(Presets.isPreset("gpu:h100-sxm5"));
        Checks.mentions(assertThrows(InvalidInputException.class, () -> ArchFiles.resolve("gpu:b200")).getMessage(), "--arch", "gpu:b200", "gpu:h100-sxm5");
    }
}
