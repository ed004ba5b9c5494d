package io.qdse.simulator.gpu;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.memory.DramType;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The GPUs the tensor-core model knows, each figure with its source ({@link GpuSpec#sources()}). Per-SM MMA rates
 * marked [C] are computed as published dense peak ÷ (2 × SMs × clock), as in shared/reference/hardware-costs.md §5.1.
 * Names are the part after {@code gpu:} in {@code --arch gpu:NAME}.
 */
public final class GpuPresets {
    private GpuPresets() {
    }

    private static final String HWC = "shared/reference/hardware-costs.md §5.1";
    private static final String A100_WP = "NVIDIA A100 architecture whitepaper Table 1 (" + HWC + " [P])";
    private static final String A100_DS = "NVIDIA A100 datasheet via glennklockwood.com/garden/processors/A100 "
            + "(FP16 312, TF32 156, INT8 624, INT4 1248, INT1 4992 dense TOPS; 64 FP32 cores/SM; 1.555 TB/s 40 GB, "
            + "2.039 TB/s 80 GB) [S]";
    private static final String H100_DS = "NVIDIA H100 datasheet table as reproduced at archive-lib.hpctech.co.jp/"
            + "gpuproduct/nvidia-h100.html (SXM/PCIe: 132/114 SMs; FP16 1979/1513 and FP8 3958/3026 TFLOPS with "
            + "sparsity, half without; 3350/2000 GB/s; 50 MB L2; 228 KB smem/SM; 256 KB RF/SM) [S]";
    private static final String LLMCOMPASS = "LLMCompass (Zhang et al., ISCA'24) hardware_model/compute_module.py: "
            + "A100 L2 5120 B/clk (" + HWC.replace("5.1", "5.3") + " [P])";
    private static final String L2_SCALED = "assumed: A100's L2 bytes per SM-clock (LLMCompass, 5120 B/clk over 108 "
            + "SMs) times the SM count; no published figure found for this GPU";
    private static final String NO_HALF_RATE = "NVIDIA Hopper architecture in-depth blog table, reproduced in "
            + "forums.developer.nvidia.com/t/218102: 'FP16 Tensor with FP16 Accumulate' = 'with FP32 Accumulate' for "
            + "A100 and H100";

    /** NVIDIA Tesla V100 SXM2 (GV100). */
    public static GpuSpec v100Sxm2() {
        Map<MmaType, Integer> r = new EnumMap<>(MmaType.class);
        r.put(MmaType.FP16, 512);
        r.put(MmaType.DP4A, 256);
        r.put(MmaType.FP32_SIMT, 64);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sms", A100_WP + ", V100 column: 80 SMs");
        s.put("clockMhz", A100_WP + ", V100 column: boost 1530 MHz");
        s.put("tensorCoresPerSm", A100_WP + ", V100 column: 8 tensor cores/SM");
        s.put("macsPerClkPerSm", "FP16 512 FMA/clk/SM: V100 whitepaper (8 TCs x 64 FMA; " + HWC + " [P]) = 125 "
                + "TFLOPS; DP4A 256 = 64 lanes x 4 INT8 MACs (LLM-Viewer hardware_params.py: V100 INT8 62 TOPS, 'V100 "
                + "not support INT8 in tensor core' [P]); FP32 SIMT 64 lanes x 1 FMA");
        s.put("fp32LanesPerSm", "NVIDIA Tesla V100 whitepaper: 64 FP32 cores per SM (5,120 per GPU)");
        s.put("smemPerSmKib", A100_WP + ", V100 column: up to 96 KB");
        s.put("regFileKib", A100_WP + ": 256 KB per SM");
        s.put("l2Mib", A100_WP + ", V100 column: 6 MB");
        s.put("l2BytesPerClk", L2_SCALED);
        s.put("hbmGBs", A100_WP + ", V100 column: 900 GB/s HBM2");
        s.put("dram", "HBM2 (" + A100_WP + ")");
        s.put("dieAreaMm2", "NVIDIA Tesla V100 whitepaper: GV100 815 mm2");
        s.put("nodeNm", "TSMC 12FFN (hardwaretimes.com A100 PCIe launch table: V100 'TSMC 12nm FFN')");
        s.put("fp32AccHalfRate", "V100 whitepaper: 125 TFLOPS mixed precision (FP16 multiply, FP32 accumulate)");
        return new GpuSpec("v100-sxm2", "NVIDIA V100 SXM2", GpuArch.VOLTA, 80, 1530, 8, r, 64, 96, 256, 6,
                5120.0 / 108 * 80, 900, DramType.HBM2, 815, 12, false, s);
    }

    private static GpuSpec a100(String name, String display, double hbm, DramType dram, String hbmSource) {
        Map<MmaType, Integer> r = new EnumMap<>(MmaType.class);
        r.put(MmaType.FP16, 1024);
        r.put(MmaType.BF16, 1024);
        r.put(MmaType.TF32, 512);
        r.put(MmaType.INT8, 2048);
        r.put(MmaType.INT4, 4096);
        r.put(MmaType.B1, 16384);
        r.put(MmaType.FP32_SIMT, 64);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sms", A100_WP + ": 108 SMs");
        s.put("clockMhz", A100_WP + ": boost 1410 MHz");
        s.put("tensorCoresPerSm", A100_WP + ": 4 tensor cores/SM");
        s.put("macsPerClkPerSm", "FP16/BF16 1024 (NVIDIA Ampere in-depth blog: 4 TCs x 256 FMA, " + HWC + " [P]); "
                + "TF32 512, INT8 2048, INT4 4096, B1 16384 [C] from " + A100_DS + " (B1: 4992 TOPS / (2 x 108 x "
                + "1.41 GHz) = 16391, taken as 16384; hardware-costs.md §10 lists it as unverified there)");
        s.put("fp32LanesPerSm", A100_DS);
        s.put("smemPerSmKib", A100_WP + ": up to 164 KB");
        s.put("regFileKib", A100_WP + ": 256 KB per SM");
        s.put("l2Mib", A100_WP + ": 40 MB");
        s.put("l2BytesPerClk", LLMCOMPASS);
        s.put("hbmGBs", hbmSource);
        s.put("dram", hbmSource);
        s.put("dieAreaMm2", "A100 datasheet figures as tabulated at kanwenda.com/k/498569.html and NVIDIA A100 "
                + "whitepaper: GA100 826 mm2");
        s.put("nodeNm", "TSMC 7N (hardwaretimes.com A100 PCIe launch table)");
        s.put("fp32AccHalfRate", NO_HALF_RATE);
        return new GpuSpec(name, display, GpuArch.AMPERE, 108, 1410, 4, r, 64, 164, 256, 40, 5120, hbm, dram, 826, 7,
                false, s);
    }

    /** NVIDIA A100 SXM4 40GB (HBM2, 1555 GB/s). */
    public static GpuSpec a100Sxm4_40() {
        return a100("a100-sxm4-40gb", "NVIDIA A100 SXM4 40GB", 1555, DramType.HBM2, A100_DS + "; " + HWC
                + ": 1555 GB/s (40 GB) [P]");
    }

    /** NVIDIA A100 SXM4 80GB (HBM2e, 2039 GB/s). */
    public static GpuSpec a100Sxm4_80() {
        return a100("a100-sxm4-80gb", "NVIDIA A100 SXM4 80GB", 2039, DramType.HBM2E, A100_DS + "; " + HWC
                + ": 2039 GB/s (80 GB SXM) [P; S]");
    }

    /** NVIDIA A100 PCIe 80GB (HBM2e, 1935 GB/s, 300 W). */
    public static GpuSpec a100Pcie80() {
        return a100("a100-pcie-80gb", "NVIDIA A100 PCIe 80GB", 1935, DramType.HBM2E, "thundercompute.com/blog/"
                + "nvidia-a100-specs-full-guide, A100 spec table: PCIe 80GB 1,935 GB/s HBM2e, 300 W [S]");
    }

    private static GpuSpec hopper(String name, String display, int sms, double clock, double hbm, DramType dram,
                                  String clockSource, String hbmSource) {
        Map<MmaType, Integer> r = new EnumMap<>(MmaType.class);
        r.put(MmaType.FP16, 2048);
        r.put(MmaType.BF16, 2048);
        r.put(MmaType.TF32, 1024);
        r.put(MmaType.FP8, 4096);
        r.put(MmaType.INT8, 4096);
        r.put(MmaType.FP32_SIMT, 128);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sms", H100_DS);
        s.put("clockMhz", clockSource);
        s.put("tensorCoresPerSm", "glennklockwood.com/garden/processors/h100: 528 4th-generation tensor cores, 4 per "
                + "SM [S]");
        s.put("macsPerClkPerSm", "FP16/BF16 2048, TF32 1024, FP8 4096, INT8 4096 [C] from " + H100_DS + " (dense = "
                + "half the sparse figure) at the clock above; INT4 and binary MMA rates are not listed for Hopper "
                + "(hardware-costs.md §5.1 [U]): none here");
        s.put("fp32LanesPerSm", "glennklockwood.com/garden/processors/h100: 128 FP32 cores per SM [S]");
        s.put("smemPerSmKib", H100_DS);
        s.put("regFileKib", H100_DS);
        s.put("l2Mib", H100_DS);
        s.put("l2BytesPerClk", L2_SCALED);
        s.put("hbmGBs", hbmSource);
        s.put("dram", hbmSource);
        s.put("dieAreaMm2", "chipsandcheese.com 'Nvidia's H100: Funny L2, and Tons of Bandwidth' (2023): 814 mm2 "
                + "GH100 die");
        s.put("nodeNm", "TSMC 4N (" + H100_DS + "); the cost models' smallest node is 7 nm, used here");
        s.put("fp32AccHalfRate", NO_HALF_RATE);
        return new GpuSpec(name, display, GpuArch.HOPPER, sms, clock, 4, r, 128, 228, 256, 50, 5120.0 / 108 * sms,
                hbm, dram, 814, 7, false, s);
    }

    /** NVIDIA H100 SXM5 80GB (HBM3, 3.35 TB/s, 700 W). */
    public static GpuSpec h100Sxm5() {
        return hopper("h100-sxm5", "NVIDIA H100 SXM5 80GB", 132, 1830,
                3350, DramType.HBM3, "glennklockwood.com/garden/processors/h100: 1.83 GHz (low precision) [S]; "
                + "989.4 TFLOPS dense FP16 = 132 x 2048 x 2 x 1.83 GHz [C]", H100_DS + ": 3,350 GB/s HBM3");
    }

    /** NVIDIA H100 PCIe 80GB (HBM2e, 2.0 TB/s, 350 W). */
    public static GpuSpec h100Pcie() {
        return hopper("h100-pcie", "NVIDIA H100 PCIe 80GB", 114, 1620, 2000, DramType.HBM2E,
                "[C] 1513 / 2 TFLOPS dense FP16 (" + H100_DS + ") = 114 x 2048 x 2 x 1.62 GHz; chipsandcheese.com "
                + "measured a 1755 MHz maximum boost that drops under power limit", H100_DS + ": 2,000 GB/s HBM2e");
    }

    /** NVIDIA H200 SXM 141GB (HBM3e, 4.8 TB/s): H100 SXM5's GH100 compute with a new memory system. */
    public static GpuSpec h200() {
        return hopper("h200", "NVIDIA H200 SXM 141GB", 132, 1830, 4800, DramType.HBM3,
                "same GH100 compute as H100 SXM5: aiwiki.ai/wiki/nvidia_h200 ('compute pipeline is functionally "
                + "identical'), FP8 3,958 TFLOPS with sparsity as H100 SXM (lzwjava.github.io/nvidia-h200-gpu-specs-en)"
                + " [S]", "aiwiki.ai/wiki/nvidia_h200: 141 GB HBM3e at 4.8 TB/s [S]; energy per bit of HBM3 used for "
                + "HBM3e (no HBM3e figure in hwmodels)");
    }

    private static final Map<String, Supplier<GpuSpec>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("v100-sxm2", GpuPresets::v100Sxm2);
        ALL.put("a100-sxm4-40gb", GpuPresets::a100Sxm4_40);
        ALL.put("a100-sxm4-80gb", GpuPresets::a100Sxm4_80);
        ALL.put("a100-pcie-80gb", GpuPresets::a100Pcie80);
        ALL.put("h100-sxm5", GpuPresets::h100Sxm5);
        ALL.put("h100-pcie", GpuPresets::h100Pcie);
        ALL.put("h200", GpuPresets::h200);
    }

    /** @return preset names (without the {@code gpu:} prefix) */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(ALL.keySet());
    }

    /**
     * @param name  {@code a100-sxm4-80gb} or {@code gpu:a100-sxm4-80gb}
     * @param field the option or field to name in an error
     * @throws InvalidInputException for an unknown GPU, listing the presets
     */
    public static GpuSpec get(String name, String field) {
        String k = name.trim().toLowerCase(Locale.ROOT);
        if (k.startsWith("gpu:")) {
            k = k.substring(4);
        }
        Supplier<GpuSpec> s = ALL.get(k);
        if (s == null) {
            throw new InvalidInputException(field, name, "unknown GPU; GPU presets: gpu:" + String.join(", gpu:",
                    ALL.keySet()));
        }
        return s.get();
    }
}
