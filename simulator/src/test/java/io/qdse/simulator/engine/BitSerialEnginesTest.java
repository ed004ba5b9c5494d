package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.cost.BitSerialPeSpec;
import io.qdse.hwmodels.cost.BitSerialPeSpec.Serial;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.DramSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.MemorySpec;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.OpKind;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bit-serial engines: analytical ≡ cycle-stepped on every counter, and the families' published laws. */
class BitSerialEnginesTest {

    /** Booth terms of a random weight matrix, the same for the same op (what a real model's weights give). */
    static final TermSource RANDOM_TERMS = (op, f) -> {
        SplittableRandom r = new SplittableRandom(op.name().hashCode() * 31L + op.k() * 7919 + op.n());
        byte[] t = new byte[(int) (op.k() * op.n())];
        int max = (f.elementBits() + 1) / 2;
        for (int i = 0; i < t.length; i++) {
            t[i] = (byte) (1 + r.nextInt(max));
        }
        return t;
    };

    static BitSerialPeSpec randomPe(SplittableRandom r) {
        int lanes = 1 + r.nextInt(r.nextBoolean() ? 4 : 32);
        switch (r.nextInt(6)) {
            case 0:
                return new BitSerialPeSpec("stripes-like", Serial.ACTIVATIONS, lanes, 1 + r.nextInt(4), 1, 16, 16, 0,
                        0, false, false, 0, 32);
            case 1:
                return new BitSerialPeSpec("bitmod-like", Serial.WEIGHTS, lanes, 1, 1 + r.nextInt(4), 16, 16, 0, 0,
                        false, r.nextBoolean(), r.nextBoolean() ? 0 : 64, 32);
            case 2:
                return new BitSerialPeSpec("loom-like", Serial.BOTH, lanes, 1 + r.nextInt(2), 1 + r.nextInt(2), 16,
                        16, 0, 0, false, false, 0, 32);
            case 3:
                return new BitSerialPeSpec("fusion-like", Serial.NONE, lanes, 1, 1, 16, 16, 2, 16, false, false, 0,
                        32);
            case 4:
                return new BitSerialPeSpec("laconic-like", Serial.WEIGHTS, lanes, 1, 2, 16, 16, 0, 0, true, false, 0,
                        32);
            default:
                return new BitSerialPeSpec("parallel", Serial.NONE, lanes, 1, 1, 16, 16, 0, 0, false, false, 0, 32);
        }
    }

    static BitSerialArray randomArray(SplittableRandom r, boolean fastDram) {
        MemorySpec s = new MemorySpec(512L << r.nextInt(9), 1 + r.nextInt(4));
        return Presets.stripes().withPe(randomPe(r)).withShape(1 + r.nextInt(r.nextBoolean() ? 6 : 40),
                1 + r.nextInt(r.nextBoolean() ? 6 : 40)).withSrams(s, s, s)
                .withDram(new DramSpec(DramType.LPDDR4, fastDram ? 1e6 : 0.5 + r.nextDouble() * 20));
    }

    static LayerOp randomOp(SplittableRandom r) {
        switch (r.nextInt(5)) {
            case 0: {
                int in = 3 + r.nextInt(12);
                int kernel = 1 + r.nextInt(Math.min(in, 5));
                int c = 1 + r.nextInt(8);
                int groups = r.nextInt(3) == 0 ? c : 1;
                int oc = groups == c ? c : 1 + r.nextInt(16);
                return LayerOp.conv("conv" + r.nextInt(5), new ConvGeometry(in, in + r.nextInt(3), kernel, kernel,
                        1 + r.nextInt(3), 1 + r.nextInt(2), r.nextInt(3), r.nextInt(3), c, oc, groups), 1 + r.nextInt(2));
            }
            case 1:
                return new LayerOp("attn", OpKind.KV_MATMUL, 1 + r.nextInt(8), 1 + r.nextInt(200), 1 + r.nextInt(64),
                        1 + r.nextInt(4), null);
            default:
                return new LayerOp("fc" + r.nextInt(5), OpKind.LINEAR, 1 + r.nextInt(r.nextBoolean() ? 16 : 200),
                        1 + r.nextInt(r.nextBoolean() ? 16 : 200), 1 + r.nextInt(r.nextBoolean() ? 16 : 300),
                        1 + r.nextInt(3), null);
        }
    }

    static LayerFormats randomFormats(SplittableRandom r) {
        String[] ints = {"int2", "int3", "int4", "int5", "int6", "int8", "int12", "int16", "uint4", "uint8"};
        NumberFormat w = Formats.parse(ints[r.nextInt(ints.length)]);
        NumberFormat a = Formats.parse(ints[r.nextInt(ints.length)]);
        NumberFormat kv = r.nextBoolean() ? a : Formats.parse(ints[r.nextInt(ints.length)]);
        return new LayerFormats(w, a, FixedPointAccumulator.integer(32), Formats.parse(ints[r.nextInt(ints.length)]),
                kv);
    }

    @Test
    void analyticalEqualsCycleSteppedOnEveryCounter() {
        SplittableRandom r = new SplittableRandom(20261206);
        BitSerialCosts costs = new BitSerialCosts();
        BitSerialAnalyticalEngine analytical = new BitSerialAnalyticalEngine(RANDOM_TERMS, costs);
        BitSerialCycleEngine cycle = new BitSerialCycleEngine(RANDOM_TERMS, costs, true);
        int stalling = 0;
        for (int i = 0; i < 1200; i++) {
            BitSerialArray a = randomArray(r, i % 3 == 0);
            LayerOp op = randomOp(r);
            LayerFormats f = randomFormats(r);
            Evaluation x = analytical.evaluate(op, a, f);
            Evaluation y = cycle.evaluate(op, a, f);
            assertEquals(x, y, "case " + i + ": " + op + " on " + a.pe() + " " + a.rows() + "x" + a.cols() + " "
                    + f.describe());
            assertEquals(op.macs(), x.macs());
            assertTrue(x.utilization() <= 1 + 1e-12 && x.utilization() > 0, "utilisation " + x.utilization());
            assertTrue(x.cycles() >= x.computeCycles() && x.computeCycles() > 0);
            // under the roofline: no layer moves its DRAM traffic faster than the channel allows
            assertTrue(x.cycles() >= x.traffic().dramBits() / a.dram().bitsPerCycle(a.clockMhz()) - 1e-6,
                    "case " + i + ": " + x.cycles() + " cycles for " + x.traffic().dramBits() + " DRAM bits");
            if (x.stallCycles() > x.computeCycles() / 10) {
                stalling++;
            }
        }
        assertTrue(stalling > 100, "the random cases exercise DRAM-bound layers too: " + stalling);
    }

    /** A large layer (so edge effects vanish) in the given precisions on an array; compute cycles. */
    static long cycles(BitSerialArray a, String w, String act) {
        LayerOp op = new LayerOp("fc", OpKind.LINEAR, 16 * 64, 256 * 8, 16 * 64, 1, null);
        LayerFormats f = new LayerFormats(Formats.parse(w), Formats.parse(act), FixedPointAccumulator.integer(48),
                Formats.parse(act));
        return new BitSerialAnalyticalEngine().evaluate(op, a, f).computeCycles() - 1;
    }

    @Test
    void stripesRunsSixteenOverPaFasterThanTheBitParallelBaseline() {
        long base = cycles(Presets.bitParallel(), "int16", "int16");
        for (int pa = 1; pa <= 16; pa++) {
            long s = cycles(Presets.stripes(), "int16", "int" + pa);
            assertEquals(16.0 / pa, (double) base / s, 1e-12, "Pa = " + pa);
        }
    }

    @Test
    void loomRunsTwoFiftySixOverPaPwFaster() {
        // against the bit-parallel design of equal 16-bit throughput (128 MACs per cycle)
        long base = cycles(Presets.bitParallel().withShape(8, 1), "int16", "int16");
        for (int pa : new int[] {1, 2, 4, 5, 8, 11, 16}) {
            for (int pw : new int[] {1, 3, 4, 8, 16}) {
                long s = cycles(Presets.loom(), "int" + pw, "int" + pa);
                assertEquals(256.0 / (pa * pw), (double) base / s, 1e-12, "Pa = " + pa + ", Pw = " + pw);
            }
        }
    }

    @Test
    void bitFusionFusesOneFourOrSixteenProductsPerFusionUnit() {
        BitSerialArray bf = Presets.bitFusion();
        long p8 = cycles(bf, "int8", "int8");
        assertEquals(4.0, (double) p8 / cycles(bf, "int4", "int4"), 1e-12);
        assertEquals(16.0, (double) p8 / cycles(bf, "int2", "int2"), 1e-12);
        assertEquals(2.0, (double) p8 / cycles(bf, "int4", "int8"), 1e-12);
        assertEquals(4.0, (double) p8 / cycles(bf, "int2", "int8"), 1e-12);
        assertEquals(0.25, (double) p8 / cycles(bf, "int16", "int16"), 1e-12, "16-bit by temporal fusion");
        BitSerialPeSpec pe = bf.pe();
        assertEquals(1, pe.productsPerLane(8, 8));
        assertEquals(4, pe.productsPerLane(4, 4));
        assertEquals(16, pe.productsPerLane(2, 2));
    }

    @Test
    void termSerialTimeFollowsTheWeightsTerms() {
        BitSerialArray lac = Presets.laconic().withShape(4, 2);
        LayerOp op = new LayerOp("fc", OpKind.LINEAR, 2, 4, 16, 1, null);
        LayerFormats f = new LayerFormats(Formats.INT8, Formats.INT8, FixedPointAccumulator.integer(32), Formats.INT8);
        byte[] ones = new byte[16 * 4];
        java.util.Arrays.fill(ones, (byte) 1);
        byte[] mixed = ones.clone();
        mixed[5] = 4; // one weight with four non-zero Booth digits stretches its step to 4 cycles
        long fast = new BitSerialAnalyticalEngine((o, ff) -> ones, new BitSerialCosts()).evaluate(op, lac, f)
                .computeCycles();
        long slow = new BitSerialAnalyticalEngine((o, ff) -> mixed, new BitSerialCosts()).evaluate(op, lac, f)
                .computeCycles();
        long worst = new BitSerialAnalyticalEngine().evaluate(op, lac, f).computeCycles();
        assertEquals(1 + 1, fast, "one step of one cycle per term, plus the write-back");
        assertEquals(4 + 1, slow);
        assertEquals(4 + 1, worst, "without weights: every int8 weight has 4 Booth digits");
        assertEquals(1, BitSerialPeSpec.termCycles(0, 8));
        assertEquals(1, BitSerialPeSpec.termCycles(64, 8));
        assertEquals(2, BitSerialPeSpec.termCycles(3, 8), "3 = 4 - 1");
        assertEquals(4, BitSerialPeSpec.termCycles(0b0101_0101, 8));
        assertEquals(1, BitSerialPeSpec.termCycles(-1, 8), "-1 is one Booth digit");
        assertEquals(1, BitSerialPeSpec.termCycles(-128, 8));
    }

    @Test
    void kvCacheFormatHalvesItsTraffic() {
        BitSerialArray a = Presets.stripes();
        LayerOp attn = new LayerOp("scores", OpKind.KV_MATMUL, 4, 4096, 128, 8, null);
        LayerFormats f8 = new LayerFormats(Formats.INT8, Formats.INT8, FixedPointAccumulator.integer(32), Formats.INT8);
        LayerFormats f4 = new LayerFormats(Formats.INT8, Formats.INT8, FixedPointAccumulator.integer(32), Formats.INT8,
                Formats.parse("int4"));
        Evaluation e8 = new BitSerialAnalyticalEngine().evaluate(attn, a, f8);
        Evaluation e4 = new BitSerialAnalyticalEngine().evaluate(attn, a, f4);
        assertEquals(e8.traffic().dramFilterReads(), 2 * e4.traffic().dramFilterReads());
        assertEquals(e8.traffic().sramFilterReads(), 2 * e4.traffic().sramFilterReads());
        assertEquals(e8.traffic().dramIfmapReads(), e4.traffic().dramIfmapReads());
    }

    @Test
    void precisionsAboveThePesAreRefused() {
        BitSerialArray bm = Presets.bitMod();
        LayerFormats f = new LayerFormats(Formats.parse("int12"), Formats.FP16,
                new io.qdse.hwmodels.arith.FloatAccumulator(Formats.FP32, true), Formats.FP16);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new BitSerialAnalyticalEngine().evaluate(LayerOp.gemm("fc", 4, 4, 4), bm, f));
        assertTrue(e.getMessage().contains("weight bits") && e.getMessage().contains("8"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new BitSerialPeSpec("x", Serial.ACTIVATIONS, 16, 0, 1, 16, 16,
                0, 0, false, false, 0, 32));
    }

    @Test
    void energyAndAreaComeFromTheStructuralPe() {
        BitSerialArray s = Presets.stripes();
        LayerOp op = LayerOp.gemm("fc", 256, 1024, 1024);
        LayerFormats f4 = new LayerFormats(Formats.parse("int16"), Formats.parse("int4"),
                FixedPointAccumulator.integer(48), Formats.parse("int4"));
        LayerFormats f8 = new LayerFormats(Formats.parse("int16"), Formats.INT8, FixedPointAccumulator.integer(48),
                Formats.INT8);
        Evaluation e4 = new BitSerialAnalyticalEngine().evaluate(op, s, f4);
        Evaluation e8 = new BitSerialAnalyticalEngine().evaluate(op, s, f8);
        // twice the cycles per product; the stationary weights load once per step either way
        assertTrue(e8.energy().macPj() > 1.5 * e4.energy().macPj() && e8.energy().macPj() < 2 * e4.energy().macPj(),
                "PE energy follows the busy cycles: " + e4.energy().macPj() + " vs " + e8.energy().macPj());
        assertTrue(e4.areaUm2() > 0 && e4.areaUm2() == e8.areaUm2(), "one design, one area");
        double[] pe = BitSerialCosts.peFigures(s);
        double[] par = BitSerialCosts.peFigures(Presets.bitParallel());
        assertTrue(pe[2] < par[2], "a serial-activation SIP is smaller than a 16x16 bit-parallel PE: " + pe[2] + " vs "
                + par[2]);
    }
}
