package io.qdse.search.sensitivity;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.search.build.Candidate;
import io.qdse.search.models.Workloads;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.onnx.OnnxImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Resolves a sensitivity source for a set of candidate formats: {@code table:CSV} (given values) or
 * {@code weights:SOURCE} (‖Q(W)−W‖² of each layer's weights in each candidate's weight format, from an ONNX model
 * — file or known alias — or NumPy arrays), keyed by candidate name. Shared by {@code qdse search} and sweeps.
 */
public final class Sensitivities {
    private Sensitivities() {
    }

    /**
     * @param spec          {@code table:CSV} or {@code weights:SOURCE}
     * @param field         the option or YAML path, for errors
     * @param workload      the layers to match (at least one must have data)
     * @param cands         candidate formats
     * @param onnxWeights   weights already imported with the workload (null to read SOURCE)
     * @param weightSpec    how weights are quantized and measured
     * @param trace         Hessian trace per layer (empty for none)
     * @param notes         where a note about the computation goes
     */
    public static SensitivityTable resolve(String spec, String field, Workload workload, List<Candidate> cands,
                                           List<OnnxImporter.WeightTensor> onnxWeights,
                                           WeightSensitivity.Spec weightSpec, Map<String, Double> trace,
                                           Consumer<String> notes) {
        SensitivityTable t;
        if (spec == null) {
            throw new InvalidInputException(field, "none", "weights:SOURCE or table:CSV (the accuracy side of the "
                    + "trade-off)");
        }
        if (spec.startsWith("table:")) {
            t = SensitivityTable.readCsv(Path.of(spec.substring("table:".length())));
        } else if (spec.startsWith("weights:")) {
            String src = spec.substring("weights:".length());
            List<LayerWeights> layers;
            if (onnxWeights != null) {
                layers = WeightSources.fromOnnx(onnxWeights);
            } else if (Workloads.isOnnx(src)) {
                layers = WeightSources.fromOnnx(OnnxImporter.weights(Workloads.onnx(src, field, notes).model()));
            } else {
                layers = WeightSources.fromNumpy(Path.of(src));
            }
            List<NumberFormat> fs = new ArrayList<>();
            for (Candidate c : cands) {
                fs.add(c.formats().weight());
            }
            // a trace row for a layer without weights in this workload matches nothing: refused, not ignored
            java.util.Set<String> weighted = new java.util.LinkedHashSet<>();
            for (LayerWeights lw : layers) {
                if (workload.layers().stream().anyMatch(x -> x.name().equals(lw.layer()))) {
                    weighted.add(lw.layer());
                }
            }
            for (String l : trace.keySet()) {
                if (!weighted.contains(l)) {
                    List<String> some = new ArrayList<>(weighted);
                    throw new InvalidInputException("--hessian-trace", l, "a layer of " + workload.name() + " with "
                            + "weights (e.g. " + String.join(", ", some.subList(0, Math.min(3, some.size())))
                            + (some.size() > 3 ? ", ..." : "") + "); this row matches none");
                }
            }
            long t0 = System.nanoTime();
            SensitivityTable raw = WeightSensitivity.compute(layers, fs, weightSpec, trace);
            // re-key entries by candidate name (two candidates may share a weight format)
            List<SensitivityTable.Entry> entries = new ArrayList<>();
            for (String layer : raw.layers()) {
                for (int i = 0; i < cands.size(); i++) {
                    SensitivityTable.Entry e = raw.get(layer, fs.get(i).name());
                    entries.add(new SensitivityTable.Entry(layer, cands.get(i).name(), e.sensitivity(),
                            e.errorSquared(), e.mse(), e.sqnrDb(), e.elements()));
                }
            }
            t = new SensitivityTable(entries, raw.source());
            long elements = layers.stream().mapToLong(LayerWeights::elements).sum();
            notes.accept(String.format(java.util.Locale.ROOT, "sensitivity from %d weight tensors (%,d elements) in "
                    + "%.1f s: %s", layers.size(), elements, (System.nanoTime() - t0) / 1e9, raw.source()));
        } else {
            throw new InvalidInputException(field, spec, "weights:SOURCE or table:CSV");
        }
        int matched = 0;
        for (String l : t.layers()) {
            if (workload.layers().stream().anyMatch(x -> x.name().equals(l))) {
                matched++;
            }
        }
        if (matched == 0) {
            List<String> names = new ArrayList<>(t.layers());
            throw new InvalidInputException(field, spec, "layer names matching the workload's (none of "
                    + String.join(", ", names.subList(0, Math.min(4, names.size()))) + (names.size() > 4 ? ", …" : "")
                    + " is a layer of " + workload.name() + ")");
        }
        return t;
    }
}
