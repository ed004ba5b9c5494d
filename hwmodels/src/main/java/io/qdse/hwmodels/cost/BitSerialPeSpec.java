package io.qdse.hwmodels.cost;

import static io.qdse.hwmodels.InvalidInputException.require;

/**
 * A bit-serial (or bit-fused) processing element: a dot-product unit of {@code lanes} products whose operands are
 * processed a few bits at a time. One record describes the families of the literature as configurations:
 * <ul>
 * <li>Stripes (Judd et al., MICRO 2016): activations serial at 1 bit/cycle, weights parallel: a product takes Pa
 * cycles.</li>
 * <li>Loom (Sharify et al., DAC 2018): both serial; Pa·Pw / (bits per cycle) cycles.</li>
 * <li>Bit Fusion (Sharma et al., ISCA 2018): no serialisation; a fusion unit of 16 2-bit BitBricks computes 1, 2, 4,
 * 8 or 16 products per cycle as precisions fall from 8 to 2 bits (spatial fusion), and 16-bit operands take several
 * cycles (temporal fusion).</li>
 * <li>BitMoD (Chen et al., HPCA 2025): weights serial at 2 bits/cycle into 4-wide dot products with FP16 activations
 * and a per-group scale.</li>
 * <li>Laconic-style term-serial (Sharify et al., ISCA 2019): weights processed one non-zero radix-4 Booth term per
 * cycle, so time follows the weights' values.</li>
 * </ul>
 *
 * @param family         a label (stripes, loom, bitfusion, bitmod, laconic, parallel, or a user's name)
 * @param serial         which operands are processed bit by bit
 * @param lanes          products per PE per step (the dot-product width; fusion units per PE for Bit Fusion)
 * @param aBitsPerCycle  activation bits per cycle when activations are serial
 * @param wBitsPerCycle  weight bits per cycle when weights are serial
 * @param maxABits       widest activation the PE takes
 * @param maxWBits       widest weight the PE takes
 * @param brickBits      Bit Fusion: BitBrick operand width (2), 0 without spatial fusion
 * @param bricks         Bit Fusion: BitBricks per fusion unit (16)
 * @param termSerial     weights are processed by non-zero Booth terms, one per cycle (Laconic style)
 * @param floatActivations activations are FP16 (BitMoD): the lane multiplies an 11-bit significand and the PE aligns
 *                       exponents per group
 * @param groupSize      weights sharing one scale (BitMoD's per-group data types), 0 for none
 * @param accBits        accumulator width
 */
public record BitSerialPeSpec(String family, Serial serial, int lanes, int aBitsPerCycle, int wBitsPerCycle,
                              int maxABits, int maxWBits, int brickBits, int bricks, boolean termSerial,
                              boolean floatActivations, int groupSize, int accBits) {

    /** Which operands a bit-serial PE serialises. */
    public enum Serial {
        /** bit-parallel (the baseline the serial designs are compared with) */
        NONE,
        /** activations serial, weights parallel (Stripes) */
        ACTIVATIONS,
        /** weights serial, activations parallel (BitMoD, term-serial Laconic) */
        WEIGHTS,
        /** both serial (Loom) */
        BOTH
    }

    public BitSerialPeSpec {
        require(family != null && !family.isBlank(), "pe.family", family, "a name");
        require(serial != null, "pe.serial", null, "none, activations, weights or both");
        require(lanes >= 1 && lanes <= 4096, "pe.lanes", lanes, "must be in 1..4096");
        require(maxABits >= 1 && maxABits <= 32, "pe.max_a_bits", maxABits, "must be in 1..32");
        require(maxWBits >= 1 && maxWBits <= 32, "pe.max_w_bits", maxWBits, "must be in 1..32");
        require(aBitsPerCycle >= 1 && aBitsPerCycle <= maxABits, "pe.a_bits_per_cycle", aBitsPerCycle,
                "must be in 1..max_a_bits (" + maxABits + ")");
        require(wBitsPerCycle >= 1 && wBitsPerCycle <= maxWBits, "pe.w_bits_per_cycle", wBitsPerCycle,
                "must be in 1..max_w_bits (" + maxWBits + ")");
        require(brickBits >= 0 && brickBits <= 8, "pe.brick_bits", brickBits, "0 (no fusion) or 1..8");
        require(brickBits == 0 || (bricks >= 1 && bricks <= 256), "pe.bricks", bricks, "must be in 1..256");
        require(brickBits == 0 || serial == Serial.NONE, "pe.brick_bits", brickBits,
                "spatial fusion applies to bit-parallel fusion units (serial: none)");
        require(!termSerial || serial == Serial.WEIGHTS, "pe.term_serial", termSerial,
                "term-serial processing applies to serial weights (serial: weights)");
        require(groupSize >= 0, "pe.group_size", groupSize, "must be >= 0");
        require(accBits >= 2 && accBits <= 128, "pe.acc_bits", accBits, "must be in 2..128");
    }

    /**
     * Cycles one step (one product per lane) takes at these precisions, for every family but term-serial (whose
     * steps depend on the weights' values: see {@link #termCycles}).
     *
     * @param aBits activation precision of the layer
     * @param wBits weight precision of the layer
     */
    public long stepCycles(int aBits, int wBits) {
        switch (serial) {
            case ACTIVATIONS:
                return ceilDiv(aBits, aBitsPerCycle);
            case WEIGHTS:
                return ceilDiv(wBits, wBitsPerCycle);
            case BOTH:
                return ceilDiv(aBits, aBitsPerCycle) * ceilDiv(wBits, wBitsPerCycle);
            default:
                if (brickBits == 0) {
                    return 1;
                }
                long groups = brickGroups(aBits, wBits);
                return groups <= bricks ? 1 : ceilDiv(groups, bricks);
        }
    }

    /** @return products one lane (fusion unit) completes per step at these precisions (Bit Fusion: 1..16) */
    public int productsPerLane(int aBits, int wBits) {
        if (brickBits == 0) {
            return 1;
        }
        long groups = brickGroups(aBits, wBits);
        return groups <= bricks ? (int) (bricks / groups) : 1;
    }

    /** BitBricks one product needs: ceil(Pa/b)·ceil(Pw/b). */
    long brickGroups(int aBits, int wBits) {
        return ceilDiv(aBits, brickBits) * ceilDiv(wBits, brickBits);
    }

    /**
     * Non-zero radix-4 (modified Booth) digits of a two's-complement weight code: the cycles a term-serial lane
     * spends on it (at least 1: a zero weight still takes a cycle to pass).
     */
    public static int termCycles(long code, int bits) {
        long v = bits >= 64 ? code : (code << (64 - bits)) >> (64 - bits);
        int terms = 0;
        long prev = 0; // bit -1
        for (int i = 0; i < bits; i += 2) {
            long b0 = (v >> i) & 1;
            long b1 = i + 1 < 64 ? (v >> (i + 1)) & 1 : (v < 0 ? 1 : 0);
            long digit = -2 * b1 + b0 + prev;
            if (digit != 0) {
                terms++;
            }
            prev = b1;
        }
        return Math.max(1, terms);
    }

    /** Refuses precisions the PE cannot take, naming the operand. */
    public void checkPrecisions(int aBits, int wBits, String field) {
        require(aBits >= 1 && aBits <= maxABits, field + " activation bits", aBits, "at most the PE's " + maxABits
                + " (" + family + ")");
        require(wBits >= 1 && wBits <= maxWBits, field + " weight bits", wBits, "at most the PE's " + maxWBits
                + " (" + family + ")");
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
