package io.qdse.reports.internal;

import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.chart.XyChart;
import io.qdse.reports.chart.XySeries;
import io.qdse.reports.results.Calibration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The section of an FPGA calibration folder: the fitted LUT model against Yosys. */
public final class CalibrationSection {
    private CalibrationSection() {
    }

    public static Section build(String id, String source, Calibration c) {
        List<String> notes = new ArrayList<>();
        Map<String, List<double[]>> fitted = new LinkedHashMap<>();
        List<double[]> held = new ArrayList<>();
        int skipped = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Calibration.Row r : c.rows()) {
            if (!(r.luts() > 0) || !(r.modelLuts() > 0)) {
                skipped++;
                continue;
            }
            double[] p = {r.luts(), r.modelLuts()};
            lo = Math.min(lo, Math.min(p[0], p[1]));
            hi = Math.max(hi, Math.max(p[0], p[1]));
            if (r.heldOut()) {
                held.add(p);
            } else {
                fitted.computeIfAbsent(r.flow(), k -> new ArrayList<>()).add(p);
            }
        }
        if (skipped > 0) {
            notes.add(skipped + " row(s) with no LUTs (all in DSPs) or no fitted coefficients are not drawn on the "
                    + "log axes.");
        }
        List<ChartSpec> charts = new ArrayList<>();
        if (hi > 0) {
            List<XySeries> series = new ArrayList<>();
            series.add(new XySeries("y = x", XySeries.Style.REFERENCE, new double[] {lo / 1.3, hi * 1.3},
                    new double[] {lo / 1.3, hi * 1.3}));
            for (Map.Entry<String, List<double[]>> e : fitted.entrySet()) {
                series.add(new XySeries(e.getKey() + " (fitted, " + e.getValue().size() + ")", XySeries.Style.POINTS,
                        col(e.getValue(), 0), col(e.getValue(), 1)));
            }
            if (!held.isEmpty()) {
                series.add(new XySeries("held out, all flows (" + held.size() + ")", XySeries.Style.HIGHLIGHT,
                        col(held, 0), col(held, 1)));
            }
            charts.add(new XyChart(id + "-calibration", "FPGA model vs synthesis: LUTs per PE",
                    c.rows().size() + " Yosys runs (" + c.yosys() + "); model = lut_fit.csv coefficients x the PE's "
                            + "features",
                    "Each synthesized PE's LUT count from Yosys (x) against the fitted model's prediction (y); points "
                            + "on the dashed y = x line are exact, held-out PEs were not used in the fit.",
                    Axis.log("Yosys synthesis", "LUTs"), Axis.log("model prediction", "LUTs"), series,
                    ChartSpec.WIDTH, ChartSpec.HEIGHT));
        }
        Table.Builder rows = new Table.Builder(id + "-rows", "Measurements and the fitted model")
                .text("design").text("flow").text("class").text("held_out").col("yosys_luts", "LUTs")
                .col("model_luts", "LUTs").col("lut_error", "%").col("ffs", "FFs").col("carry", "carry cells")
                .col("dsps", "DSPs");
        Map<String, double[]> errs = new LinkedHashMap<>();
        for (Calibration.Row r : c.rows()) {
            double e = r.luts() > 0 ? 100 * (r.modelLuts() - r.luts()) / r.luts() : Double.NaN;
            rows.row(r.design(), r.flow(), r.cls(), r.heldOut(), r.luts(), r.modelLuts(), e, r.ffs(), r.carry(),
                    r.dsps());
            if (Double.isFinite(e)) {
                double[] s = errs.computeIfAbsent(r.flow() + "|" + (r.heldOut() ? "held out" : "fitted"),
                        k -> new double[3]);
                s[0]++;
                s[1] += Math.abs(e);
                s[2] = Math.max(s[2], Math.abs(e));
            }
        }
        Table.Builder sum = new Table.Builder(id + "-errors", "LUT error of the fitted model per flow")
                .text("flow").text("subset").col("pes", "PEs").col("mean_abs_error", "%").col("max_abs_error", "%");
        double worst = 0;
        for (Map.Entry<String, double[]> e : errs.entrySet()) {
            String[] k = e.getKey().split("\\|");
            double[] s = e.getValue();
            sum.row(k[0], k[1], s[0], s[1] / s[0], s[2]);
            if (k[1].equals("held out")) {
                worst = Math.max(worst, s[2]);
            }
        }
        List<String> summary = List.of(c.rows().size() + " Yosys runs (" + c.yosys() + "), " + held.size()
                + " held out; worst held-out LUT error " + Fmt.num(worst) + " %");
        return new Section(id, "calibration", "FPGA calibration: model vs synthesis", source, summary, notes, charts,
                List.of(sum.build(), rows.build()), List.of());
    }

    private static double[] col(List<double[]> pts, int j) {
        double[] c = new double[pts.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = pts.get(i)[j];
        }
        return c;
    }
}
