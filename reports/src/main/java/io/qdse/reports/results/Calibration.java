package io.qdse.reports.results;

import java.util.List;

/**
 * An FPGA calibration folder ({@code qdse rtl calibrate --out DIR}): Yosys measurements of PEs
 * ({@code pe_synthesis.csv}) and the fitted LUT model ({@code lut_fit.csv}).
 *
 * @param yosys the Yosys version of the measurements
 * @param rows  one per PE and flow
 */
public record Calibration(String yosys, List<Row> rows) {
    /**
     * @param modelLuts the fitted model's LUTs (features · coefficients of the row's flow and class)
     */
    public record Row(String design, String flow, String cls, boolean heldOut, double luts, double ffs,
                      double carry, double dsps, double modelLuts) {
    }

    public Calibration {
        rows = List.copyOf(rows);
    }
}
