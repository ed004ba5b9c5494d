package io.qdse.simulator.gpu;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.memory.DramType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GPU as the kernel model sees it: streaming multiprocessors (SMs) with tensor cores, shared memory, registers and
 * CUDA-core lanes, an L2 cache and HBM. Every figure carries its source in {@link #sources()} (keyed by the field
 * name); dense (non-sparse) rates only.
 *
 * @param name             preset key, e.g. {@code a100-sxm4-80gb}
 * @param displayName      e.g. {@code NVIDIA A100 SXM4 80GB}
 * @param arch             generation (instruction shapes, tile candidates)
 * @param sms              streaming multiprocessors enabled on the product
 * @param clockMhz         the clock NVIDIA's dense tensor peaks are computed at (peak = SMs × MACs/clk/SM × 2 × clock)
 * @param tensorCoresPerSm tensor cores per SM
 * @param macsPerClkPerSm  dense multiply-accumulates per clock per SM, per MMA type the GPU runs (tensor-core types
 *                         and the CUDA-core fallbacks it has)
 * @param fp32LanesPerSm   FP32 CUDA-core lanes per SM (dequantization and recovery arithmetic issue here)
 * @param smemPerSmKib     shared memory a kernel may configure per SM, KiB
 * @param regFileKib       register file per SM, KiB
 * @param l2Mib            L2 cache, MiB
 * @param l2BytesPerClk    L2 to SM bandwidth, bytes per clock for the whole chip
 * @param hbmGBs           peak HBM bandwidth, GB/s (10^9 bytes)
 * @param dram             HBM family, for energy per bit
 * @param dieAreaMm2       die area, mm²
 * @param nodeNm           the technology node the cost models use for it (nm)
 * @param fp32AccHalfRate  whether FP16 MMAs accumulating in FP32 run at half the FP16-accumulate rate (GeForce parts
 *                         do; the data-centre parts here list equal rates)
 * @param sources          field name → where its value comes from
 */
public record GpuSpec(String name, String displayName, GpuArch arch, int sms, double clockMhz, int tensorCoresPerSm,
                      Map<MmaType, Integer> macsPerClkPerSm, int fp32LanesPerSm, int smemPerSmKib, int regFileKib,
                      double l2Mib, double l2BytesPerClk, double hbmGBs, DramType dram, double dieAreaMm2,
                      double nodeNm, boolean fp32AccHalfRate, Map<String, String> sources) {

    /** The numeric fields every preset must source. */
    public static final List<String> SOURCED = List.of("sms", "clockMhz", "tensorCoresPerSm", "macsPerClkPerSm",
            "fp32LanesPerSm", "smemPerSmKib", "regFileKib", "l2Mib", "l2BytesPerClk", "hbmGBs", "dram", "dieAreaMm2",
            "nodeNm", "fp32AccHalfRate");

    public GpuSpec {
        require(name != null && !name.isBlank(), "gpu.name", name, "a name");
        require(arch != null, "gpu.arch", null, "volta, ampere or hopper");
        require(sms >= 1, "gpu.sms", sms, "must be >= 1");
        require(clockMhz > 0 && clockMhz <= 5000, "gpu.clock_mhz", clockMhz, "must be in (0, 5000] MHz");
        require(tensorCoresPerSm >= 1, "gpu.tensor_cores_per_sm", tensorCoresPerSm, "must be >= 1");
        require(macsPerClkPerSm != null && !macsPerClkPerSm.isEmpty(), "gpu.macs_per_clk_per_sm", macsPerClkPerSm,
                "at least one MMA type");
        for (Map.Entry<MmaType, Integer> e : macsPerClkPerSm.entrySet()) {
            require(e.getValue() != null && e.getValue() > 0, "gpu.macs_per_clk_per_sm." + e.getKey().key(),
                    e.getValue(), "must be > 0");
        }
        require(fp32LanesPerSm >= 1, "gpu.fp32_lanes_per_sm", fp32LanesPerSm, "must be >= 1");
        require(smemPerSmKib >= 16, "gpu.smem_per_sm_kib", smemPerSmKib, "must be >= 16");
        require(regFileKib >= 16, "gpu.reg_file_kib", regFileKib, "must be >= 16");
        require(l2Mib > 0, "gpu.l2_mib", l2Mib, "must be > 0");
        require(l2BytesPerClk > 0, "gpu.l2_bytes_per_clk", l2BytesPerClk, "must be > 0");
        require(hbmGBs > 0, "gpu.hbm_gbs", hbmGBs, "must be > 0");
        require(dram != null, "gpu.dram", null, "an HBM type");
        require(dieAreaMm2 > 0, "gpu.die_area_mm2", dieAreaMm2, "must be > 0");
        macsPerClkPerSm = Collections.unmodifiableMap(new EnumMap<>(macsPerClkPerSm));
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** @return dense MACs per clock per SM for the type, 0 when the GPU has no such path */
    public int macsPerClk(MmaType t) {
        return macsPerClkPerSm.getOrDefault(t, 0);
    }

    /** @return whether the GPU runs the type at a published rate */
    public boolean supports(MmaType t) {
        return macsPerClk(t) > 0;
    }

    /** @return dense peak in TFLOPS (float types) or TOPS (integer types): SMs × MACs/clk/SM × 2 × clock */
    public double peakTeraOps(MmaType t) {
        return sms * (double) macsPerClk(t) * 2 * clockMhz * 1e6 / 1e12;
    }

    /** @return HBM bytes per clock cycle at {@link #clockMhz()} */
    public double hbmBytesPerClk() {
        return hbmGBs * 1e9 / (clockMhz * 1e6);
    }

    /** @return L2 capacity in bytes */
    public double l2Bytes() {
        return l2Mib * 1024 * 1024;
    }

    /** @return tensor cores on the chip */
    public long tensorCores() {
        return (long) sms * tensorCoresPerSm;
    }

    /** @return a one-line description for tables */
    public String describe() {
        return displayName + " (" + arch.sm() + ", " + sms + " SMs x " + tensorCoresPerSm + " tensor cores, "
                + fmt(clockMhz) + " MHz, " + fmt(hbmGBs) + " GB/s " + dram.key() + ", " + fmt(l2Mib) + " MiB L2)";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
