package io.qdse.reports.internal;

import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.BarPanel;
import io.qdse.reports.chart.BarSeries;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.results.SweepRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The section of a stored sweep. */
public final class SweepSection {
    /** Workloads drawn as Pareto charts (the others are in the tables). */
    static final int MAX_WORKLOAD_CHARTS = 6;
    /** Design points drawn in the FPGA resources chart. */
    static final int MAX_RESOURCE_POINTS = 80;

    private SweepSection() {
    }

    public static Section build(String id, String source, SweepRun s) {
        List<ChartSpec> charts = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        String name = s.manifest().getOrDefault("name", "");
        long errors = s.rows().stream().filter(r -> !r.error().isEmpty()).count();
        long infeasible = s.rows().stream().filter(r -> r.error().isEmpty() && !r.feasible()).count();
        summary.add("sweep " + (name.isEmpty() ? "" : "'" + name + "' ") + "(" + s.status() + "): "
                + s.rows().size() + " rows"
                + (s.manifest().containsKey("rows_total") ? " of " + s.manifest().get("rows_total") : "")
                + ", " + infeasible + " infeasible, " + errors + " failed"
                + (s.manifest().containsKey("sampling.method") ? "; sampling " + s.manifest().get("sampling.method")
                : ""));
        if ("interrupted".equals(s.status())) {
            notes.add("The sweep was interrupted: " + s.manifest().getOrDefault("rows_done", "?") + " of "
                    + s.manifest().getOrDefault("rows_total", "?") + " rows done; fronts cover the rows done only.");
        }
        if (errors > 0) {
            notes.add(errors + " row(s) failed (error column) and are left out of the charts.");
        }
        List<String> objectives = new ArrayList<>(s.pareto());
        if (objectives.isEmpty()) {
            for (String[] pair : new String[][] {{"latency_ms", "energy_uj"}, {"latency_ms", "energy_per_inference_uj"}}) {
                if (s.metrics().containsKey(pair[0]) && s.metrics().containsKey(pair[1]) && objectives.isEmpty()) {
                    objectives.addAll(List.of(pair));
                    notes.add("The manifest names no Pareto objectives; the front of " + pair[0] + " and " + pair[1]
                            + " is computed here.");
                }
            }
        }
        Set<String> workloads = new LinkedHashSet<>();
        s.rows().forEach(r -> workloads.add(r.workload()));
        if (objectives.size() == 2 || objectives.size() == 3) {
            int drawn = 0;
            for (String w : workloads) {
                if (drawn++ >= MAX_WORKLOAD_CHARTS) {
                    notes.add("Pareto charts drawn for the first " + MAX_WORKLOAD_CHARTS + " of " + workloads.size()
                            + " workloads; every front point is in the tables.");
                    break;
                }
                List<SweepRun.Row> rows = s.rows().stream().filter(r -> r.workload().equals(w)
                        && r.error().isEmpty()).toList();
                if (rows.isEmpty()) {
                    continue;
                }
                double[][] v = new double[rows.size()][objectives.size()];
                boolean[] feasible = new boolean[rows.size()];
                boolean[] front = new boolean[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    for (int j = 0; j < objectives.size(); j++) {
                        String o = objectives.get(j);
                        v[i][j] = rows.get(i).metric(o.startsWith("-") ? o.substring(1) : o);
                    }
                    feasible[i] = rows.get(i).feasible();
                    front[i] = rows.get(i).pareto();
                }
                String wid = workloads.size() == 1 ? "" : "-" + Ids.slug(w);
                charts.addAll(Charts.pareto(new Charts.ParetoInput(id + "-pareto" + wid,
                        "Pareto front" + (workloads.size() == 1 ? "" : " on " + w),
                        (name.isEmpty() ? "sweep" : name) + ", workload " + w, objectives, s.metrics(), v, feasible,
                        front)));
            }
        } else if (!objectives.isEmpty()) {
            notes.add("Pareto objectives " + objectives + ": only 2 or 3 can be drawn.");
        }
        ChartSpec res = resources(id, s, name, notes);
        if (res != null) {
            charts.add(res);
        }
        tables.add(manifestTable(id, s));
        tables.add(rowsTable(id + "-pareto-rows", "Pareto-front rows", s, s.rows().stream()
                .filter(r -> r.pareto() && r.error().isEmpty()).toList()));
        tables.add(rowsTable(id + "-rows", "All rows", s, s.rows()));
        return new Section(id, "sweep", "Sweep" + (name.isEmpty() ? "" : ": " + name), source, summary, notes,
                charts, tables, List.of());
    }

    private static ChartSpec resources(String id, SweepRun s, String name, List<String> notes) {
        if (!s.metrics().containsKey("luts")) {
            return null;
        }
        Map<Integer, SweepRun.Row> byPoint = new LinkedHashMap<>();
        for (SweepRun.Row r : s.rows()) {
            if (r.error().isEmpty() && Double.isFinite(r.metric("luts"))) {
                byPoint.putIfAbsent(r.point(), r);
            }
        }
        if (byPoint.isEmpty()) {
            return null;
        }
        List<SweepRun.Row> pts = new ArrayList<>(byPoint.values());
        if (pts.size() > MAX_RESOURCE_POINTS) {
            List<SweepRun.Row> front = new ArrayList<>(pts.stream().filter(SweepRun.Row::pareto).toList());
            for (SweepRun.Row r : pts) {
                if (front.size() >= MAX_RESOURCE_POINTS) {
                    break;
                }
                if (!r.pareto()) {
                    front.add(r);
                }
            }
            notes.add("FPGA resources drawn for " + Math.min(front.size(), MAX_RESOURCE_POINTS) + " of "
                    + pts.size() + " design points (Pareto points first).");
            pts = front.subList(0, Math.min(front.size(), MAX_RESOURCE_POINTS));
            pts = new ArrayList<>(pts);
            pts.sort((a, b) -> Integer.compare(a.point(), b.point()));
        }
        List<String> cats = new ArrayList<>();
        for (SweepRun.Row r : pts) {
            cats.add("point " + r.point() + (r.pareto() ? " (front)" : ""));
        }
        List<BarPanel> panels = new ArrayList<>();
        for (String m : List.of("luts", "ffs", "dsps", "brams")) {
            if (!s.metrics().containsKey(m)) {
                continue;
            }
            double[] v = new double[pts.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = pts.get(i).metric(m);
            }
            String label = Map.of("luts", "LUTs", "ffs", "FFs", "dsps", "DSPs", "brams", "BRAMs").get(m);
            panels.add(new BarPanel(Axis.linear(label, ""), List.of(new BarSeries(label, v)), false));
        }
        return Charts.horizontal(id + "-fpga", "FPGA resources per design point",
                (name.isEmpty() ? "sweep" : name) + ", " + pts.size() + " design points", "LUTs, flip-flops, DSP "
                        + "blocks and block RAMs of each design point, each on its own scale.", "design point", cats,
                panels, 1);
    }

    private static Table manifestTable(String id, SweepRun s) {
        Table.Builder b = new Table.Builder(id + "-manifest", "Sweep manifest").text("field").text("value");
        s.manifest().forEach((k, v) -> b.row(k, v));
        b.row("parameters", String.join(", ", s.parameters()));
        b.row("metrics", String.join(", ", s.metrics().keySet()));
        b.row("pareto", String.join(", ", s.pareto()));
        b.row("constraints", String.join("; ", s.constraints()));
        return b.build();
    }

    private static Table rowsTable(String id, String title, SweepRun s, List<SweepRun.Row> rows) {
        Table.Builder b = new Table.Builder(id, title).col("point", "#").text("workload");
        List<String> labels = new ArrayList<>();
        s.rows().forEach(r -> r.labels().keySet().forEach(k -> {
            if (!labels.contains(k)) {
                labels.add(k);
            }
        }));
        for (String l : labels) {
            b.text(l);
        }
        for (String p : s.parameters()) {
            b.text("param_" + p);
        }
        b.text("formats");
        for (Map.Entry<String, String> m : s.metrics().entrySet()) {
            b.col(m.getKey(), m.getValue());
        }
        b.text("feasible").text("pareto").text("error");
        for (SweepRun.Row r : rows) {
            List<Object> row = new ArrayList<>();
            row.add((double) r.point());
            row.add(r.workload());
            for (String l : labels) {
                row.add(r.labels().getOrDefault(l, ""));
            }
            for (String p : s.parameters()) {
                row.add(r.parameters().get(p));
            }
            row.add(r.formats());
            for (String m : s.metrics().keySet()) {
                row.add(r.metric(m));
            }
            row.add(r.feasible());
            row.add(r.pareto());
            row.add(r.error());
            b.row(row);
        }
        return b.build();
    }
}
