package io.qdse.simulator.fpga.finn;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.simulator.fpga.finn.FinnNode.Impl;
import io.qdse.simulator.fpga.finn.FinnNode.MemMode;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;
import java.util.List;
import java.util.Objects;

/**
 * A standalone multi-threshold unit ({@code Thresholding_Batch} up to v0.9, {@code Thresholding_hls} /
 * {@code Thresholding_rtl} since v0.10): {@code NumChannels} channels, each compared against {@code numSteps}
 * thresholds, PE channels at a time.
 *
 * @param impl             HLS or RTL (RTL only since v0.10)
 * @param numChannels      {@code NumChannels}
 * @param pe               {@code PE}, must divide NumChannels
 * @param numSteps         {@code numSteps} (thresholds per channel)
 * @param inputType        {@code inputDataType}
 * @param weightType       {@code weightDataType} (the thresholds' type; the RTL memory width)
 * @param outputType       {@code outputDataType}
 * @param numInputVectors  {@code numInputVectors}
 * @param memMode          {@code mem_mode} (HLS; embedded or decoupled)
 * @param ramStyle         {@code ram_style} (HLS; distributed or block)
 * @param depthTriggerUram {@code depth_trigger_uram} (RTL)
 * @param depthTriggerBram {@code depth_trigger_bram} (RTL)
 * @param uniformThres     {@code uniform_thres} (RTL)
 */
public record ThresholdingNode(Impl impl, int numChannels, int pe, int numSteps, FinnDataType inputType,
                               FinnDataType weightType, FinnDataType outputType, List<Integer> numInputVectors,
                               MemMode memMode, RamStyle ramStyle, int depthTriggerUram, int depthTriggerBram,
                               boolean uniformThres) implements FinnNode {

    public ThresholdingNode {
        Objects.requireNonNull(impl, "impl");
        require(numChannels >= 1, "NumChannels", numChannels, "must be >= 1");
        require(pe >= 1 && numChannels % pe == 0, "PE", pe, "must divide NumChannels = " + numChannels);
        require(numSteps >= 1, "numSteps", numSteps, "must be >= 1");
        require(inputType != null, "inputDataType", null, "a data type");
        require(weightType != null, "weightDataType", null, "a data type");
        require(outputType != null, "outputDataType", null, "a data type");
        numInputVectors = FinnNode.positiveList("numInputVectors", numInputVectors);
        require(memMode != null && memMode != MemMode.EXTERNAL, "mem_mode", memMode,
                "internal_embedded (const) or internal_decoupled (decoupled)");
        require(ramStyle == RamStyle.DISTRIBUTED || ramStyle == RamStyle.BLOCK, "ram_style", ramStyle,
                "distributed or block");
        require(depthTriggerUram >= 0, "depth_trigger_uram", depthTriggerUram, "must be >= 0");
        require(depthTriggerBram >= 0, "depth_trigger_bram", depthTriggerBram, "must be >= 0");
    }

    /** An HLS unit with FINN's current defaults: one input vector, decoupled, distributed, no depth triggers. */
    public static ThresholdingNode of(int numChannels, int pe, int numSteps, FinnDataType input,
                                      FinnDataType thresholds, FinnDataType output) {
        return new ThresholdingNode(Impl.HLS, numChannels, pe, numSteps, input, thresholds, output, List.of(1),
                MemMode.DECOUPLED, RamStyle.DISTRIBUTED, 0, 0, false);
    }

    /** @return threshold-memory depth, {@code calc_tmem()} = NumChannels / PE */
    public long tmem() {
        return numChannels / pe;
    }
}
