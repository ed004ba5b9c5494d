package io.qdse.simulator.arch.io;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.io.CsvTable;
import io.qdse.simulator.io.TextFiles;
import io.qdse.simulator.workload.io.WorkloadFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-layer formats from files: a formats file ({@code layer,w,a,acc,out[,kv]}, CSV through {@link CsvTable}) and a
 * layer list's precision columns ({@code weight_bits, act_bits, out_bits}). Every command that takes per-layer
 * formats reads them here, so the same file means the same thing everywhere.
 */
public final class FormatsFiles {
    private FormatsFiles() {
    }

    private static final List<String> KEYS = List.of("w", "a", "acc", "out", "kv");

    /**
     * @param option   the option that named the file, for errors ({@code --formats-file})
     * @param defaults formats of the fields a row leaves empty
     * @return layer name → formats, in file order
     */
    public static Map<String, LayerFormats> read(Path file, String option, LayerFormats defaults) {
        CsvTable t = CsvTable.parse(option + " " + file, TextFiles.read(file, option));
        if (t.header().isEmpty() || !t.header().get(0).equals("layer")) {
            throw new InvalidInputException(option + " " + file + " line 1", String.join(",", t.header()),
                    "the header layer,w,a,acc,out (kv optional; any order after layer)");
        }
        for (String h : t.header().subList(1, t.header().size())) {
            if (!KEYS.contains(h)) {
                throw new InvalidInputException(option + " " + file + " line 1, column " + h, h, "one of "
                        + String.join(", ", KEYS));
            }
        }
        Map<String, LayerFormats> m = new LinkedHashMap<>();
        for (CsvTable.Row r : t.rows()) {
            String layer = r.get("layer");
            if (layer == null) {
                throw new InvalidInputException(t.where(r) + ", column layer", "empty", "a layer name");
            }
            StringBuilder sb = new StringBuilder();
            for (String k : KEYS) {
                String v = r.get(k);
                if (v != null) {
                    sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v);
                }
            }
            LayerFormats f = sb.length() == 0 ? defaults : FormatsSpec.parse(sb.toString(), t.where(r), defaults);
            if (m.put(layer, f) != null) {
                throw new InvalidInputException(t.where(r) + ", column layer", layer, "each layer once");
            }
        }
        return m;
    }

    /**
     * Refuses rows for layers the workload does not have: a row that matches nothing would otherwise be ignored in
     * silence (a typo, or the file of another model). A caller that applies a formats file to a workload checks it
     * here once the workload is loaded ({@code qdse simulate}).
     *
     * @param perLayer the file's rows ({@link #read})
     * @param layers   the workload's layer names
     * @param workload the workload's name, for the message
     */
    public static void requireLayers(Map<String, LayerFormats> perLayer, java.util.Collection<String> layers,
                                     String workload, Path file, String option) {
        java.util.Set<String> known = new java.util.LinkedHashSet<>(layers);
        for (String l : perLayer.keySet()) {
            if (!known.contains(l)) {
                List<String> some = new java.util.ArrayList<>(known);
                throw new InvalidInputException(option + " " + file, l, "a layer of " + workload + " (e.g. "
                        + String.join(", ", some.subList(0, Math.min(4, some.size()))) + (some.size() > 4
                        ? ", ... " + some.size() + " in all" : "") + "); this row matches none");
            }
        }
    }

    /**
     * Per-layer formats from a layer list's {@code weight_bits}, {@code act_bits} and {@code out_bits} columns
     * (signed integers of those widths; other fields from the defaults); empty for workloads that are not layer lists
     * (zoo names, ONNX files, folders).
     *
     * @param workload the {@code --workload} argument
     */
    public static Map<String, LayerFormats> precisionColumns(String workload, String option, LayerFormats defaults) {
        if (workload == null || !Files.isRegularFile(Path.of(workload))) {
            return Map.of();
        }
        if (workload.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
            return Map.of();
        }
        Map<String, LayerFormats> m = new LinkedHashMap<>();
        WorkloadFiles.readList(Path.of(workload), option).attrs().forEach((name, at) -> {
            StringBuilder sb = new StringBuilder();
            if (at.weightBits() != null) {
                sb.append("w=int").append(at.weightBits());
            }
            if (at.actBits() != null) {
                sb.append(sb.length() == 0 ? "" : ",").append("a=int").append(at.actBits());
            }
            if (at.outBits() != null) {
                sb.append(sb.length() == 0 ? "" : ",").append("out=int").append(at.outBits());
            }
            if (sb.length() > 0) {
                m.put(name, FormatsSpec.parse(sb.toString(), option + " " + workload + " layer " + name, defaults));
            }
        });
        return m;
    }

    /**
     * @return the layers whose output width a file sets: a layer list's rows with {@code out_bits}, or a formats
     *     file's rows with an {@code out} cell (null file: none)
     */
    public static java.util.Set<String> layersWithOutput(String workload, Path formatsFile, String option) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (workload != null && Files.isRegularFile(Path.of(workload))
                && !workload.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
            WorkloadFiles.readList(Path.of(workload), "--workload").attrs().forEach((name, at) -> {
                if (at.outBits() != null) {
                    out.add(name);
                }
            });
        }
        if (formatsFile != null) {
            CsvTable t = CsvTable.parse(option + " " + formatsFile, TextFiles.read(formatsFile, option));
            for (CsvTable.Row r : t.rows()) {
                if (r.get("layer") != null && r.get("out") != null) {
                    out.add(r.get("layer"));
                }
            }
        }
        return out;
    }
}
