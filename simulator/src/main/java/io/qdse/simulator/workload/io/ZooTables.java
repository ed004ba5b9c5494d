package io.qdse.simulator.workload.io;

import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.OpKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the zoo's layer tables (copies of shared/reference/workloads). Two schemas: CNNs (one row per layer with
 * its convolution geometry) and transformers (one row per layer kind, with a repeat count and the GEMM dimensions
 * as products of B, S, S_q, S_kv and integers).
 */
public final class ZooTables {
    private ZooTables() {
    }

    private static final String ZOO = "/io/qdse/simulator/workload/zoo/";

    /** CNN table at the given batch: conv rows become im2col GEMMs, linear rows M = batch. */
    public static List<Layer> cnn(String resource, int batch) {
        List<Layer> layers = new ArrayList<>();
        for (Map<String, String> r : Csv.readResource(ZOO + resource)) {
            String name = r.get("layer");
            String type = r.get("type");
            long params = num(r, "weight_params") + num(r, "bias_params") + num(r, "norm_params");
            List<LayerOp> ops = new ArrayList<>();
            if (type.equals("conv") || type.equals("dwconv")) {
                ConvGeometry g = new ConvGeometry((int) num(r, "in_h"), (int) num(r, "in_w"), (int) num(r, "kernel_h"),
                        (int) num(r, "kernel_w"), (int) num(r, "stride"), (int) num(r, "stride"),
                        (int) num(r, "padding"), (int) num(r, "padding"), (int) num(r, "in_c"), (int) num(r, "out_c"),
                        (int) num(r, "groups"));
                if (g.outH() != num(r, "out_h") || g.outW() != num(r, "out_w")) {
                    throw new IllegalStateException(resource + ": " + name + " output size disagrees with geometry");
                }
                ops.add(LayerOp.conv(name, g, batch));
            } else if (type.equals("linear")) {
                ops.add(new LayerOp(name, OpKind.LINEAR, batch, num(r, "out_c"), num(r, "in_c"), 1, null));
            } else {
                throw new IllegalStateException(resource + ": unknown layer type " + type);
            }
            layers.add(new Layer(name, type, ops, params));
        }
        return layers;
    }

    /** Transformer table with its symbols bound (keys lower case: b, s, s_q, s_kv). */
    public static List<Layer> transformer(String resource, Map<String, Long> symbols) {
        List<Layer> layers = new ArrayList<>();
        for (Map<String, String> r : Csv.readResource(ZOO + resource)) {
            String type = r.get("type");
            int count = (int) num(r, "count");
            long params = num(r, "weight_params") + num(r, "bias_params") + num(r, "norm_params")
                    + num(r, "other_params");
            for (int i = 0; i < count; i++) {
                String name = r.get("layer").replace("*", Integer.toString(i));
                List<LayerOp> ops = new ArrayList<>();
                if (type.equals("linear") || type.equals("matmul_act")) {
                    long m = eval(r.get("M_expr"), symbols, resource);
                    long k = eval(r.get("K"), symbols, resource);
                    long n = eval(r.get("N"), symbols, resource);
                    long batch = eval(r.get("batch_expr"), symbols, resource);
                    ops.add(new LayerOp(name, type.equals("linear") ? OpKind.LINEAR : OpKind.MATMUL, m, n, k, batch,
                            null));
                }
                layers.add(new Layer(name, type, ops, params));
            }
        }
        return layers;
    }

    /** Evaluates a product such as {@code B*S}, {@code B*12}, {@code S_kv}, {@code 768}. */
    static long eval(String expr, Map<String, Long> symbols, String resource) {
        long v = 1;
        for (String factor : expr.trim().split("\\*")) {
            String f = factor.trim().toLowerCase(Locale.ROOT);
            Long sym = symbols.get(f);
            if (sym != null) {
                v = Math.multiplyExact(v, sym);
            } else {
                try {
                    v = Math.multiplyExact(v, Long.parseLong(f));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(resource + ": cannot evaluate '" + expr + "'", e);
                }
            }
        }
        return v;
    }

    private static long num(Map<String, String> r, String col) {
        String v = r.get(col);
        return v == null || v.isBlank() ? 0 : Long.parseLong(v.trim());
    }

    /** Minimal RFC 4180 reader for the zoo's own well-formed resources. */
    static final class Csv {
        static List<Map<String, String>> readResource(String path) {
            try (InputStream in = Objects.requireNonNull(ZooTables.class.getResourceAsStream(path), path);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                List<String> header = split(r.readLine());
                List<Map<String, String>> rows = new ArrayList<>();
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    List<String> cells = split(line);
                    Map<String, String> row = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
                    }
                    rows.add(row);
                }
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cur.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            out.add(cur.toString());
            return out;
        }
    }
}
