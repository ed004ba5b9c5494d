package io.qdse.search.models;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.Zoo;
import io.qdse.simulator.workload.io.WorkloadFiles;
import io.qdse.simulator.workload.onnx.OnnxImporter;
import io.qdse.simulator.workload.onnx.OnnxModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Resolves a workload argument the way every command (and a sweep) spells it: a built-in network with its options
 * ({@code llama2-7b:decode:ctx=4096:b=8}), a Hugging Face config ({@code hf:PATH[:…]}), an ONNX file or known model
 * alias (fetched on first use), or a layer-list / SCALE-Sim topology file.
 */
public final class Workloads {
    private Workloads() {
    }

    /** An ONNX model read from a path or a known alias, with its default input shapes. */
    public record Onnx(String name, OnnxModel model, Map<String, String> defaultInputs) {
    }

    /** @return whether a workload/weights argument names an ONNX model (file or alias) */
    public static boolean isOnnx(String spec) {
        return ModelStore.get(spec) != null || spec.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** An ONNX model from a path or a known alias; a known model not yet here is fetched first (progress to log). */
    public static Onnx onnx(String spec, String field, Consumer<String> log) {
        ModelStore.Known k = ModelStore.get(spec);
        Path p = k != null ? ModelStore.locate(spec) : Path.of(spec);
        if (k != null && p == null) {
            log.accept(spec + " is not on this machine yet; fetching it (" + k.source() + ")");
            try {
                p = ModelStore.fetch(spec, log);
            } catch (RuntimeException e) {
                throw new InvalidInputException(field, spec, "a model on this machine; fetching it failed: "
                        + e.getMessage().lines().findFirst().orElse("") + " (try 'qdse models fetch " + spec + "')");
            }
        }
        if (k == null && !Files.isRegularFile(p)) {
            throw new InvalidInputException(field, spec, "an ONNX file or one of the known models "
                    + String.join(", ", ModelStore.known().keySet()) + " (no such file)");
        }
        String name = k != null ? spec : p.getFileName().toString().replaceAll("\\.onnx$", "");
        return new Onnx(name, OnnxModel.read(p), k != null ? k.inputs() : Map.of());
    }

    /** ONNX import options from {@code NAME=DIMS} inputs and {@code SYMBOL=N} dimensions. */
    public static OnnxImporter.Options onnxOptions(List<String> inputs, List<String> dims, Map<String, String> dflt) {
        Map<String, long[]> shapes = new HashMap<>();
        for (Map.Entry<String, String> e : dflt.entrySet()) {
            shapes.put(e.getKey(), OnnxImporter.parseShape(e.getValue(), "--onnx-input"));
        }
        for (String s : inputs) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--onnx-input", s, "NAME=D0xD1x..., e.g. x=1x3x224x224");
            }
            shapes.put(s.substring(0, eq).trim(), OnnxImporter.parseShape(s.substring(eq + 1), "--onnx-input " + s));
        }
        Map<String, Long> syms = new HashMap<>();
        for (String s : dims) {
            int eq = s.indexOf('=');
            long v = -1;
            if (eq > 0) {
                try {
                    v = Long.parseLong(s.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    v = -1;
                }
            }
            if (v <= 0) {
                throw new InvalidInputException("--onnx-dim", s, "SYMBOL=N with N > 0, e.g. batch=1");
            }
            syms.put(s.substring(0, eq).trim(), v);
        }
        return new OnnxImporter.Options(shapes, syms, 0);
    }

    /**
     * @param field the option or YAML path it came from, for errors
     * @param log   where fetching progress goes
     */
    public static Workload load(String workload, List<String> onnxInputs, List<String> onnxDims, String field,
                                Consumer<String> log) {
        if (!isOnnx(workload)) {
            if (!onnxInputs.isEmpty()) {
                throw new InvalidInputException("--onnx-input", String.join(",", onnxInputs), "only with an ONNX "
                        + "workload (" + workload + " is not one); it does nothing here");
            }
            if (!onnxDims.isEmpty()) {
                throw new InvalidInputException("--onnx-dim", String.join(",", onnxDims), "only with an ONNX "
                        + "workload (" + workload + " is not one); it does nothing here");
            }
        }
        if (Zoo.isHf(workload)) {
            return Zoo.loadHf(workload, field);
        }
        if (Zoo.isZooName(workload)) {
            return Zoo.load(workload, field);
        }
        if (isOnnx(workload)) {
            Onnx o = onnx(workload, field, log);
            return OnnxImporter.importModel(o.model(), o.name(), onnxOptions(onnxInputs, onnxDims,
                    o.defaultInputs())).workload();
        }
        Path p = Path.of(workload);
        if (!Files.exists(p)) {
            throw new InvalidInputException(field, workload, "not a built-in network ("
                    + String.join(", ", Zoo.names().keySet()) + "), hf:CONFIG.json, known model ("
                    + String.join(", ", ModelStore.known().keySet()) + ") or file");
        }
        return WorkloadFiles.read(p, field);
    }

    /** @return the inferences a workload spelling runs: its {@code b=} option, else 1 */
    public static long batch(String workload) {
        for (String part : workload.split(":")) {
            String t = part.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("b=")) {
                try {
                    return Math.max(1, Long.parseLong(t.substring(2)));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
