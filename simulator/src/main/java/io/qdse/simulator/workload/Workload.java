package io.qdse.simulator.workload;

import static io.qdse.hwmodels.InvalidInputException.require;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A network as an ordered list of layers.
 *
 * @param name        e.g. {@code resnet50} or {@code llama2-7b:decode:ctx=4096}
 * @param description where it comes from and at which batch/sequence point
 * @param layers      in execution order, names unique
 */
public record Workload(String name, String description, List<Layer> layers) {

    public Workload {
        require(name != null && !name.isBlank(), "workload name", name, "must not be empty");
        layers = List.copyOf(layers);
        Set<String> seen = new HashSet<>();
        for (Layer l : layers) {
            require(seen.add(l.name()), "layer name", l.name(), "must be unique in workload " + name);
        }
    }

    /** @return total multiply-accumulates */
    public long macs() {
        long s = 0;
        for (Layer l : layers) {
            s = Math.addExact(s, l.macs());
        }
        return s;
    }

    /** @return total stored parameters */
    public long params() {
        long s = 0;
        for (Layer l : layers) {
            s += l.params();
        }
        return s;
    }

    /** @return every GEMM-shaped op in execution order */
    public List<LayerOp> ops() {
        List<LayerOp> out = new ArrayList<>();
        for (Layer l : layers) {
            out.addAll(l.ops());
        }
        return out;
    }

    /** @return the layers that compute (have at least one op) */
    public List<Layer> computeLayers() {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            if (!l.ops().isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }
}
