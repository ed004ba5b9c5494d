package io.qdse.sweep;

import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.workload.Workload;
import java.util.Map;

/**
 * A measurement by an external EDA tool that a sweep point asks for ({@code synthesize: yosys} on a dataflow design).
 * Implementations are found with {@link java.util.ServiceLoader} ({@link ToolSteps}), so this module does not depend
 * on the generators and tools behind them (rtl-gen and Chisel): the {@code sweep-eda} module implements it, and
 * {@code qdse.jar} and {@code qdse-spark.jar} carry it. An implementation is stateless apart from caches of its own
 * results (the same unit and tool version give the same numbers), and works in a temporary folder it removes.
 */
public interface ToolStep {
    /** @return the value of {@code synthesize:} this step serves, e.g. {@code yosys} */
    String name();

    /**
     * @return null when this JVM's machine can run the tool; else the reason naming the tool, this host and what to
     *     install. Checked once per JVM (and search path), not per point.
     */
    String missing();

    /**
     * @param design  the point's design, built for {@code workload} (every layer's fold chosen)
     * @param formats the layers' formats
     * @return measured metrics, keys among {@link Metrics#TOOL_UNITS}; an
     *     {@link io.qdse.hwmodels.InvalidInputException} naming the layer for a design the tool's flow cannot build
     */
    Map<String, Double> measure(FpgaDataflow design, Workload workload, LayerFormats formats);
}
