package io.qdse.search.io;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.io.CsvTable;
import io.qdse.simulator.io.TextFiles;
import io.qdse.search.SearchProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generic table input, so users can bring their own data (docs/search.md):
 * <pre>
 * layer,format[,hardware][,tie_group],sensitivity,size_bits,bops,latency_cycles,energy_pj,...
 * </pre>
 * One row per (layer, format) — per (layer, format, hardware) when a {@code hardware} column is present. Every column
 * other than layer/format/hardware/tie_group is a metric (a finite number; its unit is read from the name's suffix:
 * {@code _bits}, {@code _cycles}, {@code _pj}, {@code _um2}, {@code _us}, {@code _ms}, {@code _bytes}). A missing
 * (layer, format) pair means the layer may not use that format. Layers with the same non-empty {@code tie_group}
 * must share a format; a separate ties file ({@code layer,group}) does the same.
 */
public final class CostTableFiles {
    private static final List<String> KEYS = List.of("layer", "format", "hardware", "tie_group");

    private CostTableFiles() {
    }

    /** @return the unit a metric column's name implies */
    public static String unitOf(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        String[][] suffixes = {{"_bits", "bits"}, {"_cycles", "cycles"}, {"_pj", "pJ"}, {"_uj", "uJ"}, {"_mj", "mJ"},
            {"_um2", "µm²"}, {"_mm2", "mm²"}, {"_us", "µs"}, {"_ms", "ms"}, {"_bytes", "bytes"}, {"_luts", "LUTs"},
            {"bops", "bit-ops"}, {"luts", "LUTs"}, {"dsps", "DSPs"}};
        for (String[] s : suffixes) {
            if (m.endsWith(s[0])) {
                return s[1];
            }
        }
        return m.equals("sensitivity") ? "(lower is better)" : "";
    }

    /**
     * @param ties     optional ties file ({@code layer,group}); null for none
     * @param pins     layer → format pins (from the command line)
     */
    public static SearchProblem read(Path costs, Path ties, Map<String, String> pins) {
        String[] header = null;
        long headerLine = 0;
        List<String[]> rows = new ArrayList<>();
        List<Long> rowLines = new ArrayList<>();
        for (CsvTable.Record rec : records(costs, "--table")) {
            String[] cells = rec.cells().toArray(new String[0]);
            if (header == null) {
                header = cells;
                headerLine = rec.line();
            } else {
                rows.add(cells);
                rowLines.add(rec.line());
            }
        }
        if (header == null || rows.isEmpty()) {
            throw new InvalidInputException("--table " + costs, "empty", "a header and one row per (layer, format)");
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> metrics = new ArrayList<>();
        List<Integer> metricCols = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            String h = header[c].toLowerCase(Locale.ROOT);
            if (h.isEmpty()) {
                throw new InvalidInputException("--table " + costs + " line " + headerLine, "column " + (c + 1),
                        "every column needs a name");
            }
            if (col.put(h, c) != null) {
                throw new InvalidInputException("--table " + costs + " line " + headerLine, h, "unique column names");
            }
            if (!KEYS.contains(h)) {
                metrics.add(h);
                metricCols.add(c);
            }
        }
        for (String req : List.of("layer", "format")) {
            if (!col.containsKey(req)) {
                throw new InvalidInputException("--table " + costs + " line " + headerLine, String.join(",", header),
                        "a header with columns layer, format and at least one metric (e.g. sensitivity)");
            }
        }
        if (metrics.isEmpty()) {
            throw new InvalidInputException("--table " + costs + " line " + headerLine, String.join(",", header),
                    "at least one metric column (sensitivity, size_bits, latency_cycles, ...)");
        }
        Map<String, Integer> layerIdx = new LinkedHashMap<>();
        Map<String, Integer> formatIdx = new LinkedHashMap<>();
        Map<String, Integer> hwIdx = new LinkedHashMap<>();
        Map<String, String> tieGroup = new LinkedHashMap<>();
        Integer hwCol = col.get("hardware");
        Integer tieCol = col.get("tie_group");
        for (int i = 0; i < rows.size(); i++) {
            String where = "--table " + costs + " line " + rowLines.get(i);
            String[] r = rows.get(i);
            if (r.length != header.length) {
                throw new InvalidInputException(where, r.length + " cells", header.length + " (as many as the header)");
            }
            layerIdx.putIfAbsent(need(r, col.get("layer"), where, "layer"), layerIdx.size());
            formatIdx.putIfAbsent(need(r, col.get("format"), where, "format"), formatIdx.size());
            hwIdx.putIfAbsent(hwCol == null ? "table" : need(r, hwCol, where, "hardware"), hwIdx.size());
            if (tieCol != null && !r[tieCol].isEmpty()) {
                String prev = tieGroup.put(r[col.get("layer")], r[tieCol]);
                if (prev != null && !prev.equals(r[tieCol])) {
                    throw new InvalidInputException(where + ", column tie_group", r[tieCol], "the same group on "
                            + "every row of layer " + r[col.get("layer")] + " (was " + prev + ")");
                }
            }
        }
        List<String> units = new ArrayList<>();
        for (String m : metrics) {
            units.add(unitOf(m));
        }
        SearchProblem.Builder b = SearchProblem.builder(new ArrayList<>(layerIdx.keySet()),
                new ArrayList<>(formatIdx.keySet()), new ArrayList<>(hwIdx.keySet()), metrics, units);
        boolean[][][] seen = new boolean[layerIdx.size()][formatIdx.size()][hwIdx.size()];
        for (int i = 0; i < rows.size(); i++) {
            String where = "--table " + costs + " line " + rowLines.get(i);
            String[] r = rows.get(i);
            int l = layerIdx.get(r[col.get("layer")]);
            int f = formatIdx.get(r[col.get("format")]);
            int h = hwIdx.get(hwCol == null ? "table" : r[hwCol]);
            if (seen[l][f][h]) {
                throw new InvalidInputException(where, r[col.get("layer")] + "/" + r[col.get("format")]
                        + (hwCol == null ? "" : "/" + r[hwCol]), "each (layer, format" + (hwCol == null ? "" : ", "
                        + "hardware") + ") once");
            }
            seen[l][f][h] = true;
            double[] v = new double[metrics.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = cost(need(r, metricCols.get(k), where, metrics.get(k)), where, metrics.get(k));
            }
            b.cost(l, f, h, v);
        }
        for (int l = 0; l < seen.length; l++) {
            for (int f = 0; f < seen[l].length; f++) {
                boolean any = false;
                boolean all = true;
                for (boolean s : seen[l][f]) {
                    any |= s;
                    all &= s;
                }
                if (any && !all) {
                    throw new InvalidInputException("--table " + costs, new ArrayList<>(layerIdx.keySet()).get(l)
                            + "/" + new ArrayList<>(formatIdx.keySet()).get(f), "a row for every hardware option or "
                            + "none");
                }
            }
        }
        if (ties != null) {
            List<String[]> tieRows = new ArrayList<>();
            boolean first = true;
            for (CsvTable.Record rec : records(ties, "--ties")) {
                String[] c = rec.cells().toArray(new String[0]);
                String l = String.join(",", rec.cells());
                long i = rec.line() - 1;
                if (first) {
                    first = false;
                    if (c.length < 2 || !c[0].equalsIgnoreCase("layer") || !c[1].equalsIgnoreCase("group")) {
                        throw new InvalidInputException("--ties " + ties + " line " + (i + 1), l,
                                "the header layer,group");
                    }
                    continue;
                }
                if (c.length < 2 || c[0].isEmpty() || c[1].isEmpty()) {
                    throw new InvalidInputException("--ties " + ties + " line " + (i + 1), l, "layer,group");
                }
                if (!layerIdx.containsKey(c[0])) {
                    throw new InvalidInputException("--ties " + ties + " line " + (i + 1), c[0],
                            "a layer of the cost table");
                }
                tieRows.add(c);
            }
            for (String[] c : tieRows) {
                tieGroup.put(c[0], "file:" + c[1]);
            }
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : tieGroup.entrySet()) {
            groups.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(layerIdx.get(e.getKey()));
        }
        for (List<Integer> g : groups.values()) {
            b.tie(g.stream().mapToInt(Integer::intValue).toArray());
        }
        for (Map.Entry<String, String> e : pins.entrySet()) {
            Integer l = layerIdx.get(e.getKey());
            Integer f = formatIdx.get(e.getValue());
            if (l == null) {
                throw new InvalidInputException("--pin " + e.getKey() + "=" + e.getValue(), e.getKey(),
                        "a layer of the cost table");
            }
            if (f == null) {
                throw new InvalidInputException("--pin " + e.getKey() + "=" + e.getValue(), e.getValue(),
                        "one of the table's formats: " + String.join(", ", formatIdx.keySet()));
            }
            b.pin(l, f);
        }
        return b.build();
    }

    /** @return the file's records (strict UTF-8; CSV quoting, comments and blank lines through {@link CsvTable}) */
    public static List<CsvTable.Record> records(Path p, String option) {
        return CsvTable.records(option + " " + p, TextFiles.read(p, option));
    }

    /** @return cell {@code c} of a CSV row, or an error naming the row and column when it is missing */
    public static String need(String[] r, int c, String where, String name) {
        if (c >= r.length || r[c].isEmpty()) {
            throw new InvalidInputException(where + ", column " + name, "empty", "a value");
        }
        return r[c];
    }

    /** @return a finite number, or an error naming the row and column (1e400 is out of range, not infinite) */
    public static double number(String v, String where, String name) {
        double d = io.qdse.hwmodels.io.Decimals.parse(v, where + ", column " + name, "a finite number");
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(where + ", column " + name, v, "a finite number");
        }
        return d;
    }

    /**
     * @return a cost: a finite number &gt;= 0 (sensitivities are errors, the rest sizes, counts, cycles, energies,
     *     areas; docs/search.md, "Generic table input"), or an error naming the row and column
     */
    public static double cost(String v, String where, String name) {
        double d = number(v, where, name);
        if (d < 0) {
            throw new InvalidInputException(where + ", column " + name, v, "a cost >= 0 (every metric of a table "
                    + "is a non-negative cost: sensitivity an error, the others sizes, counts, cycles, energies, "
                    + "areas; record a loss change below 0 as 0)");
        }
        return d;
    }
}
