package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.DramSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.Zoo;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The FPGA dataflow engine: unit geometry, folding, the pipeline's closed form against its replay, resources. */
class FpgaDataflowTest {
    static final FpgaPart ZU = (FpgaPart) Targets.parse("fpga:xcvu9p", "t");
    static final DramSpec DRAM = Presets.edge32x32().dram();

    @Test
    void pipelineClosedFormEqualsTheReplayWithFifosAndBackPressure() {
        SplittableRandom r = new SplittableRandom(12);
        for (int c = 0; c < 2000; c++) {
            long[] t = new long[1 + r.nextInt(12)];
            for (int i = 0; i < t.length; i++) {
                t[i] = 1 + r.nextLong(r.nextBoolean() ? 10 : 100_000);
            }
            long frames = 1 + r.nextInt(r.nextBoolean() ? 3 : 200);
            int depth = 1 + r.nextInt(4);
            assertEquals(FpgaPipeline.makespan(t, frames), FpgaPipeline.stepped(t, frames, depth), "case " + c);
        }
    }

    @Test
    void unitCyclesFoldsAndTheNetworkPipeline() {
        Workload w = Zoo.load("resnet18", "w");
        LayerFormats f = FormatsSpec.parse("w=int4,a=int4", "f", Presets.edge32x32().formats());
        FpgaDataflow d = FpgaDataflow.of("df", ZU, 200, f, w, Map.of(), 50_000, FpgaDataflow.ResType.AUTO, DRAM,
                null);
        Simulator sim = new Simulator();
        Simulator.NetworkResult an = sim.run(w, d, Simulator.EngineKind.ANALYTICAL);
        Simulator.NetworkResult cy = sim.run(w, d, Simulator.EngineKind.CYCLE);
        assertEquals(an.layers(), cy.layers(), "per-unit cycles: one model");
        assertEquals(an.total(), cy.total(), "analytical makespan = replayed pipeline");
        long max = 0;
        long sum = 0;
        for (Simulator.LayerResult l : an.layers()) {
            FpgaDataflow.Fold fold = d.fold(l.layer());
            long c = l.eval().cycles();
            assertTrue(c <= 50_000 || fold.pe() * fold.simd() > 1, l.layer() + " folded to the target where it can");
            assertEquals(l.eval().macs(), c * fold.pe() * fold.simd(), l.layer() + ": every lane busy every cycle");
            max = Math.max(max, c);
            sum += c;
        }
        assertEquals(sum, an.total().cycles(), "one frame: the critical path");
        Cost.FpgaResources r = (Cost.FpgaResources) an.total().cost();
        assertTrue(r.luts() > 0 && r.brams() > 0 && r.ffs() > 0, r.toString());
    }

    @Test
    void moreParallelismCostsMoreAndWiderFormatsCostMore() {
        Workload w = Zoo.load("resnet18", "w");
        Simulator sim = new Simulator();
        LayerFormats i4 = FormatsSpec.parse("w=int4,a=int4", "f", Presets.edge32x32().formats());
        LayerFormats i8 = FormatsSpec.parse("w=int8,a=int8", "f", Presets.edge32x32().formats());
        double[] luts = new double[3];
        long[] cycles = new long[3];
        long[] targets = {400_000, 100_000, 25_000};
        for (int i = 0; i < 3; i++) {
            FpgaDataflow d = FpgaDataflow.of("df", ZU, 200, i4, w, Map.of(), targets[i], FpgaDataflow.ResType.LUT,
                    DRAM, null);
            Simulator.NetworkResult n = sim.run(w, d, Simulator.EngineKind.ANALYTICAL);
            luts[i] = ((Cost.FpgaResources) n.total().cost()).luts();
            cycles[i] = n.total().cycles();
        }
        assertTrue(luts[0] < luts[1] && luts[1] < luts[2], java.util.Arrays.toString(luts));
        assertTrue(cycles[0] > cycles[1] && cycles[1] > cycles[2], java.util.Arrays.toString(cycles));
        FpgaDataflow d8 = FpgaDataflow.of("df", ZU, 200, i8, w, Map.of(), 100_000, FpgaDataflow.ResType.LUT, DRAM,
                null);
        double l8 = ((Cost.FpgaResources) sim.run(w, d8, Simulator.EngineKind.ANALYTICAL).total().cost()).luts();
        assertTrue(l8 > luts[1], l8 + " vs " + luts[1]);
    }

    @Test
    void badFoldsNameTheLayerAndField() {
        Workload w = Zoo.load("resnet18", "w");
        LayerFormats f = Presets.edge32x32().formats();
        String first = w.computeLayers().get(0).name();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FpgaDataflow.of("df", ZU, 200, f, w,
                Map.of(first, new FpgaDataflow.Fold(5, 1)), 0, FpgaDataflow.ResType.AUTO, DRAM, null));
        assertTrue(e.getMessage().contains("folding." + first + ".PE") && e.getMessage().contains("divisor"),
                e.getMessage());
        InvalidInputException u = assertThrows(InvalidInputException.class, () -> FpgaDataflow.of("df", ZU, 200, f, w,
                Map.of("nosuch", new FpgaDataflow.Fold(1, 1)), 0, FpgaDataflow.ResType.AUTO, DRAM, null));
        assertTrue(u.getMessage().contains("nosuch"), u.getMessage());
        InvalidInputException a = assertThrows(InvalidInputException.class, () -> FpgaDataflow.of("df", ZU, 200, f,
                Zoo.load("bert-base", "w"), Map.of(), 0, FpgaDataflow.ResType.AUTO, DRAM, null));
        assertTrue(a.getMessage().contains("overlay"), a.getMessage());
    }
}
