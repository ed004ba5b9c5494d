package io.qdse.simulator.fpga.finn;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.simulator.fpga.finn.FinnNode.Impl;
import java.util.List;
import java.util.Objects;

/**
 * A stream data-width converter ({@code StreamingDataWidthConverter_Batch} before v0.10,
 * {@code StreamingDataWidthConverter_hls} / {@code _rtl} since). FINN estimates only its LUTs (from the two widths and
 * their least common multiple); cycles are left at FINN's default 0.
 *
 * @param impl     HLS or RTL (RTL since v0.10)
 * @param shape    {@code shape} (the normal tensor shape)
 * @param inWidth  {@code inWidth} in bits
 * @param outWidth {@code outWidth} in bits
 * @param dataType {@code dataType}
 */
public record DwcNode(Impl impl, List<Integer> shape, int inWidth, int outWidth, FinnDataType dataType)
        implements FinnNode {

    public DwcNode {
        Objects.requireNonNull(impl, "impl");
        shape = FinnNode.positiveList("shape", shape);
        require(inWidth >= 1, "inWidth", inWidth, "must be >= 1");
        require(outWidth >= 1, "outWidth", outWidth, "must be >= 1");
        require(dataType != null, "dataType", null, "a data type");
    }
}
