package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.chart.ChartRenderer;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.internal.CompareSection;
import io.qdse.reports.results.CompareRun;
import io.qdse.reports.text.Csv;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code qdse compare} shows and stores: the terminal table, {@code compare.json}, {@code compare.csv} and the
 * comparison chart (PNG and SVG, the same chart {@code qdse report} draws from the stored JSON).
 */
public final class CompareRender {
    private CompareRender() {
    }

    /**
     * One accelerator's row.
     *
     * @param arch    its name
     * @param kind    systolic, bitserial, ...
     * @param summary one line describing it
     * @param formats the formats it ran
     * @param metrics values of {@code columns} (NaN where absent)
     */
    public record Row(String arch, String kind, String summary, String formats, String shortFormats,
                      Map<String, Double> metrics) {
    }

    /**
     * @param workload the workload's name
     * @param batch    inferences it runs
     * @param columns  metric names in order
     * @param units    unit of each metric
     * @param rows     one per accelerator
     */
    public record Comparison(String workload, long batch, List<String> columns, Map<String, String> units,
                             List<Row> rows) {
    }

    public static ObjectNode json(Comparison c) {
        ObjectNode root = Json.object();
        root.put("workload", c.workload());
        root.put("engine", "analytical");
        ArrayNode rows = root.putArray("rows");
        for (Row r : c.rows()) {
            ObjectNode o = rows.addObject();
            o.put("arch", r.arch());
            o.put("kind", r.kind());
            o.put("summary", r.summary());
            o.put("formats", r.formats());
            for (String col : c.columns()) {
                double v = r.metrics().get(col);
                if (Double.isNaN(v)) {
                    o.putNull(col);
                } else {
                    Json.put(o, col, v);
                }
            }
        }
        ObjectNode units = root.putObject("units");
        for (String col : c.columns()) {
            units.put(col, c.units().get(col));
        }
        return root;
    }

    /**
     * @return compare.csv: one row per accelerator; headers {@code name} (text) or {@code metric} with its unit (the
     *     two whose JSON names carry none get it here: {@code utilization_fraction}, {@code brams_blocks})
     */
    public static String csv(Comparison c) {
        List<String> header = new ArrayList<>(List.of("arch", "kind", "summary", "formats"));
        for (String col : c.columns()) {
            header.add(switch (col) {
                case "utilization" -> "utilization_fraction";
                case "brams" -> "brams_blocks"; // BRAM18 on AMD/Xilinx, 4 Kb EBR on iCE40 (compare.json units)
                default -> col;
            });
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : c.rows()) {
            List<Object> row = new ArrayList<>(List.of(r.arch(), r.kind(), r.summary(), r.formats()));
            for (String col : c.columns()) {
                row.add(r.metrics().get(col));
            }
            rows.add(row);
        }
        return Csv.write(header, rows);
    }

    public static String text(Comparison c) {
        TextTable t = new TextTable("arch", "kind", "formats", "latency (ms)", "throughput (inf/s)", "TOPS",
                "energy (uJ)", "power (W)", "TOPS/W", "area (mm^2)", "LUTs / DSPs / BRAMs", "util (%)",
                "DRAM (MB)").numeric(3, 4, 5, 6, 7, 8, 9, 11, 12);
        boolean unmodelled = false;
        for (Row r : c.rows()) {
            Map<String, Double> m = r.metrics();
            boolean fpga = !Double.isNaN(m.get("luts"));
            boolean noEnergy = Double.isNaN(m.get("energy_uj"));
            unmodelled |= noEnergy;
            t.row(r.arch(), r.kind(), r.shortFormats(), Numbers.sig(m.get("latency_ms"), 4),
                    Numbers.sig(m.get("throughput_inf_s"), 4), Numbers.sig(m.get("tops"), 4),
                    noEnergy ? "n/m" : Numbers.sig(m.get("energy_uj"), 4),
                    noEnergy ? "n/m" : Numbers.sig(m.get("power_w"), 4),
                    noEnergy ? "n/m" : Numbers.sig(m.get("tops_per_w"), 4),
                    fpga ? "" : Numbers.sig(m.get("area_mm2"), 4),
                    fpga ? Numbers.sig(m.get("luts"), 4) + " / " + Numbers.sig(m.get("dsps"), 3) + " / "
                            + Numbers.sig(m.get("brams"), 3) : "", Numbers.sig(100 * m.get("utilization"), 3),
                    Numbers.sig(m.get("dram_mb"), 4));
        }
        return c.workload() + " (batch " + c.batch() + "), analytical engines:\n" + t.render() + (unmodelled
                ? "n/m: not modelled (a GPU's energy is known for its HBM traffic only, no per-MMA energy is published;"
                + " docs/gpu.md)\n" : "");
    }

    /** @return the comparison chart (one bar panel per metric), or null when no metric has a value */
    public static ChartSpec chart(Comparison c) {
        List<CompareRun.Row> rows = new ArrayList<>();
        for (Row r : c.rows()) {
            Map<String, Double> m = new LinkedHashMap<>();
            c.columns().forEach(col -> m.put(col, r.metrics().get(col)));
            rows.add(new CompareRun.Row(r.arch(), r.kind(), m, Map.of("formats", r.formats())));
        }
        List<ChartSpec> charts = CompareSection.build("compare", "qdse compare", new CompareRun(c.workload(), rows,
                c.units())).charts();
        return charts.isEmpty() ? null : charts.get(0);
    }

    public static byte[] png(ChartSpec chart) {
        return ChartRenderer.png(chart);
    }

    public static String svg(ChartSpec chart) {
        return ChartRenderer.svg(chart);
    }
}
