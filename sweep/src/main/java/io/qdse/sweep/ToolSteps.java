package io.qdse.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The EDA tools sweep points ask for ({@code synthesize:} on a dataflow design), and the {@link ToolStep}s on this
 * JVM's class path that run them, loaded once per JVM.
 */
public final class ToolSteps {
    /** The design field naming the tool. */
    public static final String FIELD = "synthesize";
    /** Tools a point may ask for: value of {@code synthesize:} → what to call it in messages. */
    public static final Map<String, String> TOOLS = Map.of("yosys", "Yosys");

    private ToolSteps() {
    }

    private static final class Loaded {
        static final Map<String, ToolStep> STEPS = load();

        private static Map<String, ToolStep> load() {
            Map<String, ToolStep> m = new LinkedHashMap<>();
            for (ToolStep s : ServiceLoader.load(ToolStep.class, ToolSteps.class.getClassLoader())) {
                m.putIfAbsent(s.name(), s);
            }
            return m;
        }
    }

    /**
     * @return the step running {@code tool} on this JVM, or null when none is on the class path (a
     *     {@code qdse-spark.jar} or {@code qdse.jar} built without the {@code sweep-eda} module)
     */
    public static ToolStep step(String tool) {
        return Loaded.STEPS.get(tool);
    }

    /**
     * @return null when this worker can run {@code tool}; else the error its rows carry (the tool, the host, what to
     *     install)
     */
    public static String unavailable(String tool) {
        ToolStep s = step(tool);
        if (s == null) {
            return "needs " + TOOLS.getOrDefault(tool, tool) + " (" + FIELD + ": " + tool + "); no implementation on "
                    + "the class path of worker " + host() + " (the sweep-eda module: build qdse.jar or qdse-spark.jar "
                    + "with it)";
        }
        return s.missing();
    }

    /**
     * @return whether a row's error says its worker lacked the tool its point needs ({@link #unavailable}): such rows
     *     are computed again by the next run of the same sweep (the tool may be installed by then)
     */
    public static boolean lacked(String error) {
        for (Map.Entry<String, String> t : TOOLS.entrySet()) {
            if (error.startsWith("needs " + t.getValue() + " (" + FIELD + ": " + t.getKey() + "); ")) {
                return true;
            }
        }
        return false;
    }

    private static volatile String host;

    /** @return this machine's host name, as error rows name a worker (looked up once per JVM) */
    public static String host() {
        String h = host;
        if (h == null) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                h = "?";
            }
            host = h;
        }
        return h;
    }

    /**
     * Reads and removes {@code synthesize} from a design mapping (what the design builders do not know).
     *
     * @param where the mapping's path, for errors
     * @return the tool, or null for none
     */
    public static String take(ObjectNode node, String where) {
        JsonNode v = node.remove(FIELD);
        if (v == null || v.isNull()) {
            return null;
        }
        String t = v.asText().trim().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("false")) {
            return null;
        }
        if (!TOOLS.containsKey(t)) {
            throw new InvalidInputException(where + "." + FIELD, v.asText(), "yosys (synthesize each layer's "
                    + "matrix-vector unit with Yosys for the part's family) or none");
        }
        return t;
    }

    /**
     * Checks that a design with a tool can use it: a dataflow design on a part family the flow has.
     *
     * @param dataflow whether the design is {@code kind: dataflow}
     * @param part     its part (null when not an FPGA part)
     */
    public static void check(String tool, boolean dataflow, FpgaPart part, String where) {
        if (tool == null) {
            return;
        }
        if (!dataflow) {
            throw new InvalidInputException(where + "." + FIELD, tool, "only on kind: dataflow designs (each layer's "
                    + "matrix-vector unit is generated and synthesized)");
        }
        if (part != null && !List.of(FpgaFamily.XILINX_7SERIES, FpgaFamily.XILINX_ULTRASCALE_PLUS,
                FpgaFamily.LATTICE_ICE40).contains(part.family())) {
            throw new InvalidInputException(where + "." + FIELD, tool, "a Xilinx 7-series or UltraScale+ part "
                    + "(synth_xilinx) or an iCE40 (synth_ice40); " + part.name() + " is " + part.family().displayName());
        }
    }

    /**
     * @return the tool a point asks for, or null
     */
    public static String of(SweepSpace space, Point p) {
        ObjectNode n = space.designs().get(p.design()).base().deepCopy();
        Object v = p.values().get(FIELD);
        if (v != null) {
            n.put(FIELD, v.toString());
        }
        try {
            return take(n, "point " + p.index());
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /** @return tool → points asking for it, in tool order (empty when none does) */
    public static Map<String, Long> count(SweepSpace space, List<Point> points) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (!anyDesign(space)) {
            return m;
        }
        for (Point p : points) {
            String t = of(space, p);
            if (t != null) {
                m.merge(t, 1L, Long::sum);
            }
        }
        return m;
    }

    /** @return whether a design of the space may ask for a tool (its rows then have the tools' metric columns) */
    public static boolean anyDesign(SweepSpace space) {
        return anyDesign(space.designs());
    }

    /** @return whether one of the designs may ask for a tool */
    public static boolean anyDesign(List<SweepSpace.Design> designs) {
        for (SweepSpace.Design d : designs) {
            if (d.base().has(FIELD)) {
                return true;
            }
            for (Dimension dim : d.axes()) {
                if (dim.name().equals(FIELD)) {
                    return true;
                }
            }
        }
        return false;
    }
}
