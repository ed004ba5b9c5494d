package io.qdse.reports.internal;

import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.BarChart;
import io.qdse.reports.chart.BarPanel;
import io.qdse.reports.chart.BarSeries;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.results.CompareRun;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The section of a stored {@code qdse compare} result. */
public final class CompareSection {
    /** Metrics drawn, with axis label and unit. */
    static final String[][] METRICS = {{"latency_ms", "latency", "ms"},
        {"throughput_inf_s", "throughput", "inferences/s"}, {"energy_uj", "energy", "µJ"}, {"power_w", "power", "W"}, {"tops_per_w", "efficiency", "TOPS/W"},
        {"area_mm2", "area", "mm²"}, {"luts", "LUTs", ""}, {"utilization", "utilisation", "%"}};

    private CompareSection() {
    }

    public static Section build(String id, String source, CompareRun c) {
        List<String> archs = new ArrayList<>();
        for (CompareRun.Row r : c.rows()) {
            archs.add(r.arch() + (r.kind().isEmpty() ? "" : " (" + r.kind() + ")"));
        }
        List<BarPanel> panels = new ArrayList<>();
        for (String[] m : METRICS) {
            double[] v = new double[c.rows().size()];
            boolean any = false;
            for (int i = 0; i < v.length; i++) {
                Double x = c.rows().get(i).metrics().get(m[0]);
                v[i] = x == null ? Double.NaN : m[0].equals("utilization") ? 100 * x : x;
                any |= Double.isFinite(v[i]);
            }
            if (any) {
                panels.add(new BarPanel(Axis.linear(m[1], m[2]), List.of(new BarSeries(m[1], v)), false));
            }
        }
        List<ChartSpec> charts = new ArrayList<>();
        if (!panels.isEmpty()) {
            charts.add(comparison(id + "-compare", "Architectures compared on " + c.workload(), c.rows().size()
                    + " architectures", "Latency, throughput, energy, power, area or LUTs and utilisation of each "
                    + "architecture on the same workload, each on its own scale.", "architecture", archs, panels));
        }
        Set<String> metrics = new LinkedHashSet<>();
        Set<String> texts = new LinkedHashSet<>();
        c.rows().forEach(r -> metrics.addAll(r.metrics().keySet()));
        c.rows().forEach(r -> texts.addAll(r.texts().keySet()));
        Table.Builder t = new Table.Builder(id + "-rows", "Comparison").text("arch").text("kind");
        for (String x : texts) {
            t.text(x);
        }
        for (String m : metrics) {
            t.col(m, c.units().getOrDefault(m, Units.guess(m)));
        }
        for (CompareRun.Row r : c.rows()) {
            List<Object> row = new ArrayList<>(List.of(r.arch(), r.kind()));
            for (String x : texts) {
                row.add(r.texts().getOrDefault(x, ""));
            }
            for (String m : metrics) {
                row.add(r.metrics().getOrDefault(m, Double.NaN));
            }
            t.row(row);
        }
        return new Section(id, "compare", "Comparison on " + c.workload(), source,
                List.of(c.rows().size() + " architectures on " + c.workload()), List.of(), charts,
                List.of(t.build()), List.of());
    }

    /** Vertical bars, one panel per metric stacked under each other, categories along the bottom. */
    static BarChart comparison(String id, String title, String sub, String caption, String categoryLabel,
                               List<String> categories, List<BarPanel> panels) {
        int labels = categories.stream().mapToInt(String::length).max().orElse(0);
        int h = Math.min(BarChart.MAX_HEIGHT, 130 + 160 * panels.size()
                + (JFreeCharts.rotateLabels(categories, ChartSpec.WIDTH) ? Math.min(220, 6 * labels) : 40));
        return new BarChart(id, title, sub, caption, categoryLabel, Charts.unique(categories), panels, false, 1,
                ChartSpec.WIDTH, Math.max(ChartSpec.HEIGHT, h));
    }
}
