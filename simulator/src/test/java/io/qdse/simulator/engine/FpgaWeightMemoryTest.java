package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.memory.DramType;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.DramSpec;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.fpga.DataflowEstimate;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Weight memories by style (FINN's ram_style, and iCE40 UltraPlus SPRAM): block counts worked out here from the
 * documented block geometry, the styles' effect on whole designs, the engines still agreeing, and refusals.
 *
 * <p>Geometry used by hand below: Xilinx RAMB18 in simple dual port 16K×1, 8K×2, 4K×4, 2K×9, 1K×18, 512×36 (UG573
 * Table 1-7); UltraScale+ URAM288 4K×72 only, Versal also 8K×36, 16K×18, 32K×9 (UG1387 'Mapping Memories to UltraRAM
 * Blocks'); iCE40 SB_SPRAM256KA 16K×16 (Lattice iCE40 technology library).
 */
class FpgaWeightMemoryTest {
    static final FpgaPart U250 = part("xcu250");
    static final FpgaPart VC1902 = part("xcvc1902");
    static final FpgaPart UP5K = part("ice40-up5k");
    static final DramSpec DRAM = new DramSpec(DramType.DDR4, 19.2);

    static FpgaPart part(String n) {
        return (FpgaPart) Targets.parse("fpga:" + n, "t");
    }

    static LayerFormats fmt(String s) {
        return FormatsSpec.parse(s, "f", Presets.edge32x32().formats());
    }

    static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }

    /** RAMB18 count of a depth × width memory, by hand from UG573's simple-dual-port shapes. */
    static long bram18(long width, long depth) {
        long[][] shapes = {{16384, 1}, {8192, 2}, {4096, 4}, {2048, 9}, {1024, 18}, {512, 36}};
        long best = Long.MAX_VALUE;
        for (long[] s : shapes) {
            best = Math.min(best, ceil(width, s[1]) * ceil(depth, s[0]));
        }
        return best;
    }

    static Workload fc(String name, long n, long k) {
        return new Workload(name, "test", List.of(new Layer(name, "linear", List.of(LayerOp.gemm(name, 1, n, k)),
                n * k)));
    }

    static DataflowEstimate estimate(Workload w, FpgaPart p, LayerFormats f, Map<String, FpgaDataflow.Fold> folds,
                                     FpgaDataflow.RamStyle style, Simulator.EngineKind kind) {
        FpgaDataflow d = FpgaDataflow.of("df", p, 200, f, w, folds, 0, FpgaDataflow.ResType.AUTO, DRAM, null)
                .withRamStyle(style, "--ram-style");
        return DataflowEstimate.run(w, d, Map.of(), kind);
    }

    @Test
    void ultraMovesADeepWeightMemoryFromBram18ToUramByTheBlocksGeometry() {
        // 4096 x 1024 int8 at PE 1 x SIMD 256: a 2048-bit word, (4096/256)·(1024/1) = 16,384 words deep
        Workload w = fc("fc", 1024, 4096);
        Map<String, FpgaDataflow.Fold> fold = Map.of("fc", new FpgaDataflow.Fold(1, 256));
        LayerFormats f = fmt("w=int8,a=int8,out=int8");
        DataflowEstimate block = estimate(w, U250, f, fold, FpgaDataflow.RamStyle.BLOCK,
                Simulator.EngineKind.ANALYTICAL);
        DataflowEstimate ultra = estimate(w, U250, f, fold, FpgaDataflow.RamStyle.ULTRA,
                Simulator.EngineKind.ANALYTICAL);
        long width = 256 * 8;
        long depth = 16 * 1024;
        assertEquals(ceil(width, 72) * ceil(depth, 4096), ultra.totals().urams(), "URAM288: 4K x 72 tiles");
        assertEquals(bram18(width, depth), block.totals().brams() - ultra.totals().brams(),
                "the BRAM18 the weights took under block");
        assertEquals(0, block.totals().urams());
        assertEquals(block.totals().luts(), ultra.totals().luts(), 1e-9, "only the weights moved");
        assertEquals("uram", ultra.units().get(0).weightMemory());
        assertEquals(0, ultra.totals().loadCycles(), "no SPRAM load");
        // Versal's URAM also takes 16K x 18: a 16-bit word 16K deep is one block there, four 4K x 72 on UltraScale+
        Workload narrow = fc("n", 16, 2048); // (2048/2)·(16/1) = 16,384 words of 16 bits
        Map<String, FpgaDataflow.Fold> f2 = Map.of("n", new FpgaDataflow.Fold(1, 2));
        LayerFormats i8 = fmt("w=int8,a=int8,out=int8");
        assertEquals(ceil(16, 72) * ceil(16384, 4096), estimate(narrow, U250, i8, f2, FpgaDataflow.RamStyle.ULTRA,
                Simulator.EngineKind.ANALYTICAL).totals().urams());
        assertEquals(ceil(16, 18) * ceil(16384, 16384), estimate(narrow, VC1902, i8, f2, FpgaDataflow.RamStyle.ULTRA,
                Simulator.EngineKind.ANALYTICAL).totals().urams());
        // distributed keeps every weight in logic: no block RAM for the weights, more LUTs
        DataflowEstimate dist = estimate(narrow, U250, i8, f2, FpgaDataflow.RamStyle.DISTRIBUTED,
                Simulator.EngineKind.ANALYTICAL);
        DataflowEstimate auto = estimate(narrow, U250, i8, f2, FpgaDataflow.RamStyle.AUTO,
                Simulator.EngineKind.ANALYTICAL);
        assertEquals(bram18(16, 16384), auto.totals().brams() - dist.totals().brams());
        assertTrue(dist.totals().luts() > auto.totals().luts() + 16 * 16384 / 64.0 - 1, dist.totals().luts() + " vs "
                + auto.totals().luts());
    }

    @Test
    void spramHoldsTheWeightsAndCountsTheirLoadAfterConfiguration() {
        // openWakeWord alexa's first Gemm (1536 x 128) in int3 at PE 8 x SIMD 2: 48-bit words, 12,288 deep
        Workload w = fc("Gemm_1", 128, 1536);
        Map<String, FpgaDataflow.Fold> fold = Map.of("Gemm_1", new FpgaDataflow.Fold(8, 2));
        LayerFormats f = fmt("w=int3,a=int3,out=int3");
        DataflowEstimate auto = estimate(w, UP5K, f, fold, FpgaDataflow.RamStyle.AUTO,
                Simulator.EngineKind.ANALYTICAL);
        DataflowEstimate sp = estimate(w, UP5K, f, fold, FpgaDataflow.RamStyle.SPRAM, Simulator.EngineKind.ANALYTICAL);
        long width = 8 * 2 * 3;
        long depth = 1536 / 2 * (128 / 8);
        assertEquals(ceil(width, 16) * ceil(depth, 16384), sp.totals().sprams(), "SB_SPRAM256KA: 16K x 16");
        assertEquals(ceil(width, 16) * depth, sp.totals().loadCycles(), "one 16-bit word per cycle into each block");
        assertEquals(1536L * 128 * 3 / 16, sp.totals().loadCycles(), "here: the weight bits / 16");
        // iCE40 EBR (4 Kbit: 256x16, 512x8, 1024x4, 2048x2; Lattice TN1250) the weights took under auto
        long ebr = Long.MAX_VALUE;
        for (long[] s : new long[][] {{256, 16}, {512, 8}, {1024, 4}, {2048, 2}}) {
            ebr = Math.min(ebr, ceil(width, s[1]) * ceil(depth, s[0]));
        }
        assertEquals(ebr, auto.totals().brams() - sp.totals().brams());
        assertTrue(auto.totals().brams() > UP5K.bramBlocks() && sp.totals().brams() <= UP5K.bramBlocks(),
                "too large for the 30 EBR, fits beside the SPRAM");
        assertEquals(auto.totals().initiationCycles(), sp.totals().initiationCycles(), "the load is not in the II");
        assertEquals(auto.totals().frameLatency(), sp.totals().frameLatency(), "nor in the latency");
        assertEquals(sp.totals().loadCycles() / 200.0, sp.loadUs(), 1e-9);
    }

    @Test
    void analyticalEqualsCycleSteppedWithUramAndSpramWeights() {
        Workload w = new Workload("mlp", "test", List.of(
                new Layer("a", "linear", List.of(LayerOp.gemm("a", 3, 256, 1024)), 256L * 1024),
                new Layer("b", "linear", List.of(LayerOp.gemm("b", 3, 64, 256)), 64L * 256)));
        Object[][] cases = {{U250, FpgaDataflow.RamStyle.ULTRA}, {VC1902, FpgaDataflow.RamStyle.ULTRA},
            {UP5K, FpgaDataflow.RamStyle.SPRAM}};
        for (Object[] c : cases) {
            FpgaPart p = (FpgaPart) c[0];
            FpgaDataflow d = FpgaDataflow.of("df", p, 50, fmt("w=int4,a=int4,out=int4"), w, Map.of(), 2_000,
                    FpgaDataflow.ResType.LUT, DRAM, null).withRamStyle((FpgaDataflow.RamStyle) c[1], "--ram-style");
            Simulator sim = new Simulator();
            Simulator.NetworkResult an = sim.run(w, d, Simulator.EngineKind.ANALYTICAL);
            Simulator.NetworkResult cy = sim.run(w, d, Simulator.EngineKind.CYCLE);
            assertEquals(an.total(), cy.total(), p.name() + ": analytical makespan = replayed pipeline");
            Cost.FpgaResources r = (Cost.FpgaResources) an.total().cost();
            assertTrue(r.urams() + r.sprams() > 0, p.name() + " " + r);
        }
    }

    @Test
    void aPartWithoutTheMemoryIsRefusedNamingTheOptionThePartAndWhatItHas() {
        InvalidInputException u = assertThrows(InvalidInputException.class,
                () -> FpgaDataflow.RamStyle.ULTRA.requireFor(part("xc7z020"), "--ram-style"));
        assertTrue(u.getMessage().contains("--ram-style") && u.getMessage().contains("xc7z020")
                && u.getMessage().contains("0 URAM") && u.getMessage().contains("280 RAMB18"), u.getMessage());
        InvalidInputException s = assertThrows(InvalidInputException.class,
                () -> FpgaDataflow.RamStyle.SPRAM.requireFor(part("ice40-hx8k"), "--ram-style"));
        assertTrue(s.getMessage().contains("ice40-hx8k") && s.getMessage().contains("0 SPRAM"), s.getMessage());
        InvalidInputException n = assertThrows(InvalidInputException.class,
                () -> FpgaDataflow.RamStyle.parse("huge", "--ram-style"));
        assertTrue(n.getMessage().contains("huge") && n.getMessage().contains("distributed"), n.getMessage());
        // a folding file's per-layer style is checked against the part too
        Workload w = fc("fc", 64, 64);
        InvalidInputException l = assertThrows(InvalidInputException.class, () -> FpgaDataflow.of("df",
                part("xczu3eg"), 200, fmt("w=int4,a=int4"), w, Map.of("fc", new FpgaDataflow.Fold(1, 1,
                        FpgaDataflow.RamStyle.ULTRA)), 0, FpgaDataflow.ResType.AUTO, DRAM, null));
        assertTrue(l.getMessage().contains("folding.fc.ram_style"), l.getMessage());
    }
}
