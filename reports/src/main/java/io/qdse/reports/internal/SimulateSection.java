package io.qdse.reports.internal;

import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.Axis;
import io.qdse.reports.chart.BarChart;
import io.qdse.reports.chart.BarPanel;
import io.qdse.reports.chart.BarSeries;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.chart.XyChart;
import io.qdse.reports.chart.XySeries;
import io.qdse.reports.results.EnergyAreaTables;
import io.qdse.reports.results.SimulateRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The section of a stored {@code qdse simulate} run. */
public final class SimulateSection {
    /** Energy components as stored ({@code energy_pj} keys) → legend names. */
    static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("mac", "MAC");
        COMPONENTS.put("sram_ifmap", "SRAM ifmap");
        COMPONENTS.put("sram_filter", "SRAM filter");
        COMPONENTS.put("sram_ofmap", "SRAM ofmap");
        COMPONENTS.put("dram", "DRAM");
        COMPONENTS.put("leakage", "leakage");
    }

    private SimulateSection() {
    }

    /** @return a one-line description of the design */
    public static String design(SimulateRun r) {
        List<String> parts = new ArrayList<>();
        if (!r.shape().isEmpty()) {
            parts.add(r.shape());
        }
        parts.add(Fmt.num(r.clockMhz()) + " MHz");
        if (!r.technology().isEmpty()) {
            parts.add(r.technology());
        }
        if (Double.isFinite(r.dramBandwidthGbs())) {
            parts.add("DRAM " + Fmt.num(r.dramBandwidthGbs()) + " GB/s");
        }
        return r.workload() + " on " + r.arch() + " (" + String.join(", ", parts) + ")";
    }

    /**
     * @param ert the design's tables from an {@code ert.json} beside the result, or null (then derived from the
     *            run's totals)
     */
    public static Section build(String id, String source, SimulateRun r, EnergyAreaTables ert) {
        List<String> notes = new ArrayList<>(r.notes());
        List<ChartSpec> charts = new ArrayList<>();
        List<String> layers = r.layers().stream().map(SimulateRun.Layer::layer).toList();
        String sub = design(r) + ", " + r.engine() + " engine";
        charts.add(energy(id, r, layers, sub));
        XyChart roof = roofline(id, r, sub, notes);
        if (roof != null) {
            charts.add(roof);
        }
        charts.add(utilization(id, r, layers, sub));
        if (r.fpga() != null) {
            charts.add(fpgaResources(id + "-fpga", "FPGA resources of the design", sub,
                    List.of(r.arch() + " (" + r.technology() + ")"), List.of(r.fpga())));
        }
        List<Table> tables = new ArrayList<>();
        tables.add(summary(id, r));
        tables.add(layerTable(id, r));
        EnergyAreaTables t = ert != null ? ert : derivedErt(r);
        tables.add(ertTable(id, t));
        tables.add(artTable(id, t, r));
        if (ert == null) {
            notes.add("ERT/ART derived from this run's stored totals: energy per action = component energy / "
                    + "counted actions (averaged over the run's layers and formats), area of the whole design only; "
                    + "an ert.json beside result.json gives the design's own tables.");
        }
        List<String> summary = List.of(design(r),
                "latency " + Fmt.num(r.latencyMs()) + " ms, energy " + Fmt.num(r.total().energy().get("total") * 1e-6)
                        + " µJ, utilisation " + Fmt.num(100 * r.total().utilization()) + " %"
                        + (Double.isFinite(r.areaUm2()) ? ", area " + Fmt.num(r.areaUm2() * 1e-6) + " mm²" : "")
                        + (r.fpga() != null ? ", " + Fmt.num(r.fpga().luts()) + " LUTs, " + Fmt.num(r.fpga().dsps())
                        + " DSPs, " + Fmt.num(r.fpga().brams()) + " BRAMs" : ""));
        return new Section(id, "simulate", "Simulation: " + r.workload() + " on " + r.arch(), source, summary, notes,
                charts, tables, List.of(t));
    }

    static BarChart energy(String id, SimulateRun r, List<String> layers, String sub) {
        List<BarSeries> series = new ArrayList<>();
        for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
            double[] v = new double[layers.size()];
            boolean any = false;
            for (int i = 0; i < v.length; i++) {
                Double pj = r.layers().get(i).energy().get(c.getKey());
                v[i] = pj == null || !Double.isFinite(pj) ? Double.NaN : pj * 1e-6;
                any |= Double.isFinite(v[i]) && v[i] > 0;
            }
            if (any) {
                series.add(new BarSeries(c.getValue(), v));
            }
        }
        if (series.isEmpty()) {
            double[] v = new double[layers.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.layers().get(i).energy().get("total") * 1e-6;
            }
            series.add(new BarSeries("total", v));
        }
        return Charts.horizontal(id + "-energy", "Energy per layer by component", sub,
                "Energy of each layer split into MAC, SRAM (per operand), DRAM and leakage, stacked.", "layer",
                layers, List.of(new BarPanel(Axis.linear("energy", "µJ"), series, true)), 1);
    }

    static BarChart utilization(String id, SimulateRun r, List<String> layers, String sub) {
        double[] u = new double[layers.size()];
        double[] m = new double[layers.size()];
        boolean anyM = false;
        for (int i = 0; i < u.length; i++) {
            u[i] = 100 * r.layers().get(i).utilization();
            m[i] = 100 * r.layers().get(i).mappingEfficiency();
            anyM |= Double.isFinite(m[i]);
        }
        List<BarSeries> s = new ArrayList<>();
        s.add(new BarSeries("utilisation (busy MACs / peak, over all cycles)", u));
        if (anyM) {
            s.add(new BarSeries("mapping efficiency (over compute cycles)", m));
        }
        return Charts.horizontal(id + "-utilization", "Utilisation per layer", sub,
                "Share of the array's peak MACs each layer keeps busy, over all its cycles (stalls included), and "
                        + "the mapping efficiency of its tiles.", "layer", layers,
                List.of(new BarPanel(Axis.linear("utilisation", "%"), s, false)), s.size());
    }

    /** Roofline: x = ops per DRAM byte, y = achieved GOP/s; roofs from peak MACs/cycle × clock and DRAM bandwidth. */
    static XyChart roofline(String id, SimulateRun r, String sub, List<String> notes) {
        Map<String, List<double[]>> byFormats = new LinkedHashMap<>();
        int skipped = 0;
        TreeMap<Double, String> peaks = new TreeMap<>();
        for (SimulateRun.Layer l : r.layers()) {
            double ops = 2 * l.count("macs");
            double bytes = l.dramBytes();
            double s = l.count("cycles") / (r.clockMhz() * 1e6);
            if (ops <= 0 || bytes <= 0 || s <= 0) {
                skipped++;
                continue;
            }
            byFormats.computeIfAbsent(l.formats(), k -> new ArrayList<>()).add(new double[] {ops / bytes,
                ops / s / 1e9});
            if (Double.isFinite(l.peakMacsPerCycle()) && l.peakMacsPerCycle() > 0) {
                peaks.putIfAbsent(2 * l.peakMacsPerCycle() * r.clockMhz() / 1e3, l.formats());
            }
        }
        if (byFormats.isEmpty()) {
            notes.add("No roofline: no layer has both MACs and DRAM traffic.");
            return null;
        }
        if (skipped > 0) {
            notes.add("Roofline: " + skipped + " layer(s) without DRAM traffic (or MACs) are not drawn (their "
                    + "intensity is unbounded).");
        }
        double bw = r.dramBandwidthGbs();
        if (peaks.isEmpty()) {
            notes.add("Roofline without a compute roof: result.json stores no peak_macs_per_cycle (written by an "
                    + "older qdse).");
        }
        if (!Double.isFinite(bw)) {
            notes.add("Roofline without a memory roof: result.json stores no dram_bandwidth_gbs.");
        }
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = 0;
        for (List<double[]> pts : byFormats.values()) {
            for (double[] p : pts) {
                xmin = Math.min(xmin, p[0]);
                xmax = Math.max(xmax, p[0]);
            }
        }
        for (double peak : peaks.keySet()) {
            if (Double.isFinite(bw)) {
                xmin = Math.min(xmin, peak / bw);
                xmax = Math.max(xmax, peak / bw);
            }
        }
        xmin /= 3;
        xmax *= 3;
        List<XySeries> series = new ArrayList<>();
        boolean several = peaks.size() > 1;
        for (Map.Entry<Double, String> pk : peaks.descendingMap().entrySet()) {
            double peak = pk.getKey();
            List<double[]> line = new ArrayList<>();
            if (Double.isFinite(bw) && bw * xmin < peak) {
                line.add(new double[] {xmin, bw * xmin});
                line.add(new double[] {peak / bw, peak});
            } else {
                line.add(new double[] {xmin, peak});
            }
            line.add(new double[] {xmax, peak});
            series.add(new XySeries("roofline: peak " + Fmt.num(peak) + " GOP/s" + (several ? " (" + pk.getValue()
                    + ")" : "") + (Double.isFinite(bw) ? ", DRAM " + Fmt.num(bw) + " GB/s" : ""),
                    XySeries.Style.BOUND, col(line, 0), col(line, 1)));
        }
        if (peaks.isEmpty() && Double.isFinite(bw)) {
            series.add(new XySeries("memory roof: DRAM " + Fmt.num(bw) + " GB/s", XySeries.Style.BOUND,
                    new double[] {xmin, xmax}, new double[] {bw * xmin, bw * xmax}));
        }
        boolean byFmt = byFormats.size() > 1 && byFormats.size() <= 8;
        if (byFmt) {
            for (Map.Entry<String, List<double[]>> e : byFormats.entrySet()) {
                series.add(new XySeries("layers, " + (e.getKey().isEmpty() ? "default formats" : e.getKey()),
                        XySeries.Style.POINTS, col(e.getValue(), 0), col(e.getValue(), 1)));
            }
        } else {
            List<double[]> all = new ArrayList<>();
            byFormats.values().forEach(all::addAll);
            series.add(new XySeries("layers (" + all.size() + ")", XySeries.Style.POINTS, col(all, 0),
                    col(all, 1)));
        }
        return new XyChart(id + "-roofline", "Roofline", sub,
                "Each layer's achieved throughput against its arithmetic intensity (2 ops per MAC, per byte of DRAM "
                        + "traffic), under the memory roof (DRAM bandwidth) and the compute roof (2 x peak MACs per "
                        + "cycle x clock).",
                Axis.log("arithmetic intensity", "ops per DRAM byte"),
                Axis.log("achieved throughput", "GOP/s"), series, ChartSpec.WIDTH, ChartSpec.HEIGHT);
    }

    private static double[] col(List<double[]> pts, int j) {
        double[] c = new double[pts.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = pts.get(i)[j];
        }
        return c;
    }

    /** FPGA resources (LUTs, FFs, DSPs, BRAMs) of designs, one panel each. */
    static BarChart fpgaResources(String id, String title, String sub, List<String> designs,
                                  List<SimulateRun.FpgaResources> res) {
        String[] names = {"LUTs", "FFs", "DSPs", "BRAM18 (iCE40: 4 Kb EBR)"};
        List<BarPanel> panels = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            double[] v = new double[res.size()];
            for (int i = 0; i < v.length; i++) {
                SimulateRun.FpgaResources f = res.get(i);
                v[i] = k == 0 ? f.luts() : k == 1 ? f.ffs() : k == 2 ? f.dsps() : f.brams();
            }
            panels.add(new BarPanel(Axis.linear(names[k], ""), List.of(new BarSeries(names[k], v)), false));
        }
        int h = Math.max(ChartSpec.HEIGHT / 2, 170 + designs.size() * 34);
        return new BarChart(id, title, sub, "LUTs, flip-flops, DSP blocks and block RAMs of each design, each on "
                + "its own scale.", "design", Charts.unique(designs), panels, true, 1, ChartSpec.WIDTH,
                Math.min(h, BarChart.MAX_HEIGHT));
    }

    static Table summary(String id, SimulateRun r) {
        Table.Builder b = new Table.Builder(id + "-summary", "Run summary").text("quantity").text("value")
                .text("unit");
        b.row("workload", r.workload(), "");
        b.row("architecture", r.arch(), "");
        b.row("kind", r.kind(), "");
        if (!r.shape().isEmpty()) {
            b.row("array", r.shape(), "");
        }
        b.row("clock", Fmt.num(r.clockMhz()), "MHz");
        b.row("technology", r.technology(), "");
        b.row("engine", r.engine(), "");
        if (Double.isFinite(r.dramBandwidthGbs())) {
            b.row("DRAM bandwidth", Fmt.num(r.dramBandwidthGbs()), "GB/s");
        }
        SimulateRun.Layer t = r.total();
        double ms = r.latencyMs();
        double uj = t.energy().get("total") * 1e-6;
        b.row("latency", Fmt.num(ms), "ms");
        b.row("cycles", Fmt.num(t.count("cycles")), "cycles");
        b.row("stall cycles", Fmt.num(t.count("stall_cycles")), "cycles");
        b.row("MACs", Fmt.num(t.count("macs")), "MACs");
        double tops = 2 * t.count("macs") / (ms * 1e-3) / 1e12;
        b.row("throughput (2 ops/MAC)", Fmt.num(tops), "TOPS");
        b.row("utilisation", Fmt.num(100 * t.utilization()), "%");
        b.row("energy", Fmt.num(uj), "µJ");
        for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
            Double v = t.energy().get(c.getKey());
            if (v != null && Double.isFinite(v)) {
                b.row("  energy: " + c.getValue(), Fmt.num(v * 1e-6), "µJ");
            }
        }
        b.row("efficiency", Fmt.num(tops / (uj * 1e-6 / (ms * 1e-3))), "TOPS/W");
        b.row("DRAM traffic", Fmt.num(t.dramBytes() / 1e6), "MB");
        if (Double.isFinite(r.areaUm2())) {
            b.row("area", Fmt.num(r.areaUm2() * 1e-6), "mm²");
        }
        if (r.fpga() != null) {
            b.row("LUTs", Fmt.num(r.fpga().luts()), "LUTs");
            b.row("FFs", Fmt.num(r.fpga().ffs()), "FFs");
            b.row("DSPs", Fmt.num(r.fpga().dsps()), "DSPs");
            b.row("BRAMs", Fmt.num(r.fpga().brams()), "BRAMs");
        }
        return b.build();
    }

    static Table layerTable(String id, SimulateRun r) {
        Table.Builder b = new Table.Builder(id + "-layers", "Per-layer results").text("layer").text("formats")
                .col("cycles", "cycles").col("stall_cycles", "cycles").col("compute_cycles", "cycles")
                .col("macs", "MACs").col("peak_macs_per_cycle", "MACs/cycle").col("utilization", "%")
                .col("mapping_efficiency", "%");
        List<String> traffic = new ArrayList<>();
        for (String k : r.total().counts().keySet()) {
            if (k.endsWith("_bits")) {
                traffic.add(k);
                b.col(k, "bits");
            }
        }
        for (String c : COMPONENTS.keySet()) {
            b.col("energy_" + c, "µJ");
        }
        b.col("energy_total", "µJ").col("intensity", "ops/DRAM byte").col("achieved", "GOP/s");
        List<SimulateRun.Layer> all = new ArrayList<>(r.layers());
        all.add(r.total());
        for (SimulateRun.Layer l : all) {
            List<Object> row = new ArrayList<>();
            row.add(l.layer());
            row.add(l.formats());
            row.add(l.count("cycles"));
            row.add(l.counts().getOrDefault("stall_cycles", Double.NaN));
            row.add(l.counts().getOrDefault("compute_cycles", Double.NaN));
            row.add(l.count("macs"));
            row.add(l.peakMacsPerCycle());
            row.add(100 * l.utilization());
            row.add(100 * l.mappingEfficiency());
            for (String k : traffic) {
                row.add(l.counts().getOrDefault(k, Double.NaN));
            }
            for (String c : COMPONENTS.keySet()) {
                Double v = l.energy().get(c);
                row.add(v == null ? Double.NaN : v * 1e-6);
            }
            row.add(l.energy().get("total") * 1e-6);
            double bytes = l.dramBytes();
            double ops = 2 * l.count("macs");
            row.add(bytes > 0 ? ops / bytes : Double.NaN);
            double s = l.count("cycles") / (r.clockMhz() * 1e6);
            row.add(s > 0 ? ops / s / 1e9 : Double.NaN);
            b.row(row);
        }
        return b.build();
    }

    /** Energy per action averaged over the run: stored component energy / counted actions. */
    static EnergyAreaTables derivedErt(SimulateRun r) {
        SimulateRun.Layer t = r.total();
        List<EnergyAreaTables.Action> a = new ArrayList<>();
        add(a, "mac_array", "mac", t.energy().get("mac"), t.count("macs"));
        add(a, "sram_ifmap", "read_bit", t.energy().get("sram_ifmap"), t.count("sram_ifmap_read_bits"));
        add(a, "sram_filter", "read_bit", t.energy().get("sram_filter"), t.count("sram_filter_read_bits"));
        add(a, "sram_ofmap", "access_bit", t.energy().get("sram_ofmap"), t.count("sram_ofmap_read_bits")
                + t.count("sram_ofmap_write_bits"));
        add(a, "dram", "access_bit", t.energy().get("dram"), t.dramBytes() * 8);
        add(a, "leakage", "cycle", t.energy().get("leakage"), t.count("cycles"));
        List<EnergyAreaTables.Area> ar = new ArrayList<>();
        if (Double.isFinite(r.areaUm2())) {
            ar.add(new EnergyAreaTables.Area(r.arch(), r.areaUm2()));
        }
        return new EnergyAreaTables(r.arch(), r.technology(), a, ar, true);
    }

    private static void add(List<EnergyAreaTables.Action> a, String comp, String action, Double pj, double count) {
        if (pj != null && Double.isFinite(pj) && count > 0) {
            a.add(new EnergyAreaTables.Action(comp, action, pj / count));
        }
    }

    static Table ertTable(String id, EnergyAreaTables t) {
        Table.Builder b = new Table.Builder(id + "-ert", "ERT: energy per action (" + t.design()
                + (t.derived() ? ", averaged over this run" : "") + ")").text("component").text("action")
                .col("energy", "pJ");
        for (EnergyAreaTables.Action a : t.actions()) {
            b.row(a.component(), a.action(), a.energyPj());
        }
        return b.build();
    }

    static Table artTable(String id, EnergyAreaTables t, SimulateRun r) {
        Table.Builder b = new Table.Builder(id + "-art", "ART: area per component (" + t.design() + ")")
                .text("component").col("area", "µm²");
        for (EnergyAreaTables.Area a : t.areas()) {
            b.row(a.component(), a.areaUm2());
        }
        return b.build();
    }
}
