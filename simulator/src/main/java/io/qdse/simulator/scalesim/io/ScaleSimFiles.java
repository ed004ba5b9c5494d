package io.qdse.simulator.scalesim.io;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.scalesim.ScaleSimConfig;
import io.qdse.simulator.scalesim.ScaleSimLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads SCALE-Sim v2 inputs: the {@code .cfg} (an INI file read with Python's configparser) and the topology CSV in
 * conv or GEMM mode. Where SCALE-Sim's parser is fragile we are lenient and say so: a row without the trailing comma
 * that SCALE-Sim would leave too short keeps its last field (SCALE-Sim drops it and crashes); everything else follows
 * SCALE-Sim, including skipping the first line as a header, dropping whatever follows the last comma, and expanding
 * rows whose name contains {@code DP} into one layer per channel.
 */
public final class ScaleSimFiles {
    private ScaleSimFiles() {
    }

    /** Reads a SCALE-Sim {@code .cfg}; errors name the file, section and key. */
    public static ScaleSimConfig readConfig(Path file) {
        Map<String, Map<String, String>> ini = readIni(file);
        String where = file.toString();
        String mode = get(ini, where, "run_presets", "interfacebandwidth").trim();
        if (!mode.equals("USER") && !mode.equals("CALC")) {
            throw new InvalidInputException(where + " [run_presets] InterfaceBandwidth", mode,
                    "must be USER or CALC (exactly, as SCALE-Sim requires)");
        }
        boolean user = mode.equals("USER");
        String arch = "architecture_presets";
        List<Integer> bws = new ArrayList<>();
        if (user) {
            String bw = get(ini, where, arch, "bandwidth");
            for (String part : bw.split(",")) {
                if (!part.isBlank()) {
                    bws.add(intValue(where, arch, "Bandwidth", part));
                }
            }
        }
        String runName = ini.getOrDefault("general", Map.of()).getOrDefault("run_name", "qdse_run").trim();
        return new ScaleSimConfig(runName,
                intValue(where, arch, "ArrayHeight", get(ini, where, arch, "arrayheight")),
                intValue(where, arch, "ArrayWidth", get(ini, where, arch, "arraywidth")),
                intValue(where, arch, "IfmapSramSzkB", get(ini, where, arch, "ifmapsramszkb")),
                intValue(where, arch, "FilterSramSzkB", get(ini, where, arch, "filtersramszkb")),
                intValue(where, arch, "OfmapSramSzkB", get(ini, where, arch, "ofmapsramszkb")),
                longValue(where, arch, "IfmapOffset", get(ini, where, arch, "ifmapoffset")),
                longValue(where, arch, "FilterOffset", get(ini, where, arch, "filteroffset")),
                longValue(where, arch, "OfmapOffset", get(ini, where, arch, "ofmapoffset")),
                Dataflow.parse(get(ini, where, arch, "dataflow"), where + " [" + arch + "] Dataflow"),
                user, bws);
    }

    private static Map<String, Map<String, String>> readIni(Path file) {
        List<String> lines = readLines(file, "--scalesim-cfg");
        Map<String, Map<String, String>> out = new HashMap<>();
        String section = null;
        String lastKey = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).trim();
                out.putIfAbsent(section, new HashMap<>());
                lastKey = null;
                continue;
            }
            if (section == null) {
                throw new InvalidInputException(file + " line " + (i + 1), raw, "a [section] header must come first");
            }
            if (Character.isWhitespace(raw.charAt(0)) && lastKey != null) {
                Map<String, String> s = out.get(section);
                s.put(lastKey, s.get(lastKey) + "\n" + line); // configparser continuation line
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int sep = eq < 0 ? colon : (colon < 0 ? eq : Math.min(eq, colon));
            if (sep <= 0) {
                throw new InvalidInputException(file + " line " + (i + 1), raw, "expected 'key = value' or 'key: value'");
            }
            lastKey = line.substring(0, sep).trim().toLowerCase(Locale.ROOT);
            out.get(section).put(lastKey, line.substring(sep + 1).trim());
        }
        return out;
    }

    private static String get(Map<String, Map<String, String>> ini, String file, String section, String key) {
        Map<String, String> s = ini.get(section);
        if (s == null) {
            throw new InvalidInputException(file, "[" + section + "]", "section [" + section + "] is missing");
        }
        String v = s.get(key);
        if (v == null) {
            throw new InvalidInputException(file + " [" + section + "]", key, "key " + key + " is missing");
        }
        return v;
    }

    private static int intValue(String file, String section, String key, String v) {
        long x = longValue(file, section, key, v);
        if (x > Integer.MAX_VALUE || x < Integer.MIN_VALUE) {
            throw new InvalidInputException(file + " [" + section + "] " + key, v, "too large");
        }
        return (int) x;
    }

    private static long longValue(String file, String section, String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + " [" + section + "] " + key, v, "must be a whole number");
        }
    }

    /** @return whether a topology header is SCALE-Sim's GEMM form ({@code Layer[ Name], M, N, K,}) */
    public static boolean isGemmHeader(String header) {
        String h = normalizeHeader(header);
        return !h.contains("ifmap") && h.matches("layer(name)?,m,n,k,?.*");
    }

    /**
     * @return whether a topology header looks like either SCALE-Sim form (a first column starting {@code Layer},
     *         and M,N,K or an IFMAP column; a UTF-8 byte-order mark, spaces and case are ignored, as SCALE-Sim
     *         never reads the header at all)
     */
    public static boolean isScaleSimHeader(String header) {
        String h = normalizeHeader(header);
        return isGemmHeader(header) || (h.startsWith("layer") && h.contains("ifmap"));
    }

    private static String normalizeHeader(String header) {
        return header.replace("\uFEFF", "").toLowerCase(Locale.ROOT).replaceAll("\\s", "");
    }

    /**
     * Reads a SCALE-Sim topology as SCALE-Sim does ({@code topology_utils.load_arrays_*}): line 1 is skipped, blank
     * lines are skipped, each row is stripped and split on commas, and <em>the field after the last comma is
     * dropped</em> (normally the empty one after the trailing comma; {@code Conv2_dw, ..., 1,#dw} keeps its
     * comment out this way). Conv rows use fields 1..8 (a missing stride W repeats the stride) and, like SCALE-Sim,
     * further fields must still be whole numbers; GEMM rows use fields 1..3 and ignore the rest. One leniency: a
     * row with no trailing comma that SCALE-Sim would leave too short (it crashes) keeps its last field.
     *
     * @param gemm true for the M,N,K format ({@code -i gemm}), false for the conv format
     */
    public static List<ScaleSimLayer> readTopology(Path file, boolean gemm) {
        List<String> lines = readLines(file, "--topology");
        List<ScaleSimLayer> out = new ArrayList<>();
        int need = gemm ? 4 : 8;
        for (int i = 1; i < lines.size(); i++) { // SCALE-Sim always skips line 1 (the header)
            String row = lines.get(i).strip();
            if (row.isEmpty()) {
                continue;
            }
            List<String> all = new ArrayList<>();
            for (String s : row.split(",", -1)) {
                all.add(s.strip());
            }
            List<String> fields = new ArrayList<>(all.subList(0, all.size() - 1)); // Python: row.split(',')[:-1]
            if (fields.size() < need && !row.endsWith(",")) {
                fields = all; // leniency: no trailing comma
            }
            String where = file + " line " + (i + 1);
            if (gemm) {
                if (fields.size() < need) {
                    throw new InvalidInputException(where, row, "a GEMM row is 'name, M, N, K,' (4 fields before "
                            + "the trailing comma; got " + fields.size() + ")");
                }
                out.add(ScaleSimLayer.gemm(fields.get(0), num(fields, 1, where, "M"), num(fields, 2, where, "N"),
                        num(fields, 3, where, "K")));
                continue;
            }
            if (fields.size() < need) {
                throw new InvalidInputException(where, row, "a conv row is 'name, IFMAP Height, IFMAP Width, Filter "
                        + "Height, Filter Width, Channels, Num Filter, Strides[, Stride W],' (8 or 9 fields before "
                        + "the trailing comma; got " + fields.size() + ")");
            }
            String name = fields.get(0);
            int h = num(fields, 1, where, "IFMAP Height");
            int w = num(fields, 2, where, "IFMAP Width");
            int fh = num(fields, 3, where, "Filter Height");
            int fw = num(fields, 4, where, "Filter Width");
            int ch = num(fields, 5, where, "Channels");
            int n = num(fields, 6, where, "Num Filter");
            int sh = num(fields, 7, where, "Strides");
            int sw = fields.size() >= 9 ? num(fields, 8, where, "Stride W") : sh;
            for (int x = 9; x < fields.size(); x++) {
                num(fields, x, where, "extra column (SCALE-Sim reads it as a number and ignores it)");
            }
            try {
                if (name.contains("DP")) {
                    // SCALE-Sim's depthwise convention: one single-channel layer per channel
                    for (int c = 0; c < ch; c++) {
                        out.add(new ScaleSimLayer(name + "Channel_" + c, h, w, fh, fw, 1, n, sh, sw));
                    }
                } else {
                    out.add(new ScaleSimLayer(name, h, w, fh, fw, ch, n, sh, sw));
                }
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ", " + e.field(), e.value(), e.allowed());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("--topology", file, "no layers after the header line");
        }
        return out;
    }

    private static int num(List<String> fields, int i, String where, String column) {
        String v = fields.get(i);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ", column " + (i + 1) + " (" + column + ")", "'" + v + "'",
                    "must be a whole number");
        }
    }

    /** Strict UTF-8 text ({@link io.qdse.simulator.io.TextFiles}: file and line of a bad byte), split into lines. */
    private static List<String> readLines(Path file, String field) {
        return io.qdse.simulator.io.TextFiles.read(file, field).lines().toList();
    }
}
