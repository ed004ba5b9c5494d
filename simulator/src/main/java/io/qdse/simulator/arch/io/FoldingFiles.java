package io.qdse.simulator.arch.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.io.CsvTable;
import io.qdse.simulator.io.StrictMappers;
import io.qdse.simulator.io.TextFiles;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.OpKind;
import io.qdse.simulator.workload.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folding files for FPGA dataflow designs: each compute layer's PE and SIMD.
 * <ul>
 *   <li>FINN's {@code folding_config.json} (or the {@code final_hw_config.json} of a build): one object per node,
 *       {@code {"MVAU_hls_0": {"PE": 4, "SIMD": 8, "resType": "lut", ...}, ...}}. Matrix-vector nodes
 *       ({@code MVAU_*}, {@code MatrixVectorActivation_*}) are matched to the workload's convolutions and linear layers
 *       in order of their node index, vector-vector nodes ({@code VVAU_*}, {@code VectorVectorActivation_*}) to its
 *       depthwise convolutions; the other nodes (thresholds, sliding windows, FIFOs, width converters, padding) and
 *       {@code Defaults} are kept as attributes of no layer and listed in the notes.</li>
 *   <li>The same object keyed by our layer names, in JSON or YAML.</li>
 *   <li>CSV: {@code layer,pe,simd[,res_type]}.</li>
 * </ul>
 * Node attributes other than PE and SIMD ({@code resType}, {@code mem_mode}, {@code ram_style}, ...) are kept per layer
 * for {@code --compat finn}.
 */
public final class FoldingFiles {
    private FoldingFiles() {
    }

    private static final Pattern FINN_NODE = Pattern.compile(
            "(MVAU|MatrixVectorActivation|VVAU|VectorVectorActivation)(?:_(?:hls|rtl))?(?:_Batch)?_(\\d+)");

    /**
     * A folding read from a file.
     *
     * @param folds     layer name → fold, in network order
     * @param attrs     layer name → the node's other attributes as text ({@code resType}, {@code mem_mode}, ...)
     * @param finnNodes layer name → the FINN node it was matched to (empty when the file names our layers)
     * @param notes     what was matched and what was left aside, for the user
     */
    public record Folding(Map<String, FpgaDataflow.Fold> folds, Map<String, Map<String, String>> attrs,
                          Map<String, String> finnNodes, List<String> notes) {
    }

    /** @param option the option that named the file, for errors */
    public static Folding read(Path file, String option, Workload w) {
        String text = TextFiles.read(file, option);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String src = option + " " + file;
        if (name.endsWith(".csv")) {
            return fromCsv(CsvTable.parse(src, text));
        }
        JsonNode root;
        try {
            root = StrictMappers.yaml().readTree(text); // YAML is a superset of JSON; a key twice is an error
        } catch (java.io.IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(src, "", "a JSON or YAML object of layer or FINN node names (" + msg + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(src, root == null ? "empty" : root.getNodeType().name().toLowerCase(
                    Locale.ROOT), "an object of layer or FINN node names, each with PE and SIMD");
        }
        return fromTree(root, src, w);
    }

    private static Folding fromCsv(CsvTable t) {
        for (String c : List.of("layer", "pe", "simd")) {
            if (!t.header().contains(c)) {
                throw new InvalidInputException(t.source() + " line 1", String.join(",", t.header()),
                        "the header layer,pe,simd[,res_type]");
            }
        }
        Map<String, FpgaDataflow.Fold> folds = new LinkedHashMap<>();
        Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
        for (CsvTable.Row r : t.rows()) {
            String layer = r.get("layer");
            if (layer == null) {
                throw new InvalidInputException(t.where(r) + ", column layer", "empty", "a layer name");
            }
            int pe = positive(r.get("pe"), t.where(r) + ", column pe");
            int simd = positive(r.get("simd"), t.where(r) + ", column simd");
            if (folds.put(layer, new FpgaDataflow.Fold(pe, simd)) != null) {
                throw new InvalidInputException(t.where(r) + ", column layer", layer, "each layer once");
            }
            if (r.get("res_type") != null) {
                attrs.put(layer, Map.of("resType", r.get("res_type")));
            }
        }
        return new Folding(folds, attrs, Map.of(), List.of());
    }

    private static Folding fromTree(JsonNode root, String src, Workload w) {
        Map<String, FpgaDataflow.Fold> folds = new LinkedHashMap<>();
        Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
        TreeMap<Integer, String> mvau = new TreeMap<>();
        TreeMap<Integer, String> vvau = new TreeMap<>();
        List<String> other = new ArrayList<>();
        java.util.Set<String> layerNames = new java.util.HashSet<>();
        w.layers().forEach(l -> layerNames.add(l.name()));
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            Matcher m = FINN_NODE.matcher(key);
            if (m.matches()) {
                boolean v = m.group(1).startsWith("V");
                String prev = (v ? vvau : mvau).put(Integer.parseInt(m.group(2)), key);
                if (prev != null) {
                    throw new InvalidInputException(src, key, "one node per index (" + prev + " has the same)");
                }
            } else if (key.equals("Defaults")
                    || key.matches("[A-Za-z]+(_[A-Za-z]+)*_\\d+") && !layerNames.contains(key)) {
                other.add(key);
            }
        }
        List<String> notes = new ArrayList<>();
        Map<String, String> finn = new LinkedHashMap<>();
        if (!mvau.isEmpty() || !vvau.isEmpty()) {
            List<String> mLayers = new ArrayList<>();
            List<String> vLayers = new ArrayList<>();
            for (Layer l : w.computeLayers()) {
                boolean dw = !l.ops().isEmpty() && l.ops().get(0).kind() == OpKind.DEPTHWISE_CONV;
                (dw ? vLayers : mLayers).add(l.name());
            }
            match(mvau, mLayers, "matrix-vector (MVAU) nodes", "convolutions and linear layers", src, w, finn);
            match(vvau, vLayers, "vector-vector (VVAU) nodes", "depthwise convolutions", src, w, finn);
            notes.add("FINN folding: " + mvau.size() + " MVAU and " + vvau.size() + " VVAU nodes matched in node-index "
                    + "order to the workload's layers" + (other.isEmpty() ? "" : "; " + other.size() + " other nodes "
                    + "(thresholds, sliding windows, FIFOs, ...) not modelled as units: " + summary(other)));
        }
        Map<String, String> byNode = new LinkedHashMap<>();
        finn.forEach((layer, node) -> byNode.put(node, layer));
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (other.contains(key)) {
                continue;
            }
            String layer = byNode.getOrDefault(key, key);
            JsonNode n = e.getValue();
            if (!n.isObject()) {
                throw new InvalidInputException(src + ", " + key, n.toString(), "an object with PE and SIMD");
            }
            Integer pe = null;
            Integer simd = null;
            Map<String, String> a = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> f = n.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> kv = f.next();
                String k = kv.getKey();
                if (k.equalsIgnoreCase("PE")) {
                    pe = positive(kv.getValue().asText(), src + ", " + key + ".PE");
                } else if (k.equalsIgnoreCase("SIMD")) {
                    simd = positive(kv.getValue().asText(), src + ", " + key + ".SIMD");
                } else {
                    a.put(k, kv.getValue().isValueNode() ? kv.getValue().asText() : kv.getValue().toString());
                }
            }
            folds.put(layer, new FpgaDataflow.Fold(pe == null ? 1 : pe, simd == null ? 1 : simd));
            if (!a.isEmpty()) {
                attrs.put(layer, Collections.unmodifiableMap(a));
            }
        }
        return new Folding(folds, attrs, finn, notes);
    }

    private static void match(TreeMap<Integer, String> nodes, List<String> layers, String what, String layerWhat,
                              String src, Workload w, Map<String, String> finn) {
        if (nodes.isEmpty()) {
            return;
        }
        if (nodes.size() != layers.size()) {
            throw new InvalidInputException(src, nodes.size() + " " + what, "as many as the workload " + w.name()
                    + " has " + layerWhat + " (" + layers.size() + ")");
        }
        int i = 0;
        for (String node : nodes.values()) {
            finn.put(layers.get(i++), node);
        }
    }

    private static String summary(List<String> names) {
        return names.size() <= 4 ? String.join(", ", names) : String.join(", ", names.subList(0, 4)) + ", ...";
    }

    private static int positive(String v, String field) {
        try {
            long x = Long.parseLong(v == null ? "" : v.trim());
            if (x >= 1 && x <= Integer.MAX_VALUE) {
                return (int) x;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInputException(field, v == null ? "empty" : v, "a whole number >= 1");
    }
}
