package io.qdse.reports.internal;

import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.BarChart;
import io.qdse.reports.chart.BarPanel;
import io.qdse.reports.chart.BarSeries;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.results.RtlBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The section of a stored RTL bundle. */
public final class RtlSection {
    /** Yosys flow → the model prediction key in params.json. */
    static final Map<String, String> PREDICTION = Map.of("ice40", "ice40-hx8k_nodsp", "xilinx", "xcvu9p",
            "xilinx_nodsp", "xcvu9p_nodsp");

    private RtlSection() {
    }

    /** @return the model prediction for a synthesis target (keyed by its part, or by the flow itself), or null */
    static RtlBundle.Prediction prediction(RtlBundle b, String target) {
        String key = PREDICTION.get(target);
        for (RtlBundle.Prediction p : b.predictions()) {
            if (p.part().equals(key) || p.part().equals(target)) {
                return p;
            }
        }
        return null;
    }

    public static Section build(String id, String source, RtlBundle b) {
        List<String> notes = new ArrayList<>();
        List<ChartSpec> charts = new ArrayList<>();
        ChartSpec c = resources(id + "-fpga", "FPGA resources: Yosys and the model", b.design(), List.of(b));
        if (c != null) {
            charts.add(c);
        }
        if (b.syntheses().isEmpty()) {
            notes.add("No Yosys results in build/ (run qdse rtl synth " + source + " --target ice40|xilinx|ecp5): "
                    + "model predictions only.");
        }
        if (!b.scope().isEmpty()) {
            notes.add("Model scope: " + b.scope() + ".");
        }
        List<Table> tables = new ArrayList<>();
        Table.Builder cfg = new Table.Builder(id + "-config", "Design configuration (params.json)").text("field")
                .text("value");
        cfg.row("design", b.design());
        cfg.row("top", b.top());
        b.config().forEach((k, v) -> cfg.row("config." + k, v));
        tables.add(cfg.build());
        Table.Builder pr = new Table.Builder(id + "-predicted", "Model predictions (FPGA MAC units"
                + (b.asicLabel().isEmpty() ? "" : "; ASIC area") + ")").text("target").col("luts", "LUTs")
                .col("ffs", "FFs").col("carry_cells", "carry cells").col("dsps", "DSPs").col("asic_area", "µm²");
        for (RtlBundle.Prediction p : b.predictions()) {
            pr.row(p.part(), p.luts(), p.ffs(), p.carry(), p.dsps(), Double.NaN);
        }
        if (Double.isFinite(b.asicAreaUm2())) {
            pr.row(b.asicLabel().replace("_area_um2", ""), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    b.asicAreaUm2());
        }
        tables.add(pr.build());
        if (!b.syntheses().isEmpty()) {
            Table.Builder sy = new Table.Builder(id + "-synthesis", "Yosys synthesis (build/stat_*.txt) beside the "
                    + "model").text("target").text("module").col("luts", "LUTs").col("ffs", "FFs")
                    .col("carry_cells", "carry cells").col("dsps", "DSPs").col("brams", "BRAMs")
                    .col("lut_rams", "LUT RAMs").col("model_luts", "LUTs").col("lut_error", "%");
            Table.Builder cells = new Table.Builder(id + "-cells", "Yosys cells").text("target").text("cell")
                    .col("count", "cells");
            for (RtlBundle.Synthesis s : b.syntheses()) {
                RtlBundle.Prediction p = prediction(b, s.target());
                double model = p == null ? Double.NaN : p.luts();
                sy.row(s.target(), s.module(), (double) s.luts(), (double) s.ffs(), (double) s.carry(),
                        (double) s.dsps(), (double) s.brams(), (double) s.lutRams(), model,
                        s.luts() > 0 && Double.isFinite(model) ? 100 * (model - s.luts()) / s.luts() : Double.NaN);
                s.cells().forEach((k, v) -> cells.row(s.target(), k, (double) v));
            }
            tables.add(sy.build());
            tables.add(cells.build());
        }
        if (!b.cyclesPerCase().isEmpty()) {
            Table.Builder cy = new Table.Builder(id + "-cycles", "Cycles per test case (Java cycle-stepped engine)")
                    .col("case", "#").col("cycles", "cycles");
            for (int i = 0; i < b.cyclesPerCase().size(); i++) {
                cy.row((double) i, (double) b.cyclesPerCase().get(i));
            }
            tables.add(cy.build());
        }
        List<String> summary = new ArrayList<>();
        summary.add("design " + b.design() + " (top " + b.top() + ")");
        for (RtlBundle.Synthesis s : b.syntheses()) {
            summary.add("Yosys " + s.target() + ": " + s.luts() + " LUTs, " + s.ffs() + " FFs, " + s.carry()
                    + " carry, " + s.dsps() + " DSPs, " + s.brams() + " BRAMs");
        }
        return new Section(id, "rtl", "RTL bundle: " + b.design(), source, summary, notes, charts, tables,
                List.of());
    }

    /**
     * FPGA resources of bundles: per synthesized target, Yosys beside the model; bundles never synthesized show the
     * model's predictions per part.
     */
    static ChartSpec resources(String id, String title, String sub, List<RtlBundle> bundles) {
        List<String> cats = new ArrayList<>();
        List<double[]> yosys = new ArrayList<>();
        List<double[]> model = new ArrayList<>();
        boolean several = bundles.size() > 1;
        for (RtlBundle b : bundles) {
            String prefix = several ? b.design() + " @ " : "";
            if (!b.syntheses().isEmpty()) {
                for (RtlBundle.Synthesis s : b.syntheses()) {
                    cats.add(prefix + s.target());
                    yosys.add(new double[] {s.luts(), s.ffs(), s.carry(), s.dsps(), s.brams()});
                    RtlBundle.Prediction p = prediction(b, s.target());
                    model.add(p == null ? nan() : new double[] {p.luts(), p.ffs(), p.carry(), p.dsps(), Double.NaN});
                }
            } else {
                for (RtlBundle.Prediction p : b.predictions()) {
                    cats.add(prefix + p.part() + " (model only)");
                    yosys.add(nan());
                    model.add(new double[] {p.luts(), p.ffs(), p.carry(), p.dsps(), Double.NaN});
                }
            }
        }
        if (cats.isEmpty()) {
            return null;
        }
        boolean anyYosys = yosys.stream().anyMatch(v -> Double.isFinite(v[0]));
        boolean anyBram = yosys.stream().anyMatch(v -> v[4] > 0);
        String[] names = {"LUTs", "FFs", "carry cells", "DSPs", "BRAMs"};
        List<BarPanel> panels = new ArrayList<>();
        for (int k = 0; k < (anyBram ? 5 : 4); k++) {
            List<BarSeries> series = new ArrayList<>();
            if (anyYosys) {
                series.add(new BarSeries("Yosys", col(yosys, k)));
            }
            if (k < 4) {
                series.add(new BarSeries(bundles.stream().allMatch(b -> b.scope().startsWith("the whole unit"))
                        ? "model (whole unit)" : "model (MAC datapaths)", col(model, k)));
            }
            panels.add(new BarPanel(Axis.linear(names[k], ""), series, false));
        }
        int h = Math.min(BarChart.MAX_HEIGHT, Math.max(ChartSpec.HEIGHT / 2 + 60, 180 + cats.size() * 40));
        return new BarChart(id, title, sub, "LUTs, flip-flops, carry cells, DSP blocks (and block RAMs) per "
                + "synthesized target: Yosys' count beside the FPGA cost model's prediction of the MAC datapaths.",
                several ? "design @ target" : "target", Charts.unique(cats), panels, true, 1, ChartSpec.WIDTH, h);
    }

    private static double[] nan() {
        return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }

    private static double[] col(List<double[]> rows, int k) {
        double[] c = new double[rows.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = rows.get(i)[k];
        }
        return c;
    }
}
