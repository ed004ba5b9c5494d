package io.qdse.simulator.arch.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.fpga.Synth;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Target;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.simulator.arch.DramSpec;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * FPGA dataflow designs named before their workload is known: in a sweep file ({@code kind: dataflow} with
 * {@code technology: fpga:<part>}, {@code clock_mhz}, {@code target_fps}, {@code res_type}, {@code synth}) or as
 * {@code dataflow:<part>[:fps=F][:clock=MHZ][:res=lut|dsp|auto][:synth=yosys|vivado]}.
 */
public final class DataflowSpecs {
    private DataflowSpecs() {
    }

    /** Fields of a dataflow design in a file. */
    public static final Set<String> KEYS = Set.of("kind", "base", "name", "technology", "clock_mhz", "target_fps",
            "res_type", "synth");

    /** Default formats of a dataflow design: 8-bit integer weights, activations and outputs. */
    public static LayerFormats defaultFormats() {
        return FormatsSpec.parse("w=int8,a=int8,out=int8", "dataflow formats", Presets.edge32x32().formats());
    }

    /** @return whether a design mapping is a dataflow design ({@code kind: dataflow}) */
    public static boolean isDataflow(JsonNode node) {
        String k = node == null ? "" : node.path("kind").asText("").trim().toLowerCase(Locale.ROOT);
        return k.equals("dataflow") || k.equals("fpga-dataflow");
    }

    /** @return whether an {@code --arch} text names a dataflow design */
    public static boolean isDataflow(String arch) {
        return arch != null && arch.trim().toLowerCase(Locale.ROOT).startsWith("dataflow:");
    }

    /**
     * @param where the mapping's path in its file, for errors ({@code designs[2]})
     * @return the design; an error listing every bad field with its path
     */
    public static FpgaDataflow.Spec fromNode(JsonNode n, String where, String name) {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problems.add(where + "." + k + ": not a field of a dataflow design (fields: " + String.join(", ",
                        new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        FpgaPart part = null;
        if (!n.has("technology")) {
            problems.add(where + ".technology: an FPGA part, e.g. fpga:xczu3eg (qdse fpga parts)");
        } else {
            try {
                Target t = Targets.parse(n.get("technology").asText(), where + ".technology");
                if (t instanceof FpgaPart p) {
                    part = p;
                } else {
                    problems.add(where + ".technology: an FPGA part (fpga:<part>), not " + t.name());
                }
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        double clock = number(n, "clock_mhz", 200, where, problems);
        double fps = number(n, "target_fps", 0, where, problems);
        FpgaDataflow.ResType rt = resType(n.path("res_type").asText("auto"), where + ".res_type", problems);
        Synth synth = null;
        if (n.has("synth")) {
            try {
                synth = Synth.parse(n.get("synth").asText(), where + ".synth");
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.ofProblems(where, problems);
        }
        try {
            return new FpgaDataflow.Spec(n.path("name").asText(name), part, clock, fps, rt, synth, defaultFormats(),
                    new DramSpec(DramType.DDR4, 19.2));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + "." + e.field(), e.value(), e.allowed());
        }
    }

    /** @return the design {@code dataflow:<part>[:fps=F][:clock=MHZ][:res=R][:synth=S]} names */
    public static FpgaDataflow.Spec parse(String text, String field) {
        String[] parts = text.trim().split(":");
        if (parts.length < 2 || parts[1].isBlank()) {
            throw new InvalidInputException(field, text, "dataflow:<part>[:fps=F][:clock=MHZ][:res=lut|dsp|auto]"
                    + "[:synth=yosys|vivado], e.g. dataflow:xczu3eg:fps=500");
        }
        com.fasterxml.jackson.databind.node.ObjectNode n =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("kind", "dataflow");
        n.put("technology", "fpga:" + parts[1]);
        for (int i = 2; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            String key = switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "fps" -> "target_fps";
                case "clock" -> "clock_mhz";
                case "res" -> "res_type";
                case "synth" -> "synth";
                default -> throw new InvalidInputException(field, parts[i], "fps=F, clock=MHZ, res=lut|dsp|auto or "
                        + "synth=yosys|vivado (in " + text + ")");
            };
            if (kv.length < 2) {
                throw new InvalidInputException(field, parts[i], key + "=<value> (in " + text + ")");
            }
            n.put(key, kv[1].trim());
        }
        return fromNode(n, field, text.trim());
    }

    private static double number(JsonNode n, String key, double dflt, String where, List<String> problems) {
        if (!n.has(key)) {
            return dflt;
        }
        String v = n.get(key).asText();
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        problems.add(where + "." + key + ": a number (was " + v + ")");
        return dflt;
    }

    private static FpgaDataflow.ResType resType(String v, String field, List<String> problems) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "lut":
                return FpgaDataflow.ResType.LUT;
            case "dsp":
                return FpgaDataflow.ResType.DSP;
            case "auto":
                return FpgaDataflow.ResType.AUTO;
            default:
                problems.add(field + ": lut, dsp or auto (was " + v + ")");
                return FpgaDataflow.ResType.AUTO;
        }
    }
}
