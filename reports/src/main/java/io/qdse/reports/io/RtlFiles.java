package io.qdse.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.reports.results.RtlBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads a stored RTL bundle: {@code params.json} and {@code build/stat_<target>.txt} (Yosys {@code stat}). */
public final class RtlFiles {
    private static final Pattern HEADER = Pattern.compile("^===\\s*(.+?)\\s*===\\s*$", Pattern.MULTILINE);
    private static final Pattern CELL = Pattern.compile("^\\s+([A-Za-z_$\\\\][\\w$\\\\.\\[\\]]*)\\s+(\\d+)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern STAT = Pattern.compile("stat_(.+)\\.txt");

    private RtlFiles() {
    }

    /** @return the bundle in {@code dir} */
    public static RtlBundle read(Path dir) {
        Path f = dir.resolve("params.json");
        JsonNode root = JsonFiles.object(f);
        Problems p = new Problems(f);
        String design = p.text(root, "design", "");
        String top = Problems.optText(root, "top", "");
        Map<String, String> config = new LinkedHashMap<>();
        flatten("", p.object(root, "config", ""), config);
        List<RtlBundle.Prediction> preds = new ArrayList<>();
        JsonNode pred = root.path("predicted");
        for (Iterator<Map.Entry<String, JsonNode>> it = pred.path("fpga_mac_units").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String w = "predicted.fpga_mac_units." + e.getKey();
            JsonNode v = e.getValue();
            preds.add(new RtlBundle.Prediction(e.getKey(), p.num(v, "luts", w), p.optNum(v, "ffs", w),
                    p.optNum(v, "carry_cells", w), p.optNum(v, "dsps", w)));
        }
        // a whole unit's estimate (qdse rtl mvu, rtl dataflow), keyed by the Yosys flow it was made for
        for (Iterator<Map.Entry<String, JsonNode>> it = pred.path("fpga_unit").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String w = "predicted.fpga_unit." + e.getKey();
            JsonNode v = e.getValue();
            preds.add(new RtlBundle.Prediction(e.getKey(), p.num(v, "luts", w), p.optNum(v, "ffs", w),
                    p.optNum(v, "carry_cells", w), p.optNum(v, "dsps", w)));
        }
        double asic = Double.NaN;
        String asicLabel = "";
        for (Iterator<String> it = pred.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (k.startsWith("asic_") && k.endsWith("_area_um2")) {
                asic = p.optNum(pred, k, "predicted");
                asicLabel = k;
            }
        }
        List<Long> cycles = new ArrayList<>();
        pred.path("cycles_per_case").forEach(n -> cycles.add(n.asLong()));
        p.check();
        List<RtlBundle.Synthesis> syn = new ArrayList<>();
        Path build = dir.resolve("build");
        if (Files.isDirectory(build)) {
            List<Path> stats;
            try (Stream<Path> s = Files.list(build)) {
                stats = s.filter(x -> STAT.matcher(x.getFileName().toString()).matches() && Files.isRegularFile(x))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path s : stats) {
                Matcher m = STAT.matcher(s.getFileName().toString());
                m.matches();
                syn.add(stat(s, m.group(1), top));
            }
        }
        return new RtlBundle(design, top, config, preds, asic, asicLabel, Problems.optText(pred, "scope", ""),
                cycles, syn);
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(x -> parts.add(x.isValueNode() ? x.asText() : x.toString()));
            out.put(prefix, String.join(", ", parts));
        } else {
            out.put(prefix, n.asText());
        }
    }

    /**
     * Parses Yosys' {@code stat} output: the {@code design hierarchy} block when there is one, else the block of the
     * top module, else the last block.
     */
    static RtlBundle.Synthesis stat(Path file, String target, String top) {
        String text = CsvFiles.readText(file);
        Matcher h = HEADER.matcher(text);
        List<int[]> blocks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (h.find()) {
            names.add(h.group(1));
            blocks.add(new int[] {h.end(), text.length()});
        }
        for (int i = 0; i + 1 < blocks.size(); i++) {
            blocks.get(i)[1] = text.lastIndexOf("===", blocks.get(i + 1)[0] - 4);
        }
        if (blocks.isEmpty()) {
            throw io.qdse.hwmodels.InvalidInputException.ofProblems(file.toString(),
                    List.of("no '=== module ===' block: not the output of Yosys' stat"));
        }
        int pick = names.indexOf("design hierarchy");
        if (pick < 0) {
            pick = names.indexOf(top);
        }
        if (pick < 0) {
            pick = blocks.size() - 1;
        }
        Set<String> modules = new HashSet<>(names);
        String block = text.substring(blocks.get(pick)[0], Math.max(blocks.get(pick)[0], blocks.get(pick)[1]));
        Map<String, Integer> cells = new LinkedHashMap<>();
        Matcher m = CELL.matcher(block);
        while (m.find()) {
            if (!modules.contains(m.group(1))) {
                cells.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
            }
        }
        int luts = 0;
        int ffs = 0;
        int carry = 0;
        int dsps = 0;
        int brams = 0;
        int lutrams = 0;
        for (Map.Entry<String, Integer> e : cells.entrySet()) {
            String c = e.getKey();
            int n = e.getValue();
            if (c.matches("LUT[1-6]|SB_LUT4|LUT4|INV")) {
                luts += n;
            } else if (c.matches("FD[A-Z]*|SB_DFF\\w*|TRELLIS_FF")) {
                ffs += n;
            } else if (c.matches("CARRY[48]|SB_CARRY|CCU2C")) {
                carry += n;
            } else if (c.matches("DSP48E[12]|SB_MAC16|MULT18X18D|ALU54B")) {
                dsps += n;
            } else if (c.matches("RAMB(18|36)E[12]|SB_RAM40_4K\\w*|DP16KD|PDPW16KD")) {
                brams += n;
            } else if (c.matches("RAM\\d+[XM]\\w*|TRELLIS_DPR16X4")) {
                lutrams += n;
            }
        }
        return new RtlBundle.Synthesis(target, pick == names.indexOf("design hierarchy") ? top : names.get(pick),
                cells, luts, ffs, carry, dsps, brams, lutrams);
    }
}
