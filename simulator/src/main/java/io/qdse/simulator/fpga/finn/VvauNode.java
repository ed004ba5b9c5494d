package io.qdse.simulator.fpga.finn;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.simulator.fpga.finn.FinnNode.Impl;
import io.qdse.simulator.fpga.finn.FinnNode.MemMode;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;
import io.qdse.simulator.fpga.finn.FinnNode.ResType;
import java.util.Objects;

/**
 * A vector-vector-activation unit ({@code VectorVectorActivation} up to v0.9, {@code VVAU_hls} / {@code VVAU_rtl}
 * since v0.10): a depthwise convolution of {@code Channels} channels with a kH × kW kernel over a dimH × dimW output,
 * folded by PE (channels in parallel) × SIMD (kernel elements in parallel, v0.10+; 1 before). FINN's estimates take
 * one image (batch 1).
 *
 * @param impl         HLS or RTL (RTL only since v0.10)
 * @param channels     {@code Channels}
 * @param kernelH      {@code Kernel[0]}
 * @param kernelW      {@code Kernel[1]}
 * @param dimH         {@code Dim[0]} (output height)
 * @param dimW         {@code Dim[1]} (output width)
 * @param pe           {@code PE}, must divide Channels
 * @param simd         {@code SIMD}, must divide kH·kW (v0.10+; must be 1 before)
 * @param inputType    {@code inputDataType}
 * @param weightType   {@code weightDataType}
 * @param outputType   {@code outputDataType}
 * @param accType      {@code accDataType} (only v0.10+ reads it)
 * @param noActivation {@code noActivation}
 * @param memMode      {@code mem_mode} (v0.9+)
 * @param ramStyle     {@code ram_style} (v0.9+)
 * @param resType      {@code resType}
 */
public record VvauNode(Impl impl, int channels, int kernelH, int kernelW, int dimH, int dimW, int pe, int simd,
                       FinnDataType inputType, FinnDataType weightType, FinnDataType outputType,
                       FinnDataType accType, boolean noActivation, MemMode memMode, RamStyle ramStyle,
                       ResType resType) implements FinnNode {

    public VvauNode {
        Objects.requireNonNull(impl, "impl");
        require(channels >= 1, "Channels", channels, "must be >= 1");
        require(kernelH >= 1 && kernelW >= 1, "Kernel", kernelH + "x" + kernelW, "both must be >= 1");
        require(dimH >= 1 && dimW >= 1, "Dim", dimH + "x" + dimW, "both must be >= 1");
        require(pe >= 1 && channels % pe == 0, "PE", pe, "must divide Channels = " + channels);
        require(simd >= 1 && (kernelH * kernelW) % simd == 0, "SIMD", simd,
                "must divide the kernel size " + kernelH * kernelW);
        require(inputType != null, "inputDataType", null, "a data type");
        require(weightType != null, "weightDataType", null, "a data type");
        require(outputType != null, "outputDataType", null, "a data type");
        require(accType != null, "accDataType", null, "a data type");
        require(memMode != null, "mem_mode", null, "a memory mode");
        require(ramStyle != null, "ram_style", null, "a RAM style");
        require(resType != null, "resType", null, "one of auto, lut, dsp");
    }

    /** An HLS VVAU with FINN's current defaults: SIMD 1, activation on, INT32, decoupled, ram auto, resType auto. */
    public static VvauNode of(int channels, int kernelH, int kernelW, int dimH, int dimW, int pe, FinnDataType input,
                              FinnDataType weight, FinnDataType output) {
        return new VvauNode(Impl.HLS, channels, kernelH, kernelW, dimH, dimW, pe, 1, input, weight, output,
                FinnDataType.intType(32), false, MemMode.DECOUPLED, RamStyle.AUTO, ResType.AUTO);
    }

    /** @return weight-memory depth, {@code calc_wmem()} = (kH·kW·Channels / PE) / SIMD */
    public long wmem() {
        return (long) kernelH * kernelW * channels / pe / simd;
    }

    /** @return threshold-memory depth, {@code calc_tmem()} = Channels / PE, or 0 without activation */
    public long tmem() {
        return noActivation ? 0 : channels / pe;
    }
}
