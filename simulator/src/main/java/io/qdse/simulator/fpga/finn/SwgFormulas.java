package io.qdse.simulator.fpga.finn;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;

/**
 * FINN's sliding-window-generator estimates ({@link FinnEstimates#swg}): the HLS 2-D and 1-D generators and the RTL
 * generator, each with FINN's float arithmetic in FINN's order.
 */
final class SwgFormulas {
    private SwgFormulas() {
    }

    /** The finn-hlslib 1-D function FINN picks ({@code get_swu_variant}). */
    private enum Variant1d { PARALLEL, PLAIN, DWS, DWS_STRIDE, DWS_NAIVE }

    /** 1-D attributes with the spatial axis moved to W ({@code get_1d_conv_attrs_normalized}). */
    private record Norm(int ifmW, int ofmW, int kW, int strideW, int dilationW) {
        static Norm of(SwgNode n) {
            if (n.ifmDimW() == 1) {
                return new Norm(n.ifmDimH(), n.ofmDimH(), n.kernelH(), n.strideH(), n.dilationH());
            }
            return new Norm(n.ifmDimW(), n.ofmDimW(), n.kernelW(), n.strideW(), n.dilationW());
        }
    }

    private static boolean isRamAutoOrBlock(RamStyle r) {
        return r == RamStyle.BLOCK || r == RamStyle.AUTO;
    }

    /** FINN's RAMB18 aspect ratio for a buffer of the given depth. */
    private static int ramWidth(double depth) {
        if (depth <= 512) {
            return 36;
        } else if (depth <= 1024) {
            return 18;
        } else if (depth <= 2048) {
            return 9;
        } else if (depth <= 4096) {
            return 4;
        } else if (depth <= 8192) {
            return 2;
        }
        return 1;
    }

    // ------------------------------------------------------------------------------------------------ HLS

    /**
     * HLS generators. Before v0.10 the class decides 1-D or 2-D; since v0.10 the {@code is1D} attribute. The only
     * formula difference between the eras: since v0.10 the 1-D parallel-window variant's LUTs are counted only with
     * ram_style distributed (an {@code else: ram_luts = 0} overwrites them).
     */
    static FinnNodeEstimate hls(FinnVersion version, SwgNode n) {
        int bits = n.inputType().bitwidth();
        if (!n.oneD()) {
            return hls2d(n, bits);
        }
        Norm x = Norm.of(n);
        long ch = n.ifmChannels();
        int simd = n.simd();
        Variant1d v = variant1d(n);
        double cycles;
        switch (v) {
            case PARALLEL:
                cycles = x.kW() + x.ofmW();
                break;
            case PLAIN:
                cycles = 1 + Py.div((long) x.ofmW() * x.kW() * ch, simd);
                break;
            case DWS:
            case DWS_STRIDE:
                cycles = 1 + Py.div((long) x.ofmW() * x.kW() * ch, simd) + Py.div(ch, simd) * (x.kW() - 1)
                        - (x.kW() - 1);
                break;
            default:
                cycles = Py.div((long) x.ifmW() * ch, simd) + Py.div((long) x.ofmW() * x.kW() * ch, simd);
                break;
        }
        long bram = 0;
        if (v != Variant1d.PARALLEL && isRamAutoOrBlock(n.ramStyle())) {
            double depth = Py.div(bufferEntries1d(v, x, ch), simd);
            bram = Py.ceilDiv((long) simd * bits, ramWidth(depth)) * Py.ceilDiv(depth, 18432);
        }
        long ramLuts = 0;
        boolean distributed = n.ramStyle() == RamStyle.DISTRIBUTED;
        if (v == Variant1d.PARALLEL && (distributed || !version.hasHlsRtlSplit())) {
            ramLuts = Py.ceilDiv((long) simd * bits * (x.kW() + 1), 64);
        } else if (v != Variant1d.PARALLEL && distributed) {
            ramLuts = Py.ceilDiv(bits * bufferEntries1d(v, x, ch), 64);
        }
        long uram = 0;
        if (v != Variant1d.PARALLEL && n.ramStyle() == RamStyle.ULTRA) {
            double depth = Py.div(bufferEntries1d(v, x, ch), simd);
            uram = Py.ceilDiv((long) simd * bits, 72) * Py.ceilDiv(depth, 4096);
        }
        return new FinnNodeEstimate(Py.trunc(cycles), 300 + ramLuts, Math.toIntExact(bram), Math.toIntExact(uram),
                0, 1, 1);
    }

    /** Buffered elements of a 1-D variant (times SIMD lanes): (k − 1)·C, the whole row ifm·C (naive), or k·C. */
    private static long bufferEntries1d(Variant1d v, Norm x, long ch) {
        if (v == Variant1d.PLAIN) {
            return (x.kW() - 1) * ch;
        }
        return v == Variant1d.DWS_NAIVE ? x.ifmW() * ch : x.kW() * ch;
    }

    private static Variant1d variant1d(SwgNode n) {
        boolean parallel = n.parallelWindow() && n.simd() == n.ifmChannels() && !n.depthwise()
                && n.strideH() == 1 && n.strideW() == 1 && n.dilationH() == 1 && n.dilationW() == 1
                && (n.ramStyle() == RamStyle.AUTO || n.ramStyle() == RamStyle.DISTRIBUTED);
        if (parallel) {
            return Variant1d.PARALLEL;
        }
        if (!n.depthwise()) {
            return Variant1d.PLAIN;
        }
        long stride = (long) n.strideH() * n.strideW();
        boolean dilated = (long) n.dilationH() * n.dilationW() > 1;
        if ((stride > 1 && stride != 2) || dilated) {
            return Variant1d.DWS_NAIVE;
        }
        return stride == 2 ? Variant1d.DWS_STRIDE : Variant1d.DWS;
    }

    /** The square 2-D HLS generator (its resources read only IFMDim[0], ConvKernelDim[0], Stride[0]). */
    private static FinnNodeEstimate hls2d(SwgNode n, int bits) {
        double channelFold = Py.div(n.ifmChannels(), n.simd());
        double writeBlock = ((long) n.ofmDimW() * n.kernelW() * n.kernelH()) * channelFold / 1;
        double readBlock = ((long) n.strideW() * n.ifmDimW()) * channelFold;
        double maxBlock = readBlock > writeBlock ? readBlock : writeBlock;
        double cycles = ((long) n.ifmDimW() * n.kernelH() * n.dilationH()) * channelFold + n.ofmDimH() * maxBlock;
        long ifmDim = n.ifmDimH();
        long ch = n.ifmChannels();
        int simd = n.simd();
        long kPlusStride = (long) n.kernelH() + n.strideH();
        long bram = 0;
        if (isRamAutoOrBlock(n.ramStyle())) {
            double ramDepth = Py.div(ifmDim * ch, simd);
            long depthMul = (long) Math.ceil(Py.div(ifmDim * ch, simd) / ramDepth);
            bram = kPlusStride * (Py.ceilDiv((long) simd * bits, ramWidth(ramDepth)) * depthMul);
        }
        long ramLuts = 0;
        if (n.ramStyle() == RamStyle.DISTRIBUTED) {
            ramLuts = kPlusStride * ((long) simd * bits * Py.ceilDiv(Py.div(ifmDim * ch, simd), 64));
        }
        long uram = 0;
        if (n.ramStyle() == RamStyle.ULTRA) {
            uram = kPlusStride * (Py.ceilDiv((long) simd * bits, 64) * Py.ceilDiv(Py.div(ifmDim * ch, simd), 4096));
        }
        return new FinnNodeEstimate(Py.trunc(cycles), 300 + ramLuts, Math.toIntExact(bram), Math.toIntExact(uram),
                0, 1, 1);
    }

    // ------------------------------------------------------------------------------------------------ RTL

    private enum Style { DEFAULT, PARALLEL }

    /** {@code select_impl_style}, with FINN's assertions as errors naming the attribute. */
    private static Style implStyle(FinnVersion version, SwgNode n) {
        int kernelWidth = (n.kernelW() - 1) * n.dilationW() + 1;
        int kernelHeight = (n.kernelH() - 1) * n.dilationH() + 1;
        InvalidInputException.require(kernelHeight <= n.ifmDimH() && kernelWidth <= n.ifmDimW()
                && n.strideH() <= n.ifmDimH() && n.strideW() <= n.ifmDimW(), "ConvKernelDim",
                n.kernelH() + "x" + n.kernelW(), "kernel (with dilation) and stride must fit IFMDim "
                        + n.ifmDimH() + "x" + n.ifmDimW());
        boolean v09 = !version.hasHlsRtlSplit();
        if (v09) {
            InvalidInputException.require(!n.parallelWindow(), "parallel_window", 1,
                    "0 (FINN v0.9's RTL generator has no parallel window)");
        }
        long mmvOut = n.parallelWindow() ? (long) n.m() * n.kernelH() * n.kernelW() : 1;
        if (mmvOut > 1 || (n.kernelH() == 1 && n.kernelW() == 1)) {
            InvalidInputException.require(!v09, "ConvKernelDim", n.kernelH() + "x" + n.kernelW(),
                    "more than 1x1 (FINN v0.9's RTL generator has only its default style)");
            if (!(n.depthwise() || (n.kernelH() == 1 && n.kernelW() == 1))) {
                InvalidInputException.require(n.simd() == n.ifmChannels(), "SIMD", n.simd(),
                        "must equal IFMChannels = " + n.ifmChannels() + " for the parallel window");
            }
            return Style.PARALLEL;
        }
        return Style.DEFAULT;
    }

    private static long bufferDepth(Style style, SwgNode n) {
        long cf = n.ifmChannels() / n.simd();
        long w = n.ifmDimW();
        if (style == Style.PARALLEL) {
            return ((long) (n.kernelH() - 1) * n.dilationH() * w + (long) (n.kernelW() - 1) * n.dilationW()) * cf + 1
                    + 1;
        }
        long kk = (long) n.kernelH() * n.kernelW();
        long minSize = ((long) (n.kernelH() - 1) * n.dilationH() * w + (long) (n.kernelW() - 1) * n.dilationW() + 1)
                * cf;
        return minSize + Math.max(0, ((n.strideW() - 1) - kk) * cf) + Math.max(0, ((n.strideH() - 1) * w - kk) * cf);
    }

    /** RTL generator (v0.9: default style only; v0.10+: also the parallel window with its line buffers). */
    static FinnNodeEstimate rtl(FinnVersion version, SwgNode n) {
        Style style = implStyle(version, n);
        long cf = n.ifmChannels() / n.simd();
        long cycles;
        if (style == Style.PARALLEL) {
            cycles = (long) n.ifmDimH() * n.ifmDimW() * cf + 2;
        } else if (n.oneDimensionalInput()) {
            Norm x = Norm.of(n);
            cycles = n.depthwise()
                    ? (long) x.ofmW() * x.kW() * cf + cf * (x.kW() - 1) * (x.strideW() - 1) - (x.kW() - 1) + 2
                    : (long) x.ofmW() * x.kW() * cf + 2;
        } else {
            long minSize = ((long) (n.kernelH() - 1) * n.dilationH() * n.ifmDimW()
                    + (long) (n.kernelW() - 1) * n.dilationW() + 1) * cf;
            long writeBlock = (long) n.ofmDimW() * n.kernelW() * n.kernelH() * cf;
            long readBlock = (long) n.strideW() * n.ifmDimW() * cf;
            long maxBlock = Math.max(writeBlock, readBlock);
            if (n.depthwise()) {
                maxBlock += (long) n.ofmDimW() * (n.strideW() - 1) * (cf - 1);
            }
            cycles = minSize + n.ofmDimH() * maxBlock;
            if (n.depthwise()) {
                cycles += (long) (n.strideH() - 1) * n.ifmDimW() * cf;
            }
        }
        long bufferWidth = (long) n.simd() * n.inputType().bitwidth();
        long depth = bufferDepth(style, n);
        long count = 1;
        boolean noLineBuffers = false;
        if (style == Style.PARALLEL) {
            noLineBuffers = n.oneDimensionalInput();
            int kernelWidth = (n.kernelW() - 1) * n.dilationW() + 1;
            depth = (n.ifmDimW() - kernelWidth) + (long) n.ifmDimW() * (n.dilationH() - 1);
            count = n.kernelH() - 1;
        }
        long bram = 0;
        if (isRamAutoOrBlock(n.ramStyle()) && !noLineBuffers) {
            long cascadeDepth = Py.ceilDiv(depth, 16384);
            long cascadeWidth = Py.ceilDiv(bufferWidth, ramWidth(depth));
            long savings = 0;
            if (depth > 16384) {
                savings = cascadeWidth - Py.ceilDiv(bufferWidth, ramWidth(depth % 16384));
            }
            bram = (cascadeDepth * cascadeWidth - savings) * count;
        }
        long ramLuts = 0;
        if (n.ramStyle() == RamStyle.DISTRIBUTED) {
            ramLuts = bufferWidth * Py.ceilDiv(bufferDepth(style, n), 38);
        }
        long uram = 0;
        if (n.ramStyle() == RamStyle.ULTRA && !noLineBuffers) {
            uram = Py.ceilDiv(depth, 4096) * Py.ceilDiv(bufferWidth, 72) * count;
        }
        return new FinnNodeEstimate(cycles, 300 + ramLuts, Math.toIntExact(bram), Math.toIntExact(uram), 0, 1, 1);
    }
}
