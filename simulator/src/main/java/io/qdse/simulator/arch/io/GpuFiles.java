package io.qdse.simulator.arch.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.Ranges;
import io.qdse.simulator.arch.TensorCoreGpu;
import io.qdse.simulator.gpu.GpuArch;
import io.qdse.simulator.gpu.GpuPresets;
import io.qdse.simulator.gpu.GpuSpec;
import io.qdse.simulator.gpu.MmaType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tensor-core GPU from an architecture file (YAML or JSON) or a sweep's design point: a preset ({@code base:
 * gpu:NAME}) with fields over it, or every field written out. All problems are reported together, each with its
 * path, the value and what is allowed (docs/gpu.md, "GPU architecture files").
 *
 * <pre>
 * kind: gpu
 * base: gpu:h100-sxm5          # optional: a preset to start from; without it every field below is required
 * name: h100-lowclock
 * display_name: H100 SXM5 at 1.4 GHz
 * arch: hopper                 # volta | ampere | hopper (or sm_70, sm_80, sm_90)
 * sms: 132
 * clock_mhz: 1400
 * tensor_cores_per_sm: 4
 * macs_per_clk_per_sm: {fp16: 2048, bf16: 2048, tf32: 1024, fp8: 4096, int8: 4096, fp32_simt: 128}
 * fp32_lanes_per_sm: 128
 * smem_per_sm_kib: 228
 * reg_file_kib: 256
 * l2_mib: 50
 * l2_bytes_per_clk: 6258
 * dram: {type: hbm3, bandwidth_gbs: 3350}     # as in the other architecture files
 * die_area_mm2: 814
 * node_nm: 4
 * fp32_acc_half_rate: false
 * formats: w=fp16,a=fp16,acc=fp32,out=fp16     # default layer formats
 * sources: {clock_mhz: "my measurement"}       # optional: where a figure comes from (default: this file)
 * </pre>
 */
public final class GpuFiles {
    private GpuFiles() {
    }

    /** The fields of a GPU architecture file, in the order the docs list them. */
    public static final Set<String> KEYS = new LinkedHashSet<>(List.of("kind", "base", "name", "display_name", "arch",
            "sms", "clock_mhz", "tensor_cores_per_sm", "macs_per_clk_per_sm", "fp32_lanes_per_sm", "smem_per_sm_kib",
            "reg_file_kib", "l2_mib", "l2_bytes_per_clk", "dram", "die_area_mm2", "node_nm",
            "fp32_acc_half_rate", "formats", "sources"));

    /** YAML field → the {@link GpuSpec} component its source is kept under. */
    private static final Map<String, String> SOURCE_KEY = sourceKeys();

    private static Map<String, String> sourceKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sms", "sms");
        m.put("clock_mhz", "clockMhz");
        m.put("tensor_cores_per_sm", "tensorCoresPerSm");
        m.put("macs_per_clk_per_sm", "macsPerClkPerSm");
        m.put("fp32_lanes_per_sm", "fp32LanesPerSm");
        m.put("smem_per_sm_kib", "smemPerSmKib");
        m.put("reg_file_kib", "regFileKib");
        m.put("l2_mib", "l2Mib");
        m.put("l2_bytes_per_clk", "l2BytesPerClk");
        m.put("dram.bandwidth_gbs", "hbmGBs");
        m.put("dram.type", "dram");
        m.put("die_area_mm2", "dieAreaMm2");
        m.put("node_nm", "nodeNm");
        m.put("fp32_acc_half_rate", "fp32AccHalfRate");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Physical ranges of the GPU fields (wide: every GPU built, and what-if variants of them). */
    public static final int SMS_MAX = 10_000;
    public static final int TC_PER_SM_MAX = 64;
    public static final int MACS_PER_CLK_MAX = 1 << 20;
    public static final int LANES_MAX = 4096;
    public static final int SMEM_KIB_MAX = 1 << 20;
    public static final double L2_MIB_MAX = 1 << 16;
    public static final double L2_BYTES_PER_CLK_MAX = 1e7;
    /** Die area: up to a whole 300 mm wafer's usable square (Cerebras WSE-3: 46,225 mm²). */
    public static final double DIE_MM2_MAX = 50_000;
    public static final double NODE_NM_MIN = 1;
    public static final double NODE_NM_MAX = 1000;
    /** GpuSpec's own clock bound (its record refuses a faster clock). */
    public static final double CLOCK_MHZ_MAX = 5000;

    /** @return whether a mapping describes a GPU ({@code kind: gpu}, or a {@code gpu:} preset as its base) */
    public static boolean isGpu(JsonNode root) {
        String kind = root.path("kind").asText("").trim().toLowerCase(Locale.ROOT);
        if (kind.equals("gpu")) {
            return true;
        }
        return root.path("kind").isMissingNode() && root.path("base").asText("").trim().toLowerCase(Locale.ROOT)
                .startsWith("gpu:");
    }

    /**
     * @param source      what to name in the error message ({@code --arch FILE}, a sweep point)
     * @param prefix      the path prefix of each field in messages ({@code arch}, {@code designs[2]})
     * @param defaultName the GPU's name when the mapping has none (and no base)
     */
    public static TensorCoreGpu fromNode(JsonNode root, String source, String prefix, String defaultName) {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problems.add(prefix + "." + k + ": unknown field of a GPU (fields: " + String.join(", ", KEYS) + ")");
            }
        }
        GpuSpec base = null;
        if (root.has("base")) {
            try {
                base = GpuPresets.get(root.get("base").asText(), prefix + ".base");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        } else {
            List<String> missing = new ArrayList<>();
            for (String k : List.of("arch", "sms", "clock_mhz", "tensor_cores_per_sm", "macs_per_clk_per_sm",
                    "fp32_lanes_per_sm", "smem_per_sm_kib", "reg_file_kib", "l2_mib", "l2_bytes_per_clk", "dram.type",
                    "dram.bandwidth_gbs", "die_area_mm2", "node_nm")) {
                if (at(root, k).isMissingNode()) {
                    missing.add(k);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(prefix + ": a GPU without base: gpu:NAME needs every field; missing " + String.join(", ",
                        missing) + " (or start from a preset: gpu:" + String.join(", gpu:", GpuPresets.names()) + ")");
            }
        }
        Fields f = new Fields(root, prefix, problems);
        String name = root.has("name") ? root.get("name").asText().trim() : base != null ? base.name() : defaultName;
        if (name.toLowerCase(Locale.ROOT).startsWith("gpu:")) {
            name = name.substring(4);
        }
        if (name.isBlank()) {
            problems.add(prefix + ".name: a name (was empty)");
        }
        List<String> changed = new ArrayList<>();
        for (String k : SOURCE_KEY.keySet()) {
            if (!at(root, k).isMissingNode()) {
                changed.add(k);
            }
        }
        if (root.has("arch")) {
            changed.add(0, "arch");
        }
        // a preset with figures changed says so in its description (a sweep varying dram.bandwidth_gbs of gpu:h100-sxm5)
        String display = root.has("display_name") ? root.get("display_name").asText()
                : base == null ? name : base.displayName() + (changed.isEmpty() ? "" : " with " + String.join(", ",
                changed) + " changed");
        GpuArch arch = base == null ? null : base.arch();
        if (root.has("arch")) {
            arch = arch(root.get("arch").asText(), prefix + ".arch", problems);
        }
        int sms = f.integer("sms", base == null ? 1 : base.sms(), 1, SMS_MAX, "SMs");
        double clock = f.number("clock_mhz", base == null ? 1000 : base.clockMhz(), Ranges.CLOCK_MHZ_MIN,
                CLOCK_MHZ_MAX, "MHz");
        int tc = f.integer("tensor_cores_per_sm", base == null ? 1 : base.tensorCoresPerSm(), 1, TC_PER_SM_MAX,
                "tensor cores");
        Map<MmaType, Integer> macs = base == null ? new EnumMap<>(MmaType.class)
                : new EnumMap<>(base.macsPerClkPerSm());
        if (root.has("macs_per_clk_per_sm")) {
            macs = rates(root.get("macs_per_clk_per_sm"), prefix + ".macs_per_clk_per_sm", problems);
        }
        int lanes = f.integer("fp32_lanes_per_sm", base == null ? 1 : base.fp32LanesPerSm(), 1, LANES_MAX, "lanes");
        int smem = f.integer("smem_per_sm_kib", base == null ? 16 : base.smemPerSmKib(), 16, SMEM_KIB_MAX, "KiB");
        int regs = f.integer("reg_file_kib", base == null ? 16 : base.regFileKib(), 16, SMEM_KIB_MAX, "KiB");
        double l2 = f.number("l2_mib", base == null ? 1 : base.l2Mib(), 0.001, L2_MIB_MAX, "MiB");
        double l2bw = f.number("l2_bytes_per_clk", base == null ? 1 : base.l2BytesPerClk(), 1, L2_BYTES_PER_CLK_MAX,
                "B/clk");
        JsonNode dn = root.path("dram");
        if (!dn.isMissingNode() && !dn.isObject()) {
            problems.add(prefix + ".dram: a mapping {type: hbm3, bandwidth_gbs: 3350} (was " + dn.asText() + ")");
            dn = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        for (Iterator<String> it = dn.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("type") && !k.equals("bandwidth_gbs")) {
                problems.add(prefix + ".dram." + k + ": unknown field (type, bandwidth_gbs)");
            }
        }
        double hbm = new Fields(dn, prefix + ".dram", problems).number("bandwidth_gbs",
                base == null ? 1 : base.hbmGBs(), Ranges.DRAM_GBS_MIN, Ranges.DRAM_GBS_MAX, "GB/s");
        DramType dram = base == null ? DramType.HBM2 : base.dram();
        if (dn.has("type")) {
            try {
                dram = DramType.parse(dn.get("type").asText(), prefix + ".dram.type");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        double die = f.number("die_area_mm2", base == null ? 1 : base.dieAreaMm2(), 1, DIE_MM2_MAX, "mm²");
        double node = f.number("node_nm", base == null ? 7 : base.nodeNm(), NODE_NM_MIN, NODE_NM_MAX, "nm");
        boolean half = base != null && base.fp32AccHalfRate();
        if (root.has("fp32_acc_half_rate")) {
            if (!root.get("fp32_acc_half_rate").isBoolean()) {
                problems.add(prefix + ".fp32_acc_half_rate: true or false (was " + root.get("fp32_acc_half_rate")
                        .asText() + ")");
            } else {
                half = root.get("fp32_acc_half_rate").asBoolean();
            }
        }
        LayerFormats formats = Presets.gpuFormats();
        if (root.has("formats")) {
            try {
                formats = FormatsSpec.parse(root.get("formats").asText(), prefix + ".formats", formats);
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        Map<String, String> sources = new LinkedHashMap<>(base == null ? Map.of() : base.sources());
        for (Map.Entry<String, String> e : SOURCE_KEY.entrySet()) {
            if (!at(root, e.getKey()).isMissingNode()) {
                sources.put(e.getValue(), "given in " + source);
            }
        }
        JsonNode src = root.get("sources");
        if (src != null) {
            if (!src.isObject()) {
                problems.add(prefix + ".sources: a mapping of field: where its value comes from");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!SOURCE_KEY.containsKey(e.getKey())) {
                        problems.add(prefix + ".sources." + e.getKey() + ": a GPU figure (" + String.join(", ",
                                SOURCE_KEY.keySet()) + ")");
                    } else {
                        sources.put(SOURCE_KEY.get(e.getKey()), e.getValue().asText());
                    }
                }
            }
        }
        if (problems.isEmpty() && macs.isEmpty()) {
            problems.add(prefix + ".macs_per_clk_per_sm: at least one MMA type (" + typeKeys() + ")");
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.ofProblems(source, problems);
        }
        GpuSpec spec;
        try {
            spec = new GpuSpec(name, display, arch, sms, clock, tc, macs, lanes, smem, regs, l2, l2bw, hbm, dram, die,
                    node, half, sources);
        } catch (InvalidInputException e) { // a rule of the record the ranges above do not already state
            throw InvalidInputException.ofProblems(source, List.of(prefix + "." + e.getMessage().replaceFirst(
                    "^gpu\\.", "")));
        }
        TensorCoreGpu g = new TensorCoreGpu(spec, formats);
        try {
            g.checkFormats(formats, prefix + ".formats");
        } catch (InvalidInputException e) {
            throw InvalidInputException.ofProblems(source, List.of(e.getMessage()));
        }
        return g;
    }

    /** The node at a dotted path ({@code dram.type}), or a missing node. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    private static GpuArch arch(String text, String field, List<String> problems) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (GpuArch a : GpuArch.values()) {
            if (t.equals(a.name().toLowerCase(Locale.ROOT)) || t.equals(a.sm())) {
                return a;
            }
        }
        problems.add(field + ": volta, ampere or hopper (sm_70, sm_80, sm_90) (was " + text + ")");
        return null;
    }

    private static String typeKeys() {
        List<String> k = new ArrayList<>();
        for (MmaType t : MmaType.values()) {
            k.add(t.key());
        }
        return String.join(", ", k);
    }

    private static Map<MmaType, Integer> rates(JsonNode n, String field, List<String> problems) {
        Map<MmaType, Integer> out = new EnumMap<>(MmaType.class);
        if (!n.isObject()) {
            problems.add(field + ": a mapping of MMA type: dense MACs per clock per SM (" + typeKeys() + ")");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            MmaType type = null;
            for (MmaType t : MmaType.values()) {
                if (t.key().equals(e.getKey().trim().toLowerCase(Locale.ROOT))) {
                    type = t;
                }
            }
            if (type == null) {
                problems.add(field + "." + e.getKey() + ": an MMA type (" + typeKeys() + ")");
                continue;
            }
            JsonNode v = e.getValue();
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > MACS_PER_CLK_MAX) {
                problems.add(field + "." + e.getKey() + ": must be a whole number in 1.." + MACS_PER_CLK_MAX
                        + " MACs/clk/SM (was " + v.asText() + ")");
                continue;
            }
            out.put(type, v.asInt());
        }
        return out;
    }

    /** Number fields with their ranges, problems collected with the field's path. */
    private record Fields(JsonNode root, String prefix, List<String> problems) {
        int integer(String key, int dflt, int lo, int hi, String unit) {
            if (!root.has(key)) {
                return dflt;
            }
            JsonNode n = root.get(key);
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < lo || n.asInt() > hi) {
                problems.add(prefix + "." + key + ": must be a whole number in " + lo + ".." + hi + " " + unit
                        + " (was " + n.asText() + ")");
                return dflt;
            }
            return n.asInt();
        }

        double number(String key, double dflt, double lo, double hi, String unit) {
            if (!root.has(key)) {
                return dflt;
            }
            JsonNode n = root.get(key);
            String why = n.isNumber() ? Ranges.outside(n.asDouble(), lo, hi, unit) : "must be a number";
            if (why != null) {
                problems.add(prefix + "." + key + ": " + why + " (was " + n.asText() + ")");
                return dflt;
            }
            return n.asDouble();
        }
    }
}
