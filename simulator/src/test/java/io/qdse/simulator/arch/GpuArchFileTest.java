package io.qdse.simulator.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.arch.io.ArchFiles;
import io.qdse.simulator.gpu.GemmPath;
import io.qdse.simulator.gpu.GpuKernelModel;
import io.qdse.simulator.gpu.GpuPresets;
import io.qdse.simulator.gpu.GpuSpec;
import io.qdse.simulator.gpu.MmaType;
import io.qdse.simulator.workload.OpKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU architecture files ({@code kind: gpu}, io.qdse.simulator.arch.io.GpuFiles): every preset field, validated. */
class GpuArchFileTest {

    /** A preset written out field by field, as a user would copy it from docs/gpu.md's table. */
    static String written(GpuSpec g) {
        StringBuilder rates = new StringBuilder();
        for (Map.Entry<MmaType, Integer> e : g.macsPerClkPerSm().entrySet()) {
            rates.append(rates.length() == 0 ? "" : ", ").append(e.getKey().key()).append(": ").append(e.getValue());
        }
        return String.format(Locale.ROOT, "kind: gpu\nname: my-%s\narch: %s\nsms: %d\nclock_mhz: %s\n"
                        + "tensor_cores_per_sm: %d\nmacs_per_clk_per_sm: {%s}\nfp32_lanes_per_sm: %d\n"
                        + "smem_per_sm_kib: %d\nreg_file_kib: %d\nl2_mib: %s\nl2_bytes_per_clk: %s\n"
                        + "dram: {type: %s, bandwidth_gbs: %s}\ndie_area_mm2: %s\nnode_nm: %s\nfp32_acc_half_rate: %s\n",
                g.name(), g.arch().sm(), g.sms(), g.clockMhz(), g.tensorCoresPerSm(), rates, g.fp32LanesPerSm(),
                g.smemPerSmKib(), g.regFileKib(), g.l2Mib(), g.l2BytesPerClk(), g.dram().key(), g.hbmGBs(),
                g.dieAreaMm2(), g.nodeNm(), g.fp32AccHalfRate());
    }

    static double micros(GpuSpec g, String formats, long m, long n, long k) {
        LayerFormats f = FormatsSpec.parse(formats, "t", Presets.gpuFormats());
        return new GpuKernelModel().best(g, GemmPath.of(g, f, OpKind.LINEAR, "t"), m, n, k, 1).latencyUs();
    }

    @Test
    void aPresetWrittenOutFieldByFieldIsThatGpu(@TempDir Path dir) throws Exception {
        for (String name : GpuPresets.names()) {
            GpuSpec preset = GpuPresets.get(name, "t");
            Path file = Files.writeString(dir.resolve(name + ".yaml"), written(preset));
            Accelerator a = ArchFiles.resolve(file.toString());
            GpuSpec g = ((TensorCoreGpu) a).spec();
            assertEquals("gpu:my-" + name, a.name());
            for (MmaType t : MmaType.values()) {
                assertEquals(preset.peakTeraOps(t), g.peakTeraOps(t), 1e-9, name + " " + t);
            }
            assertEquals(micros(preset, "w=fp16,a=fp16", 4096, 4096, 4096), micros(g, "w=fp16,a=fp16", 4096, 4096,
                    4096), 1e-9, name);
            assertEquals(micros(preset, "w=int4/b128/fp16,a=fp16", 1, 28672, 8192), micros(g,
                    "w=int4/b128/fp16,a=fp16", 1, 28672, 8192), 1e-9, name);
            assertTrue(g.sources().get("sms").contains(file.toString()), "a written figure's source is the file: "
                    + g.sources().get("sms"));
        }
    }

    @Test
    void aPresetWithFieldsOverItChangesOnlyThose(@TempDir Path dir) throws Exception {
        // H200 is H100 SXM5's compute with 4.8 TB/s HBM (GpuPresets.h200): the what-if H100 must time GEMMs as it does
        Path file = Files.writeString(dir.resolve("h.yaml"), "kind: gpu\nbase: gpu:h100-sxm5\nname: h100-4800\n"
                + "dram: {bandwidth_gbs: 4800}\nsources: {dram.bandwidth_gbs: \"what-if: H200's HBM\"}\n");
        GpuSpec g = ((TensorCoreGpu) ArchFiles.resolve(file.toString())).spec();
        GpuSpec h200 = GpuPresets.h200();
        GpuSpec h100 = GpuPresets.h100Sxm5();
        for (long m : new long[] {1, 64, 4096}) {
            assertEquals(micros(h200, "w=fp16,a=fp16", m, 14336, 4096), micros(g, "w=fp16,a=fp16", m, 14336, 4096),
                    1e-9, "M = " + m);
        }
        assertTrue(micros(g, "w=fp16,a=fp16", 1, 14336, 4096) < micros(h100, "w=fp16,a=fp16", 1, 14336, 4096) / 1.3,
                "a skinny GEMM streams weights: faster with 4800 than 3350 GB/s");
        assertEquals("what-if: H200's HBM", g.sources().get("hbmGBs"));
        assertEquals(h100.sources().get("sms"), g.sources().get("sms"), "untouched figures keep the preset's source");
        assertTrue(g.displayName().contains("dram.bandwidth_gbs changed"), g.displayName());
        // the base alone: the preset (`kind` may be left out when base names a GPU)
        Path plain = Files.writeString(dir.resolve("p.yaml"), "base: gpu:a100-sxm4-80gb\nformats: w=bf16,a=bf16\n");
        TensorCoreGpu a = (TensorCoreGpu) ArchFiles.resolve(plain.toString());
        assertEquals("gpu:a100-sxm4-80gb", a.name());
        assertEquals(GpuPresets.a100Sxm4_80().describe(), a.spec().describe());
        assertTrue(a.formats().weight().name().contains("bf16"), a.formats().toString());
    }

    @Test
    void badFieldsAreReportedTogetherWithTheirPaths(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "kind: gpu\nbase: gpu:h100-sxm5\nsms: 0\n"
                + "clock_mhz: 9000\narch: pascal\nmacs_per_clk_per_sm: {fp17: 4, fp16: -1}\ndram: hbm3\n"
                + "l2_mib: big\nfp32_acc_half_rate: 2\nrows: 4\nsources: {colour: x}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ArchFiles.resolve(file.toString()));
        for (String path : new String[] {"arch.sms", "arch.clock_mhz", "arch.arch", "arch.macs_per_clk_per_sm.fp17",
            "arch.macs_per_clk_per_sm.fp16", "arch.dram", "arch.l2_mib", "arch.fp32_acc_half_rate", "arch.rows",
            "arch.sources.colour", "pascal", "9000"}) {
            assertTrue(e.getMessage().contains(path), path + " in: " + e.getMessage());
        }
        String[][] single = {
            {"kind: gpu\nsms: 100\n", "missing arch, clock_mhz"},
            {"kind: gpu\nbase: gpu:h300\n", "arch.base"},
            {"kind: systolic\nbase: gpu:h100-sxm5\n", "arch.base"},
            {"kind: gpu\nbase: gpu:v100-sxm2\nformats: w=bf16,a=bf16\n", "arch.formats"},
            {"kind: gpu\nbase: gpu:a100-sxm4-80gb\ndram: {type: hbm9}\n", "arch.dram.type"},
            {"kind: gpu\nbase: gpu:a100-sxm4-80gb\ndram: {bandwidth_gbs: 0}\n", "arch.dram.bandwidth_gbs"},
        };
        for (String[] c : single) {
            Path f = Files.writeString(dir.resolve("one.yaml"), c[0]);
            InvalidInputException x = assertThrows(InvalidInputException.class, () -> ArchFiles.resolve(f.toString()),
                    c[0]);
            assertTrue(x.getMessage().contains(c[1]), c[1] + " in: " + x.getMessage());
        }
    }
}
