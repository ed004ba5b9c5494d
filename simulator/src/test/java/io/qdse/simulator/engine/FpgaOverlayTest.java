package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.Zoo;
import org.junit.jupiter.api.Test;

/** The overlay: a systolic array built on an FPGA part is costed in FPGA resources, one array for every layer. */
class FpgaOverlayTest {

    private static SystolicArray on(String part, int n) {
        SystolicArray e = Presets.edge32x32().withShape(n, n);
        return new SystolicArray("overlay", e.rows(), e.cols(), e.dataflow(), e.ifmapSram(), e.filterSram(),
                e.ofmapSram(), e.dram(), 200, Targets.parse("fpga:" + part, "t"), e.formats());
    }

    @Test
    void aSystolicArrayOnAPartCostsLutsDspsAndBlockRamsNotArea() {
        Workload w = Zoo.load("resnet18", "w");
        LayerFormats f = FormatsSpec.parse("w=int4,a=int4", "f", Presets.edge32x32().formats());
        Simulator sim = new Simulator();
        SystolicArray a = on("xczu3eg", 16);
        Simulator.NetworkResult an = sim.run(w, a.withFormats(f), Simulator.EngineKind.ANALYTICAL);
        Cost.FpgaResources r = (Cost.FpgaResources) an.total().cost();
        FpgaCost mac = FpgaCostModel.standard().estimate(OpSpec.mac(f.weight(), f.activation(), f.accumulator(),
                w.computeLayers().get(1).ops().get(0).k()), (FpgaPart) a.technology(), true);
        assertTrue(r.luts() >= 256 * mac.luts() * 0.99, r + " vs " + mac);
        assertTrue(r.brams() > 0, "three scratchpads in block RAM");
        assertTrue(Double.isNaN(an.total().areaUm2()), "no area on an FPGA");
        Simulator.NetworkResult big = sim.run(w, on("xczu3eg", 32).withFormats(f), Simulator.EngineKind.ANALYTICAL);
        assertTrue(((Cost.FpgaResources) big.total().cost()).luts() > 3 * r.luts(), "4x the PEs");
        assertTrue(big.total().cycles() < an.total().cycles());
        Simulator.NetworkResult cy = sim.run(Zoo.load("resnet18", "w"), a.withFormats(f),
                Simulator.EngineKind.CYCLE);
        assertEquals(an.total().countersOnly(), cy.total().countersOnly(), "the cycle engine agrees on the overlay");
        assertEquals(an.total().cost(), cy.total().cost());
    }
}
