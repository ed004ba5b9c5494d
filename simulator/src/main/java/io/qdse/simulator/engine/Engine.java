package io.qdse.simulator.engine;

import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.LayerOp;

/** Evaluates one GEMM-shaped op on an accelerator in given formats. Implementations are stateless and thread-safe. */
public interface Engine {

    Evaluation evaluate(LayerOp op, SystolicArray arch, LayerFormats formats);
}
