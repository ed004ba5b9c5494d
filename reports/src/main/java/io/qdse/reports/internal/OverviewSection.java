package io.qdse.reports.internal;

import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.BarPanel;
import io.qdse.reports.chart.BarSeries;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.results.RtlBundle;
import io.qdse.reports.results.SimulateRun;
import java.util.ArrayList;
import java.util.List;

/** The first section of a report over several result folders: what was found, and charts across them. */
public final class OverviewSection {
    private OverviewSection() {
    }

    /**
     * @param sections the report's other sections
     * @param runs     its simulate runs, with their section ids
     * @param bundles  its RTL bundles
     */
    public static Section build(List<Section> sections, List<String> runIds, List<SimulateRun> runs,
                                List<RtlBundle> bundles) {
        Table.Builder t = new Table.Builder("overview-sections", "Result folders in this report").text("section")
                .text("kind").text("source").text("headline").col("charts", "count").col("tables", "count");
        for (Section s : sections) {
            t.row(s.id(), s.kind(), s.source(), s.summary().isEmpty() ? s.title() : s.summary().get(
                    s.summary().size() > 1 && s.kind().equals("simulate") ? 1 : 0), (double) s.charts().size(),
                    (double) s.tables().size());
        }
        List<ChartSpec> charts = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        tables.add(t.build());
        if (runs.size() > 1) {
            List<String> cats = new ArrayList<>();
            double[] lat = new double[runs.size()];
            double[] en = new double[runs.size()];
            double[] ut = new double[runs.size()];
            double[] area = new double[runs.size()];
            boolean anyArea = false;
            Table.Builder rt = new Table.Builder("overview-runs", "Simulated runs compared").text("section")
                    .text("workload").text("arch").text("technology").col("latency", "ms").col("energy", "µJ")
                    .col("utilization", "%").col("area", "mm²").col("luts", "LUTs").col("dsps", "DSPs")
                    .col("brams", "BRAMs");
            for (int i = 0; i < runs.size(); i++) {
                SimulateRun r = runs.get(i);
                cats.add(runIds.get(i) + ": " + r.workload() + " on " + r.arch());
                lat[i] = r.latencyMs();
                en[i] = r.total().energy().get("total") * 1e-6;
                ut[i] = 100 * r.total().utilization();
                area[i] = r.areaUm2() * 1e-6;
                anyArea |= Double.isFinite(area[i]);
                rt.row(runIds.get(i), r.workload(), r.arch(), r.technology(), lat[i], en[i], ut[i], area[i],
                        r.fpga() == null ? Double.NaN : r.fpga().luts(), r.fpga() == null ? Double.NaN
                                : r.fpga().dsps(), r.fpga() == null ? Double.NaN : r.fpga().brams());
            }
            List<BarPanel> panels = new ArrayList<>(List.of(
                    new BarPanel(Axis.linear("latency", "ms"), List.of(new BarSeries("latency", lat)), false),
                    new BarPanel(Axis.linear("energy", "µJ"), List.of(new BarSeries("energy", en)), false),
                    new BarPanel(Axis.linear("utilisation", "%"), List.of(new BarSeries("utilisation", ut)), false)));
            if (anyArea) {
                panels.add(new BarPanel(Axis.linear("area", "mm²"), List.of(new BarSeries("area", area)), false));
            }
            charts.add(CompareSection.comparison("overview-runs", "Simulated runs compared", runs.size()
                    + " stored simulate runs", "Latency, energy, utilisation and area of every simulate run in this "
                    + "report, each on its own scale.", "run", cats, panels));
            tables.add(rt.build());
            List<String> fpgaNames = new ArrayList<>();
            List<SimulateRun.FpgaResources> fpga = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).fpga() != null) {
                    fpgaNames.add(runIds.get(i) + ": " + runs.get(i).arch() + " (" + runs.get(i).technology() + ")");
                    fpga.add(runs.get(i).fpga());
                }
            }
            if (fpga.size() > 1) {
                charts.add(SimulateSection.fpgaResources("overview-fpga", "FPGA resources per design",
                        fpga.size() + " simulated designs on FPGA parts", fpgaNames, fpga));
            }
        }
        if (bundles.size() > 1) {
            ChartSpec c = RtlSection.resources("overview-rtl", "FPGA resources of the RTL bundles",
                    bundles.size() + " bundles: Yosys beside the model", bundles);
            if (c != null) {
                charts.add(c);
            }
        }
        return new Section("overview", "overview", "Overview", "", List.of(sections.size()
                + " result folders"), List.of(), charts, tables, List.of());
    }
}
