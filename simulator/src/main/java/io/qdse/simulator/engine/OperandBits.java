package io.qdse.simulator.engine;

import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.workload.LayerOp;

/**
 * Storage bits of element counts in a format: {@code n·elementBits + ceil(n·scaleBits / k)} for block formats (the
 * shared scales of k elements), {@code n·bits} otherwise. Both engines convert element counts to bits through this,
 * so they agree bit for bit.
 */
public final class OperandBits {
    private OperandBits() {
    }

    /** @return bits of {@code n} elements of {@code f} */
    public static long bits(long n, NumberFormat f) {
        if (f instanceof BlockFormat) {
            BlockFormat b = (BlockFormat) f;
            return n * b.elementBits() + FoldGeometry.ceilDiv(n * b.scale().bits(), b.blockSize());
        }
        return n * f.elementBits();
    }

    /**
     * @return the format of operand B: weights, the cached K/V of a KV-cache product, or the second activation of an
     *     activation-activation matmul
     */
    public static NumberFormat bFormat(LayerOp op, LayerFormats f) {
        if (op.kind() == io.qdse.simulator.workload.OpKind.KV_MATMUL) {
            return f.kv();
        }
        return op.kind().hasWeights() ? f.weight() : f.activation();
    }
}
