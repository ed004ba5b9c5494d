package io.qdse.search.sensitivity;

import static io.qdse.search.io.CostTableFiles.cost;
import static io.qdse.search.io.CostTableFiles.need;
import static io.qdse.search.io.CostTableFiles.number;

import io.qdse.hwmodels.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sensitivity per (layer, format): the search's accuracy proxy. From weights ({@link WeightSensitivity}) it also
 * carries the error statistics; from a user's CSV only the sensitivity.
 *
 * <p>CSV form (header required, any order, extra columns ignored): {@code layer,format,sensitivity}. Values may be
 * any finite number &gt;= 0 the user trusts (HAWQ Ω, measured loss increases, …); lower is better; below 0 is refused
 * (an error measure; record a loss change below 0 as 0).
 */
public final class SensitivityTable {

    /**
     * @param layer        layer name
     * @param format       format name as the user typed it
     * @param sensitivity  the value minimised
     * @param errorSquared ‖Q(W)−W‖² (NaN when not computed from weights)
     * @param mse          mean squared error (NaN when not from weights)
     * @param sqnrDb       signal-to-quantization-noise ratio in dB (NaN when not from weights)
     * @param elements     weight elements (0 when not from weights)
     */
    public record Entry(String layer, String format, double sensitivity, double errorSquared, double mse,
                        double sqnrDb, long elements) {
    }

    private final List<Entry> entries;
    private final Map<String, Map<String, Entry>> byLayer = new LinkedHashMap<>();
    private final String source;

    public SensitivityTable(List<Entry> entries, String source) {
        this.entries = List.copyOf(entries);
        this.source = source;
        for (Entry e : entries) {
            byLayer.computeIfAbsent(e.layer(), k -> new LinkedHashMap<>()).put(e.format(), e);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    public String source() {
        return source;
    }

    public Set<String> layers() {
        return byLayer.keySet();
    }

    public Set<String> formats() {
        Set<String> s = new LinkedHashSet<>();
        for (Entry e : entries) {
            s.add(e.format());
        }
        return s;
    }

    /** @return the entry, or null */
    public Entry get(String layer, String format) {
        Map<String, Entry> m = byLayer.get(layer);
        return m == null ? null : m.get(format);
    }

    public boolean hasLayer(String layer) {
        return byLayer.containsKey(layer);
    }

    /** Reads {@code layer,format,sensitivity} rows; errors give file, line and column. */
    public static SensitivityTable readCsv(Path file) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Map<String, Integer> col = header(file, rows, lines, "layer", "format", "sensitivity");
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            String where = file + " line " + lines.get(i);
            String layer = need(r, col.get("layer"), where, "layer");
            String format = need(r, col.get("format"), where, "format");
            double s = cost(need(r, col.get("sensitivity"), where, "sensitivity"), where, "sensitivity");
            if (!seen.add(layer + "\u0000" + format)) {
                throw new InvalidInputException(where, layer + "/" + format, "each (layer, format) once");
            }
            out.add(new Entry(layer, format, s, Double.NaN, Double.NaN, Double.NaN, 0));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("--sensitivity table:" + file, "no rows", "one row per (layer, format)");
        }
        return new SensitivityTable(out, "table " + file);
    }

    /** Reads a per-layer Hessian-trace CSV: {@code layer,trace}. */
    public static Map<String, Double> readTrace(Path file) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Map<String, Integer> col = header(file, rows, lines, "layer", "trace");
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String where = file + " line " + lines.get(i);
            String layer = need(rows.get(i), col.get("layer"), where, "layer");
            double t = number(need(rows.get(i), col.get("trace"), where, "trace"), where, "trace");
            if (t < 0) {
                throw new InvalidInputException(where + ", column trace", t, "a trace >= 0");
            }
            if (out.put(layer, t) != null) {
                throw new InvalidInputException(where + ", column layer", layer, "each layer once");
            }
        }
        return out;
    }

    static Map<String, Integer> header(Path file, List<String[]> rows, List<Integer> lines, String... required) {
        Map<String, Integer> col = null;
        for (io.qdse.simulator.io.CsvTable.Record rec : io.qdse.simulator.io.CsvTable.records(file.toString(),
                io.qdse.simulator.io.TextFiles.read(file, file.toString()))) {
            String[] cells = rec.cells().toArray(new String[0]);
            if (col == null) {
                col = new HashMap<>();
                for (int c = 0; c < cells.length; c++) {
                    col.put(cells[c].toLowerCase(Locale.ROOT), c);
                }
                for (String r : required) {
                    if (!col.containsKey(r)) {
                        throw new InvalidInputException(file + " line " + rec.line(), String.join(",", rec.cells()),
                                "a header naming the columns " + String.join(", ", required));
                    }
                }
                continue;
            }
            rows.add(cells);
            lines.add((int) rec.line());
        }
        if (col == null) {
            throw new InvalidInputException(file.toString(), "empty", "a header line and rows");
        }
        return col;
    }

    /** Writes the table as CSV (with the error statistics when computed from weights). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("layer,format,sensitivity,weight_error_sq,weight_mse,weight_sqnr_db,"
                + "weight_elements\n");
        for (Entry e : entries) {
            sb.append(e.layer()).append(',').append(e.format()).append(',').append(fmt(e.sensitivity())).append(',')
                    .append(fmt(e.errorSquared())).append(',').append(fmt(e.mse())).append(',')
                    .append(fmt(e.sqnrDb())).append(',').append(e.elements()).append('\n');
        }
        return sb.toString();
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
    }
}
