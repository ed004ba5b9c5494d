package io.qdse.simulator.arch.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.hwmodels.tech.Target;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.simulator.arch.Dataflow;
import io.qdse.simulator.arch.DramSpec;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.MemorySpec;
import io.qdse.simulator.arch.Presets;
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
 * Reads an accelerator from YAML or JSON. Every field is optional when {@code base} names a preset (the file then
 * overrides it); all problems are reported together, each with its path, value and what is allowed:
 *
 * <pre>
 * base: edge-32x32          # optional preset to start from
 * name: my-array
 * rows: 32
 * cols: 32
 * dataflow: os              # os | ws | is
 * clock_mhz: 500
 * technology: asic:28nm     # asic:&lt;node&gt;nm[@&lt;vdd&gt;V] | fpga:&lt;part&gt;
 * sram: {ifmap_kib: 64, filter_kib: 64, ofmap_kib: 64, banks: 1}
 * dram: {type: lpddr4, bandwidth_gbs: 12.8}
 * formats: w=int8,a=int8,acc=int32,out=int8
 * </pre>
 */
public final class ArchFiles {
    private ArchFiles() {
    }

    private static final Set<String> KEYS = Set.of("base", "name", "rows", "cols", "dataflow", "clock_mhz",
            "technology", "sram", "dram", "formats");

    public static SystolicArray read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--arch", file, "no such file and not a preset; presets: "
                    + String.join(", ", Presets.names()));
        } catch (IOException e) {
            throw new InvalidInputException("--arch", file, "not valid YAML/JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("--arch", file, "must be a mapping of fields (name, rows, cols, ...)");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problems.add("arch." + k + ": unknown field (fields: " + String.join(", ", KEYS) + ")");
            }
        }
        SystolicArray base = Presets.edge32x32();
        if (root.has("base")) {
            try {
                base = Presets.get(root.get("base").asText(), "arch.base");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        String name = root.has("name") ? root.get("name").asText() : file.getFileName().toString();
        int rows = intField(root, "rows", base.rows(), 1, 4096, problems);
        int cols = intField(root, "cols", base.cols(), 1, 4096, problems);
        Dataflow df = base.dataflow();
        if (root.has("dataflow")) {
            try {
                df = Dataflow.parse(root.get("dataflow").asText(), "arch.dataflow");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        double clock = doubleField(root, "clock_mhz", base.clockMhz(), problems);
        Target tech = base.technology();
        if (root.has("technology")) {
            try {
                tech = Targets.parse(root.get("technology").asText(), "arch.technology");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        JsonNode sram = root.path("sram");
        int banks = intField(sram, "banks", base.ifmapSram().banks(), 1, 4096, problems, "arch.sram.banks");
        MemorySpec i = kib(sram, "ifmap_kib", base.ifmapSram(), banks, problems);
        MemorySpec f = kib(sram, "filter_kib", base.filterSram(), banks, problems);
        MemorySpec o = kib(sram, "ofmap_kib", base.ofmapSram(), banks, problems);
        JsonNode dramNode = root.path("dram");
        DramType dt = base.dram().type();
        if (dramNode.has("type")) {
            try {
                dt = DramType.parse(dramNode.get("type").asText(), "arch.dram.type");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        double bw = doubleField(dramNode, "bandwidth_gbs", base.dram().bandwidthGBs(), problems,
                "arch.dram.bandwidth_gbs");
        LayerFormats formats = base.formats();
        if (root.has("formats")) {
            try {
                formats = FormatsSpec.parse(root.get("formats").asText(), "arch.formats", base.formats());
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.ofProblems("--arch " + file, problems);
        }
        return new SystolicArray(name, rows, cols, df, i, f, o, new DramSpec(dt, bw), clock, tech, formats);
    }

    private static MemorySpec kib(JsonNode sram, String key, MemorySpec base, int banks, List<String> problems) {
        if (!sram.has(key)) {
            return new MemorySpec(base.sizeBytes(), banks);
        }
        JsonNode n = sram.get(key);
        if (!n.isNumber() || n.asDouble() <= 0) {
            problems.add("arch.sram." + key + ": must be > 0 (was " + n.asText() + ")");
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

    private static double doubleField(JsonNode node, String key, double dflt, List<String> problems) {
        return doubleField(node, key, dflt, problems, "arch." + key);
    }

    private static double doubleField(JsonNode node, String key, double dflt, List<String> problems, String path) {
        if (!node.has(key)) {
            return dflt;
        }
        JsonNode n = node.get(key);
        if (!n.isNumber() || !(n.asDouble() > 0)) {
            problems.add(path + ": must be a number > 0 (was " + n.asText() + ")");
            return dflt;
        }
        return n.asDouble();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n")[0];
    }
}
