package io.qdse.hwmodels.survey;

import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.AccumulatorSpecs;
import io.qdse.hwmodels.cost.AsicCost;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.quant.Granularity;
import io.qdse.hwmodels.quant.QuantizationResult;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.TensorQuantizer;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.FpgaPart;
import java.util.ArrayList;
import java.util.List;

/**
 * A format at a glance: its quantization error on a weight matrix at its natural scaling, and the cost of one
 * multiply-accumulate in it (weights and activations in the format, its default accumulator) on ASIC nodes and FPGA
 * parts. Pure: the same inputs give the same profile.
 */
public final class FormatSurvey {
    private FormatSurvey() {
    }

    /**
     * @param format      the format
     * @param scaling     how it was scaled, for people ({@code per channel}, {@code per block of 32})
     * @param error       the quantization error of the matrix
     * @param accumulator the MAC's accumulator
     * @param asic        the MAC's cost on each node asked for, in order
     * @param fpga        the MAC's cost on each part asked for, in order (multipliers in DSPs where the part has them)
     */
    public record Profile(NumberFormat format, String scaling, QuantizationResult error, AccumulatorSpec accumulator,
                          List<AsicCost> asic, List<FpgaCost> fpga) {
        public Profile {
            asic = List.copyOf(asic);
            fpga = List.copyOf(fpga);
        }
    }

    /**
     * @param w     a {@code rows × cols} matrix, row-major (rows = output channels, cols = the reduction axis)
     * @param nodes ASIC nodes to cost the MAC on
     * @param parts FPGA parts to cost the MAC on
     * @return the format's profile; the MAC's dot length is {@code cols}
     */
    public static Profile profile(NumberFormat format, double[] w, int rows, int cols, List<AsicTechnology> nodes,
                                  List<FpgaPart> parts) {
        QuantizationResult r = TensorQuantizer.quantize(w, new int[] {rows, cols}, naturalScaling(format));
        AccumulatorSpec acc = defaultAccumulator(format);
        OpSpec op = OpSpec.mac(format, format, acc, cols);
        AsicCostModel asic = AsicCostModel.standard();
        FpgaCostModel fpga = FpgaCostModel.standard();
        List<AsicCost> a = new ArrayList<>();
        for (AsicTechnology n : nodes) {
            a.add(asic.estimate(op, n));
        }
        List<FpgaCost> f = new ArrayList<>();
        for (FpgaPart p : parts) {
            f.add(fpga.estimate(op, p, true));
        }
        String scaling = format instanceof BlockFormat b ? "per block of " + b.blockSize() : "per channel";
        return new Profile(format, scaling, r, acc, a, f);
    }

    /** @return a block format's own blocks; per output channel (axis 0) for a scalar format */
    public static QuantizationSpec naturalScaling(NumberFormat format) {
        QuantizationSpec qs = QuantizationSpec.of(format);
        return format instanceof BlockFormat ? qs : qs.withGranularity(Granularity.PER_CHANNEL, 0, 1);
    }

    /** @return the accumulator every command defaults to ({@link AccumulatorSpecs#defaultFor}): int32 or fp32 */
    public static AccumulatorSpec defaultAccumulator(NumberFormat format) {
        return AccumulatorSpecs.defaultFor(format, format);
    }
}
