package io.qdse.simulator.fpga.finn;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.simulator.fpga.finn.FinnNode.Impl;
import io.qdse.simulator.fpga.finn.FinnNode.MemMode;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;
import io.qdse.simulator.fpga.finn.FinnNode.ResType;
import java.util.List;
import java.util.Objects;

/**
 * A matrix-vector-activation unit ({@code MatrixVectorActivation} up to v0.9, {@code MVAU_hls} / {@code MVAU_rtl}
 * since v0.10): an MW × MH weight matrix folded by PE (rows in parallel) × SIMD (columns in parallel), optionally
 * followed by thresholds. Fields are FINN's node attributes; {@code binaryXnorMode}, {@code ActVal} and
 * {@code runtime_writeable_weights} are left out because no estimate reads them.
 *
 * @param impl               HLS or RTL (RTL only since v0.10)
 * @param mw                 {@code MW}, the input length (reduction)
 * @param mh                 {@code MH}, the output length
 * @param pe                 {@code PE}, must divide MH
 * @param simd               {@code SIMD}, must divide MW
 * @param inputType          {@code inputDataType}
 * @param weightType         {@code weightDataType}
 * @param outputType         {@code outputDataType} (its width sizes the thresholds)
 * @param accType            {@code accDataType} (FINN's default INT32; only v0.10+ reads it)
 * @param noActivation       {@code noActivation}: no thresholds, the accumulators are the output
 * @param numInputVectors    {@code numInputVectors}, e.g. [1, 32, 32] for a 32×32 feature map
 * @param memMode            {@code mem_mode}
 * @param ramStyle           {@code ram_style} (weights)
 * @param ramStyleThresholds {@code ram_style_thresholds} (only v0.10+ reads it)
 * @param resType            {@code resType}
 * @param fpgaPart           the FPGA part FINN is given (only the v0.10+ RTL DSP estimate reads it); may be empty
 */
public record MvauNode(Impl impl, int mw, int mh, int pe, int simd, FinnDataType inputType, FinnDataType weightType,
                       FinnDataType outputType, FinnDataType accType, boolean noActivation,
                       List<Integer> numInputVectors, MemMode memMode, RamStyle ramStyle,
                       RamStyle ramStyleThresholds, ResType resType, String fpgaPart) implements FinnNode {

    public MvauNode {
        Objects.requireNonNull(impl, "impl");
        require(mw >= 1, "MW", mw, "must be >= 1");
        require(mh >= 1, "MH", mh, "must be >= 1");
        require(pe >= 1 && mh % pe == 0, "PE", pe, "must divide MH = " + mh);
        require(simd >= 1 && mw % simd == 0, "SIMD", simd, "must divide MW = " + mw);
        require(inputType != null, "inputDataType", null, "a data type");
        require(weightType != null, "weightDataType", null, "a data type");
        require(outputType != null, "outputDataType", null, "a data type");
        require(accType != null, "accDataType", null, "a data type");
        numInputVectors = FinnNode.positiveList("numInputVectors", numInputVectors);
        require(memMode != null, "mem_mode", null, "a memory mode");
        require(ramStyle != null, "ram_style", null, "a RAM style");
        require(ramStyleThresholds != null && ramStyleThresholds != RamStyle.ULTRA, "ram_style_thresholds",
                ramStyleThresholds, "one of auto, block, distributed");
        require(resType != null, "resType", null, "one of auto, lut, dsp");
        fpgaPart = fpgaPart == null ? "" : fpgaPart;
    }

    /**
     * An HLS MVAU with FINN's current defaults: activation on, accumulator INT32, one input vector, decoupled
     * weights, RAM styles auto, resType auto, no part.
     */
    public static MvauNode of(int mw, int mh, int pe, int simd, FinnDataType input, FinnDataType weight,
                              FinnDataType output) {
        return new MvauNode(Impl.HLS, mw, mh, pe, simd, input, weight, output, FinnDataType.intType(32), false,
                List.of(1), MemMode.DECOUPLED, RamStyle.AUTO, RamStyle.AUTO, ResType.AUTO, "");
    }

    /** @return a copy with {@code impl} and {@code fpgaPart} replaced */
    public MvauNode withImpl(Impl newImpl, String newFpgaPart) {
        return new MvauNode(newImpl, mw, mh, pe, simd, inputType, weightType, outputType, accType, noActivation,
                numInputVectors, memMode, ramStyle, ramStyleThresholds, resType, newFpgaPart);
    }

    /** @return a copy with the memory settings replaced */
    public MvauNode withMemory(MemMode newMemMode, RamStyle newRamStyle, RamStyle newRamStyleThresholds) {
        return new MvauNode(impl, mw, mh, pe, simd, inputType, weightType, outputType, accType, noActivation,
                numInputVectors, newMemMode, newRamStyle, newRamStyleThresholds, resType, fpgaPart);
    }

    /** @return a copy with {@code numInputVectors} replaced */
    public MvauNode withNumInputVectors(List<Integer> newNumInputVectors) {
        return new MvauNode(impl, mw, mh, pe, simd, inputType, weightType, outputType, accType, noActivation,
                newNumInputVectors, memMode, ramStyle, ramStyleThresholds, resType, fpgaPart);
    }

    /** @return a copy with {@code resType} replaced */
    public MvauNode withResType(ResType newResType) {
        return new MvauNode(impl, mw, mh, pe, simd, inputType, weightType, outputType, accType, noActivation,
                numInputVectors, memMode, ramStyle, ramStyleThresholds, newResType, fpgaPart);
    }

    /** @return a copy with {@code noActivation} and {@code accDataType} replaced */
    public MvauNode withAccumulator(boolean newNoActivation, FinnDataType newAccType) {
        return new MvauNode(impl, mw, mh, pe, simd, inputType, weightType, outputType, newAccType, newNoActivation,
                numInputVectors, memMode, ramStyle, ramStyleThresholds, resType, fpgaPart);
    }

    /** @return weight-memory depth per PE, {@code calc_wmem()} = MW·MH / (PE·SIMD) */
    public long wmem() {
        return (long) mw * mh / ((long) pe * simd);
    }

    /** @return threshold-memory depth, {@code calc_tmem()} = MH / PE, or 0 without activation */
    public long tmem() {
        return noActivation ? 0 : mh / pe;
    }
}
