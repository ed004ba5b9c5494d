package io.qdse.simulator.arch.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.hwmodels.tech.Target;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.hwmodels.cost.BitSerialPeSpec;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.DramSpec;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.MemorySpec;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.Ranges;
import io.qdse.simulator.arch.SystolicArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads an accelerator of any kind from YAML or JSON. Every field is optional when {@code base} names a preset (the
 * file then overrides it); all problems are reported together, each with its path, value and what is allowed:
 *
 * <pre>
 * kind: systolic            # systolic (default) | bitserial; taken from base when omitted
 * base: edge-32x32          # optional preset to start from (bitserial:stripes, ...)
 * name: my-array
 * rows: 32
 * cols: 32
 * dataflow: os              # systolic: os | ws | is
 * pe:                       # bitserial: the PE (fields of BitSerialPeSpec; unset ones from base)
 *   family: stripes
 *   serial: activations     # none | activations | weights | both
 *   lanes: 16
 *   a_bits_per_cycle: 1
 *   w_bits_per_cycle: 1
 *   max_a_bits: 16
 *   max_w_bits: 16
 *   brick_bits: 0           # Bit Fusion: 2 (with bricks: 16)
 *   bricks: 0
 *   term_serial: false
 *   float_activations: false
 *   group_size: 0
 *   acc_bits: 48
 * clock_mhz: 500
 * technology: asic:28nm     # asic:&lt;node&gt;nm[@&lt;vdd&gt;V] | fpga:&lt;part&gt;
 * sram: {ifmap_kib: 64, filter_kib: 64, ofmap_kib: 64, banks: 1}
 * dram: {type: lpddr4, bandwidth_gbs: 12.8}
 * formats: w=int8,a=int8,acc=int32,out=int8
 * </pre>
 *
 * Every number has a physical range ({@link Ranges}; docs/simulator.md, "Architecture files: fields and ranges"), and a
 * key given twice in one mapping is an error ({@link io.qdse.simulator.io.StrictMappers}).
 */
public final class ArchFiles {
    private ArchFiles() {
    }

    private static final Set<String> KEYS = new java.util.LinkedHashSet<>(List.of("kind", "base", "name", "rows",
            "cols", "dataflow", "pe", "clock_mhz", "technology", "sram", "dram", "formats"));
    private static final Set<String> PE_KEYS = new java.util.LinkedHashSet<>(List.of("family", "serial", "lanes",
            "a_bits_per_cycle", "w_bits_per_cycle", "max_a_bits", "max_w_bits", "brick_bits", "bricks", "term_serial",
            "float_activations", "group_size", "acc_bits"));

    /**
     * An accelerator as {@code --arch} names it: a preset ({@code edge-32x32}, {@code bitserial:stripes},
     * {@code systolic:…}) or a YAML/JSON file ({@link #readAny}).
     */
    public static Accelerator resolve(String arch) {
        String t = arch.trim().toLowerCase(java.util.Locale.ROOT);
        if (Presets.isPreset(arch) || t.startsWith("bitserial:") || t.startsWith("systolic:") || t.startsWith("gpu:")) {
            return Presets.accelerator(arch, "--arch");
        }
        Path p = Path.of(arch);
        if (!Files.exists(p)) {
            throw new InvalidInputException("--arch", arch, "not a preset (" + String.join(", ", Presets.names())
                    + ") and no such file");
        }
        return readAny(p);
    }

    /** Reads a systolic array (refuses other kinds: for callers that only handle systolic arrays). */
    public static SystolicArray read(Path file) {
        Accelerator a = readAny(file);
        if (a instanceof SystolicArray s) {
            return s;
        }
        throw new InvalidInputException("--arch " + file + ": kind", a.kind(), "systolic here");
    }

    /** Reads an accelerator of any kind. */
    public static Accelerator readAny(Path file) {
        JsonNode root;
        try {
            root = io.qdse.simulator.io.StrictMappers.yaml().readTree(Files.readString(file)); // a key twice: error
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--arch", file, "no such file and not a preset; presets: "
                    + String.join(", ", Presets.names()));
        } catch (IOException e) {
            throw new InvalidInputException("--arch", file, "not valid YAML/JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("--arch", file, "must be a mapping of fields (name, rows, cols, ...)");
        }
        return fromNode(root, "--arch " + file, "arch", file.getFileName().toString());
    }

    /**
     * An accelerator from an already parsed mapping with the fields of an architecture file (a sweep's design
     * point builds one per point).
     *
     * @param source      what to name in the error message (e.g. {@code --arch FILE} or a sweep point)
     * @param prefix      the path prefix of each field in messages ({@code arch})
     * @param defaultName the name when the mapping has none
     */
    public static Accelerator fromNode(JsonNode root, String source, String prefix, String defaultName) {
        if (GpuFiles.isGpu(root)) {
            return GpuFiles.fromNode(root, source, prefix, defaultName);
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problems.add("arch." + k + ": unknown field (fields: " + String.join(", ", KEYS) + ")");
            }
        }
        String kind = root.has("kind") ? root.get("kind").asText().trim().toLowerCase(java.util.Locale.ROOT) : null;
        if (kind != null && !kind.equals("systolic") && !kind.equals("bitserial")) {
            problems.add("arch.kind: systolic, bitserial or gpu (was " + kind + ")");
            kind = null;
        }
        Accelerator base = "bitserial".equals(kind) ? Presets.stripes() : Presets.edge32x32();
        if (root.has("base")) {
            try {
                base = Presets.accelerator(root.get("base").asText(), "arch.base");
                if (base instanceof io.qdse.simulator.arch.TensorCoreGpu) {
                    problems.add("arch.base: a " + (kind == null ? "systolic" : kind) + " preset (a GPU preset "
                            + "takes kind: gpu; was " + root.get("base").asText() + ")");
                    base = Presets.edge32x32();
                }
                if (kind != null && !kind.equals(base.kind())) {
                    problems.add("arch.base: a " + kind + " preset (" + root.get("base").asText() + " is "
                            + base.kind() + ")");
                    base = "bitserial".equals(kind) ? Presets.stripes() : Presets.edge32x32();
                }
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        boolean bitSerial = base instanceof BitSerialArray;
        if (bitSerial && root.has("dataflow")) {
            problems.add("arch.dataflow: a systolic field; a bit-serial array maps N on rows, M on columns (was "
                    + root.get("dataflow").asText() + ")");
        }
        if (!bitSerial && root.has("pe")) {
            problems.add("arch.pe: a bit-serial field (add kind: bitserial)");
        }
        String name = root.has("name") ? root.get("name").asText() : defaultName;
        int maxDim = bitSerial ? 65536 : 4096;
        int rows = intField(root, "rows", base instanceof SystolicArray sa ? sa.rows() : ((BitSerialArray) base).rows(),
                1, maxDim, problems);
        int cols = intField(root, "cols", base instanceof SystolicArray sa ? sa.cols() : ((BitSerialArray) base).cols(),
                1, maxDim, problems);
        Dataflow df = base instanceof SystolicArray sa ? sa.dataflow() : Dataflow.OS;
        if (!bitSerial && root.has("dataflow")) {
            try {
                df = Dataflow.parse(root.get("dataflow").asText(), "arch.dataflow");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        double clock = rangeField(root, "clock_mhz", base.clockMhz(), Ranges.CLOCK_MHZ_MIN, Ranges.CLOCK_MHZ_MAX,
                "MHz", problems, "arch.clock_mhz");
        Target tech = base.technology();
        if (root.has("technology")) {
            try {
                tech = Targets.parse(root.get("technology").asText(), "arch.technology");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        MemorySpec[] baseSrams = base instanceof SystolicArray sa ? new MemorySpec[] {sa.ifmapSram(), sa.filterSram(),
            sa.ofmapSram()} : new MemorySpec[] {((BitSerialArray) base).ifmapSram(),
            ((BitSerialArray) base).filterSram(), ((BitSerialArray) base).ofmapSram()};
        JsonNode sram = root.path("sram");
        int banks = intField(sram, "banks", baseSrams[0].banks(), 1, 4096, problems, "arch.sram.banks");
        MemorySpec i = kib(sram, "ifmap_kib", baseSrams[0], banks, problems);
        MemorySpec f = kib(sram, "filter_kib", baseSrams[1], banks, problems);
        MemorySpec o = kib(sram, "ofmap_kib", baseSrams[2], banks, problems);
        BitSerialPeSpec pe = bitSerial ? pe(root.path("pe"), ((BitSerialArray) base).pe(), problems) : null;
        JsonNode dramNode = root.path("dram");
        DramType dt = base.dram().type();
        if (dramNode.has("type")) {
            try {
                dt = DramType.parse(dramNode.get("type").asText(), "arch.dram.type");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        double bw = rangeField(dramNode, "bandwidth_gbs", base.dram().bandwidthGBs(), Ranges.DRAM_GBS_MIN,
                Ranges.DRAM_GBS_MAX, "GB/s", problems, "arch.dram.bandwidth_gbs");
        LayerFormats formats = base.formats();
        if (root.has("formats")) {
            try {
                formats = FormatsSpec.parse(root.get("formats").asText(), "arch.formats", base.formats());
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            List<String> named = new ArrayList<>();
            for (String pr : problems) {
                named.add(pr.startsWith("arch.") ? prefix + pr.substring(4) : pr);
            }
            throw InvalidInputException.ofProblems(source, named);
        }
        if (bitSerial) {
            return new BitSerialArray(name, pe, rows, cols, i, f, o, new DramSpec(dt, bw), clock, tech, formats);
        }
        return new SystolicArray(name, rows, cols, df, i, f, o, new DramSpec(dt, bw), clock, tech, formats);
    }

    /** The PE of a bit-serial array: the base's, with the file's fields over it; problems collected. */
    private static BitSerialPeSpec pe(JsonNode n, BitSerialPeSpec b, List<String> problems) {
        if (n.isMissingNode()) {
            return b;
        }
        if (!n.isObject()) {
            problems.add("arch.pe: a mapping of PE fields (" + String.join(", ", PE_KEYS) + ")");
            return b;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!PE_KEYS.contains(k)) {
                problems.add("arch.pe." + k + ": unknown field (fields: " + String.join(", ", PE_KEYS) + ")");
            }
        }
        BitSerialPeSpec.Serial serial = b.serial();
        if (n.has("serial")) {
            try {
                serial = BitSerialPeSpec.Serial.valueOf(n.get("serial").asText().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("arch.pe.serial: none, activations, weights or both (was " + n.get("serial").asText()
                        + ")");
            }
        }
        String family = n.has("family") ? n.get("family").asText() : b.family();
        int lanes = intField(n, "lanes", b.lanes(), 1, 4096, problems, "arch.pe.lanes");
        int maxA = intField(n, "max_a_bits", b.maxABits(), 1, 32, problems, "arch.pe.max_a_bits");
        int maxW = intField(n, "max_w_bits", b.maxWBits(), 1, 32, problems, "arch.pe.max_w_bits");
        int ka = intField(n, "a_bits_per_cycle", b.aBitsPerCycle(), 1, 32, problems, "arch.pe.a_bits_per_cycle");
        int kw = intField(n, "w_bits_per_cycle", b.wBitsPerCycle(), 1, 32, problems, "arch.pe.w_bits_per_cycle");
        int bb = intField(n, "brick_bits", b.brickBits(), 0, 8, problems, "arch.pe.brick_bits");
        int bricks = intField(n, "bricks", b.bricks(), 0, 256, problems, "arch.pe.bricks");
        boolean term = boolField(n, "term_serial", b.termSerial(), problems);
        boolean fp = boolField(n, "float_activations", b.floatActivations(), problems);
        int group = intField(n, "group_size", b.groupSize(), 0, 1 << 20, problems, "arch.pe.group_size");
        int acc = intField(n, "acc_bits", b.accBits(), 2, 128, problems, "arch.pe.acc_bits");
        try {
            return new BitSerialPeSpec(family, serial, lanes, ka, kw, maxA, maxW, bb, bricks, term, fp, group, acc);
        } catch (InvalidInputException e) {
            problems.add("arch." + e.getMessage());
            return b;
        }
    }

    private static boolean boolField(JsonNode n, String key, boolean dflt, List<String> problems) {
        if (!n.has(key)) {
            return dflt;
        }
        if (!n.get(key).isBoolean()) {
            problems.add("arch.pe." + key + ": true or false (was " + n.get(key).asText() + ")");
            return dflt;
        }
        return n.get(key).asBoolean();
    }

    private static MemorySpec kib(JsonNode sram, String key, MemorySpec base, int banks, List<String> problems) {
        if (!sram.has(key)) {
            return new MemorySpec(base.sizeBytes(), banks);
        }
        JsonNode n = sram.get(key);
        double maxKib = Ranges.SRAM_BYTES_MAX / 1024.0;
        if (!n.isNumber() || !(n.asDouble() * 1024 >= 0.5) || n.asDouble() > maxKib) {
            problems.add("arch.sram." + key + ": must be in 0.001.." + Ranges.fmt(maxKib) + " KiB, 1 B to 64 GiB (was "
                    + n.asText() + ")");
            return base;
        }
        return new MemorySpec(Math.round(n.asDouble() * 1024), banks);
    }

    private static int intField(JsonNode node, String key, int dflt, int lo, int hi, List<String> problems) {
        return intField(node, key, dflt, lo, hi, problems, "arch." + key);
    }

    private static int intField(JsonNode node, String key, int dflt, int lo, int hi, List<String> problems,
                                String path) {
        if (!node.has(key)) {
            return dflt;
        }
        JsonNode n = node.get(key);
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < lo || n.asInt() > hi) {
            problems.add(path + ": must be a whole number in " + lo + ".." + hi + " (was " + n.asText() + ")");
            return dflt;
        }
        return n.asInt();
    }

    /** A number field with a physical range ({@link Ranges}); outside it a problem naming the path and the range. */
    private static double rangeField(JsonNode node, String key, double dflt, double lo, double hi, String unit,
                                     List<String> problems, String path) {
        if (!node.has(key)) {
            return dflt;
        }
        JsonNode n = node.get(key);
        String why = n.isNumber() ? Ranges.outside(n.asDouble(), lo, hi, unit) : "must be a number";
        if (why != null) {
            problems.add(path + ": " + why + " (was " + n.asText() + ")");
            return dflt;
        }
        return n.asDouble();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n")[0];
    }
}
