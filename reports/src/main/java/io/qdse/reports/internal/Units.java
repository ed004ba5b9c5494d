package io.qdse.reports.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Units of the quantities QDSE names with a unit suffix ({@code latency_ms}, {@code energy_uj}, {@code size_bits}),
 * for columns whose source gives no unit of its own.
 */
public final class Units {
    /** Unit of a number whose source states none. */
    public static final String UNSTATED = "-";
    private static final Map<String, String> EXACT = new LinkedHashMap<>();
    private static final Map<String, String> SUFFIX = new LinkedHashMap<>();

    static {
        EXACT.put("tops_per_w", "TOPS/W");
        EXACT.put("tops", "TOPS");
        EXACT.put("throughput_inf_s", "inferences/s");
        EXACT.put("edp_uj_ms", "µJ·ms");
        EXACT.put("utilization", "0..1");
        EXACT.put("mapping_efficiency", "0..1");
        EXACT.put("luts", "LUTs");
        EXACT.put("ffs", "FFs");
        EXACT.put("dsps", "DSPs");
        EXACT.put("brams", "BRAMs");
        EXACT.put("carry", "carry cells");
        EXACT.put("carry_cells", "carry cells");
        EXACT.put("macs", "MACs");
        EXACT.put("bops", "bit-ops");
        EXACT.put("batch", "inferences");
        EXACT.put("sensitivity", "1");
        EXACT.put("point", "#");
        EXACT.put("tiles", "tiles");
        EXACT.put("cycles", "cycles");
        SUFFIX.put("_per_w", "/W");
        SUFFIX.put("_ms", "ms");
        SUFFIX.put("_us", "µs");
        SUFFIX.put("_ns", "ns");
        SUFFIX.put("_s", "s");
        SUFFIX.put("_pj", "pJ");
        SUFFIX.put("_nj", "nJ");
        SUFFIX.put("_uj", "µJ");
        SUFFIX.put("_mj", "mJ");
        SUFFIX.put("_w", "W");
        SUFFIX.put("_mm2", "mm²");
        SUFFIX.put("_um2", "µm²");
        SUFFIX.put("_bits", "bits");
        SUFFIX.put("_bytes", "bytes");
        SUFFIX.put("_mb", "MB");
        SUFFIX.put("_kb", "KB");
        SUFFIX.put("_gbs", "GB/s");
        SUFFIX.put("_mhz", "MHz");
        SUFFIX.put("_cycles", "cycles");
        SUFFIX.put("_pct", "%");
        SUFFIX.put("_db", "dB");
        SUFFIX.put("_mse", "1");
    }

    private Units() {
    }

    /** @return the unit a QDSE name implies, or {@link #UNSTATED} */
    public static String guess(String name) {
        String n = name.toLowerCase(Locale.ROOT).trim();
        String e = EXACT.get(n);
        if (e != null) {
            return e;
        }
        for (Map.Entry<String, String> s : SUFFIX.entrySet()) {
            if (n.endsWith(s.getKey())) {
                return s.getValue();
            }
        }
        if (n.contains("cycle")) {
            return "cycles";
        }
        if (n.endsWith("%") || n.contains(" %")) {
            return "%";
        }
        if (n.endsWith("bits")) {
            return "bits";
        }
        if (n.endsWith("bytes")) {
            return "bytes";
        }
        if (n.contains("bw")) {
            return "words/cycle";
        }
        if (n.contains("reads") || n.contains("writes")) {
            return "words";
        }
        return UNSTATED;
    }
}
