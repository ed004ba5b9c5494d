package io.qdse.simulator.fpga.finn;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.fpga.finn.FinnNode.Impl;
import io.qdse.simulator.fpga.finn.FinnNode.MemMode;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;
import io.qdse.simulator.fpga.finn.FinnNode.ResType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Xilinx/finn's own analytical estimates, per dataflow node: expected cycles ({@code get_exp_cycles}) and LUT,
 * BRAM18, URAM and DSP counts with the BRAM/URAM efficiencies ({@code node_res_estimation}) — the numbers FINN writes
 * to {@code estimate_layer_cycles.json} and {@code estimate_layer_resources.json} — for the FINN versions of
 * {@link FinnVersion}. Pure functions of a node's attributes: FINN's formulas, FINN's evaluation order and rounding,
 * FINN's quirks included (they are what a FINN user sees); each quirk is named where it is reproduced.
 *
 * <p>Checked row by row against FINN's own functions run on thousands of single nodes per version
 * ({@code FinnGoldenTest}) and against a published FINN build's reports; see {@code docs/finn-compat.md}.
 */
public final class FinnEstimates {

    private static final int LUT_C0 = 300;
    private static final double LUT_C1 = 1.1;

    private FinnEstimates() {
    }

    /**
     * Estimates one node given as FINN has it in an ONNX model: its op type and attributes (FINN's names; attributes
     * left out take the version's defaults). The same as {@code estimate(version, FinnNodes.fromAttributes(…))}.
     *
     * @param opType   e.g. {@code MVAU_rtl}, {@code Thresholding_Batch}, {@code ConvolutionInputGenerator1D}
     * @param attrs    attribute name → value (numbers, strings, lists)
     * @param fpgaPart the part FINN is given, e.g. {@code xczu7ev-ffvc1156-2-e} (read by RTL MVAU DSPs only)
     * @throws InvalidInputException for an op type not covered, a missing or bad attribute, or a variant the version
     *                               does not have
     */
    public static FinnNodeEstimate estimate(FinnVersion version, String opType, Map<String, ?> attrs,
                                            String fpgaPart) {
        return estimate(version, FinnNodes.fromAttributes(version, opType, attrs, fpgaPart));
    }

    /**
     * Estimates any node kind (dispatch on the record type).
     *
     * @throws InvalidInputException when the node's implementation does not exist in that FINN version
     */
    public static FinnNodeEstimate estimate(FinnVersion version, FinnNode node) {
        if (node instanceof MvauNode m) {
            return mvau(version, m);
        }
        if (node instanceof VvauNode v) {
            return vvau(version, v);
        }
        if (node instanceof ThresholdingNode t) {
            return thresholding(version, t);
        }
        if (node instanceof SwgNode w) {
            return swg(version, w);
        }
        if (node instanceof FifoNode f) {
            return fifo(version, f);
        }
        if (node instanceof DwcNode d) {
            return dwc(version, d);
        }
        return other(version, node);
    }

    /** The kinds of {@link OtherNodes}. */
    private static FinnNodeEstimate other(FinnVersion version, FinnNode node) {
        if (node instanceof OtherNodes.StreamingMaxPool n) {
            return streamingMaxPool(version, n);
        }
        if (node instanceof OtherNodes.Pool n) {
            return pool(version, n);
        }
        if (node instanceof OtherNodes.LabelSelect n) {
            return labelSelect(version, n);
        }
        if (node instanceof OtherNodes.GlobalAccPool n) {
            return globalAccPool(version, n);
        }
        if (node instanceof OtherNodes.FmPadding n) {
            return fmPadding(version, n);
        }
        if (node instanceof OtherNodes.AddStreams n) {
            return addStreams(version, n);
        }
        if (node instanceof OtherNodes.DuplicateStreams n) {
            return duplicateStreams(version, n);
        }
        if (node instanceof OtherNodes.ChannelwiseOp n) {
            return channelwiseOp(version, n);
        }
        if (node instanceof OtherNodes.DownSampler n) {
            return downSampler(version, n);
        }
        throw new IllegalStateException("unhandled FINN node kind " + node.getClass().getSimpleName());
    }

    // ------------------------------------------------------------------------------------------------ MVAU

    /**
     * {@code MatrixVectorActivation} (≤ v0.9), {@code MVAU_hls} / {@code MVAU_rtl} (v0.10+).
     *
     * <p>Cycles: (MH/PE)·(MW/SIMD)·∏numInputVectors. Weight BRAM per FINN-R (Blott et al. 2018): the PE·SIMD·W-bit
     * wide, MW·MH/(PE·SIMD) deep memory in RAMB18 aspect ratios, none for LUTRAM/URAM or external weights or embedded
     * weights of depth ≤ 128; URAM 72 × 4096 tiles when asked for. HLS LUTs: 300 + 1.1·PE·(multipliers + adder tree
     * + accumulator + threshold memory + comparators) + weight LUTRAM — since v0.10 the accumulator is bounded by the
     * data-type bound of arXiv:2301.13376 and thresholds count only in LUTRAM. RTL: LUTs 0, DSPs by the part's DSP
     * block.
     */
    public static FinnNodeEstimate mvau(FinnVersion version, MvauNode n) {
        requireImpl(version, n.impl(), "MVAU");
        long cycles = Py.trunc(Py.div(n.mh(), n.pe()) * Py.div(n.mw(), n.simd())
                * (double) FinnNode.product(n.numInputVectors()) / 1);
        int w = n.weightType().bitwidth();
        long bram = mvauBram(n);
        long uram = mvauUram(n);
        double luts = n.impl() == Impl.RTL ? 0 : mvauHlsLuts(version, n);
        long dsps = n.impl() == Impl.RTL ? mvauRtlDsps(n) : hlsDsps((long) n.pe() * n.simd(), n);
        long wbits = (long) w * n.mw() * n.mh();
        double bramEff = bram == 0 ? 1 : Py.div(wbits, bram * 36 * 512);
        double uramEff = uram == 0 ? 1 : Py.div(wbits, uram * 72 * 4096);
        return new FinnNodeEstimate(cycles, luts, Math.toIntExact(bram), Math.toIntExact(uram),
                Math.toIntExact(dsps), bramEff, uramEff);
    }

    private static long mvauBram(MvauNode n) {
        double omega = Py.div((long) n.mw() * n.mh(), (long) n.simd() * n.pe());
        long memWidth = (long) n.simd() * n.weightType().bitwidth() * n.pe();
        MemMode mode = n.memMode();
        RamStyle style = n.ramStyle();
        if ((mode == MemMode.DECOUPLED && (style == RamStyle.DISTRIBUTED || style == RamStyle.ULTRA))
                || (mode == MemMode.EMBEDDED && n.wmem() <= 128) || mode == MemMode.EXTERNAL) {
            return 0;
        }
        // RAMB18 in simple dual port: 1x16384, 2x8192, 4x4096, 9x2048, 18x1024, 36x512 (UG573 Table 1-10)
        if (memWidth == 1) {
            return Py.ceilDiv(omega, 16384);
        } else if (memWidth == 2) {
            return Py.ceilDiv(omega, 8192);
        } else if (memWidth <= 4) {
            return Py.ceilDiv(omega, 4096) * Py.ceilDiv(memWidth, 4);
        } else if (memWidth <= 9) {
            return Py.ceilDiv(omega, 2048) * Py.ceilDiv(memWidth, 9);
        } else if (memWidth <= 18 || omega > 512) {
            return Py.ceilDiv(omega, 1024) * Py.ceilDiv(memWidth, 18);
        }
        return Py.ceilDiv(omega, 512) * Py.ceilDiv(memWidth, 36);
    }

    private static long mvauUram(MvauNode n) {
        double omega = Py.div((long) n.mw() * n.mh(), (long) n.simd() * n.pe());
        long memWidth = (long) n.simd() * n.weightType().bitwidth() * n.pe();
        MemMode mode = n.memMode();
        if ((mode == MemMode.DECOUPLED && n.ramStyle() != RamStyle.ULTRA)
                || (mode == MemMode.EMBEDDED && n.wmem() <= 128) || mode == MemMode.EXTERNAL) {
            return 0;
        }
        return Py.ceilDiv(memWidth, 72) * Py.ceilDiv(omega, 4096);
    }

    private static long mvauHlsLuts(FinnVersion version, MvauNode n) {
        int p = n.pe();
        int q = n.simd();
        int w = n.weightType().bitwidth();
        int a = n.inputType().bitwidth();
        long wmem = n.wmem();
        long c2 = 0;
        if ((n.memMode() == MemMode.DECOUPLED && n.ramStyle() == RamStyle.DISTRIBUTED)
                || (n.memMode() == MemMode.EMBEDDED && wmem <= 128)) {
            c2 = (long) p * q * w * Py.ceilDiv(wmem, 64);
        }
        long multLuts = n.resType() == ResType.DSP ? 0 : (long) q * (2 * Py.ceilDiv(w + a, 6) - 1) * (w + a);
        long adderTreeLuts = (long) (w + a) * (2L * q - 1);
        double accBits;
        boolean thresholdsInLuts;
        if (version.hasHlsRtlSplit()) {
            accBits = boundedAccBits(Py.log2(n.mw()), w, a, n.inputType().signed(), n.accType().bitwidth());
            thresholdsInLuts = n.ramStyleThresholds() == RamStyle.DISTRIBUTED;
        } else {
            accBits = w + a + Math.ceil(Py.log2(n.mw()));
            thresholdsInLuts = true;
        }
        double thrLuts = 0;
        double compLuts = 0;
        if (!n.noActivation() && thresholdsInLuts) {
            double steps = Py.pow2m1(n.outputType().bitwidth());
            thrLuts = steps * accBits * Py.ceilDiv(n.tmem(), 64);
            compLuts = steps * accBits;
        }
        double perPe = multLuts + adderTreeLuts + accBits + thrLuts + compLuts;
        return Py.trunc(LUT_C0 + LUT_C1 * (p * perPe) + c2);
    }

    private static long mvauRtlDsps(MvauNode n) {
        if (FinnDspBlock.ofPart(n.fpgaPart()) == FinnDspBlock.DSP58) {
            return Py.trunc(n.pe() * Math.ceil(n.simd() / 3.0));
        }
        return Py.trunc(Math.ceil(n.pe() / 4.0) * n.simd());
    }

    /** HLS MVAU/VVAU: {@code lanes · ceil((W + A) / 48)} DSPs when resType is dsp, else none. */
    private static long hlsDsps(long lanes, MvauNode n) {
        return n.resType() == ResType.DSP
                ? Py.trunc(lanes * Math.ceil((n.weightType().bitwidth() + n.inputType().bitwidth()) / 48.0)) : 0;
    }

    /**
     * v0.10+: {@code min(accDataType bits, ceil(α + log2(1 + 2^-α) + 1))} with α = log2(dot length) + W + A − 1 −
     * signed(input), FINN's data-type bound on the accumulator (Colbert et al., arXiv:2301.13376), evaluated as FINN
     * does term by term.
     */
    private static double boundedAccBits(double log2DotLength, int w, int a, boolean inputSigned, int accTypeBits) {
        double alpha = log2DotLength + w + a - 1 - (inputSigned ? 1 : 0);
        double bound = Math.ceil(alpha + Py.log2(1 + Math.pow(2, -alpha)) + 1);
        return Math.min(accTypeBits, bound);
    }

    // ------------------------------------------------------------------------------------------------ VVAU

    /**
     * {@code VectorVectorActivation} (≤ v0.9), {@code VVAU_hls} / {@code VVAU_rtl} (v0.10+).
     *
     * <p>Cycles: Channels·kH·kW/PE/SIMD · dimH·dimW (batch 1). v0.8: weight memory (PE memories of W bits, depth
     * kH·kW·Channels/PE) in BRAM above depth 128, else LUTRAM. v0.9: memory mode and RAM style decide, URAM
     * counted (its efficiency left at FINN's default 1). v0.10: SIMD, one PE·SIMD·W wide memory, the bounded
     * accumulator, threshold LUTs without rounding the depth up, RTL DSPs PE·ceil(SIMD/3) on any part.
     */
    public static FinnNodeEstimate vvau(FinnVersion version, VvauNode n) {
        requireImpl(version, n.impl(), "VVAU");
        if (!version.hasHlsRtlSplit()) {
            InvalidInputException.require(n.simd() == 1, "SIMD", n.simd(),
                    "FINN " + version.label() + " has no SIMD for VVAU (must be 1; SIMD since v0.10)");
        }
        int kernel = n.kernelH() * n.kernelW();
        long cycles;
        if (version.hasHlsRtlSplit()) {
            cycles = Py.trunc(Py.div((long) n.channels() * kernel, n.pe()) / n.simd() * 1
                    * (double) ((long) n.dimH() * n.dimW()) / 1);
        } else {
            cycles = Py.trunc(Py.div((long) n.channels() * kernel, n.pe()) * 1
                    * (double) ((long) n.dimH() * n.dimW()) / 1);
        }
        int p = n.pe();
        int w = n.weightType().bitwidth();
        long omega = n.wmem();
        long bram = version.hasHlsRtlSplit() ? vvauBramCurrent(n) : vvauBramOld(version, n);
        long uram = vvauUram(version, n);
        double bramEff = bram == 0 ? 1 : Py.div((long) w * p * omega, bram * 36 * 512);
        double uramEff = 1;
        if (version.hasHlsRtlSplit() && uram != 0) {
            uramEff = Py.div((long) w * kernel * n.channels(), uram * 72 * 4096);
        }
        double luts;
        long dsps;
        if (n.impl() == Impl.RTL) {
            luts = 0;
            dsps = Py.trunc(p * Math.ceil(n.simd() / 3.0));
        } else {
            luts = vvauHlsLuts(version, n);
            dsps = n.resType() == ResType.DSP
                    ? Py.trunc(p * Math.ceil((w + n.inputType().bitwidth()) / 48.0)) : 0;
        }
        return new FinnNodeEstimate(cycles, luts, Math.toIntExact(bram), Math.toIntExact(uram),
                Math.toIntExact(dsps), bramEff, uramEff);
    }

    /** v0.8–v0.9: PE memories W bits wide, BRAM aspect ratios taken at 4/8/16/32 bits (not 9/18/36). */
    private static long vvauBramOld(FinnVersion version, VvauNode n) {
        long omega = n.wmem();
        if (version == FinnVersion.V0_9) {
            MemMode mode = n.memMode();
            RamStyle style = n.ramStyle();
            if ((mode == MemMode.DECOUPLED && (style == RamStyle.DISTRIBUTED || style == RamStyle.ULTRA))
                    || (mode == MemMode.EMBEDDED && omega <= 128) || mode == MemMode.EXTERNAL) {
                return 0;
            }
        } else if (omega <= 128) {
            return 0;
        }
        int w = n.weightType().bitwidth();
        long p = n.pe();
        if (w == 1) {
            return Py.ceilDiv(omega, 16384) * p;
        } else if (w == 2) {
            return Py.ceilDiv(omega, 8192) * p;
        } else if (w <= 4) {
            return Py.ceilDiv(omega, 4096) * Py.ceilDiv(w, 4) * p;
        } else if (w <= 9) {
            return Py.ceilDiv(omega, 2048) * Py.ceilDiv(w, 8) * p;
        } else if (w <= 18 || omega > 512) {
            return Py.ceilDiv(omega, 1024) * Py.ceilDiv(w, 16) * p;
        }
        return Py.ceilDiv(omega, 512) * Py.ceilDiv(w, 32) * p;
    }

    /** v0.10+: one PE·SIMD·W wide memory; none either for ram_style auto at depth ≤ 128. */
    private static long vvauBramCurrent(VvauNode n) {
        long omega = n.wmem();
        long memWidth = (long) n.simd() * n.weightType().bitwidth() * n.pe();
        MemMode mode = n.memMode();
        RamStyle style = n.ramStyle();
        if ((mode == MemMode.DECOUPLED && (style == RamStyle.DISTRIBUTED || style == RamStyle.ULTRA))
                || (style == RamStyle.AUTO && omega <= 128) || (mode == MemMode.EMBEDDED && omega <= 128)
                || mode == MemMode.EXTERNAL) {
            return 0;
        }
        if (memWidth == 1) {
            return Py.ceilDiv(omega, 16384);
        } else if (memWidth == 2) {
            return Py.ceilDiv(omega, 8192);
        } else if (memWidth <= 4) {
            return Py.ceilDiv(omega, 4096) * Py.ceilDiv(memWidth, 4);
        } else if (memWidth <= 9) {
            return Py.ceilDiv(omega, 2048) * Py.ceilDiv(memWidth, 8);
        } else if (memWidth <= 18 || omega > 512) {
            return Py.ceilDiv(omega, 1024) * Py.ceilDiv(memWidth, 16);
        }
        return Py.ceilDiv(omega, 512) * Py.ceilDiv(memWidth, 32);
    }

    private static long vvauUram(FinnVersion version, VvauNode n) {
        if (version == FinnVersion.V0_8 || version == FinnVersion.V0_8_1) {
            return 0;
        }
        long omega = n.wmem();
        MemMode mode = n.memMode();
        boolean none = (mode == MemMode.DECOUPLED && n.ramStyle() != RamStyle.ULTRA) || mode == MemMode.EXTERNAL
                || (mode == MemMode.EMBEDDED && (version.hasHlsRtlSplit() || omega <= 128));
        if (none) {
            return 0;
        }
        long memWidth = (long) n.simd() * n.weightType().bitwidth() * n.pe();
        return Py.ceilDiv(memWidth, 72) * Py.ceilDiv(omega, 4096);
    }

    private static long vvauHlsLuts(FinnVersion version, VvauNode n) {
        int p = n.pe();
        int q = n.simd();
        int w = n.weightType().bitwidth();
        int a = n.inputType().bitwidth();
        long wmem = n.wmem();
        int kernel = n.kernelH() * n.kernelW();
        long c2 = 0;
        boolean lutWeights = version == FinnVersion.V0_8 || version == FinnVersion.V0_8_1 ? wmem <= 128
                : (n.memMode() == MemMode.DECOUPLED && n.ramStyle() == RamStyle.DISTRIBUTED)
                        || (n.memMode() == MemMode.EMBEDDED && wmem <= 128);
        if (lutWeights) {
            c2 = (long) p * q * w * Py.ceilDiv(wmem, 64);
        }
        long multPerLane = n.resType() == ResType.DSP ? 0 : (2 * Py.ceilDiv(w + a, 6) - 1) * (w + a);
        double steps = Py.pow2m1(n.outputType().bitwidth());
        if (!version.hasHlsRtlSplit()) {
            // v0.8-v0.9: no adder tree, acc = W + A + ceil(log2(kernel)), threshold depth rounded up to 64
            long accBits = w + a + (long) Math.ceil(Py.log2(kernel));
            long thr = 0;
            long comp = 0;
            if (!n.noActivation()) {
                thr = (long) steps * accBits * Py.ceilDiv(n.tmem(), 64);
                comp = (long) steps * accBits;
            }
            return Py.trunc(LUT_C0 + LUT_C1 * (p * (multPerLane + accBits + thr + comp)) + c2);
        }
        long multLuts = q * multPerLane;
        long adderTreeLuts = (long) (w + a) * (2L * q - 1);
        double accBits = boundedAccBits(Py.log2(kernel), w, a, n.inputType().signed(), n.accType().bitwidth());
        double thrLuts = 0;
        double compLuts = 0;
        if (!n.noActivation()) {
            // FINN v0.10+: (2^B - 1) * acc * tmem / 64, a float (no ceiling)
            thrLuts = steps * accBits * n.tmem() / 64;
            compLuts = steps * accBits;
        }
        double perPe = multLuts + adderTreeLuts + accBits + thrLuts + compLuts;
        return Py.trunc(LUT_C0 + LUT_C1 * (p * perPe) + c2);
    }

    // ------------------------------------------------------------------------------------------------ Thresholding

    /**
     * {@code Thresholding_Batch} (≤ v0.9), {@code Thresholding_hls} / {@code Thresholding_rtl} (v0.10+).
     *
     * <p>Cycles: ∏numInputVectors · NumChannels/PE. HLS (all versions): comparators A·PE LUTs, plus the threshold
     * memory in LUTRAM (PE·A·ceil(TMEM/64)) or BRAM (ceil(A·PE/16)·ceil(TMEM/1024)) when deeper than 1. RTL: one
     * memory per output bit and PE, each placed in the least wasteful of FINN's Versal memory primitives (depth
     * triggers restricting the choice); LUTRAM counts as LUTs, URAM as URAMs and BRAM — FINN's quirk — nowhere (the
     * primitive is named {@code BRAM18_…} but looked up as {@code BRAM}).
     */
    public static FinnNodeEstimate thresholding(FinnVersion version, ThresholdingNode n) {
        requireImpl(version, n.impl(), "Thresholding");
        long tmem = n.tmem();
        long cycles = FinnNode.product(n.numInputVectors()) * tmem;
        if (n.impl() == Impl.RTL) {
            Map<String, Long> mem = thresholdingRtlMemory(n);
            return new FinnNodeEstimate(cycles, mem.getOrDefault("LUTRAM", 0L),
                    Math.toIntExact(mem.getOrDefault("BRAM", 0L)), Math.toIntExact(mem.getOrDefault("URAM", 0L)), 0,
                    1, 1);
        }
        int p = n.pe();
        int a = n.inputType().bitwidth();
        long bram = 0;
        long lutram = 0;
        if (n.ramStyle() == RamStyle.BLOCK && tmem > 1) {
            bram = Py.ceilDiv((long) a * p, 16) * Py.ceilDiv(tmem, 1024);
        }
        if (n.ramStyle() == RamStyle.DISTRIBUTED && tmem > 1) {
            lutram = (long) p * a * Py.ceilDiv(tmem, 64);
        }
        return new FinnNodeEstimate(cycles, (long) a * p + lutram, Math.toIntExact(bram), 0, 0, 1, 1);
    }

    /** FINN's {@code mem_primitives_versal}, in its dict order (which breaks ties of equal waste). */
    private static final List<MemPrimitive> VERSAL_PRIMITIVES = List.of(
            new MemPrimitive("URAM_72x4096", 72, 4096), new MemPrimitive("URAM_36x8192", 36, 8192),
            new MemPrimitive("URAM_18x16384", 18, 16384), new MemPrimitive("URAM_9x32768", 9, 32768),
            new MemPrimitive("BRAM18_36x512", 36, 512), new MemPrimitive("BRAM18_18x1024", 18, 1024),
            new MemPrimitive("BRAM18_9x2048", 9, 2048), new MemPrimitive("LUTRAM", 1, 64));

    private record MemPrimitive(String name, int width, int depth) {
        /** FINN's key: the name up to the first underscore ({@code URAM}, {@code BRAM18}, {@code LUTRAM}). */
        String kind() {
            int u = name.indexOf('_');
            return u < 0 ? name : name.substring(0, u);
        }
    }

    /** {@code Thresholding_rtl.get_memory_estimate()}: resource kind → count over all PEs and threshold stages. */
    private static Map<String, Long> thresholdingRtlMemory(ThresholdingNode n) {
        long cf = n.numChannels() / n.pe();
        int wBits = n.weightType().bitwidth();
        int oBits = n.outputType().bitwidth();
        List<long[]> geometries = new ArrayList<>();
        if (n.uniformThres()) {
            for (int x = 1; x < oBits; x++) {
                geometries.add(new long[] {oBits - x, cf << x});
            }
        } else {
            for (int x = 0; x < oBits; x++) {
                geometries.add(new long[] {wBits, cf << x});
            }
        }
        Map<String, Long> res = new LinkedHashMap<>();
        for (long[] g : geometries) {
            long width = g[0];
            long depth = g[1];
            List<MemPrimitive> candidates = VERSAL_PRIMITIVES;
            int trigBram = n.depthTriggerBram();
            int trigUram = n.depthTriggerUram();
            if (trigBram != 0 || trigUram != 0) {
                if (depth >= trigBram && depth < trigUram) {
                    candidates = VERSAL_PRIMITIVES.stream().filter(m -> m.name().contains("BRAM")).toList();
                } else if (depth >= trigUram) {
                    candidates = VERSAL_PRIMITIVES.stream().filter(m -> m.name().contains("URAM")).toList();
                }
            }
            MemPrimitive best = null;
            long bestWaste = Long.MAX_VALUE;
            long bestCount = 0;
            for (MemPrimitive m : candidates) {
                long count = roundUpToMultiple(width, m.width()) / m.width()
                        * (roundUpToMultiple(depth, m.depth()) / m.depth());
                long waste = count * m.width() * m.depth() - width * depth;
                if (waste < bestWaste) { // strict: the first of equal waste stays (Python's stable sort)
                    best = m;
                    bestWaste = waste;
                    bestCount = count;
                }
            }
            res.merge(best.kind(), n.pe() * bestCount, Long::sum);
        }
        return res;
    }

    /** qonnx {@code roundup_to_integer_multiple} for positive x and factor. */
    private static long roundUpToMultiple(long x, long factor) {
        if (x < factor) {
            return factor;
        }
        return x % factor == 0 ? x : x + (factor - x % factor);
    }

    // ------------------------------------------------------------------------------------------------ SWG

    /**
     * Sliding-window generators: {@code ConvolutionInputGenerator} / {@code ConvolutionInputGenerator1D} (HLS, ≤ v0.9),
     * {@code ConvolutionInputGenerator_rtl} (v0.9+), {@code ConvolutionInputGenerator_hls} (v0.10+). HLS: cycles per
     * finn-hlslib variant, line buffers in BRAM/LUTRAM/URAM by ram_style plus 300 LUTs. RTL: a cyclic buffer of the
     * minimum depth the window needs (v0.10+ also the parallel-window style with K_h − 1 line buffers), cascaded
     * RAMB18s, LUTRAM at 38 entries per LUT and bit, plus 300 LUTs.
     *
     * @throws InvalidInputException where FINN's own assertions would fail (kernel larger than the input, SIMD not
     *                               equal to IFMChannels for a parallel window, a v0.9 RTL style that did not exist)
     */
    public static FinnNodeEstimate swg(FinnVersion version, SwgNode n) {
        if (n.impl() == Impl.RTL) {
            if (version == FinnVersion.V0_8 || version == FinnVersion.V0_8_1) {
                throw new InvalidInputException("ConvolutionInputGenerator impl", "rtl",
                        "FINN " + version.label() + " has only the HLS generators (RTL since v0.9)");
            }
            return SwgFormulas.rtl(version, n);
        }
        return SwgFormulas.hls(version, n);
    }

    // ------------------------------------------------------------------------------------------------ FIFO

    /**
     * {@code StreamingFIFO} (≤ v0.9) / {@code StreamingFIFO_rtl} (v0.10+). Cycles: FINN's default 0. The depth is the
     * attribute, rounded up to a power of two for the Vivado FIFO since v0.9. LUTs: 2·ceil(log2 depth) address LUTs,
     * plus ceil(depth/32)·ceil(W/2) for the RTL FIFO or a distributed Vivado FIFO; BRAM (Vivado, block) in RAMB18
     * aspect ratios; URAM (Vivado, ultra) 72 × 4096 tiles.
     */
    public static FinnNodeEstimate fifo(FinnVersion version, FifoNode n) {
        long depth = n.depth();
        boolean roundsDepth = version != FinnVersion.V0_8 && version != FinnVersion.V0_8_1;
        if (roundsDepth && n.implStyle() == FifoNode.ImplStyle.VIVADO) {
            depth = 1L << (64 - Long.numberOfLeadingZeros(depth - 1)); // 1 << (depth - 1).bit_length()
        }
        long w = n.streamWidth();
        boolean rtl = n.implStyle() == FifoNode.ImplStyle.RTL;
        RamStyle style = n.ramStyle();
        long bram = 0;
        if (!rtl && style == RamStyle.BLOCK) {
            if (w == 1) {
                bram = Py.ceilDiv(depth, 16384);
            } else if (w == 2) {
                bram = Py.ceilDiv(depth, 8192);
            } else if (w <= 4) {
                bram = Py.ceilDiv(depth, 4096) * Py.ceilDiv(w, 4);
            } else if (w <= 9) {
                bram = Py.ceilDiv(depth, 2048) * Py.ceilDiv(w, 9);
            } else if (w <= 18 || depth > 512) {
                bram = Py.ceilDiv(depth, 1024) * Py.ceilDiv(w, 18);
            } else {
                bram = Py.ceilDiv(depth, 512) * Py.ceilDiv(w, 36);
            }
        }
        long uram = !rtl && style == RamStyle.ULTRA ? Py.ceilDiv(depth, 4096) * Py.ceilDiv(w, 72) : 0;
        long addressLuts = 2 * (long) Math.ceil(Py.log2(depth));
        long ramLuts = rtl || style == RamStyle.DISTRIBUTED ? Py.ceilDiv(depth, 32) * Py.ceilDiv(w, 2) : 0;
        double bramEff = bram == 0 ? 1 : Py.div(w * depth, bram * 36 * 512);
        return new FinnNodeEstimate(0, addressLuts + ramLuts, Math.toIntExact(bram), Math.toIntExact(uram), 0, bramEff,
                1);
    }

    // ------------------------------------------------------------------------------------------------ DWC

    /**
     * {@code StreamingDataWidthConverter_Batch} (≤ v0.9), {@code StreamingDataWidthConverter_hls} / {@code _rtl}
     * (v0.10+), all versions alike: cycles FINN's default 0; LUTs for the counters (|ceil(log2(in/lcm))| and
     * |ceil(log2(lcm/out))|) and the lcm-wide and output-wide registers.
     */
    public static FinnNodeEstimate dwc(FinnVersion version, DwcNode n) {
        requireImpl(version, n.impl(), "StreamingDataWidthConverter");
        long inw = n.inWidth();
        long outw = n.outWidth();
        long minw = Math.min(inw, outw);
        long maxw = Math.max(inw, outw);
        long intw = Math.abs(maxw * minw) / java.math.BigInteger.valueOf(maxw).gcd(java.math.BigInteger.valueOf(minw))
                .longValueExact();
        long cntLuts = 0;
        long csetLuts = 0;
        if (inw != intw) {
            cntLuts += Math.abs((long) Math.ceil(Py.log2(Py.div(inw, intw))));
            csetLuts += intw;
        }
        if (intw != outw) {
            cntLuts += Math.abs((long) Math.ceil(Py.log2(Py.div(intw, outw))));
            csetLuts += outw;
        }
        return new FinnNodeEstimate(0, cntLuts + csetLuts, 0, 0, 0, 1, 1);
    }

    // ------------------------------------------------------------------------------------------------ others

    /**
     * {@code StreamingMaxPool}, all versions alike. 1-D: ofm·(NumChannels/PE)·(k + 1) with FINN's pooling output size
     * (floor, or ceil with CeilMode); 2-D: ifm²·(1 + 1/k²). No resources.
     */
    public static FinnNodeEstimate streamingMaxPool(FinnVersion version, OtherNodes.StreamingMaxPool n) {
        int[] dk = n.normalizedW();
        int ifm = dk[0];
        int k = dk[1];
        if (n.oneD()) {
            double frac = Py.div(ifm - k, k) + 1;
            long ofm = (long) (n.ceilMode() ? Math.ceil(frac) : Math.floor(frac));
            long nf = Py.trunc(Py.div(n.numChannels(), n.pe()));
            return FinnNodeEstimate.cyclesOnly(ofm * nf * (k + 1));
        }
        return FinnNodeEstimate.cyclesOnly(Py.trunc(((long) ifm * ifm) * (1 + Py.div(1, (long) k * k))));
    }

    /** {@code Pool} (v0.8.1+): (Channels·∏KernelSize/PE)·∏OutImgDims·BatchSize. No resources. */
    public static FinnNodeEstimate pool(FinnVersion version, OtherNodes.Pool n) {
        InvalidInputException.require(version != FinnVersion.V0_8, "Pool_Batch", "v0.8",
                "FINN v0.8's Pool_Batch reads a scalar OutImgDim and fails on OutImgDims; use v0.8.1 or later");
        long kProd = FinnNode.product(n.kernelSize());
        return FinnNodeEstimate.cyclesOnly(Py.trunc(Py.div(n.channels() * kProd, n.pe())
                * (double) FinnNode.product(n.outImgDims()) * n.batchSize()));
    }

    /** {@code LabelSelect}: Labels/PE cycles. No resources. */
    public static FinnNodeEstimate labelSelect(FinnVersion version, OtherNodes.LabelSelect n) {
        return FinnNodeEstimate.cyclesOnly(Py.trunc(Py.div(n.labels(), n.pe())));
    }

    /** {@code GlobalAccPool}: ∏numInputVectors·folds + folds with folds = NumChannels/PE. No resources. */
    public static FinnNodeEstimate globalAccPool(FinnVersion version, OtherNodes.GlobalAccPool n) {
        long folds = n.numChannels() / n.pe();
        return FinnNodeEstimate.cyclesOnly(FinnNode.product(n.numInputVectors()) * folds + folds);
    }

    /** {@code FMPadding} (HLS; RTL since v0.9): (NumChannels/SIMD)·batch·padded H·padded W. No resources. */
    public static FinnNodeEstimate fmPadding(FinnVersion version, OtherNodes.FmPadding n) {
        if (n.impl() == Impl.RTL && (version == FinnVersion.V0_8 || version == FinnVersion.V0_8_1)) {
            throw new InvalidInputException("FMPadding impl", "rtl",
                    "FINN " + version.label() + " has only FMPadding_Batch (FMPadding_rtl since v0.9)");
        }
        List<Integer> pad = n.padding();
        long odimH = n.imgDimH() + pad.get(0) + pad.get(2);
        long odimW = n.imgDimW() + pad.get(1) + pad.get(3);
        return FinnNodeEstimate.cyclesOnly(Py.trunc(Py.div(n.numChannels(), n.simd()) * n.numInputVectors() * odimH
                * odimW));
    }

    /** {@code AddStreams}: ∏numInputVectors·NumChannels/PE. No resources. */
    public static FinnNodeEstimate addStreams(FinnVersion version, OtherNodes.AddStreams n) {
        return FinnNodeEstimate.cyclesOnly(FinnNode.product(n.numInputVectors()) * (n.numChannels() / n.pe()));
    }

    /** {@code DuplicateStreams}: ∏numInputVectors·NumChannels/PE. No resources. */
    public static FinnNodeEstimate duplicateStreams(FinnVersion version, OtherNodes.DuplicateStreams n) {
        return FinnNodeEstimate.cyclesOnly(FinnNode.product(n.numInputVectors()) * (n.numChannels() / n.pe()));
    }

    /**
     * {@code ChannelwiseOp} (HLS): cycles ∏numInputVectors·NumChannels/PE; LUTs A·PE comparators plus the parameter
     * memory in LUTRAM (PE·A·ceil(TMEM/64)) or BRAM (ceil(A·PE/16)·ceil(TMEM/1024)) when deeper than 1 — the
     * Thresholding formulas, with A the input width.
     */
    public static FinnNodeEstimate channelwiseOp(FinnVersion version, OtherNodes.ChannelwiseOp n) {
        long tmem = n.tmem();
        int p = n.pe();
        int a = n.inputType().bitwidth();
        long bram = n.ramStyle() == RamStyle.BLOCK && tmem > 1
                ? Py.ceilDiv((long) a * p, 16) * Py.ceilDiv(tmem, 1024) : 0;
        long lutram = n.ramStyle() == RamStyle.DISTRIBUTED && tmem > 1 ? (long) p * a * Py.ceilDiv(tmem, 64) : 0;
        return new FinnNodeEstimate(FinnNode.product(n.numInputVectors()) * tmem, (long) a * p + lutram,
                Math.toIntExact(bram), 0, 0, 1, 1);
    }

    /** {@code DownSampler}: NumChannels/SIMD·batch·ImgDim² (v0.9+: ImgDim when is1D). No resources. */
    public static FinnNodeEstimate downSampler(FinnVersion version, OtherNodes.DownSampler n) {
        double perImage = Py.div(n.numChannels(), n.simd()) * n.numInputVectors();
        if (version == FinnVersion.V0_8 || version == FinnVersion.V0_8_1) {
            return FinnNodeEstimate.cyclesOnly(Py.trunc(perImage * n.imgDim() * n.imgDim()));
        }
        long total = n.oneD() ? n.imgDim() : (long) n.imgDim() * n.imgDim();
        return FinnNodeEstimate.cyclesOnly(Py.trunc(perImage * total));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void requireImpl(FinnVersion version, Impl impl, String kind) {
        if (impl == Impl.RTL && !version.hasHlsRtlSplit()) {
            throw new InvalidInputException(kind + " impl", "rtl",
                    "FINN " + version.label() + " has only the HLS " + kind + " (RTL variants since v0.10)");
        }
    }
}
