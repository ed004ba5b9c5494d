package io.qdse.hwmodels.cost;

import static io.qdse.hwmodels.cost.Component.LOGIC_GATE;
import static io.qdse.hwmodels.cost.Component.SHIFT_MUX;
import static io.qdse.hwmodels.cost.Component.SHIFT_WIRE;
import static io.qdse.hwmodels.cost.Component.UNIT;

import java.util.ArrayList;
import java.util.List;

/**
 * The structure of a bit-serial PE ({@link BitSerialPeSpec}), built from the same cells as every other unit (so it is
 * costed by the same calibrated coefficients, on ASIC nodes and FPGA parts) — not a scaled copy of a parallel MAC:
 * <ul>
 * <li>per lane, the slice multiplier of what arrives in one cycle: an AND row (1 serial bit × a parallel word), a
 * small k × w array (k bits per cycle), a single AND (both serial at 1 bit), or a full multiplier (bit-parallel);
 * Bit Fusion's fusion unit is 16 signed 2×2 BitBricks with a shifter per brick;</li>
 * <li>an adder tree over the lanes (a popcount tree when each lane gives one bit);</li>
 * <li>the shift-accumulate: accumulator adder and register, with a fixed 1-position shift per cycle (LSB-first
 * serial) or a variable shifter (both serial: shift by i+j; term-serial: by the term's position);</li>
 * <li>Booth term encoders and term-position logic (term-serial), FP16 exponent alignment (BitMoD), and the per-group
 * scale multiply amortised over the group;</li>
 * <li>the stationary operand's registers, which load once per step (costed per step, not per cycle).</li>
 * </ul>
 * Energy per cycle = the per-cycle datapath's energy; per step add the stationary registers' load.
 *
 * @param perCycle what switches every cycle a PE is busy
 * @param perStep  what switches once per step (operand registers loaded)
 */
public record BitSerialPeBuilder(Datapath perCycle, Datapath perStep) {

    /** @return the structure of one PE */
    public static BitSerialPeBuilder of(BitSerialPeSpec s) {
        List<List<Block>> cyc = new ArrayList<>();
        List<List<Block>> step = new ArrayList<>();
        int lanes = s.lanes();
        int aw = s.floatActivations() ? 11 : s.maxABits(); // FP16 significand (with the hidden bit)
        int ww = s.maxWBits();
        int sliceOut;
        int stationaryBits;
        List<Block> laneBlocks = new ArrayList<>();
        switch (s.serial()) {
            case ACTIVATIONS: {
                int k = s.aBitsPerCycle();
                laneBlocks.addAll(sliceMultiplier("lane slice multiplier (" + k + " activation bits x " + ww
                        + "-bit weight)", k, ww, lanes));
                sliceOut = k + ww;
                stationaryBits = lanes * ww;
                break;
            }
            case WEIGHTS: {
                int k = s.termSerial() ? 3 : s.wBitsPerCycle(); // a Booth term: sign, 2 magnitude/position bits
                laneBlocks.addAll(sliceMultiplier("lane slice multiplier (" + aw + "-bit activation x " + k
                        + " weight bits)", aw, k, lanes));
                sliceOut = aw + k;
                stationaryBits = lanes * aw;
                if (s.termSerial()) {
                    int lv = DatapathBuilder.ceilLog2(Math.max(2, ww));
                    laneBlocks.add(Block.named("Booth term encoders").add(LOGIC_GATE, 6.0 * ww * lanes).delay(3)
                            .build());
                    laneBlocks.add(Block.named("term position shifters").add(SHIFT_MUX, (double) sliceOut * lv * lanes)
                            .add(SHIFT_WIRE, (double) sliceOut * ww * lanes).delay(lv + 1).build());
                    sliceOut += ww;
                }
                break;
            }
            case BOTH: {
                int ka = s.aBitsPerCycle();
                int kw = s.wBitsPerCycle();
                laneBlocks.addAll(sliceMultiplier("lane AND (" + ka + " x " + kw + " bits)", ka, kw, lanes));
                sliceOut = ka + kw;
                stationaryBits = lanes * (s.maxABits() + s.maxWBits()); // both operands shift out of registers
                break;
            }
            default: {
                if (s.brickBits() > 0) {
                    int bb = s.brickBits();
                    int n = s.bricks() * lanes;
                    laneBlocks.addAll(sliceMultiplier("BitBricks (" + s.bricks() + " signed " + bb + "x" + bb
                            + " per fusion unit)", bb + 1, bb + 1, n));
                    int shiftRange = s.maxABits() + s.maxWBits();
                    int lv = DatapathBuilder.ceilLog2(shiftRange);
                    laneBlocks.add(Block.named("fusion shifters").add(SHIFT_MUX, (double) (2 * bb + 2) * lv * n)
                            .add(SHIFT_WIRE, (double) (2 * bb + 2) * shiftRange * n).delay(lv + 1).build());
                    laneBlocks.add(tree("fusion adder tree", s.bricks(), 2 * bb + 2, lanes));
                    sliceOut = s.maxABits() + s.maxWBits();
                    stationaryBits = n * 2 * bb;
                    break;
                }
                laneBlocks.addAll(sliceMultiplier("lane multiplier (" + aw + " x " + ww + ")", aw, ww, lanes));
                sliceOut = aw + ww;
                stationaryBits = lanes * (aw + ww);
                break;
            }
        }
        if (!laneBlocks.isEmpty()) {
            cyc.add(laneBlocks);
        }
        if (lanes > 1) {
            cyc.add(List.of(tree(sliceOut == 2 ? "popcount tree" : "lane adder tree", lanes, sliceOut, 1)));
        }
        int acc = s.accBits();
        boolean variable = s.serial() == BitSerialPeSpec.Serial.BOTH || s.termSerial() || s.brickBits() > 0;
        if (s.serial() != BitSerialPeSpec.Serial.NONE || s.brickBits() > 0) {
            int lv = DatapathBuilder.ceilLog2(Math.max(2, s.maxABits() + s.maxWBits()));
            cyc.add(List.of(variable
                    ? Block.named("shift-accumulate shifter").add(SHIFT_MUX, (double) acc * lv)
                    .add(SHIFT_WIRE, (double) acc * (s.maxABits() + s.maxWBits())).delay(lv + 1).build()
                    : Block.named("shift-accumulate (1 position per cycle)").add(SHIFT_MUX, acc).delay(1).build()));
        }
        if (s.floatActivations()) {
            cyc.add(List.of(Block.named("FP16 exponent alignment").add(SHIFT_MUX, (double) acc * 5)
                    .add(LOGIC_GATE, 2.0 * acc).delay(6).build()));
        }
        cyc.add(List.of(DatapathBuilder.adder("accumulator adder", acc)));
        cyc.add(List.of(DatapathBuilder.register("accumulator register", acc)));
        cyc.add(List.of(Block.named("control").add(UNIT, 1).build()));
        step.add(List.of(DatapathBuilder.register("stationary operand registers", stationaryBits)));
        if (s.groupSize() > 0) {
            // the group's FP16 scale times its partial sum, once per group: lanes/groupSize of it per step
            double share = (double) s.lanes() / s.groupSize();
            List<List<Block>> scale = new ArrayList<>();
            DatapathBuilder.intMultiplier(scale, acc, 16, true);
            List<Block> scaled = new ArrayList<>();
            for (List<Block> st : scale) {
                for (Block b : st) {
                    Block.Builder sb = Block.named("group scale " + b.name() + " (per " + s.groupSize() + " weights)")
                            .delay(b.delayStages()).multiplier(b.multiplier()).share(share);
                    b.counts().forEach((c, v) -> sb.add(c, v * share));
                    scaled.add(sb.build());
                }
            }
            step.add(scaled);
        }
        String what = s.family() + " PE (" + s.serial().name().toLowerCase(java.util.Locale.ROOT) + " serial, "
                + s.lanes() + " lanes)";
        return new BitSerialPeBuilder(new Datapath(what + ", per cycle", cyc, List.of()),
                new Datapath(what + ", per step", step, List.of()));
    }

    /** {@code n} copies of an a×b slice multiplier; a 1-bit operand is an AND row (no tree). */
    private static List<Block> sliceMultiplier(String name, int a, int b, int n) {
        if (a == 1 || b == 1) {
            return List.of(Block.named(name + " (AND gates)").add(LOGIC_GATE, (double) a * b * n).delay(1).build());
        }
        List<List<Block>> m = new ArrayList<>();
        DatapathBuilder.intMultiplier(m, a, b, true);
        List<Block> out = new ArrayList<>();
        for (List<Block> st : m) {
            for (Block blk : st) {
                Block.Builder s = Block.named(name + ": " + blk.name()).delay(blk.delayStages())
                        .multiplier(blk.multiplier()).share(n);
                blk.counts().forEach((c, v) -> s.add(c, v * n));
                out.add(s.build());
            }
        }
        return out;
    }

    /** An adder tree of {@code inputs} operands of {@code width} bits, {@code copies} times. */
    private static Block tree(String name, int inputs, int width, int copies) {
        double bits = 0;
        int level = 0;
        for (int n = inputs; n > 1; n = (n + 1) / 2) {
            bits += (n / 2) * (double) (width + level);
            level++;
        }
        return Block.named(name).add(Component.ADDER_BIT, bits * copies)
                .delay(level * DatapathBuilder.adderDelay(width + level)).build();
    }
}
