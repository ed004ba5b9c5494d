package io.qdse.simulator.workload;

import static io.qdse.hwmodels.InvalidInputException.require;

import java.util.List;

/**
 * A named layer of a network: the GEMM-shaped ops it runs (none for normalisations and embedding lookups) and its
 * parameter count (weights, biases, norm scales, embedding tables).
 *
 * @param name   unique layer name, e.g. {@code layer1.0.conv1} or {@code model.layers.3.mlp.up_proj}
 * @param type   the source table's type (conv, dwconv, linear, matmul_act, layernorm, embedding, …)
 * @param ops    GEMM-shaped operations, in execution order
 * @param params parameters the layer stores
 */
public record Layer(String name, String type, List<LayerOp> ops, long params) {

    public Layer {
        require(name != null && !name.isBlank(), "layer name", name, "must not be empty");
        require(params >= 0, name + ".params", params, "must be >= 0");
        ops = List.copyOf(ops);
    }

    /** @return multiply-accumulates of all ops */
    public long macs() {
        long s = 0;
        for (LayerOp op : ops) {
            s = Math.addExact(s, op.macs());
        }
        return s;
    }
}
