package io.qdse.cli.io;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.models.ModelStore;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.arch.io.ArchFiles;
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

/** Resolves the accelerator and workload arguments shared by simulate, search and demo. */
public final class Inputs {
    private Inputs() {
    }

    /** An accelerator of any kind: a preset ({@code edge-32x32}, {@code bitserial:stripes}, …) or a YAML/JSON file. */
    public static Accelerator arch(String arch) {
        if (Presets.isPreset(arch)) {
            return Presets.accelerator(arch, "--arch");
        }
        if (arch.trim().toLowerCase(java.util.Locale.ROOT).startsWith("bitserial:")
                || arch.trim().toLowerCase(java.util.Locale.ROOT).startsWith("systolic:")) {
            return Presets.accelerator(arch, "--arch");
        }
        Path p = Path.of(arch);
        if (!Files.exists(p)) {
            throw new InvalidInputException("--arch", arch, "not a preset (" + String.join(", ", Presets.names())
                    + ") and no such file");
        }
        return ArchFiles.readAny(p);
    }

    /** A systolic array (for modes only systolic arrays have, such as SCALE-Sim compatibility). */
    public static SystolicArray systolic(String arch, String why) {
        Accelerator a = arch(arch);
        if (a instanceof SystolicArray s) {
            return s;
        }
        throw new InvalidInputException("--arch", arch, "a systolic array for " + why + " (this is a " + a.kind()
                + " design)");
    }

    /** ONNX import options from {@code --onnx-input NAME=DIMS} and {@code --onnx-dim SYMBOL=N}. */
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

    /** An ONNX model from a path or a known model alias (minilm, ppocr-det, ...), read once. */
    public record Onnx(String name, OnnxModel model, Map<String, String> defaultInputs) {
    }

    /** @return whether a workload/weights argument names an ONNX model (file or alias) */
    public static boolean isOnnx(String spec) {
        return ModelStore.get(spec) != null || spec.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    public static Onnx onnx(String spec, String field) {
        return onnx(spec, field, msg -> System.err.println("qdse: " + msg));
    }

    /** Like {@link #onnx(String, String)}; a known model not yet here is fetched first, with progress to {@code log}. */
    public static Onnx onnx(String spec, String field, java.util.function.Consumer<String> log) {
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

    /** A built-in network, a layer-list or topology file, or an ONNX model (file or alias). */
    public static Workload workload(String workload, List<String> onnxInputs, List<String> onnxDims) {
        if (Zoo.isHf(workload)) {
            return Zoo.loadHf(workload, "--workload");
        }
        if (Zoo.isZooName(workload)) {
            return Zoo.load(workload, "--workload");
        }
        if (isOnnx(workload)) {
            Onnx o = onnx(workload, "--workload");
            return OnnxImporter.importModel(o.model(), o.name(), onnxOptions(onnxInputs, onnxDims,
                    o.defaultInputs())).workload();
        }
        Path p = Path.of(workload);
        if (!Files.exists(p)) {
            throw new InvalidInputException("--workload", workload, "not a built-in network ("
                    + String.join(", ", Zoo.names().keySet()) + "), known model (" + String.join(", ",
                    ModelStore.known().keySet()) + ") or file");
        }
        return WorkloadFiles.read(p, "--workload");
    }
}
