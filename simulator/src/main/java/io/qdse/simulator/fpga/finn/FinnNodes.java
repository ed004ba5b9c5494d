package io.qdse.simulator.fpga.finn;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.fpga.finn.FinnNode.Impl;
import io.qdse.simulator.fpga.finn.FinnNode.MemMode;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;
import io.qdse.simulator.fpga.finn.FinnNode.ResType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link FinnNode}s from a FINN node's op type and ONNX attributes (as in an intermediate model, or a
 * {@code folding_config.json} entry merged over them), with FINN's own default for every attribute left out — the
 * default of the given version, since they changed (e.g. MVAU {@code resType} {@code lut} → {@code auto}, memory
 * mode {@code const} → {@code internal_decoupled} in v0.10).
 *
 * <p>Attribute values may be numbers, strings, lists, or the text of a list ({@code "[1,32,32]"}), so CSV and JSON
 * sources read alike.
 */
public final class FinnNodes {
    private FinnNodes() {
    }

    /**
     * The node kind FINN's op type names, or empty for an op type without an estimate here.
     *
     * @param opType e.g. {@code MVAU_rtl}, {@code MatrixVectorActivation}, {@code Thresholding_Batch}
     */
    public static Optional<String> kind(String opType) {
        String base = baseName(opType);
        switch (base) {
            case "MVAU":
            case "MatrixVectorActivation":
                return Optional.of("MVAU");
            case "VVAU":
            case "VectorVectorActivation":
                return Optional.of("VVAU");
            case "Thresholding":
            case "Thresholding_Batch":
                return Optional.of("Thresholding");
            case "ConvolutionInputGenerator":
            case "ConvolutionInputGenerator1D":
                return Optional.of("SWG");
            case "StreamingFIFO":
                return Optional.of("FIFO");
            case "StreamingDataWidthConverter":
            case "StreamingDataWidthConverter_Batch":
                return Optional.of("DWC");
            case "StreamingMaxPool":
            case "StreamingMaxPool_Batch":
                return Optional.of("StreamingMaxPool");
            case "Pool":
            case "Pool_Batch":
                return Optional.of("Pool");
            case "LabelSelect":
            case "LabelSelect_Batch":
                return Optional.of("LabelSelect");
            case "GlobalAccPool":
            case "GlobalAccPool_Batch":
                return Optional.of("GlobalAccPool");
            case "FMPadding":
            case "FMPadding_Batch":
                return Optional.of("FMPadding");
            case "AddStreams":
            case "AddStreams_Batch":
                return Optional.of("AddStreams");
            case "DuplicateStreams":
            case "DuplicateStreams_Batch":
                return Optional.of("DuplicateStreams");
            case "ChannelwiseOp":
            case "ChannelwiseOp_Batch":
                return Optional.of("ChannelwiseOp");
            case "DownSampler":
                return Optional.of("DownSampler");
            default:
                return Optional.empty();
        }
    }

    /**
     * A node from FINN attributes.
     *
     * @param version  the FINN version whose attribute defaults apply
     * @param opType   FINN's op type ({@code MVAU_hls}, {@code MVAU_rtl}, {@code MatrixVectorActivation}, …)
     * @param attrs    attribute name → value, FINN's names
     * @param fpgaPart the part FINN is given (read by RTL DSP estimates only); may be empty
     * @throws InvalidInputException for an op type not covered, a missing required attribute or a bad value
     */
    public static FinnNode fromAttributes(FinnVersion version, String opType, Map<String, ?> attrs, String fpgaPart) {
        String kind = kind(opType).orElseThrow(() -> new InvalidInputException("op_type", opType,
                "a FINN node with an estimate here: MVAU, VVAU, Thresholding, ConvolutionInputGenerator, "
                        + "StreamingFIFO, StreamingDataWidthConverter, StreamingMaxPool, Pool, LabelSelect, "
                        + "GlobalAccPool, FMPadding, AddStreams, DuplicateStreams, ChannelwiseOp, DownSampler "
                        + "(with _hls/_rtl, or _Batch before v0.10)"));
        Impl impl = opType.endsWith("_rtl") ? Impl.RTL : Impl.HLS;
        Attrs a = new Attrs(opType, attrs);
        boolean current = version.hasHlsRtlSplit();
        switch (kind) {
            case "MVAU":
                return new MvauNode(impl, a.integer("MW"), a.integer("MH"), a.integer("PE"), a.integer("SIMD"),
                        a.type("inputDataType"), a.type("weightDataType"), a.type("outputDataType"),
                        a.typeOr("accDataType", "INT32"), a.integerOr("noActivation", 0) != 0,
                        a.listOr("numInputVectors", List.of(1)),
                        MemMode.parse(a.stringOr("mem_mode", current ? "internal_decoupled" : "const")),
                        RamStyle.parse("ram_style", a.stringOr("ram_style", "auto")),
                        RamStyle.parse("ram_style_thresholds", a.stringOr("ram_style_thresholds", "auto")),
                        ResType.parse(a.stringOr("resType", current ? "auto" : "lut")), fpgaPart);
            case "VVAU": {
                List<Integer> k = a.list("Kernel");
                List<Integer> dim = a.list("Dim");
                InvalidInputException.require(k.size() == 2, opType + ".Kernel", k, "two entries [kH, kW]");
                InvalidInputException.require(dim.size() == 2, opType + ".Dim", dim, "two entries [H, W]");
                return new VvauNode(impl, a.integer("Channels"), k.get(0), k.get(1), dim.get(0), dim.get(1),
                        a.integer("PE"), a.integerOr("SIMD", 1), a.type("inputDataType"), a.type("weightDataType"),
                        a.type("outputDataType"), a.typeOr("accDataType", "INT32"),
                        a.integerOr("noActivation", 0) != 0,
                        MemMode.parse(a.stringOr("mem_mode", current ? "internal_decoupled" : "const")),
                        RamStyle.parse("ram_style", a.stringOr("ram_style", "auto")),
                        ResType.parse(a.stringOr("resType", "auto")));
            }
            case "SWG": {
                List<Integer> ifm = pair(a, "IFMDim", null);
                List<Integer> ofm = pair(a, "OFMDim", null);
                List<Integer> k = pair(a, "ConvKernelDim", null);
                List<Integer> stride = pair(a, "Stride", List.of(1, 1));
                List<Integer> dilation = pair(a, "Dilation", List.of(1, 1));
                boolean oneD = opType.equals("ConvolutionInputGenerator1D")
                        || (current && impl == Impl.HLS && a.integerOr("is1D", 0) != 0);
                String ramDefault = impl == Impl.RTL && !current ? "auto" : "distributed";
                return new SwgNode(impl, a.integer("IFMChannels"), ifm.get(0), ifm.get(1), ofm.get(0), ofm.get(1),
                        k.get(0), k.get(1), stride.get(0), stride.get(1), dilation.get(0), dilation.get(1),
                        a.integer("SIMD"), a.type("inputDataType"), a.integerOr("depthwise", 0) != 0,
                        RamStyle.parse("ram_style", a.stringOr("ram_style", ramDefault)),
                        a.integerOr("parallel_window", 0) != 0, oneD, a.integerOr("M", 1));
            }
            case "FIFO":
                return new FifoNode(a.integer("depth"), a.list("folded_shape"), a.type("dataType"),
                        FifoNode.ImplStyle.parse(a.stringOr("impl_style", "rtl")),
                        RamStyle.parse("ram_style", a.stringOr("ram_style", "auto")));
            case "DWC":
                return new DwcNode(impl, a.list("shape"), a.integer("inWidth"), a.integer("outWidth"),
                        a.type("dataType"));
            case "StreamingMaxPool": {
                List<Integer> img = pair(a, "ImgDim", null);
                List<Integer> pool = pair(a, "PoolDim", null);
                return new OtherNodes.StreamingMaxPool(img.get(0), img.get(1), pool.get(0), pool.get(1),
                        a.integer("NumChannels"), a.integerOr("PE", 0), a.integerOr("CeilMode", 0) != 0);
            }
            case "Pool":
                return new OtherNodes.Pool(a.integer("Channels"), a.integerOr("PE", 1), a.list("KernelSize"),
                        a.list("OutImgDims"), a.integerOr("BatchSize", 1));
            case "LabelSelect":
                return new OtherNodes.LabelSelect(a.integer("Labels"), a.integer("PE"));
            case "GlobalAccPool":
                return new OtherNodes.GlobalAccPool(a.integer("NumChannels"), a.integer("PE"),
                        a.listOr("numInputVectors", List.of(1)));
            case "FMPadding": {
                List<Integer> img = pair(a, "ImgDim", null);
                return new OtherNodes.FmPadding(impl, img.get(0), img.get(1), a.listOr("Padding", List.of(1, 1, 1, 1)),
                        a.integer("NumChannels"), a.integerOr("SIMD", 1), a.integerOr("numInputVectors", 1));
            }
            case "AddStreams":
                return new OtherNodes.AddStreams(a.integer("NumChannels"), a.integer("PE"),
                        a.listOr("numInputVectors", List.of(1)));
            case "DuplicateStreams":
                return new OtherNodes.DuplicateStreams(a.integer("NumChannels"), a.integer("PE"),
                        a.listOr("numInputVectors", List.of(1)));
            case "ChannelwiseOp":
                return new OtherNodes.ChannelwiseOp(a.integer("NumChannels"), a.integer("PE"),
                        a.listOr("numInputVectors", List.of(1)), a.type("inputDataType"),
                        RamStyle.parse("ram_style", a.stringOr("ram_style", "distributed")));
            case "DownSampler":
                return new OtherNodes.DownSampler(a.integer("ImgDim"), a.integer("NumChannels"),
                        a.integerOr("SIMD", 1), a.integerOr("numInputVectors", 1), a.integerOr("is1D", 0) != 0);
            default:
                return new ThresholdingNode(impl, a.integer("NumChannels"), a.integer("PE"), a.integerOr("numSteps", 1),
                        a.type("inputDataType"), a.type("weightDataType"), a.type("outputDataType"),
                        a.listOr("numInputVectors", List.of(1)),
                        MemMode.parse(a.stringOr("mem_mode", current ? "internal_decoupled" : "const")),
                        RamStyle.parse("ram_style", a.stringOr("ram_style", "distributed")),
                        a.integerOr("depth_trigger_uram", 0), a.integerOr("depth_trigger_bram", 0),
                        a.integerOr("uniform_thres", 0) != 0);
        }
    }

    private static List<Integer> pair(Attrs a, String name, List<Integer> dflt) {
        List<Integer> v = dflt == null ? a.list(name) : a.listOr(name, dflt);
        InvalidInputException.require(v.size() == 2, a.node + "." + name, v, "two entries [H, W]");
        return v;
    }

    private static String baseName(String opType) {
        String t = opType == null ? "" : opType.trim();
        if (t.endsWith("_hls") || t.endsWith("_rtl")) {
            return t.substring(0, t.length() - 4);
        }
        return t;
    }

    /** Lenient typed access to an attribute map, naming the node and attribute in every error. */
    static final class Attrs {
        private final String node;
        private final Map<String, ?> values;

        Attrs(String node, Map<String, ?> values) {
            this.node = node;
            this.values = values == null ? Map.of() : values;
        }

        /** @return the value, or null when absent or an empty string (an attribute a version did not set) */
        Object raw(String name) {
            Object v = values.get(name);
            if (v instanceof String s && s.isBlank()) {
                return null;
            }
            return v;
        }

        int integer(String name) {
            Object v = raw(name);
            InvalidInputException.require(v != null, node + "." + name, null, "required");
            return toInt(name, v);
        }

        int integerOr(String name, int dflt) {
            Object v = raw(name);
            return v == null ? dflt : toInt(name, v);
        }

        String stringOr(String name, String dflt) {
            Object v = raw(name);
            return v == null ? dflt : v.toString().trim();
        }

        FinnDataType type(String name) {
            Object v = raw(name);
            InvalidInputException.require(v != null, node + "." + name, null, "required (a QONNX data type)");
            return FinnDataType.parse(v.toString());
        }

        FinnDataType typeOr(String name, String dflt) {
            return FinnDataType.parse(stringOr(name, dflt));
        }

        List<Integer> list(String name) {
            Object v = raw(name);
            InvalidInputException.require(v != null, node + "." + name, null, "required (a list of integers)");
            return toList(name, v);
        }

        List<Integer> listOr(String name, List<Integer> dflt) {
            Object v = raw(name);
            return v == null ? dflt : toList(name, v);
        }

        private int toInt(String name, Object v) {
            if (v instanceof Number num) {
                double d = num.doubleValue();
                InvalidInputException.require(d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE,
                        node + "." + name, v, "an integer");
                return (int) d;
            }
            try {
                return Integer.parseInt(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(node + "." + name, v, "an integer");
            }
        }

        private List<Integer> toList(String name, Object v) {
            List<Integer> out = new ArrayList<>();
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    out.add(toInt(name, o));
                }
                return out;
            }
            if (v instanceof Number) {
                return List.of(toInt(name, v));
            }
            String s = v.toString().trim();
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(toInt(name, part.trim()));
                }
            }
            InvalidInputException.require(!out.isEmpty(), node + "." + name, v, "a non-empty list of integers");
            return out;
        }
    }
}
