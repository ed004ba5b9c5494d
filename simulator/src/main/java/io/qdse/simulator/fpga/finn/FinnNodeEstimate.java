package io.qdse.simulator.fpga.finn;

/**
 * What FINN estimates for one dataflow node: {@code get_exp_cycles()} and {@code node_res_estimation()}.
 *
 * <p>The numbers are FINN's, with its types folded into Java ones: cycles and the integer resource counts are the
 * integers FINN returns (FINN sometimes returns them as integer-valued floats, e.g. URAMs of the RTL thresholding
 * unit); LUTs are a double because some FINN LUT figures are floats (the RTL thresholding unit, the VVAU threshold
 * memory); the efficiencies are FINN's quotients, bit for bit.
 *
 * @param cycles          expected cycles per frame ({@code get_exp_cycles})
 * @param luts            LUTs ({@code lut_estimation})
 * @param bram18          18 Kib block RAMs ({@code bram_estimation})
 * @param urams           UltraRAMs ({@code uram_estimation})
 * @param dsps            DSP slices ({@code dsp_estimation})
 * @param bramEfficiency  stored bits over allocated BRAM bits, 1 when no BRAM ({@code bram_efficiency_estimation})
 * @param uramEfficiency  stored bits over allocated URAM bits, 1 when no URAM ({@code uram_efficiency_estimation})
 */
public record FinnNodeEstimate(long cycles, double luts, int bram18, int urams, int dsps, double bramEfficiency,
                               double uramEfficiency) {

    /** Cycles only; every resource zero and both efficiencies 1 (FINN's defaults for a node without a model). */
    public static FinnNodeEstimate cyclesOnly(long cycles) {
        return new FinnNodeEstimate(cycles, 0, 0, 0, 0, 1, 1);
    }

    /** @return this estimate with {@code cycles} replaced */
    public FinnNodeEstimate withCycles(long newCycles) {
        return new FinnNodeEstimate(newCycles, luts, bram18, urams, dsps, bramEfficiency, uramEfficiency);
    }
}
