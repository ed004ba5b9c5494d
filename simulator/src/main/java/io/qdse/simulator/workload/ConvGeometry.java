package io.qdse.simulator.workload;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * The convolution a conv {@link LayerOp} came from, kept for dataflows and traffic models that need the sliding
 * window (ifmap reuse across overlapping windows, padding).
 *
 * @param inH       input height
 * @param inW       input width
 * @param kernelH   filter height
 * @param kernelW   filter width
 * @param strideH   vertical stride
 * @param strideW   horizontal stride
 * @param padH      zero padding rows on each side
 * @param padW      zero padding columns on each side
 * @param inChannels  input channels
 * @param outChannels output channels (filters)
 * @param groups    channel groups (inChannels for depthwise)
 */
public record ConvGeometry(int inH, int inW, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                           int inChannels, int outChannels, int groups) {

    public ConvGeometry {
        require(inH > 0 && inW > 0, "input size", inH + "x" + inW, "must be > 0");
        require(kernelH > 0 && kernelW > 0, "kernel", kernelH + "x" + kernelW, "must be > 0");
        require(strideH > 0 && strideW > 0, "stride", strideH + "x" + strideW, "must be > 0");
        require(padH >= 0 && padW >= 0, "padding", padH + "x" + padW, "must be >= 0");
        require(inChannels > 0 && outChannels > 0, "channels", inChannels + "->" + outChannels, "must be > 0");
        require(groups > 0 && inChannels % groups == 0 && outChannels % groups == 0, "groups", groups,
                "must divide both channel counts (" + inChannels + ", " + outChannels + ")");
        require(inH + 2 * padH >= kernelH && inW + 2 * padW >= kernelW, "kernel", kernelH + "x" + kernelW,
                "must fit the padded input " + (inH + 2 * padH) + "x" + (inW + 2 * padW));
    }

    /** @return output height, {@code floor((inH + 2·padH − kernelH) / strideH) + 1} */
    public int outH() {
        return (inH + 2 * padH - kernelH) / strideH + 1;
    }

    /** @return output width */
    public int outW() {
        return (inW + 2 * padW - kernelW) / strideW + 1;
    }

    /** @return whether each group has one input and one output channel */
    public boolean depthwise() {
        return groups > 1 && groups == inChannels && groups == outChannels;
    }
}
