package io.qdse.simulator.engine;

import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;

/**
 * The clock model of a dataflow unit on AMD/Xilinx parts: the same register-to-register stages as the iCE40 model
 * ({@link FpgaDataflowEngine#timingStages}: L logic levels and a carry chain of C bits each), timed with published
 * primitive delays instead of a fit. No parameter is fitted to any Fmax; docs/fpga.md "Clock" reports how far the
 * model is from the published Fmax of Xilinx builds it covers.
 *
 * <p>A stage takes {@code ff + (L − 1)·(lut + net) + adder(C) + net} ns, times the part's speed-grade scale; the last
 * level is the adder's own LUT, which FloPoCo's adder constant includes. The unit's Fmax is 1000 / its slowest stage,
 * at most the part's Fmax class (DSP, block-RAM and clock-network maxima of its data sheet, {@link #capMhz}).
 * Products in DSP blocks leave the fabric product stage out (the DSP with all its registers runs at the cap).
 *
 * <p>Delays per family, from FloPoCo's Xilinx target descriptions (the values its authors cut from Vivado timing
 * reports; read in FloPoCo as stored at GitHub {@code Activation-Functions/flopoco}
 * {@code 60b2aed9ee8ccc88ca969d4da7e880c1a6a6949d}, {@code code/HWTargets/include/flopoco/Targets/*.hpp} and
 * {@code code/HWTargets/src/Targets/*.cpp}):
 * <ul>
 *   <li>7-series, {@code Zynq7000.hpp} (exact part xc7z020clg484-1, the PYNQ-Z1's die and speed grade):
 *       {@code ffDelay_} 0.518 ns, {@code lutDelay_} 0.124 ns, {@code typicalLocalRoutingDelay_} 0.5 ns,
 *       {@code adderDelay(C) = adderConstantDelay_ (0.532 + 0.222 ns) + (C/4 − 1)·carry4Delay_ (0.114 ns)} (with
 *       ⌈C/4⌉ cells here, where FloPoCo floors);
 *       Fmax class {@code maxFrequencyMHz_} 500 MHz ({@code Zynq7000.cpp}; the catalogue has no data-sheet figure
 *       for 7-series parts).</li>
 *   <li>UltraScale+, {@code VirtexUltrascalePlus.hpp} (exact part xcvu3p-2, 0.85 V): {@code ffDelay_} 0.150 ns,
 *       {@code lut6Delay_} 0.148 ns, {@code typicalLocalRoutingDelay_} 0.180 ns, {@code adderDelay(C)} over
 *       n = ⌈C/8⌉ CARRY8s = (n − 1)·{@code interCarryNetDelay_} (0.026 ns) + max(0, n − 2)·{@code carry8Delay_}
 *       (0.015 ns) + {@code adderConstantDelayWithNets_} (0.116 + 0.115 + 0.050 + 0.011 ns). The delays scale by
 *       775 MHz / the part's catalogue Fmax class (AMD DS923/DS925 DSP FMAX with all registers: 775 MHz at −2,
 *       0.85 V; the Ultra96's −1 xczu3eg has 645 MHz, so its delays are 1.20× longer); the cap is that Fmax class.</li>
 *   <li>Versal: FloPoCo's {@code Versal.cpp} says its numbers are a 1:1 copy of the Zynq 7000 target still to be
 *       evaluated, so they are not used; instead the UltraScale+ delays scale by the ratio of the global clock
 *       trees' maxima at speed grade −2: 775 MHz (DS925, 0.85 V) / 1070 MHz (DS956 Versal Prime and DS958 Versal
 *       AI Edge, 0.80 V "M"; DS957, the AI Core sheet of the VCK190's xcvc1902, is not in the stored material),
 *       and the cap is the block RAM's FMAX_WF_NC at −2, 0.80 V: 850 MHz (DS958), below the DSP58's 1070 MHz
 *       (DS960).</li>
 * </ul>
 */
public final class XilinxTiming {

    /**
     * One family's delays, ns.
     *
     * @param family      the family
     * @param target      the FloPoCo target they come from (or how they were derived)
     * @param ffNs        register clock-to-out and setup ({@code ffDelay_})
     * @param lutNs       one LUT ({@code lutDelay_} / {@code lut6Delay_})
     * @param netNs       the typical local route after each LUT or adder ({@code typicalLocalRoutingDelay_})
     * @param carryCell   bits per carry cell (CARRY4: 4, CARRY8 / LOOKAHEAD8: 8)
     * @param adderConstNs the adder's constant part (its LUT, the first and last carry cell)
     * @param hopNs       each carry cell after the first (7-series: {@code carry4Delay_}; UltraScale+: the
     *                    inter-CLB net {@code interCarryNetDelay_})
     * @param throughNs   each carry cell passed through between the first and the last (UltraScale+:
     *                    {@code carry8Delay_}; 7-series: 0, its {@code carry4Delay_} is per further cell)
     * @param scale       the delays' multiplier for the family (Versal: 775 / 1070)
     */
    public record Family(FpgaFamily family, String target, double ffNs, double lutNs, double netNs, int carryCell,
                         double adderConstNs, double hopNs, double throughNs, double scale) {
    }

    /** 7-series: FloPoCo {@code Zynq7000.hpp} (xc7z020clg484-1). */
    public static final Family SERIES7 = new Family(FpgaFamily.XILINX_7SERIES,
            "FloPoCo Zynq7000 target (xc7z020clg484-1)", 0.518, 0.124, 0.5, 4, 0.532 + 0.222, 0.114, 0, 1);
    /** UltraScale+: FloPoCo {@code VirtexUltrascalePlus.hpp} (xcvu3p-2, 0.85 V). */
    public static final Family ULTRASCALE_PLUS = new Family(FpgaFamily.XILINX_ULTRASCALE_PLUS,
            "FloPoCo VirtexUltrascalePlus target (xcvu3p-2)", 0.150, 0.148, 0.180, 8,
            0.116 + 0.115 + 0.050 + 0.011, 0.026, 0.015, 1);
    /** Versal: the UltraScale+ delays × 775 / 1070 (global clock tree FMAX at −2: DS925 vs DS956/DS958). */
    public static final Family VERSAL = new Family(FpgaFamily.XILINX_VERSAL,
            "FloPoCo VirtexUltrascalePlus target scaled by 775/1070 MHz (BUFG FMAX at -2: DS925 vs DS956/DS958)",
            ULTRASCALE_PLUS.ffNs(), ULTRASCALE_PLUS.lutNs(), ULTRASCALE_PLUS.netNs(), 8,
            ULTRASCALE_PLUS.adderConstNs(), ULTRASCALE_PLUS.hopNs(), ULTRASCALE_PLUS.throughNs(), 775.0 / 1070);

    /** DSP48E2 FMAX with all registers at speed grade −2, 0.85 V (DS923/DS925): the UltraScale+ reference grade. */
    static final double US_PLUS_REFERENCE_MHZ = 775;
    /** FloPoCo {@code Zynq7000.cpp} {@code maxFrequencyMHz_}: the 7-series cap (no data-sheet figure stored). */
    static final double SERIES7_CAP_MHZ = 500;
    /** Versal block RAM FMAX_WF_NC at −2, 0.80 V (DS958): the lowest of block RAM, DSP58 and BUFG maxima. */
    static final double VERSAL_CAP_MHZ = 850;

    /**
     * What the Xilinx clock model is, for notes: its source, that no Fmax was fitted, and how far it is from the
     * published clocks it was compared with (XilinxTimingTest recomputes that and fails when this text no longer says
     * so; docs/fpga.md "Clock").
     */
    public static final String BASIS = "Xilinx clock model from FloPoCo's primitive delays (Zynq7000 / "
            + "VirtexUltrascalePlus targets, cut from Vivado timing reports) capped at the data sheets' Fmax class, "
            + "nothing fitted; +22 to +63 % above the clocks of 3 published Xilinx builds, which are lower bounds "
            + "(clocks the builds met or run at), so an approximation";

    private XilinxTiming() {
    }

    /** @return the family's delays, or null when the part is not AMD/Xilinx */
    public static Family of(FpgaFamily f) {
        return switch (f) {
            case XILINX_7SERIES -> SERIES7;
            case XILINX_ULTRASCALE_PLUS -> ULTRASCALE_PLUS;
            case XILINX_VERSAL -> VERSAL;
            default -> null;
        };
    }

    /**
     * @return the delays' multiplier for the part's speed grade: UltraScale+ 775 MHz / the catalogue's DSP FMAX of the
     *     part's grade (1 where the catalogue has none); 7-series parts of the catalogue are −1, FloPoCo's grade
     */
    public static double speedScale(FpgaPart part) {
        Family fam = of(part.family());
        double s = fam.scale();
        if (part.family() == FpgaFamily.XILINX_ULTRASCALE_PLUS && part.fmaxMhz() != null) {
            s *= US_PLUS_REFERENCE_MHZ / part.fmaxMhz();
        }
        return s;
    }

    /**
     * @return the part's Fmax class, MHz: the catalogue's data-sheet DSP FMAX where it has one (UltraScale+), else the
     *     family's (7-series: FloPoCo's 500 MHz; Versal: block RAM's 850 MHz at −2)
     */
    public static double capMhz(FpgaPart part) {
        if (part.fmaxMhz() != null) {
            return part.fmaxMhz();
        }
        return part.family() == FpgaFamily.XILINX_VERSAL ? VERSAL_CAP_MHZ : SERIES7_CAP_MHZ;
    }

    /** @return the carry chain of {@code bits} bits through the family's adder, ns (0 for no carry chain) */
    public static double adderNs(Family f, double bits) {
        if (bits <= 0) {
            return 0;
        }
        long cells = (long) Math.ceil(bits / f.carryCell());
        return f.adderConstNs() + Math.max(0, cells - 1) * f.hopNs() + Math.max(0, cells - 2) * f.throughNs();
    }

    /** @return one stage {logic levels, carry bits} on the family, ns, before the speed-grade scale */
    public static double stageNs(Family f, double[] stage) {
        double levels = stage[0];
        double carry = stage[1];
        if (carry > 0 && levels >= 1) {
            return f.ffNs() + (levels - 1) * (f.lutNs() + f.netNs()) + adderNs(f, carry) + f.netNs();
        }
        return f.ffNs() + levels * (f.lutNs() + f.netNs());
    }

    /**
     * @param stages the unit's stages ({@link FpgaDataflowEngine#timingStages})
     * @param part   an AMD/Xilinx part
     * @return the unit's Fmax on the part, MHz: 1000 / (slowest stage × speed scale), at most {@link #capMhz}
     */
    public static double fmaxMhz(double[][] stages, FpgaPart part) {
        Family f = of(part.family());
        double worst = 0;
        for (double[] st : stages) {
            worst = Math.max(worst, stageNs(f, st));
        }
        double cap = capMhz(part);
        return worst <= 0 ? cap : Math.min(cap, 1000 / (worst * speedScale(part)));
    }
}
