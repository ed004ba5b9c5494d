package io.qdse.sweep.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.sweep.Dimension;
import io.qdse.sweep.Expr;
import io.qdse.sweep.Metrics;
import io.qdse.sweep.SweepSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sweep file (YAML or JSON; docs/sweep.md). All problems are reported together, each with its YAML path, the
 * value and what is allowed; duplicate keys are refused.
 *
 * <pre>
 * name: edge-designs
 * seed: 1
 * sampling: grid                   # grid | random | lhs | sobol
 * samples: 200                     # for random / lhs / sobol
 * workloads: [resnet18, "llama2-7b:decode:ctx=2048"]
 * designs:
 *   - kind: systolic
 *     base: edge-32x32             # a preset; fixed fields as in an architecture file
 *     vary:                        # axes: a list of values, or a range
 *       rows: [16, 32, 64]
 *       cols: {from: 16, to: 64, log2: true}
 *       dataflow: [os, ws]
 *       sram.ifmap_kib: {from: 32, to: 256, step: 32}
 *       clock_mhz: {min: 200, max: 1000}     # continuous (random / lhs / sobol)
 *   - kind: bitserial
 *     base: bitserial:stripes
 *     vary: {pe.a_bits_per_cycle: [1, 2, 4]}
 * formats: ["w=int8,a=int8", "w=int4,a=int8"]     # or search: {candidates: [...], sensitivity: ..., max_fraction: [...]}
 * constraints: ["area_mm2 &lt;= 2"]
 * derived: {inferences_per_joule: "1e6 / energy_per_inference_uj"}
 * pareto: [latency_ms, energy_uj]
 * </pre>
 */
public final class SpaceFiles {
    private SpaceFiles() {
    }

    private static final Set<String> KEYS = Set.of("name", "seed", "sampling", "samples", "workloads", "designs",
            "formats", "search", "constraints", "derived", "pareto");
    private static final Set<String> DESIGN_KEYS = designKeys();

    private static Set<String> designKeys() {
        Set<String> k = new java.util.HashSet<>(Set.of("kind", "base", "vary", "name", "rows", "cols", "dataflow",
                "pe", "clock_mhz", "technology", "sram", "dram", "target_fps", "res_type", "synth",
                io.qdse.sweep.ToolSteps.FIELD));
        k.addAll(io.qdse.simulator.arch.io.GpuFiles.KEYS); // kind: gpu designs (docs/gpu.md, "GPU architecture files")
        // formats: here a design's own list of formats specs (replacing the file's formats: for its points)
        return Set.copyOf(k);
    }
    private static final Set<String> SAMPLINGS = Set.of("grid", "random", "lhs", "sobol");
    private static final Pattern CONSTRAINT = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(<=|>=|==|<|>)\\s*"
            + "([-+0-9.eE]+)\\s*");

    /** A sweep file read into its space, with the file's bytes (hashed into the run's manifest). */
    public record Read(SweepSpace space, byte[] bytes) {
    }

    public static Read read(Path file) {
        byte[] bytes;
        String text;
        try {
            bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("SPACE", file, "a sweep file (no such file)");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException("SPACE", file, "a UTF-8 text YAML/JSON file (this file is not UTF-8 text)");
        } catch (IOException e) {
            throw new InvalidInputException("SPACE", file, "a readable file (" + e.getMessage() + ")");
        }
        JsonNode root;
        try {
            root = io.qdse.simulator.io.StrictMappers.yaml().readTree(text);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "", "valid YAML/JSON without duplicate keys: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(file.toString(), "", "a mapping with workloads, designs, formats, ...");
        }
        return new Read(parse(root, file.toString()), bytes);
    }

    /** @param source the file, for messages */
    public static SweepSpace parse(JsonNode root, String source) {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problems.add(k + ": unknown field (fields: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String name = root.has("name") ? root.get("name").asText() : source;
        long seed = 0;
        if (root.has("seed")) {
            if (!root.get("seed").canConvertToLong() || !root.get("seed").isIntegralNumber()
                    || root.get("seed").asLong() < 0) {
                problems.add("seed: a whole number >= 0 (was " + root.get("seed").asText() + ")");
            } else {
                seed = root.get("seed").asLong();
            }
        }
        String sampling = root.has("sampling") ? root.get("sampling").asText().trim().toLowerCase(Locale.ROOT) : "grid";
        if (!SAMPLINGS.contains(sampling)) {
            problems.add("sampling: grid, random, lhs or sobol (was " + sampling + ")");
            sampling = "grid";
        }
        int samples = 0;
        if (!sampling.equals("grid")) {
            JsonNode s = root.get("samples");
            if (s == null || !s.canConvertToInt() || !s.isIntegralNumber() || s.asInt() < 1 || s.asInt() > 10_000_000) {
                problems.add("samples: a whole number in 1..10000000 for " + sampling + " sampling (was "
                        + (s == null ? "missing" : s.asText()) + ")");
            } else {
                samples = s.asInt();
            }
        } else if (root.has("samples")) {
            problems.add("samples: only for random, lhs or sobol sampling (a grid takes every combination)");
        }
        List<String> workloads = strings(root, "workloads", problems, true);
        List<SweepSpace.Design> designs = new ArrayList<>();
        JsonNode ds = root.get("designs");
        if (ds == null || !ds.isArray() || ds.isEmpty()) {
            problems.add("designs: a list of design sub-spaces (kind, base, vary)");
        } else {
            for (int i = 0; i < ds.size(); i++) {
                SweepSpace.Design d = design(ds.get(i), i, sampling, problems);
                if (d != null && d.formats() != null && root.has("search")) {
                    problems.add("designs[" + i + "].formats: not with search: (the search picks each layer's format "
                            + "at every point; give the design's formats in a sweep of its own)");
                }
                if (d != null) {
                    designs.add(d);
                }
            }
        }
        List<String> formats = null;
        SweepSpace.FormatSearch search = null;
        if (root.has("formats") && root.has("search")) {
            problems.add("formats / search: one of them (uniform formats, or a search per point)");
        } else if (root.has("search")) {
            search = search(root.get("search"), problems);
        } else {
            formats = strings(root, "formats", problems, false);
            if (formats != null && formats.isEmpty()) {
                problems.add("formats: at least one formats spec, e.g. w=int8,a=int8");
            }
        }
        if (formats != null) {
            for (int i = 0; i < formats.size(); i++) {
                try {
                    io.qdse.simulator.arch.FormatsSpec.parse(formats.get(i), "formats[" + i + "]",
                            io.qdse.simulator.arch.Presets.edge32x32().formats());
                } catch (InvalidInputException ex) {
                    problems.add(ex.getMessage());
                }
            }
        }
        List<SweepSpace.Constraint> constraints = new ArrayList<>();
        List<String> cs = strings(root, "constraints", problems, false);
        Map<String, Expr> derived = new LinkedHashMap<>();
        JsonNode dn = root.get("derived");
        if (dn != null) {
            if (!dn.isObject()) {
                problems.add("derived: a mapping of name: expression");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = dn.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (Metrics.UNITS.containsKey(e.getKey()) || Metrics.TOOL_UNITS.containsKey(e.getKey())) {
                        problems.add("derived." + e.getKey() + ": a new name (this is a standard metric)");
                        continue;
                    }
                    if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        problems.add("derived." + e.getKey() + ": a name of letters, digits and _");
                        continue;
                    }
                    try {
                        derived.put(e.getKey(), Expr.parse(e.getValue().asText(), "derived." + e.getKey()));
                    } catch (InvalidInputException ex) {
                        problems.add(ex.getMessage());
                    }
                }
            }
        }
        Set<String> known = new LinkedHashSet<>(Metrics.units(io.qdse.sweep.ToolSteps.anyDesign(designs)).keySet());
        try {
            Expr.order(derived, known, "derived");
        } catch (InvalidInputException ex) {
            problems.add(ex.getMessage());
        }
        known.addAll(derived.keySet());
        if (cs != null) {
            for (int i = 0; i < cs.size(); i++) {
                Matcher m = CONSTRAINT.matcher(cs.get(i));
                if (!m.matches()) {
                    problems.add("constraints[" + i + "]: METRIC <=|<|>=|>|== NUMBER, e.g. area_mm2 <= 2 (was "
                            + cs.get(i) + ")");
                    continue;
                }
                if (!known.contains(m.group(1))) {
                    problems.add("constraints[" + i + "]: a known metric (" + String.join(", ", known) + "), not "
                            + m.group(1));
                    continue;
                }
                try {
                    constraints.add(new SweepSpace.Constraint(cs.get(i).trim(), m.group(1), m.group(2),
                            Double.parseDouble(m.group(3))));
                } catch (NumberFormatException e) {
                    problems.add("constraints[" + i + "]: a number after " + m.group(2) + " (was " + m.group(3) + ")");
                }
            }
        }
        List<String> pareto = strings(root, "pareto", problems, false);
        if (pareto == null) {
            pareto = List.of("latency_ms", "energy_uj");
        } else if (pareto.size() < 2 || pareto.size() > 3) {
            problems.add("pareto: two or three metrics (was " + pareto + ")");
        } else {
            for (String p : pareto) {
                String m = p.startsWith("-") ? p.substring(1) : p;
                if (!known.contains(m)) {
                    problems.add("pareto: a known metric (" + String.join(", ", known) + "), not " + p);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.ofProblems(source, problems);
        }
        return new SweepSpace(name, seed, sampling, samples, workloads, designs, formats, search, constraints, derived,
                pareto);
    }

    private static SweepSpace.Design design(JsonNode d, int i, String sampling, List<String> problems) {
        String where = "designs[" + i + "]";
        if (d == null || !d.isObject()) {
            problems.add(where + ": a mapping (kind, base, vary, fixed fields)");
            return null;
        }
        for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!DESIGN_KEYS.contains(k)) {
                problems.add(where + "." + k + ": unknown field (fields: " + String.join(", ",
                        new java.util.TreeSet<>(DESIGN_KEYS)) + ")");
            }
        }
        List<String> formats = null;
        if (d.has("formats")) {
            formats = strings(d, "formats", problems, true, where + ".formats");
            if (formats != null) {
                for (int f = 0; f < formats.size(); f++) {
                    try {
                        io.qdse.simulator.arch.FormatsSpec.parse(formats.get(f), where + ".formats[" + f + "]",
                                io.qdse.simulator.arch.Presets.edge32x32().formats());
                    } catch (InvalidInputException ex) {
                        problems.add(ex.getMessage());
                    }
                }
            }
        }
        ObjectNode base = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("vary") && !e.getKey().equals("formats") && DESIGN_KEYS.contains(e.getKey())) {
                base.set(e.getKey(), e.getValue());
            }
        }
        List<Dimension> axes = new ArrayList<>();
        JsonNode vary = d.get("vary");
        if (vary != null && !vary.isObject()) {
            problems.add(where + ".vary: a mapping of parameter: values");
        } else if (vary != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = vary.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Dimension dim = dimension(e.getKey(), e.getValue(), where + ".vary." + e.getKey(), sampling, problems);
                if (dim != null) {
                    axes.add(dim);
                }
            }
        }
        // build the design with each axis at its first value, then each value of each list (the other axes at their
        // first) and each interval's ends: unknown parameters and bad values show up here, with the sweep file's path
        if (axes.size() == (vary == null ? 0 : vary.size())) {
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            probe(base, axes, -1, null, where, i, problems, seen);
            for (int a = 0; a < axes.size(); a++) {
                Dimension dim = axes.get(a);
                List<Object> values = dim instanceof Dimension.Choice c ? c.values()
                        : List.of(dim.at(0), dim.at(1));
                for (Object v : values) {
                    probe(base, axes, a, v, where, i, problems, seen);
                }
            }
        }
        return new SweepSpace.Design(i, base, axes, formats);
    }

    /** Builds the design with axis {@code which} at {@code value} and the others at their first value. */
    private static void probe(ObjectNode base, List<Dimension> axes, int which, Object value, String where, int i,
                              List<String> problems, java.util.Set<String> seen) {
        ObjectNode probe = base.deepCopy();
        for (int a = 0; a < axes.size(); a++) {
            set(probe, axes.get(a).name(), a == which ? value : axes.get(a).at(0));
        }
        try {
            String tool = io.qdse.sweep.ToolSteps.take(probe, where);
            if (io.qdse.simulator.arch.io.DataflowSpecs.isDataflow(probe)) {
                io.qdse.simulator.arch.FpgaDataflow.Spec spec = io.qdse.simulator.arch.io.DataflowSpecs.fromNode(probe,
                        where, "design " + i);
                io.qdse.sweep.ToolSteps.check(tool, true, spec.part(), where);
            } else {
                io.qdse.sweep.ToolSteps.check(tool, false, null, where);
                io.qdse.simulator.arch.io.ArchFiles.fromNode(probe, where, where, "design " + i);
            }
        } catch (InvalidInputException ex) {
            if (seen.add(ex.getMessage())) {
                problems.add(ex.getMessage());
            }
        }
    }

    private static Dimension dimension(String name, JsonNode v, String where, String sampling, List<String> problems) {
        if (v.isArray()) {
            if (v.isEmpty()) {
                problems.add(where + ": at least one value (the list is empty)");
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (JsonNode x : v) {
                values.add(scalar(x));
            }
            return new Dimension.Choice(name, values);
        }
        if (v.isObject()) {
            if (v.has("from") || v.has("to")) {
                if (!v.has("from") || !v.has("to") || !v.get("from").isNumber() || !v.get("to").isNumber()) {
                    problems.add(where + ": {from: N, to: M, step: S} or {from: N, to: M, log2: true}");
                    return null;
                }
                double from = v.get("from").asDouble();
                double to = v.get("to").asDouble();
                if (to < from) {
                    problems.add(where + ": an empty range (from " + fmt(from) + " to " + fmt(to) + ")");
                    return null;
                }
                List<Object> values = new ArrayList<>();
                if (v.path("log2").asBoolean(false)) {
                    if (from <= 0) {
                        problems.add(where + ".from: > 0 for a log2 range (was " + fmt(from) + ")");
                        return null;
                    }
                    for (double x = Math.pow(2, Math.ceil(Math.log(from) / Math.log(2) - 1e-12)); x <= to * (1 + 1e-12);
                         x *= 2) {
                        values.add(number(x));
                    }
                } else {
                    double step = v.has("step") ? v.get("step").asDouble() : 1;
                    if (!(step > 0)) {
                        problems.add(where + ".step: > 0 (was " + v.path("step").asText() + ")");
                        return null;
                    }
                    if ((to - from) / step > 100_000) {
                        problems.add(where + ": at most 100,000 values (" + fmt((to - from) / step + 1) + " here)");
                        return null;
                    }
                    for (int k = 0; from + k * step <= to + 1e-9 * Math.abs(step); k++) {
                        values.add(number(from + k * step));
                    }
                }
                if (values.isEmpty()) {
                    problems.add(where + ": an empty range (no value from " + fmt(from) + " to " + fmt(to) + ")");
                    return null;
                }
                return new Dimension.Choice(name, values);
            }
            if (v.has("min") && v.has("max")) {
                double min = v.get("min").asDouble();
                double max = v.get("max").asDouble();
                boolean log = v.path("log").asBoolean(false);
                boolean integer = v.path("integer").asBoolean(false);
                if (!(max >= min) || (log && min <= 0)) {
                    problems.add(where + ": min <= max" + (log ? " and min > 0 for log" : "") + " (was " + fmt(min)
                            + ".." + fmt(max) + ")");
                    return null;
                }
                if (sampling.equals("grid")) {
                    problems.add(where + ": a continuous range needs random, lhs or sobol sampling (a grid needs "
                            + "{from, to, step} or a list)");
                    return null;
                }
                return new Dimension.Interval(name, min, max, log, integer);
            }
            problems.add(where + ": a list, {from, to, step|log2} or {min, max[, log][, integer]}");
            return null;
        }
        return new Dimension.Choice(name, List.of(scalar(v)));
    }

    private static SweepSpace.FormatSearch search(JsonNode s, List<String> problems) {
        if (!s.isObject()) {
            problems.add("search: a mapping (candidates, sensitivity, objective, max, max_fraction)");
            return null;
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Set.of("candidates", "sensitivity", "objective", "max", "max_fraction").contains(k)) {
                problems.add("search." + k + ": unknown field (candidates, sensitivity, objective, max, max_fraction)");
            }
        }
        List<String> cands = strings(s, "candidates", problems, true);
        String sens = s.has("sensitivity") ? s.get("sensitivity").asText() : null;
        if (sens == null || !(sens.startsWith("weights:") || sens.startsWith("table:"))) {
            problems.add("search.sensitivity: weights:SOURCE or table:CSV (was " + sens + ")");
        }
        List<String> max = strings(s, "max", problems, false);
        List<String> frac = strings(s, "max_fraction", problems, false);
        return new SweepSpace.FormatSearch(cands == null ? List.of() : cands, sens,
                s.has("objective") ? s.get("objective").asText() : "sensitivity", max == null ? List.of() : max,
                frac == null ? List.of() : frac);
    }

    private static List<String> strings(JsonNode root, String key, List<String> problems, boolean required) {
        return strings(root, key, problems, required, key);
    }

    private static List<String> strings(JsonNode root, String key, List<String> problems, boolean required,
                                        String where) {
        JsonNode n = root.get(key);
        if (n == null) {
            if (required) {
                problems.add(where + ": a list (missing)");
            }
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) {
            problems.add(where + ": a list of strings");
            return null;
        }
        for (JsonNode x : n) {
            out.add(x.asText());
        }
        if (required && out.isEmpty()) {
            problems.add(where + ": at least one entry (the list is empty)");
        }
        return out;
    }

    /** Sets a dotted path (sram.ifmap_kib, pe.lanes) in a design mapping. */
    public static void set(ObjectNode node, String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode cur = node;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = cur.get(parts[i]);
            if (!(next instanceof ObjectNode)) {
                next = cur.putObject(parts[i]);
            }
            cur = (ObjectNode) next;
        }
        String leaf = parts[parts.length - 1];
        if (value instanceof Long l) {
            cur.put(leaf, l);
        } else if (value instanceof Double d) {
            cur.put(leaf, d);
        } else if (value instanceof Boolean b) {
            cur.put(leaf, b);
        } else {
            cur.put(leaf, String.valueOf(value));
        }
    }

    private static Object scalar(JsonNode x) {
        if (x.isIntegralNumber()) {
            return x.asLong();
        }
        if (x.isNumber()) {
            return x.asDouble();
        }
        if (x.isBoolean()) {
            return x.asBoolean();
        }
        return x.asText();
    }

    private static Object number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? (Object) (long) x : (Object) x;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
