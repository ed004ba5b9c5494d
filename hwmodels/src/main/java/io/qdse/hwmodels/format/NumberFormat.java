package io.qdse.hwmodels.format;

/**
 * A number format a datapath can store and compute in. Two families: {@link ScalarFormat}s, whose every
 * element carries its own value, and {@link BlockFormat}s, whose elements share a scale per block.
 *
 * <p>Every format is a value (record) and knows its storage cost; {@link Formats#parse(String)} turns a name a
 * user types into a format and {@link #name()} gives a name that parses back to an equal format.
 */
public sealed interface NumberFormat permits ScalarFormat, BlockFormat {

    /** @return a name that {@link Formats#parse(String)} maps back to this exact format */
    String name();

    /** @return bits of one element code (excluding any shared scale) */
    int elementBits();

    /** @return storage bits per element including the amortised shared-scale bits, e.g. 4.25 for mxfp4 */
    double bitsPerElement();

    /** @return one line that says what the format is, for listings */
    String description();
}
