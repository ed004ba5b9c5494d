package io.qdse.simulator.fpga.finn;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.simulator.fpga.finn.FinnNode.Impl;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;
import java.util.List;
import java.util.Objects;

/**
 * The smaller FINN nodes, whose estimates are mostly cycles only: pooling, label selection, padding, stream
 * add/duplicate, channel-wise operations and down-sampling. Each record holds the attributes FINN's
 * {@code get_exp_cycles} and resource estimates read; FINN's names (before v0.10 with {@code _Batch}, since v0.10
 * with {@code _hls} / {@code _rtl}) are mapped by {@link FinnNodes}.
 */
public final class OtherNodes {
    private OtherNodes() {
    }

    private static void requireDivides(String field, int value, String of, int total) {
        require(value >= 1 && total % value == 0, field, value, "must divide " + of + " = " + total);
    }

    /**
     * {@code StreamingMaxPool}: max pooling with pool = stride.
     *
     * @param imgDimH     {@code ImgDim[0]}
     * @param imgDimW     {@code ImgDim[1]}
     * @param poolDimH    {@code PoolDim[0]}
     * @param poolDimW    {@code PoolDim[1]}
     * @param numChannels {@code NumChannels}
     * @param pe          {@code PE} (read by the 1-D variant only, where it must divide NumChannels; FINN's
     *                    default is 0)
     * @param ceilMode    {@code CeilMode}
     */
    public record StreamingMaxPool(int imgDimH, int imgDimW, int poolDimH, int poolDimW, int numChannels, int pe,
                                   boolean ceilMode) implements FinnNode {
        public StreamingMaxPool {
            require(imgDimH >= 1 && imgDimW >= 1, "ImgDim", imgDimH + "x" + imgDimW, "both must be >= 1");
            require(poolDimH >= 1 && poolDimW >= 1, "PoolDim", poolDimH + "x" + poolDimW, "both must be >= 1");
            require(numChannels >= 1, "NumChannels", numChannels, "must be >= 1");
            require(pe >= 0, "PE", pe, "must be >= 0");
            boolean oneD = imgDimW == 1 ? poolDimW == 1 : imgDimH == 1 && poolDimH == 1;
            if (oneD) {
                requireDivides("PE", pe, "NumChannels", numChannels);
            }
        }

        /** FINN's {@code is_1d()}: after moving a unit W dimension to H, ImgDim[0] and PoolDim[0] are both 1. */
        public boolean oneD() {
            return imgDimW == 1 ? poolDimW == 1 : imgDimH == 1 && poolDimH == 1;
        }

        /** @return [ImgDim, PoolDim] along the pooled axis after FINN's normalization (W, or H when W is 1) */
        int[] normalizedW() {
            return imgDimW == 1 ? new int[] {imgDimH, poolDimH} : new int[] {imgDimW, poolDimW};
        }
    }

    /**
     * {@code Pool} ({@code Pool_Batch}): the generic pooling unit behind a sliding-window generator.
     *
     * @param channels   {@code Channels}
     * @param pe         {@code PE}, must divide Channels
     * @param kernelSize {@code KernelSize}
     * @param outImgDims {@code OutImgDims} (v0.8 read a scalar {@code OutImgDim} instead: not supported)
     * @param batchSize  {@code BatchSize}
     */
    public record Pool(int channels, int pe, List<Integer> kernelSize, List<Integer> outImgDims, int batchSize)
            implements FinnNode {
        public Pool {
            require(channels >= 1, "Channels", channels, "must be >= 1");
            requireDivides("PE", pe, "Channels", channels);
            kernelSize = FinnNode.positiveList("KernelSize", kernelSize);
            outImgDims = FinnNode.positiveList("OutImgDims", outImgDims);
            require(batchSize >= 1, "BatchSize", batchSize, "must be >= 1");
        }
    }

    /**
     * {@code LabelSelect}: top-K of {@code Labels} values.
     *
     * @param labels {@code Labels}
     * @param pe     {@code PE}, must divide Labels
     */
    public record LabelSelect(int labels, int pe) implements FinnNode {
        public LabelSelect {
            require(labels >= 1, "Labels", labels, "must be >= 1");
            requireDivides("PE", pe, "Labels", labels);
        }
    }

    /**
     * {@code GlobalAccPool}: a global sum over the spatial dimensions.
     *
     * @param numChannels     {@code NumChannels}
     * @param pe              {@code PE}, must divide NumChannels
     * @param numInputVectors {@code numInputVectors}
     */
    public record GlobalAccPool(int numChannels, int pe, List<Integer> numInputVectors) implements FinnNode {
        public GlobalAccPool {
            require(numChannels >= 1, "NumChannels", numChannels, "must be >= 1");
            requireDivides("PE", pe, "NumChannels", numChannels);
            numInputVectors = FinnNode.positiveList("numInputVectors", numInputVectors);
        }
    }

    /**
     * {@code FMPadding} (HLS; RTL since v0.9): zero padding of a feature map.
     *
     * @param impl            HLS or RTL
     * @param imgDimH         {@code ImgDim[0]}
     * @param imgDimW         {@code ImgDim[1]}
     * @param padding         {@code Padding} = [H begin, W begin, H end, W end]
     * @param numChannels     {@code NumChannels}
     * @param simd            {@code SIMD}, must divide NumChannels
     * @param numInputVectors {@code numInputVectors} (an integer here: the batch)
     */
    public record FmPadding(Impl impl, int imgDimH, int imgDimW, List<Integer> padding, int numChannels, int simd,
                            int numInputVectors) implements FinnNode {
        public FmPadding {
            Objects.requireNonNull(impl, "impl");
            require(imgDimH >= 1 && imgDimW >= 1, "ImgDim", imgDimH + "x" + imgDimW, "both must be >= 1");
            require(padding != null && padding.size() == 4 && padding.stream().allMatch(p -> p != null && p >= 0),
                    "Padding", padding, "four entries >= 0 [H begin, W begin, H end, W end]");
            padding = List.copyOf(padding);
            require(numChannels >= 1, "NumChannels", numChannels, "must be >= 1");
            requireDivides("SIMD", simd, "NumChannels", numChannels);
            require(numInputVectors >= 1, "numInputVectors", numInputVectors, "must be >= 1");
        }
    }

    /**
     * {@code AddStreams}: element-wise sum of two streams.
     *
     * @param numChannels     {@code NumChannels}
     * @param pe              {@code PE}, must divide NumChannels
     * @param numInputVectors {@code numInputVectors}
     */
    public record AddStreams(int numChannels, int pe, List<Integer> numInputVectors) implements FinnNode {
        public AddStreams {
            require(numChannels >= 1, "NumChannels", numChannels, "must be >= 1");
            requireDivides("PE", pe, "NumChannels", numChannels);
            numInputVectors = FinnNode.positiveList("numInputVectors", numInputVectors);
        }
    }

    /**
     * {@code DuplicateStreams}: one stream copied to several.
     *
     * @param numChannels     {@code NumChannels}
     * @param pe              {@code PE}, must divide NumChannels
     * @param numInputVectors {@code numInputVectors}
     */
    public record DuplicateStreams(int numChannels, int pe, List<Integer> numInputVectors) implements FinnNode {
        public DuplicateStreams {
            require(numChannels >= 1, "NumChannels", numChannels, "must be >= 1");
            requireDivides("PE", pe, "NumChannels", numChannels);
            numInputVectors = FinnNode.positiveList("numInputVectors", numInputVectors);
        }
    }

    /**
     * {@code ChannelwiseOp}: a per-channel add, multiply or comparison with a parameter memory.
     *
     * @param numChannels     {@code NumChannels}
     * @param pe              {@code PE}, must divide NumChannels
     * @param numInputVectors {@code numInputVectors}
     * @param inputType       {@code inputDataType} (its width sizes the parameter memory and comparators)
     * @param ramStyle        {@code ram_style}, distributed or block
     */
    public record ChannelwiseOp(int numChannels, int pe, List<Integer> numInputVectors, FinnDataType inputType,
                                RamStyle ramStyle) implements FinnNode {
        public ChannelwiseOp {
            require(numChannels >= 1, "NumChannels", numChannels, "must be >= 1");
            requireDivides("PE", pe, "NumChannels", numChannels);
            numInputVectors = FinnNode.positiveList("numInputVectors", numInputVectors);
            require(inputType != null, "inputDataType", null, "a data type");
            require(ramStyle == RamStyle.DISTRIBUTED || ramStyle == RamStyle.BLOCK, "ram_style", ramStyle,
                    "distributed or block");
        }

        /** @return parameter-memory depth, {@code calc_tmem()} = NumChannels / PE */
        public long tmem() {
            return numChannels / pe;
        }
    }

    /**
     * {@code DownSampler}: keeps every Stride-th pixel (a strided 1×1 convolution's input).
     *
     * @param imgDim          {@code ImgDim} (square, or the length when 1-D)
     * @param numChannels     {@code NumChannels}
     * @param simd            {@code SIMD}, must divide NumChannels
     * @param numInputVectors {@code numInputVectors} (the batch)
     * @param oneD            {@code is1D} (read since v0.9)
     */
    public record DownSampler(int imgDim, int numChannels, int simd, int numInputVectors, boolean oneD)
            implements FinnNode {
        public DownSampler {
            require(imgDim >= 1, "ImgDim", imgDim, "must be >= 1");
            require(numChannels >= 1, "NumChannels", numChannels, "must be >= 1");
            requireDivides("SIMD", simd, "NumChannels", numChannels);
            require(numInputVectors >= 1, "numInputVectors", numInputVectors, "must be >= 1");
        }
    }
}
