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

    /** @return this layer under another name (its ops named after it when they carried the old name) */
    public Layer renamed(String newName) {
        List<LayerOp> renamedOps = ops.stream().map(op -> op.name().equals(name)
                ? new LayerOp(newName, op.kind(), op.m(), op.n(), op.k(), op.batch(), op.conv()) : op).toList();
        return new Layer(newName, type, renamedOps, params);
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
