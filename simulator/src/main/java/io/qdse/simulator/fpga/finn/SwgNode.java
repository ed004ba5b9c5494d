package io.qdse.simulator.fpga.finn;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.simulator.fpga.finn.FinnNode.Impl;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;
import java.util.Objects;

/**
 * A sliding-window generator (im2col) feeding a convolution's MVAU or VVAU: {@code ConvolutionInputGenerator} (2-D,
 * square) and {@code ConvolutionInputGenerator1D} before v0.10, {@code ConvolutionInputGenerator_rtl} since v0.9,
 * {@code ConvolutionInputGenerator_hls} / {@code _rtl} since v0.10. Dimensions are [H, W] as in FINN.
 *
 * @param impl           HLS or RTL (RTL since v0.9)
 * @param ifmChannels    {@code IFMChannels}
 * @param ifmDimH        {@code IFMDim[0]}
 * @param ifmDimW        {@code IFMDim[1]}
 * @param ofmDimH        {@code OFMDim[0]}
 * @param ofmDimW        {@code OFMDim[1]}
 * @param kernelH        {@code ConvKernelDim[0]}
 * @param kernelW        {@code ConvKernelDim[1]}
 * @param strideH        {@code Stride[0]}
 * @param strideW        {@code Stride[1]}
 * @param dilationH      {@code Dilation[0]}
 * @param dilationW      {@code Dilation[1]}
 * @param simd           {@code SIMD}, must divide IFMChannels
 * @param inputType      {@code inputDataType}
 * @param depthwise      {@code depthwise}
 * @param ramStyle       {@code ram_style}
 * @param parallelWindow {@code parallel_window}
 * @param oneD           the 1-D variant: before v0.10 the {@code ConvolutionInputGenerator1D} class, since v0.10 the
 *                       HLS node's {@code is1D} attribute (the RTL node looks at the dimensions instead)
 * @param m              {@code M} (RTL; FINN's default 1)
 */
public record SwgNode(Impl impl, int ifmChannels, int ifmDimH, int ifmDimW, int ofmDimH, int ofmDimW, int kernelH,
                      int kernelW, int strideH, int strideW, int dilationH, int dilationW, int simd,
                      FinnDataType inputType, boolean depthwise, RamStyle ramStyle, boolean parallelWindow,
                      boolean oneD, int m) implements FinnNode {

    public SwgNode {
        Objects.requireNonNull(impl, "impl");
        require(ifmChannels >= 1, "IFMChannels", ifmChannels, "must be >= 1");
        require(ifmDimH >= 1 && ifmDimW >= 1, "IFMDim", ifmDimH + "x" + ifmDimW, "both must be >= 1");
        require(ofmDimH >= 1 && ofmDimW >= 1, "OFMDim", ofmDimH + "x" + ofmDimW, "both must be >= 1");
        require(kernelH >= 1 && kernelW >= 1, "ConvKernelDim", kernelH + "x" + kernelW, "both must be >= 1");
        require(strideH >= 1 && strideW >= 1, "Stride", strideH + "x" + strideW, "both must be >= 1");
        require(dilationH >= 1 && dilationW >= 1, "Dilation", dilationH + "x" + dilationW, "both must be >= 1");
        require(simd >= 1 && ifmChannels % simd == 0, "SIMD", simd, "must divide IFMChannels = " + ifmChannels);
        require(inputType != null, "inputDataType", null, "a data type");
        require(ramStyle != null, "ram_style", null, "one of auto, block, distributed, ultra");
        require(m >= 1, "M", m, "must be >= 1");
    }

    /** @return whether FINN treats the input as 1-D by its dimensions (one of IFMDim is 1) */
    public boolean oneDimensionalInput() {
        return ifmDimH == 1 || ifmDimW == 1;
    }
}
