package io.qdse.simulator.fpga.finn;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.fpga.finn.FinnNode.RamStyle;
import java.util.List;
import java.util.Locale;

/**
 * A stream FIFO between two nodes ({@code StreamingFIFO} before v0.10, {@code StreamingFIFO_rtl} since).
 *
 * @param depth       {@code depth} (entries)
 * @param foldedShape {@code folded_shape}; its last entry times the data type's width is the stream width
 * @param dataType    {@code dataType}
 * @param implStyle   {@code impl_style}: FINN's own RTL shift-register FIFO or Vivado's AXI-Stream FIFO IP
 * @param ramStyle    {@code ram_style} (read for {@code vivado} only)
 */
public record FifoNode(int depth, List<Integer> foldedShape, FinnDataType dataType, ImplStyle implStyle,
                       RamStyle ramStyle) implements FinnNode {

    /** {@code impl_style}. */
    public enum ImplStyle {
        /** FINN's RTL FIFO (shift registers / LUTRAM). */
        RTL,
        /** Vivado's AXI-Stream FIFO, whose depth FINN rounds up to a power of two (since v0.9). */
        VIVADO;

        /** Parses FINN's spelling. */
        public static ImplStyle parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("rtl")) {
                return RTL;
            }
            if (t.equals("vivado")) {
                return VIVADO;
            }
            throw new InvalidInputException("impl_style", text, "rtl or vivado");
        }
    }

    public FifoNode {
        require(depth >= 1, "depth", depth, "must be >= 1");
        foldedShape = FinnNode.positiveList("folded_shape", foldedShape);
        require(dataType != null, "dataType", null, "a data type");
        require(implStyle != null, "impl_style", null, "rtl or vivado");
        require(ramStyle != null, "ram_style", null, "one of auto, block, distributed, ultra");
    }

    /** @return the stream width in bits: {@code folded_shape[-1]} · data type bits */
    public long streamWidth() {
        return (long) foldedShape.get(foldedShape.size() - 1) * dataType.bitwidth();
    }
}
