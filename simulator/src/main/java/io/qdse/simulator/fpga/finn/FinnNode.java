package io.qdse.simulator.fpga.finn;

import io.qdse.hwmodels.InvalidInputException;
import java.util.List;
import java.util.Locale;

/**
 * One FINN dataflow node, as the attributes FINN's estimates read. Each kind is a record named after FINN's node;
 * {@link FinnEstimates#estimate} dispatches on it and {@link FinnNodes#fromAttributes} builds one from a node's ONNX
 * attributes.
 */
public sealed interface FinnNode permits MvauNode, VvauNode, ThresholdingNode, SwgNode, FifoNode,
        DwcNode, OtherNodes.StreamingMaxPool, OtherNodes.Pool, OtherNodes.LabelSelect, OtherNodes.GlobalAccPool,
        OtherNodes.FmPadding, OtherNodes.AddStreams, OtherNodes.DuplicateStreams, OtherNodes.ChannelwiseOp,
        OtherNodes.DownSampler {

    /** Which of FINN's two implementations (≥ v0.10 only; earlier releases have HLS only). */
    enum Impl {
        /** {@code *_hls} (and every node before v0.10). */
        HLS,
        /** {@code *_rtl}. */
        RTL;

        /** @return {@code hls} or {@code rtl} */
        public String finnSuffix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the weights (or thresholds) live ({@code mem_mode}). */
    enum MemMode {
        /** In the compute unit's own code: {@code const} before v0.10, {@code internal_embedded} after. */
        EMBEDDED("const", "internal_embedded"),
        /** Streamed from a memory packaged beside it: {@code decoupled} / {@code internal_decoupled}. */
        DECOUPLED("decoupled", "internal_decoupled"),
        /** Streamed in from outside: {@code external}. */
        EXTERNAL("external", "external");

        private final String before010;
        private final String since010;

        MemMode(String before010, String since010) {
            this.before010 = before010;
            this.since010 = since010;
        }

        /** @return the attribute value the given FINN version uses */
        public String finnName(FinnVersion version) {
            return version.hasHlsRtlSplit() ? since010 : before010;
        }

        /** Parses either spelling. */
        public static MemMode parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (MemMode m : values()) {
                if (t.equals(m.before010) || t.equals(m.since010) || t.equals(m.name().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new InvalidInputException("mem_mode", text,
                    "one of internal_embedded (const), internal_decoupled (decoupled), external");
        }
    }

    /** The memory primitive asked for ({@code ram_style}). */
    enum RamStyle {
        /** Let Vivado decide. */
        AUTO,
        /** BRAM. */
        BLOCK,
        /** LUTRAM. */
        DISTRIBUTED,
        /** UltraRAM. */
        ULTRA;

        /** @return FINN's spelling */
        public String finnName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses FINN's spelling. */
        public static RamStyle parse(String field, String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (RamStyle r : values()) {
                if (t.equals(r.finnName())) {
                    return r;
                }
            }
            throw new InvalidInputException(field, text, "one of auto, block, distributed, ultra");
        }
    }

    /** Where the multipliers go ({@code resType}). */
    enum ResType {
        /** Let the tool decide (FINN's estimates count LUT multipliers). */
        AUTO,
        /** LUTs. */
        LUT,
        /** DSP slices. */
        DSP;

        /** @return FINN's spelling */
        public String finnName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses FINN's spelling. */
        public static ResType parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (ResType r : values()) {
                if (t.equals(r.finnName())) {
                    return r;
                }
            }
            throw new InvalidInputException("resType", text, "one of auto, lut, dsp");
        }
    }

    /** @return the product of a {@code numInputVectors} list, as numpy's {@code np.prod} gives it */
    static long product(List<Integer> values) {
        long p = 1;
        for (int v : values) {
            p *= v;
        }
        return p;
    }

    /** Validates and copies a {@code numInputVectors}-style list. */
    static List<Integer> positiveList(String field, List<Integer> values) {
        InvalidInputException.require(values != null && !values.isEmpty(), field, values, "a non-empty list");
        for (Integer v : values) {
            InvalidInputException.require(v != null && v >= 1, field, values, "every entry must be >= 1");
        }
        return List.copyOf(values);
    }
}
