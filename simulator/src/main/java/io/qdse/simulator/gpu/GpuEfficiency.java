package io.qdse.simulator.gpu;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * The handful of efficiency parameters the GPU kernel model does not derive from a datasheet: they are calibrated on
 * measured GEMM timings ({@link #CALIBRATED}). Everything else (SMs, clocks, MMA rates, bandwidths, tile shapes,
 * shared memory, waves) comes from the presets and the kernel structure.
 *
 * @param mmaEfficiency fraction of the dense MMA peak a CTA's main loop sustains when its operands are ready (issue,
 *                      synchronisation and power/clock effects together); one value for every GPU and type
 * @param hbmEfficiency fraction of the peak HBM bandwidth a streaming kernel sustains
 * @param fixedUs       per-kernel time that does not scale with the problem (launch, first wave ramp, last wave's
 *                      epilogue drain), µs
 * @param memLatencyNs  latency of a global-memory load as a kernel's pipeline sees it, ns: a CTA can keep only
 *                      (stages − 1) k-blocks in flight, so a k-block takes at least this / (stages − 1)
 */
public record GpuEfficiency(double mmaEfficiency, double hbmEfficiency, double fixedUs, double memLatencyNs) {

    public GpuEfficiency {
        require(mmaEfficiency > 0 && mmaEfficiency <= 1, "gpu.mma_efficiency", mmaEfficiency, "in (0, 1]");
        require(hbmEfficiency > 0 && hbmEfficiency <= 1, "gpu.hbm_efficiency", hbmEfficiency, "in (0, 1]");
        require(fixedUs >= 0, "gpu.fixed_us", fixedUs, ">= 0");
        require(memLatencyNs >= 0, "gpu.mem_latency_ns", memLatencyNs, ">= 0");
    }

    /**
     * Fitted (least squares on the log of predicted / measured latency, over a grid of 0.02 in the efficiencies, 0.5
     * µs and 100 ns) on the calibration set named {@code cal-v1} in docs/gpu.md and
     * simulator/src/test/resources/gpu-measured/README.md: the XLA H100 perf-table GEMMs with batch 1 (125 rows, BF16),
     * DeepBench's V100 FP16 NN GEMMs with both M and N ≥ 512 (39 rows) and the MAMF best A100 SXM BF16 shape (1 row).
     * Every other measured row is held out; GpuCalibrationTest recomputes the fit and pins the held-out errors.
     */
    public static final GpuEfficiency CALIBRATED = new GpuEfficiency(0.83, 0.93, 4.5, 900);

    private static final double HELD_OUT_MEDIAN_PCT = 5.31;
    private static final double HELD_OUT_MAX_PCT = 34.61;
    private static final int HELD_OUT_ROWS = 331;

    /**
     * The latency error of {@link #CALIBRATED} on the GEMMs held out of cal-v1 (docs/gpu.md §6: eight sets, H100 SXM and
     * PCIe, A100 PCIe, H800, H200). The measurements are test resources ({@code simulator/src/test/resources/
     * gpu-measured}), so the figure is kept here, once, and {@code GpuCalibrationTest} recomputes it and fails if it
     * differs.
     */
    public static final io.qdse.hwmodels.calib.ModelError HELD_OUT = new io.qdse.hwmodels.calib.ModelError(
            HELD_OUT_MEDIAN_PCT, HELD_OUT_MAX_PCT, HELD_OUT_ROWS, "latency, cal-v1 fit; " + HELD_OUT_ROWS
            + " measured GEMMs held out, 8 sets");

    /** @return a copy with another MMA efficiency */
    public GpuEfficiency withMmaEfficiency(double e) {
        return new GpuEfficiency(e, hbmEfficiency, fixedUs, memLatencyNs);
    }
}
