package io.qdse.simulator.fpga;

import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.simulator.engine.FpgaDataflowEngine;
import io.qdse.simulator.engine.XilinxTiming;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.Workload;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The clock a dataflow design can run at, from its units' formats and folds: the slowest unit's modelled Fmax
 * ({@link FpgaDataflowEngine#fmaxMhz}; iCE40 fitted to nextpnr-ice40, AMD/Xilinx from FloPoCo's primitive delays and
 * the data sheets' maxima ({@link XilinxTiming}) — on other families the clock is the user's, and every answer here
 * is NaN).
 */
public final class DataflowClock {
    /**
     * What the modelled Fmax is and how far off it was measured: the held-out error of the iCE40 clock model on
     * nextpnr-ice40's Fmax of generated units (rtl-gen {@code mvu_fmax.csv}; MvuTimingTest recomputes it and fails
     * when this text no longer says so).
     */
    public static final String BASIS = "iCE40 clock model fitted to nextpnr-ice40 on 9 generated units (HX8K); error "
            + "median 9 %, worst 54 % on 8 held-out units, optimistic on the smallest, whose control logic it does not "
            + "model; other iCE40 parts scaled by icestorm's delay tables (UP5K 2.6x slower; on three alexa designs placed "
            + "on a UP5K the model is 7 to 16 % below nextpnr)";

    /** @return what the part's modelled Fmax is and how far off it was measured ("" where there is no model) */
    public static String basis(FpgaPart part) {
        if (part.family() == FpgaFamily.LATTICE_ICE40) {
            return BASIS;
        }
        return part.family().xilinx() ? XilinxTiming.BASIS : "";
    }

    /**
     * @param fallbackMhz the clock where the part has no Fmax class to start from
     * @return the clock {@link #settle} starts from on the part: on AMD/Xilinx its Fmax class ({@link
     *     XilinxTiming#capMhz}: the folds for a throughput target are first chosen there, then at the units' own
     *     Fmax), elsewhere {@code fallbackMhz}
     */
    public static double startMhz(FpgaPart part, double fallbackMhz) {
        return part.family().xilinx() ? XilinxTiming.capMhz(part) : fallbackMhz;
    }

    /** Rounds of folding and re-clocking before {@link #settle} stops (each at most lowers the clock). */
    static final int MAX_ROUNDS = 8;

    private DataflowClock() {
    }

    /**
     * The design's modelled Fmax.
     *
     * @param fmaxMhz the slowest unit's Fmax, MHz (NaN: no clock model for the part's family)
     * @param layer   that unit's layer ("" when NaN)
     */
    public record Limit(double fmaxMhz, String layer) {
        public boolean known() {
            return !Double.isNaN(fmaxMhz);
        }
    }

    /** @return the slowest unit's modelled Fmax, rounded down to 0.1 MHz (a clock one can ask a PLL for) */
    public static Limit limit(FpgaDataflow d, Workload w, Map<String, LayerFormats> perLayer) {
        double worst = Double.POSITIVE_INFINITY;
        String at = "";
        for (Layer l : w.computeLayers()) {
            FpgaDataflow.Shape s = FpgaDataflow.shape(l.ops().get(0), d.frames());
            LayerFormats f = perLayer.getOrDefault(l.name(), d.formats());
            double fmax = FpgaDataflowEngine.fmaxMhz(s, d.fold(l.name()), f, d.part(), d.resType());
            if (Double.isNaN(fmax)) {
                return new Limit(Double.NaN, "");
            }
            if (fmax < worst) {
                worst = fmax;
                at = l.name();
            }
        }
        return Double.isInfinite(worst) ? new Limit(Double.NaN, "") : new Limit(Math.floor(worst * 10) / 10, at);
    }

    /**
     * A design run at its own modelled Fmax.
     *
     * @param design       the design, its clock its slowest unit's modelled Fmax
     * @param foldClockMhz the clock its folds were chosen for (the throughput target's cycles per frame are this
     *                     clock / frames per second)
     */
    public record Settled(FpgaDataflow design, double foldClockMhz) {
    }

    /**
     * A design clocked at its own modelled Fmax: built at {@code startMhz} (its folds chosen for that clock by
     * {@code build}), then rebuilt at its slowest unit's Fmax while that lowers the clock by more than 0.5 MHz (a
     * lower clock needs more parallelism for the same frames/s, whose deeper adder trees may be slower again), at
     * most {@value #MAX_ROUNDS} rounds; the result runs at the Fmax of its own folds.
     *
     * @return the design, or the one built at {@code startMhz} unchanged when the family has no clock model
     */
    public static Settled settle(double startMhz, DoubleFunction<FpgaDataflow> build, Workload w,
                                 Map<String, LayerFormats> perLayer) {
        double clock = startMhz;
        FpgaDataflow d = build.apply(clock);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Limit l = limit(d, w, perLayer);
            if (!l.known()) {
                return new Settled(d, clock);
            }
            if (l.fmaxMhz() >= clock - 0.5) {
                return new Settled(d.withClock(l.fmaxMhz()), clock);
            }
            clock = l.fmaxMhz();
            d = build.apply(clock);
        }
        return new Settled(d.withClock(limit(d, w, perLayer).fmaxMhz()), clock);
    }
}
