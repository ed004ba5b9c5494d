package io.qdse.simulator.arch;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Locale;

/**
 * The physical range of every number that describes an accelerator, in one place: the records refuse values outside
 * it (whoever builds them: presets, architecture files, sweep points) and architecture files report them with their
 * YAML path. Documented in docs/simulator.md, "Architecture files: fields and ranges". The bounds are wide (they admit
 * every design built or published, from a 1 MHz sensor to a wafer-scale chip's memory) but exclude values no hardware
 * has: a 1e-300 MHz clock, a 10^15 KiB scratchpad, a bandwidth of 0.
 */
public final class Ranges {
    private Ranges() {
    }

    /** Clock: 1 MHz to 10 GHz. */
    public static final double CLOCK_MHZ_MIN = 1;
    public static final double CLOCK_MHZ_MAX = 10_000;
    /** One scratchpad: 1 byte to 64 GiB (above the 44 GB of SRAM on a whole Cerebras WSE-3 wafer). */
    public static final long SRAM_BYTES_MAX = 64L << 30;
    /**
     * DRAM bandwidth: 0.001 GB/s (1 MB/s) to 1,000,000 GB/s (1 PB/s, a hundred times an 8-stack HBM3e GPU: room for an
     * ideal memory in what-if runs).
     */
    public static final double DRAM_GBS_MIN = 0.001;
    public static final double DRAM_GBS_MAX = 1_000_000;

    /** @return why {@code v} is outside {@code [lo, hi]} (in {@code unit}), or null when it is inside */
    public static String outside(double v, double lo, double hi, String unit) {
        if (v >= lo && v <= hi) {
            return null;
        }
        return String.format(Locale.ROOT, "must be in %s..%s %s", fmt(lo), fmt(hi), unit);
    }

    /** Throws naming {@code field} unless {@code lo <= v <= hi}. */
    public static void require(double v, double lo, double hi, String unit, String field) {
        String why = outside(v, lo, hi, unit);
        if (why != null) {
            throw new InvalidInputException(field, fmt(v), why);
        }
    }

    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
