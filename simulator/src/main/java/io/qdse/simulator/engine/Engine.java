package io.qdse.simulator.engine;

import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.LayerOp;

/**
 * Evaluates one GEMM-shaped op on an accelerator of one kind in given formats. Implementations are stateless and
 * thread-safe; {@link io.qdse.simulator.Simulator} holds one analytical and one cycle-stepped engine per kind.
 *
 * @param <A> the accelerator kind
 */
public interface Engine<A extends Accelerator> {

    Evaluation evaluate(LayerOp op, A arch, LayerFormats formats);
}
