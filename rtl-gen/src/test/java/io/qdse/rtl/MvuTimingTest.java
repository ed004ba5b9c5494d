package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.engine.FpgaDataflowEngine;
import io.qdse.simulator.fpga.DataflowClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The iCE40 clock model against nextpnr-ice40's Fmax of generated matrix-vector units (the committed
 * {@code mvu_fmax.csv}, made by {@code qdse rtl mvu-sweep --fmax}): the engine's coefficients are the fit of the fit
 * rows, and on the held-out rows the model stays within the error {@link DataflowClock#BASIS} states.
 */
class MvuTimingTest {
    private static final List<MvuTiming.Row> ROWS = MvuTiming.committed();

    @Test
    void theEnginesCoefficientsAreTheFitOfTheCommittedRows() {
        double[] fit = MvuTiming.fit(ROWS);
        System.out.println("fit t0, t_level, t_carry (ns): " + Arrays.toString(fit));
        assertArrayEquals(fit, FpgaDataflowEngine.ICE40_TIMING_NS, 1e-6, "refit and commit "
                + "FpgaDataflowEngine.ICE40_TIMING_NS");
    }

    @Test
    void heldOutErrorIsWhatTheBasisSays() {
        List<Double> err = new ArrayList<>();
        for (MvuTiming.Row r : ROWS) {
            double model = Synthesis.mvuFmaxModel(r.config().design());
            if (Double.isNaN(r.fmaxMhz())) {
                continue;
            }
            double e = 100 * (model - r.fmaxMhz()) / r.fmaxMhz();
            System.out.printf(Locale.ROOT, "%s %-8s %-46s nextpnr %6.1f MHz  model %6.1f MHz  %+6.1f %%%n",
                    r.config().id(), r.config().set(), r.config().design().slug(), r.fmaxMhz(), model, e);
            if (r.config().heldOut()) {
                err.add(Math.abs(e));
            }
        }
        assertTrue(err.size() >= 5, "at least five held-out units placed, had " + err.size());
        double worst = err.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double[] sorted = err.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        String stated = String.format(Locale.ROOT, "median %.0f %%, worst %.0f %% on %d held-out units", median, worst,
                err.size());
        System.out.println("held out: " + stated);
        assertTrue(DataflowClock.BASIS.contains(stated), "DataflowClock.BASIS must state: " + stated + " (says: "
                + DataflowClock.BASIS + ")");
    }

    @Test
    void logicCellsAreTheFitShareAndHeldOutWithinTheStatedError() {
        double share = MvuTiming.fitFfOnlyShare(ROWS);
        System.out.println("flip-flops alone in a logic cell: " + share);
        assertEquals(share, FpgaDataflowEngine.ICE40_FF_ONLY_SHARE, 1e-9, "refit and commit "
                + "FpgaDataflowEngine.ICE40_FF_ONLY_SHARE");
        List<Double> err = new ArrayList<>();
        List<Double> lutErr = new ArrayList<>();
        for (MvuTiming.Row r : ROWS) {
            if (r.lcs() <= 0) {
                continue;
            }
            FpgaDataflowEngine.UnitStructure u = MvuTiming.ice40Structure(r.config().design());
            double e = 100 * (u.logicCells() - r.lcs()) / r.lcs();
            double l = 100 * (u.luts() - r.lcs()) / r.lcs();
            System.out.printf(Locale.ROOT, "%s %-8s nextpnr %5d LCs  model %5.0f LCs %+6.1f %%  (LUTs alone %+6.1f %%)%n",
                    r.config().id(), r.config().set(), r.lcs(), u.logicCells(), e, l);
            if (r.config().heldOut()) {
                err.add(Math.abs(e));
                lutErr.add(Math.abs(l));
            }
        }
        assertTrue(err.size() >= 5, "held-out rows packed: " + err.size());
        double worst = err.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double worstLuts = lutErr.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf(Locale.ROOT, "held out: worst %.1f %% (LUTs as cells: worst %.1f %%)%n", worst, worstLuts);
        assertTrue(worst <= 13, "docs/fpga.md states the held-out worst as 12.7 %: " + worst);
        assertTrue(worst < worstLuts, "logic cells closer to nextpnr than LUTs alone");
    }

    @Test
    void aStoredTableOfAnotherConfigurationIsRefused() {
        String csv = MvuTiming.toCsv(ROWS).replaceFirst("\nf01,fit,64,", "\nf01,fit,65,");
        assertThrows(InvalidInputException.class, () -> MvuTiming.fromCsv(csv));
        assertEquals(ROWS.size(), MvuTiming.fromCsv(MvuTiming.toCsv(ROWS)).size());
    }
}
