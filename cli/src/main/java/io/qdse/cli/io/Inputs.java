package io.qdse.cli.io;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.models.Workloads;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.arch.io.ArchFiles;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.onnx.OnnxImporter;
import io.qdse.simulator.workload.onnx.OnnxModel;
import java.util.List;
import java.util.Map;

/** Resolves the accelerator and workload arguments shared by simulate, search and demo. */
public final class Inputs {
    private Inputs() {
    }

    /** An accelerator of any kind: a preset ({@code edge-32x32}, {@code bitserial:stripes}, …) or a YAML/JSON file. */
    public static Accelerator arch(String arch) {
        return ArchFiles.resolve(arch);
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
        return Workloads.onnxOptions(inputs, dims, dflt);
    }

    /** An ONNX model from a path or a known model alias (minilm, ppocr-det, ...), read once. */
    public record Onnx(String name, OnnxModel model, Map<String, String> defaultInputs) {
    }

    /** @return whether a workload/weights argument names an ONNX model (file or alias) */
    public static boolean isOnnx(String spec) {
        return Workloads.isOnnx(spec);
    }

    public static Onnx onnx(String spec, String field) {
        return onnx(spec, field, msg -> System.err.println("qdse: " + msg));
    }

    /** Like {@link #onnx(String, String)}; a known model not yet here is fetched first, with progress to {@code log}. */
    public static Onnx onnx(String spec, String field, java.util.function.Consumer<String> log) {
        Workloads.Onnx o = Workloads.onnx(spec, field, log);
        return new Onnx(o.name(), o.model(), o.defaultInputs());
    }

    /** A built-in network, a Hugging Face config, a layer-list or topology file, or an ONNX model (file or alias). */
    public static Workload workload(String workload, List<String> onnxInputs, List<String> onnxDims) {
        return Workloads.load(workload, onnxInputs, onnxDims, "--workload", msg -> System.err.println("qdse: " + msg));
    }
}
