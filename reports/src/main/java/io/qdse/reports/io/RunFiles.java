package io.qdse.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.reports.results.EnergyAreaTables;
import io.qdse.reports.results.SimulateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads stored {@code qdse simulate} results ({@code result.json}) and Accelergy-style {@code ert.json}. */
public final class RunFiles {
    static final List<String> ENERGY = List.of("mac", "sram_ifmap", "sram_filter", "sram_ofmap", "dram", "leakage",
            "total");

    private RunFiles() {
    }

    /** @return the run stored in {@code dir/result.json} */
    public static SimulateRun simulate(Path dir) {
        Path f = dir.resolve("result.json");
        return simulate(f, JsonFiles.object(f));
    }

    static SimulateRun simulate(Path f, JsonNode root) {
        Problems p = new Problems(f);
        String workload = p.text(root, "workload", "");
        String arch = p.text(root, "arch", "");
        String kind = Problems.optText(root, "kind", "systolic");
        double clock = p.num(root, "clock_mhz", "");
        if (clock <= 0) {
            p.add("clock_mhz: a positive number (was " + clock + ")");
        }
        double bw = p.optNum(root, "dram_bandwidth_gbs", "");
        String shape = "";
        if (root.has("rows") && root.has("cols")) {
            shape = root.get("rows").asText() + "x" + root.get("cols").asText();
            if (root.has("dataflow")) {
                shape += " " + root.get("dataflow").asText();
            } else if (root.path("pe").has("family")) {
                shape += " " + root.path("pe").get("family").asText() + " PEs";
            }
        }
        List<SimulateRun.Layer> layers = new ArrayList<>();
        JsonNode ls = p.array(root, "layers", "");
        for (int i = 0; i < ls.size(); i++) {
            layers.add(layer(ls.get(i), "layers[" + i + "]", p));
        }
        if (ls.isArray() && ls.isEmpty() && root.has("layers")) {
            p.add("layers: at least one layer (was empty)");
        }
        SimulateRun.Layer total = root.has("total") ? layer(root.get("total"), "total", p) : null;
        SimulateRun.FpgaResources fpga = null;
        if (root.has("fpga_resources")) {
            JsonNode fr = p.object(root, "fpga_resources", "");
            fpga = new SimulateRun.FpgaResources(p.num(fr, "luts", "fpga_resources"),
                    p.num(fr, "ffs", "fpga_resources"), p.num(fr, "dsps", "fpga_resources"),
                    p.num(fr, "brams", "fpga_resources"));
        }
        double area = p.optNum(root, "area_um2", "");
        List<String> notes = new ArrayList<>();
        for (JsonNode n : root.path("notes")) {
            notes.add(n.asText());
        }
        p.check();
        if (total == null) {
            total = sum(layers);
        }
        return new SimulateRun(workload, arch, kind, shape, clock, bw,
                Problems.optText(root, "technology", ""), Problems.optText(root, "engine", ""), layers, total, area,
                fpga, notes);
    }

    private static SimulateRun.Layer layer(JsonNode l, String where, Problems p) {
        if (l == null || !l.isObject()) {
            p.add(where + ": an object (was " + l + ")");
            return new SimulateRun.Layer(where, "", Double.NaN, Double.NaN, Double.NaN, Map.of(), Map.of());
        }
        String name = where.equals("total") ? "TOTAL" : p.text(l, "layer", where);
        Map<String, Double> counts = new LinkedHashMap<>();
        for (String c : List.of("cycles", "stall_cycles", "compute_cycles", "macs")) {
            counts.put(c, c.equals("cycles") || c.equals("macs") ? p.num(l, c, where) : p.optNum(l, c, where));
        }
        for (Iterator<String> it = l.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (k.endsWith("_bits") && l.get(k).isNumber()) {
                counts.put(k, l.get(k).asDouble());
            }
        }
        Map<String, Double> energy = new LinkedHashMap<>();
        JsonNode e = p.object(l, "energy_pj", where);
        for (String c : ENERGY) {
            energy.put(c, c.equals("total") ? p.num(e, c, where + ".energy_pj") : p.optNum(e, c, where + ".energy_pj"));
        }
        return new SimulateRun.Layer(name, Problems.optText(l, "formats", ""),
                p.optNum(l, "peak_macs_per_cycle", where), p.num(l, "utilization", where),
                p.optNum(l, "mapping_efficiency", where), counts, energy);
    }

    private static SimulateRun.Layer sum(List<SimulateRun.Layer> layers) {
        Map<String, Double> counts = new LinkedHashMap<>();
        Map<String, Double> energy = new LinkedHashMap<>();
        double busy = 0;
        double peak = 0;
        for (SimulateRun.Layer l : layers) {
            l.counts().forEach((k, v) -> counts.merge(k, v, Double::sum));
            l.energy().forEach((k, v) -> energy.merge(k, v, Double::sum));
            busy += l.utilization() * l.count("cycles");
        }
        double cycles = counts.getOrDefault("cycles", 0.0);
        return new SimulateRun.Layer("TOTAL", "", peak == 0 ? Double.NaN : peak, cycles == 0 ? 0 : busy / cycles,
                Double.NaN, counts, energy);
    }

    /** @return the design's tables stored in {@code dir/ert.json} */
    public static EnergyAreaTables ert(Path dir) {
        Path f = dir.resolve("ert.json");
        JsonNode root = JsonFiles.object(f);
        Problems p = new Problems(f);
        String design = p.text(root, "design", "");
        List<EnergyAreaTables.Action> actions = new ArrayList<>();
        JsonNode as = p.array(root, "actions", "");
        for (int i = 0; i < as.size(); i++) {
            String w = "actions[" + i + "]";
            actions.add(new EnergyAreaTables.Action(p.text(as.get(i), "component", w), p.text(as.get(i), "action", w),
                    p.num(as.get(i), "energy_pj", w)));
        }
        List<EnergyAreaTables.Area> areas = new ArrayList<>();
        JsonNode ar = root.has("areas") ? p.array(root, "areas", "") : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < ar.size(); i++) {
            String w = "areas[" + i + "]";
            areas.add(new EnergyAreaTables.Area(p.text(ar.get(i), "component", w), p.num(ar.get(i), "area_um2", w)));
        }
        p.check();
        return new EnergyAreaTables(design, Problems.optText(root, "technology", ""), actions, areas, false);
    }

    /** @return whether {@code dir} holds an {@code ert.json} */
    public static boolean hasErt(Path dir) {
        return Files.isRegularFile(dir.resolve("ert.json"));
    }
}
