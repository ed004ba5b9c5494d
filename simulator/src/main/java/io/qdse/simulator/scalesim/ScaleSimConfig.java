package io.qdse.simulator.scalesim;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.simulator.arch.Dataflow;
import java.util.List;

/**
 * A SCALE-Sim v2 configuration ({@code .cfg}), with the fields SCALE-Sim actually reads.
 *
 * @param runName      {@code [general] run_name}
 * @param rows         {@code ArrayHeight}
 * @param cols         {@code ArrayWidth}
 * @param ifmapKb      {@code IfmapSramSzkB} (SCALE-Sim words are 1 byte: 1024·kB words)
 * @param filterKb     {@code FilterSramSzkB}
 * @param ofmapKb      {@code OfmapSramSzkB}
 * @param ifmapOffset  {@code IfmapOffset} (base address)
 * @param filterOffset {@code FilterOffset}
 * @param ofmapOffset  {@code OfmapOffset}
 * @param dataflow     {@code Dataflow}
 * @param userBandwidth {@code InterfaceBandwidth}: USER (true) or CALC (false)
 * @param bandwidths   {@code Bandwidth} (USER mode; SCALE-Sim uses only the first value, for all three buffers)
 */
public record ScaleSimConfig(String runName, int rows, int cols, int ifmapKb, int filterKb, int ofmapKb,
                             long ifmapOffset, long filterOffset, long ofmapOffset, Dataflow dataflow,
                             boolean userBandwidth, List<Integer> bandwidths) {

    public ScaleSimConfig {
        require(rows > 0, "ArrayHeight", rows, "must be > 0");
        require(cols > 0, "ArrayWidth", cols, "must be > 0");
        require(ifmapKb > 0, "IfmapSramSzkB", ifmapKb, "must be > 0");
        require(filterKb > 0, "FilterSramSzkB", filterKb, "must be > 0");
        require(ofmapKb > 0, "OfmapSramSzkB", ofmapKb, "must be > 0");
        require(dataflow != null, "Dataflow", null, "os, ws or is");
        bandwidths = List.copyOf(bandwidths);
        require(!userBandwidth || (!bandwidths.isEmpty() && bandwidths.get(0) > 0), "Bandwidth", bandwidths,
                "USER mode needs a positive Bandwidth (words per cycle)");
    }

    /** @return the bandwidth SCALE-Sim uses in USER mode: the first listed value */
    public int userBandwidthWords() {
        return bandwidths.get(0);
    }
}
