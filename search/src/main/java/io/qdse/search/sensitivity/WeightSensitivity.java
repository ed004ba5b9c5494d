package io.qdse.search.sensitivity;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.quant.ClipMethod;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.hwmodels.quant.QuantizationResult;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.TensorQuantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Weight-quantization error per (layer, format): each layer's weights are quantized with the stated scaling rule
 * (per output channel by default; block formats always use their own blocks along the reduction dimension) and the
 * error measured as ‖Q(W)−W‖² (sum of squares), MSE and SQNR. The sensitivity handed to the search is one of
 * <ul>
 *   <li>{@code l2}: ‖Q(W)−W‖², optionally multiplied by a per-layer Hessian trace — HAWQ-V3's Ω = Tr(H)/n · ‖ΔW‖²
 *       when the trace given is per parameter;</li>
 *   <li>{@code mse}: ‖Q(W)−W‖² / n;</li>
 *   <li>{@code nsr}: ‖Q(W)−W‖² / ‖W‖² (noise-to-signal, scale-free across layers).</li>
 * </ul>
 * Layers are processed in parallel; each result depends only on its layer, so the output is deterministic.
 */
public final class WeightSensitivity {

    /** The error measure used as sensitivity. */
    public enum Measure {
        L2, MSE, NSR;

        public static Measure parse(String s, String field) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "l2": return L2;
                case "mse": return MSE;
                case "nsr": return NSR;
                default: throw new InvalidInputException(field, s, "l2 (sum of squared error), mse or nsr");
            }
        }
    }

    /**
     * @param granularity per tensor, per channel (rows) or per block (along the reduction dimension)
     * @param blockSize   block length for PER_BLOCK with scalar formats
     * @param clip        absmax or MSE-optimal clipping
     * @param measure     which error is the sensitivity
     */
    public record Spec(Granularity granularity, int blockSize, ClipMethod clip, Measure measure) {
        public static Spec defaults() {
            return new Spec(Granularity.PER_CHANNEL, 32, ClipMethod.ABSMAX, Measure.L2);
        }

        public String describe() {
            String g = granularity == Granularity.PER_TENSOR ? "per tensor" : granularity == Granularity.PER_CHANNEL
                    ? "per output channel" : "per block of " + blockSize;
            return g + " (block formats: their own blocks), " + (clip == ClipMethod.ABSMAX ? "absmax" : "MSE-optimal")
                    + " clipping, round to nearest even, saturating; sensitivity = " + measure.name().toLowerCase(
                    Locale.ROOT) + " of the weight error";
        }
    }

    private WeightSensitivity() {
    }

    /**
     * @param trace per-layer multipliers (Hessian traces); layers absent get 1
     */
    public static SensitivityTable compute(List<LayerWeights> layers, List<NumberFormat> formats, Spec spec,
                                           Map<String, Double> trace) {
        List<List<SensitivityTable.Entry>> perLayer = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            perLayer.add(null);
        }
        IntStream.range(0, layers.size()).parallel().forEach(i -> {
            LayerWeights w = layers.get(i);
            double[] data = w.data().get();
            List<SensitivityTable.Entry> row = new ArrayList<>();
            double t = trace.getOrDefault(w.layer(), 1.0);
            for (NumberFormat f : formats) {
                QuantizationSpec qs = QuantizationSpec.of(f).withClip(spec.clip());
                if (!(f instanceof BlockFormat)) {
                    qs = qs.withGranularity(spec.granularity(), 0, spec.blockSize());
                }
                QuantizationResult r = TensorQuantizer.quantize(data, new int[] {w.rows(), w.cols()}, qs);
                double s;
                switch (spec.measure()) {
                    case MSE: s = r.mse(); break;
                    case NSR: s = r.signalPower() == 0 ? 0 : r.errorSquared() / r.signalPower(); break;
                    default: s = r.errorSquared(); break;
                }
                row.add(new SensitivityTable.Entry(w.layer(), f.name(), s * t, r.errorSquared(), r.mse(), r.sqnrDb(),
                        w.elements()));
            }
            perLayer.set(i, row);
        });
        List<SensitivityTable.Entry> all = new ArrayList<>();
        perLayer.forEach(all::addAll);
        return new SensitivityTable(all, "weights: " + spec.describe() + (trace.isEmpty() ? ""
                : ", times the per-layer Hessian trace"));
    }
}
