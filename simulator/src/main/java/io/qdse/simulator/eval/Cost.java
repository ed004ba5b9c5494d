package io.qdse.simulator.eval;

/**
 * What a design costs to build: silicon area on an ASIC node, or resources on an FPGA part. A design has one cost
 * whatever layer it runs, so network totals keep the larger of two (not the sum).
 */
public sealed interface Cost permits Cost.Area, Cost.FpgaResources {

    /** No cost yet (the identity of {@link #max}). */
    Cost NONE = new Area(0);

    /** @return the larger of the two, field by field (the same design's cost seen from two layers) */
    Cost max(Cost o);

    /** @return area in µm², or NaN for an FPGA design */
    double areaUm2();

    /**
     * ASIC area.
     *
     * @param um2 µm²
     */
    record Area(double um2) implements Cost {
        @Override
        public Cost max(Cost o) {
            if (o instanceof Area a) {
                return um2 >= a.um2 ? this : a;
            }
            return um2 == 0 ? o : this;
        }

        @Override
        public double areaUm2() {
            return um2;
        }
    }

    /**
     * FPGA resources.
     *
     * @param luts  look-up tables (LUT6 or LUT4 by family)
     * @param ffs   flip-flops
     * @param dsps  DSP slices
     * @param brams block RAMs (18 Kb equivalents on Xilinx, 4 Kb SB_RAM40_4K on iCE40)
     * @param urams UltraRAM blocks (288 Kb; Xilinx UltraScale+ and Versal)
     * @param sprams iCE40 UltraPlus SPRAM blocks (SB_SPRAM256KA, 256 Kb)
     */
    record FpgaResources(double luts, double ffs, double dsps, double brams, double urams, double sprams)
            implements Cost {
        /** Resources without UltraRAM or SPRAM. */
        public FpgaResources(double luts, double ffs, double dsps, double brams) {
            this(luts, ffs, dsps, brams, 0, 0);
        }

        @Override
        public Cost max(Cost o) {
            if (o instanceof FpgaResources f) {
                return new FpgaResources(Math.max(luts, f.luts), Math.max(ffs, f.ffs), Math.max(dsps, f.dsps),
                        Math.max(brams, f.brams), Math.max(urams, f.urams), Math.max(sprams, f.sprams));
            }
            return this;
        }

        @Override
        public double areaUm2() {
            return Double.NaN;
        }
    }
}
