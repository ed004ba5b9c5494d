package io.qdse.simulator.fpga;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.fpga.finn.FinnEstimates;
import io.qdse.simulator.fpga.finn.FinnNodeEstimate;
import io.qdse.simulator.fpga.finn.FinnVersion;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dataflow design counted as FINN counts it ({@code qdse fpga estimate --compat finn}): each compute layer becomes
 * the FINN node FINN would make of it — a matrix-vector unit ({@code MVAU_hls}/{@code MVAU_rtl}, before v0.10
 * {@code MatrixVectorActivation}) or, for a depthwise convolution, a vector-vector unit — with the layer's fold and
 * data types as node attributes, and {@link FinnEstimates} (FINN's own formulas, per release) gives its cycles and
 * LUT/BRAM18/URAM/DSP.
 *
 * <p>Attributes: {@code MW}, {@code MH} (VVAU: {@code Channels}, {@code Kernel}, {@code Dim}), {@code PE},
 * {@code SIMD} from the design; {@code inputDataType}/{@code weightDataType} from the layer's integer formats
 * ({@code INTn}/{@code UINTn}; FINN has no minifloats); thresholds ({@code noActivation = 0}, {@code outputDataType})
 * when the layer has an output width (a layer list's {@code out_bits}, an {@code out=} format), else
 * {@code noActivation = 1} with the accumulator as output; {@code numInputVectors} = [1, H, W] of the output feature
 * map (linear layers: [rows]); {@code accDataType} the smallest integer type holding MW products at the data types'
 * bounds (FINN's {@code minimize_accumulator_width} uses the trained weights when it has them, which can be
 * narrower); {@code mem_mode}, {@code ram_style}, {@code resType} and any other attribute from the folding file's
 * node, else FINN's defaults for that release.
 */
public final class FinnCompat {
    private FinnCompat() {
    }

    /**
     * One layer as a FINN node.
     *
     * @param layer    the layer's name
     * @param opType   the FINN op type estimated (e.g. {@code MVAU_hls})
     * @param node     the node name from the folding file, or a generated one ({@code MVAU_hls_3})
     * @param attrs    the attributes given to FINN's formulas
     * @param estimate FINN's estimate
     */
    public record Row(String layer, String opType, String node, Map<String, Object> attrs,
                      FinnNodeEstimate estimate) {
    }

    /**
     * @param perLayer   each layer's formats (missing: the design's)
     * @param withOut    layers whose output width sizes thresholds
     * @param nodeNames  layer → FINN node name from a folding file (may be empty)
     * @param nodeAttrs  layer → the folding file's other attributes for it
     * @param resType    FINN's resType when the folding file does not give one (null: the release's default)
     */
    public static List<Row> estimate(FinnVersion version, Workload w, FpgaDataflow d,
                                     Map<String, LayerFormats> perLayer, Set<String> withOut,
                                     Map<String, String> nodeNames, Map<String, Map<String, String>> nodeAttrs,
                                     String resType) {
        List<Row> rows = new ArrayList<>();
        int mvau = 0;
        int vvau = 0;
        for (Layer l : w.computeLayers()) {
            LayerOp op = l.ops().get(0);
            FpgaDataflow.Shape s = FpgaDataflow.shape(op, d.frames());
            FpgaDataflow.Fold f = d.fold(l.name());
            LayerFormats lf = perLayer.getOrDefault(l.name(), d.formats());
            if (s.passes() > 1) {
                throw new InvalidInputException(l.name(), "groups=" + s.passes(), "a dense or depthwise layer: "
                        + "FINN has no unit for grouped convolutions");
            }
            String given = nodeNames.get(l.name());
            boolean rtl = given != null && given.contains("_rtl");
            String kind = s.vvau() ? "VVAU" : "MVAU";
            if (rtl && !version.hasHlsRtlSplit()) {
                throw new InvalidInputException("--folding " + given, version.label(), "a FINN release with RTL "
                        + kind + " nodes (v0.10 and later: --finn-version current); " + version.label() + " has "
                        + "only the HLS " + (s.vvau() ? "VectorVectorActivation" : "MatrixVectorActivation"));
            }
            String opType = version.hasHlsRtlSplit() ? kind + (rtl ? "_rtl" : "_hls")
                    : s.vvau() ? "VectorVectorActivation" : "MatrixVectorActivation";
            String node = given != null ? given : opType + "_" + (s.vvau() ? vvau : mvau);
            if (s.vvau()) {
                vvau++;
            } else {
                mvau++;
            }
            String in = finnType(lf.activation(), l.name() + " activation");
            String wt = finnType(lf.weight(), l.name() + " weight");
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("PE", f.pe());
            a.put("SIMD", f.simd());
            a.put("inputDataType", in);
            a.put("weightDataType", wt);
            String acc = accType((IntFormat) lf.weight(), (IntFormat) lf.activation(), s.mw());
            a.put("accDataType", acc);
            // an output width the engine reads as the accumulators themselves (as wide as the accumulator, or 32
            // bits: qdse fpga search's formats.csv gives the last unit that) has no thresholds
            boolean thresholds = withOut.contains(l.name()) && io.qdse.simulator.engine.FpgaDataflowEngine
                    .thresholdCount(lf, io.qdse.simulator.engine.FpgaDataflowEngine.accumulatorBits(s, lf)) > 0;
            a.put("noActivation", thresholds ? 0 : 1);
            a.put("outputDataType", thresholds ? finnType(lf.output(), l.name() + " output") : acc);
            List<Integer> vectors = vectors(op, s);
            if (s.vvau()) {
                a.put("Channels", Math.toIntExact(s.mh()));
                a.put("Kernel", List.of(op.conv().kernelH(), op.conv().kernelW()));
                a.put("Dim", List.of(op.conv().outH(), op.conv().outW()));
            } else {
                a.put("MW", Math.toIntExact(s.mw()));
                a.put("MH", Math.toIntExact(s.mh()));
                a.put("numInputVectors", vectors);
            }
            if (resType != null) {
                a.put("resType", resType);
            }
            Map<String, String> extra = nodeAttrs.getOrDefault(l.name(), Map.of());
            for (Map.Entry<String, String> e : extra.entrySet()) {
                if (!e.getKey().equals("inFIFODepths") && !e.getKey().equals("outFIFODepths")) {
                    a.put(e.getKey(), e.getValue());
                }
            }
            FinnNodeEstimate est = FinnEstimates.estimate(version, opType, a, d.part().name());
            rows.add(new Row(l.name(), opType, node, a, est));
        }
        return rows;
    }

    private static List<Integer> vectors(LayerOp op, FpgaDataflow.Shape s) {
        if (op.conv() != null) {
            return List.of(1, op.conv().outH(), op.conv().outW());
        }
        return List.of(Math.toIntExact(s.vectors()));
    }

    /** @return FINN's name of an integer format: INTn, UINTn, BIPOLAR for a 1-bit signed one */
    static String finnType(NumberFormat f, String what) {
        if (!(f instanceof IntFormat i) || i.fractionBits() != 0) {
            throw new InvalidInputException(what + " format", f.name(), "an integer format (int2..int32, uint..): "
                    + "FINN's estimates cover integer data types only");
        }
        if (i.signed() && i.bits() == 1) {
            return "BIPOLAR";
        }
        return (i.signed() ? "INT" : "UINT") + i.bits();
    }

    /** The smallest FINN integer type holding {@code mw} products at the two types' bounds. */
    static String accType(IntFormat w, IntFormat a, long mw) {
        double[] wr = range(w);
        double[] ar = range(a);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double x : wr) {
            for (double y : ar) {
                lo = Math.min(lo, x * y);
                hi = Math.max(hi, x * y);
            }
        }
        lo *= mw;
        hi *= mw;
        if (lo >= 0) {
            int b = 1;
            while (Math.pow(2, b) - 1 < hi) {
                b++;
            }
            return "UINT" + b;
        }
        int b = 2;
        while (-Math.pow(2, b - 1) > lo || Math.pow(2, b - 1) - 1 < hi) {
            b++;
        }
        return "INT" + b;
    }

    private static double[] range(IntFormat f) {
        if (f.signed() && f.bits() == 1) {
            return new double[] {-1, 1};
        }
        return f.signed() ? new double[] {-Math.pow(2, f.bits() - 1), Math.pow(2, f.bits() - 1) - 1}
                : new double[] {0, Math.pow(2, f.bits()) - 1};
    }
}
