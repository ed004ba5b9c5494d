package io.qdse.search.sensitivity;

import io.qdse.hwmodels.cost.BitSerialPeSpec;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.hwmodels.quant.QuantizationResult;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.TensorQuantizer;
import io.qdse.simulator.engine.TermSource;
import io.qdse.simulator.workload.LayerOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Booth terms of a real model's weights, for term-serial (Laconic-style) bit-serial arrays: each layer's weights are
 * quantized to the layer's integer weight format (per output channel, absmax, round to nearest even — as the
 * sensitivity measure quantizes them), and each code's non-zero radix-4 Booth digits counted
 * ({@link BitSerialPeSpec#termCycles}). Laid out K×N (reduction-major) to match the op. A grouped convolution's
 * groups share group 0's terms (the engine steps one GEMM of a batch); layers without weights here, or in a
 * non-integer format, get none (the engine then takes the worst case).
 */
public final class WeightTerms implements TermSource {
    private final Map<String, LayerWeights> byLayer = new LinkedHashMap<>();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public WeightTerms(List<LayerWeights> weights) {
        for (LayerWeights w : weights) {
            byLayer.putIfAbsent(w.layer(), w);
        }
    }

    /** @return how many layers have weights */
    public int layers() {
        return byLayer.size();
    }

    @Override
    public byte[] terms(LayerOp op, NumberFormat weightFormat) {
        LayerWeights w = byLayer.get(op.name());
        if (w == null || !(weightFormat instanceof IntFormat f)) {
            return null;
        }
        long k = op.k();
        long n = op.n();
        if ((long) w.rows() * w.cols() != k * n * op.batch() || k * n > Integer.MAX_VALUE - 8) {
            return null;
        }
        return cache.computeIfAbsent(op.name() + "|" + f.name(), key -> compute(w, f, (int) k, (int) n));
    }

    /** Terms of group 0: output channels 0..n-1, their first k elements. */
    private static byte[] compute(LayerWeights w, IntFormat f, int k, int n) {
        double[] data = w.data().get();
        QuantizationResult q = TensorQuantizer.quantize(data, new int[] {w.rows(), w.cols()},
                QuantizationSpec.of(f).withGranularity(Granularity.PER_CHANNEL, 0, 1));
        int bits = f.signed() ? f.bits() : f.bits() + 1; // unsigned codes are Booth-recoded zero-extended
        byte[] out = new byte[k * n];
        for (int j = 0; j < n; j++) {
            double scale = q.scales()[j];
            for (int kk = 0; kk < k; kk++) {
                double v = q.quantized()[j * w.cols() + kk];
                long code = scale == 0 ? 0 : Math.round(v / scale);
                out[kk * n + j] = (byte) BitSerialPeSpec.termCycles(code, bits);
            }
        }
        return out;
    }
}
