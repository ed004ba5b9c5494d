package io.qdse.simulator.engine;

import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.simulator.workload.LayerOp;

/**
 * The values a term-serial (Laconic-style) array needs: for an op's weights quantized to the layer's weight format,
 * the number of non-zero radix-4 Booth terms of each weight ({@link io.qdse.hwmodels.cost.BitSerialPeSpec#termCycles}),
 * K×N row-major. Weights come from real models (the ONNX and npy readers).
 */
@FunctionalInterface
public interface TermSource {

    /** @return terms per weight (K·N entries, row-major over K), or null when this op's weights are not known */
    byte[] terms(LayerOp op, NumberFormat weightFormat);

    /** No weights known: term-serial steps take the worst case (every Booth digit non-zero). */
    TermSource NONE = (op, f) -> null;
}
