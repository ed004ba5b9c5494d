package io.qdse.simulator.workload.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.scalesim.ScaleSimLayer;
import io.qdse.simulator.scalesim.io.ScaleSimFiles;
import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.OpKind;
import io.qdse.simulator.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads workloads from files:
 * <ul>
 *   <li>our layer list, CSV or YAML: one layer per row/item with {@code name, type} and, for {@code linear} and
 *       {@code matmul}, {@code m, n, k[, batch]}; for {@code conv}/{@code dwconv}, {@code in_h, in_w, in_c, out_c,
 *       kernel} (or {@code kernel_h, kernel_w}) {@code [, stride, padding, groups, batch]}; optionally per layer
 *       {@code weight_bits, act_bits} (the layer's integer precisions), {@code out_bits} (output activation bits) and
 *       {@code im2col} (true for a layer that reads the network input: Bit Fusion's first-layer formulas);</li>
 *   <li>SCALE-Sim topologies (conv or GEMM format), recognised by their header: convs without padding; rows whose
 *       name contains {@code DP} become one depthwise op (SCALE-Sim's per-channel layers, with its filter count
 *       as the depth multiplier).</li>
 * </ul>
 * Errors name the file, line (or item) and column.
 */
public final class WorkloadFiles {
    private WorkloadFiles() {
    }

    /**
     * Per-layer attributes a layer list may carry beside the shapes (null when the column is absent or empty).
     *
     * @param weightBits integer weight precision
     * @param actBits    integer input-activation precision
     * @param outBits    output-activation precision
     * @param im2col     the layer reads the network's input
     */
    public record LayerAttrs(Integer weightBits, Integer actBits, Integer outBits, Boolean im2col) {
        static final LayerAttrs NONE = new LayerAttrs(null, null, null, null);

        public boolean isEmpty() {
            return weightBits == null && actBits == null && outBits == null && im2col == null;
        }
    }

    /**
     * A layer list with its per-layer attributes.
     *
     * @param workload the layers
     * @param attrs    layer name → attributes (only layers that have some)
     */
    public record LayerList(Workload workload, Map<String, LayerAttrs> attrs) {
    }

    public static Workload read(Path file, String field) {
        return readList(file, field).workload();
    }

    /** Reads a workload file and the per-layer precision columns of a layer list. */
    public static LayerList readList(Path file, String field) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(field, file, "no such file and not a built-in network");
        }
        String text = io.qdse.simulator.io.TextFiles.read(file, field);
        String name = file.getFileName().toString().replaceAll("\\.[^.]*$", "");
        String first = text.lines().findFirst().orElse("").trim();
        if (ScaleSimFiles.isScaleSimHeader(first)) {
            return new LayerList(fromScaleSim(name, ScaleSimFiles.readTopology(file, ScaleSimFiles.isGemmHeader(first))),
                    Map.of());
        }
        String lower = file.toString().toLowerCase(Locale.ROOT);
        List<Map<String, String>> rows;
        List<String> where = new ArrayList<>();
        if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
            rows = yamlRows(file, text, where);
        } else {
            rows = csvRows(file, text, where);
        }
        List<Layer> layers = new ArrayList<>();
        Map<String, LayerAttrs> attrs = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Layer l = layer(rows.get(i), where.get(i));
            layers.add(l);
            LayerAttrs a = attrs(rows.get(i), where.get(i));
            if (!a.isEmpty()) {
                attrs.put(l.name(), a);
            }
        }
        if (layers.isEmpty()) {
            throw new InvalidInputException(field, file, "holds no layers");
        }
        try {
            return new LayerList(new Workload(name, "layer list " + file, layers), attrs);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file.toString(), e.value(), e.allowed());
        }
    }

    private static LayerAttrs attrs(Map<String, String> r, String where) {
        Integer w = bits(r, "weight_bits", where);
        Integer a = bits(r, "act_bits", where);
        Integer o = bits(r, "out_bits", where);
        Boolean im2col = null;
        String v = r.get("im2col");
        if (v != null && !v.isBlank()) {
            String t = v.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false") && !t.equals("1") && !t.equals("0")) {
                throw new InvalidInputException(where + ", column im2col", "'" + v.trim() + "'", "true or false");
            }
            im2col = t.equals("true") || t.equals("1");
        }
        return new LayerAttrs(w, a, o, im2col);
    }

    private static Integer bits(Map<String, String> r, String key, String where) {
        String v = r.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        long b = num(r, key, where, 0);
        if (b < 1 || b > 32) {
            throw new InvalidInputException(where + ", column " + key, b, "a precision in 1..32 bits");
        }
        return (int) b;
    }

    /**
     * SCALE-Sim layers as ops; DP channel layers are regrouped into one depthwise op. SCALE-Sim allows repeated layer
     * names (it reports by layer index); a repeat here is renamed {@code name#2}, {@code name#3}, ... so per-layer
     * results and formats files can name it.
     */
    public static Workload fromScaleSim(String name, List<ScaleSimLayer> layers) {
        List<Layer> out = uniqueNames(fromScaleSimLayers(layers));
        return new Workload(name, "SCALE-Sim topology", out);
    }

    private static List<Layer> uniqueNames(List<Layer> layers) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Layer l : layers) {
            taken.add(l.name());
        }
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            int k = seen.merge(l.name(), 1, Integer::sum);
            if (k == 1) {
                out.add(l);
                continue;
            }
            String n = l.name() + "#" + k;
            while (taken.contains(n)) {
                k++;
                n = l.name() + "#" + k;
            }
            seen.put(l.name(), k);
            taken.add(n);
            out.add(l.renamed(n));
        }
        return out;
    }

    private static List<Layer> fromScaleSimLayers(List<ScaleSimLayer> layers) {
        List<Layer> out = new ArrayList<>();
        Map<String, List<ScaleSimLayer>> dp = new LinkedHashMap<>();
        for (ScaleSimLayer l : layers) {
            int idx = l.name().lastIndexOf("Channel_");
            if (l.name().contains("DP") && idx > 0) {
                dp.computeIfAbsent(l.name().substring(0, idx), k -> new ArrayList<>()).add(l);
                continue;
            }
            flushDp(dp, out);
            ConvGeometry g = new ConvGeometry(l.h(), l.w(), l.fh(), l.fw(), l.sh(), l.sw(), 0, 0, l.ch(), l.n(), 1);
            out.add(new Layer(l.name(), "conv", List.of(LayerOp.conv(l.name(), g, 1)), l.k() * l.n()));
        }
        flushDp(dp, out);
        return out;
    }

    private static void flushDp(Map<String, List<ScaleSimLayer>> dp, List<Layer> out) {
        for (Map.Entry<String, List<ScaleSimLayer>> e : dp.entrySet()) {
            ScaleSimLayer l = e.getValue().get(0);
            int channels = e.getValue().size();
            ConvGeometry g = new ConvGeometry(l.h(), l.w(), l.fh(), l.fw(), l.sh(), l.sw(), 0, 0, channels,
                    channels * l.n(), channels);
            out.add(new Layer(e.getKey(), "dwconv", List.of(LayerOp.conv(e.getKey(), g, 1)),
                    (long) channels * l.fh() * l.fw() * l.n()));
        }
        dp.clear();
    }

    private static Layer layer(Map<String, String> r, String where) {
        String name = req(r, "name", where);
        String type = req(r, "type", where).toLowerCase(Locale.ROOT);
        try {
            switch (type) {
                case "linear":
                case "gemm":
                case "fc":
                case "matmul": {
                    long m = num(r, "m", where, -1);
                    long n = num(r, "n", where, -1);
                    long k = num(r, "k", where, -1);
                    long batch = num(r, "batch", where, 1);
                    OpKind kind = type.equals("matmul") ? OpKind.MATMUL : OpKind.LINEAR;
                    return new Layer(name, type, List.of(new LayerOp(name, kind, m, n, k, batch, null)),
                            kind == OpKind.MATMUL ? 0 : (long) ((double) k * n * batch));
                }
                case "conv":
                case "dwconv": {
                    int inC = intNum(r, "in_c", where, -1);
                    int outC = intNum(r, "out_c", where, type.equals("dwconv") ? inC : -1);
                    int kernel = intNum(r, "kernel", where, 0);
                    int kh = intNum(r, "kernel_h", where, kernel > 0 ? kernel : -1);
                    int kw = intNum(r, "kernel_w", where, kernel > 0 ? kernel : -1);
                    int stride = intNum(r, "stride", where, 1);
                    int pad = intNum(r, "padding", where, 0);
                    int groups = intNum(r, "groups", where, type.equals("dwconv") ? inC : 1);
                    ConvGeometry g = new ConvGeometry(intNum(r, "in_h", where, -1), intNum(r, "in_w", where, -1),
                            kh, kw, stride, stride, pad, pad, inC, outC, groups);
                    LayerOp op = LayerOp.conv(name, g, intNum(r, "batch", where, 1));
                    return new Layer(name, type, List.of(op), (long) inC / groups * kh * kw * outC);
                }
                default:
                    throw new InvalidInputException(where + ", column type", type,
                            "one of linear, matmul, conv, dwconv");
            }
        } catch (InvalidInputException e) {
            if (e.field().startsWith(where)) {
                throw e;
            }
            throw new InvalidInputException(where + ", " + e.field(), e.value(), e.allowed());
        }
    }

    private static String req(Map<String, String> r, String key, String where) {
        String v = r.get(key);
        if (v == null || v.isBlank()) {
            throw new InvalidInputException(where + ", column " + key, "(empty)", "is required");
        }
        return v.trim();
    }

    /** A field the model holds in 32 bits (convolution sizes): larger values are refused, never truncated. */
    private static int intNum(Map<String, String> r, String key, String where, long dflt) {
        long v = num(r, key, where, dflt);
        if (v > Integer.MAX_VALUE) {
            throw new InvalidInputException(where + ", column " + key, v, "a whole number <= 2147483647 (2^31 - 1, "
                    + "the largest convolution size the model represents)");
        }
        return (int) v;
    }

    private static long num(Map<String, String> r, String key, String where, long dflt) {
        String v = r.get(key);
        if (v == null || v.isBlank()) {
            if (dflt < 0) {
                throw new InvalidInputException(where + ", column " + key, "(empty)", "is required for this type");
            }
            return dflt;
        }
        String t = v.trim();
        if (!t.matches("[0-9]+")) {
            throw new InvalidInputException(where + ", column " + key, "'" + t + "'", "must be a whole number >= 0");
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ", column " + key, t, "a whole number <= 9223372036854775807 "
                    + "(2^63 - 1)");
        }
    }

    private static List<Map<String, String>> csvRows(Path file, String text, List<String> where) {
        io.qdse.simulator.io.CsvTable t = io.qdse.simulator.io.CsvTable.parse(file.toString(), text);
        if (!t.header().isEmpty() && (!t.header().contains("name") || !t.header().contains("type"))) {
            throw new InvalidInputException(file + " line 1", String.join(",", t.header()), "the header must name "
                    + "the columns, including name and type (e.g. name,type,m,n,k,batch)");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (io.qdse.simulator.io.CsvTable.Row r : t.rows()) {
            out.add(new HashMap<>(r.cells()));
            where.add(t.where(r));
        }
        return out;
    }

    private static List<Map<String, String>> yamlRows(Path file, String text, List<String> where) {
        JsonNode root;
        try {
            root = io.qdse.simulator.io.StrictMappers.yaml().readTree(text); // a key twice is an error
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "", "not valid YAML/JSON: " + e.getMessage().split("\n")[0]);
        }
        JsonNode list = root != null && root.has("layers") ? root.get("layers") : root;
        if (list == null || !list.isArray()) {
            throw new InvalidInputException(file.toString(), "", "must be a list of layers (or have a 'layers' list)");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            Map<String, String> row = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                row.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
            }
            out.add(row);
            where.add(file + " item " + (i + 1));
        }
        return out;
    }
}
