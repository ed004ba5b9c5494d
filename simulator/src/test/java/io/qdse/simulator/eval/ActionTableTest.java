package io.qdse.simulator.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.workload.Zoo;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The action table times the run's action counts gives back the run's energy. */
class ActionTableTest {
    private final Simulator sim = new Simulator();

    @Test
    void systolicRunEnergyIsActionsTimesCounts() {
        Accelerator a = Presets.edge32x32();
        Simulator.NetworkResult r = sim.run(Zoo.load("resnet18", "w"), a, Simulator.EngineKind.ANALYTICAL);
        ActionTable t = sim.actionTable(r, a);
        Map<String, Double> e = index(t);
        int edge = 32 * 8;
        int ofmapWord = 32 * 32; // int32 accumulators
        double total = 0;
        for (Simulator.LayerResult l : r.layers()) {
            Evaluation x = l.eval();
            Traffic tr = x.traffic();
            double pj = x.macs() * e.get("pe_array/mac[" + l.formats().describe() + "]")
                    + tr.sramIfmapReads() / (double) edge * e.get("ifmap_sram/read (" + edge + "-bit word)")
                    + tr.dramIfmapReads() / (double) edge * e.get("ifmap_sram/write (" + edge + "-bit word)")
                    + tr.sramFilterReads() / (double) edge * e.get("filter_sram/read (" + edge + "-bit word)")
                    + tr.dramFilterReads() / (double) edge * e.get("filter_sram/write (" + edge + "-bit word)")
                    + (tr.sramOfmapReads() + tr.dramOfmapWrites() + tr.dramOfmapReads()) / (double) ofmapWord
                            * e.get("ofmap_sram/read (" + ofmapWord + "-bit word)")
                    + tr.sramOfmapWrites() / (double) ofmapWord * e.get("ofmap_sram/write (" + ofmapWord + "-bit word)")
                    + tr.dramBits() * e.get("dram/read (bit)")
                    + x.cycles() * (e.get("ifmap_sram/leak (cycle)") + e.get("filter_sram/leak (cycle)")
                            + e.get("ofmap_sram/leak (cycle)"));
            assertEquals(x.energy().totalPj(), pj, 1e-9 * x.energy().totalPj(), l.layer());
            total += pj;
        }
        assertEquals(r.total().energy().totalPj(), total, 1e-9 * total);
        double parts = 0;
        for (ActionTable.Part p : t.areas()) {
            parts += p.component().equals("pe") ? 0 : p.areaUm2();
        }
        assertEquals(r.total().areaUm2(), parts, 1e-9 * parts, "array + scratchpads = the design's area");
        assertEquals(1024 * areaOf(t, "pe"), areaOf(t, "pe_array"), 1e-6);
    }

    @Test
    void bitSerialRunMemoryEnergyIsActionsTimesCounts() {
        BitSerialArray b = Presets.stripes();
        Simulator.NetworkResult r = sim.run(Zoo.load("resnet18", "w"), b, Simulator.EngineKind.ANALYTICAL);
        ActionTable t = sim.actionTable(r, b);
        Map<String, Double> e = index(t);
        assertTrue(e.get("pe_array/busy PE-cycle") > 0 && e.get("pe_array/PE-step") > 0);
        int wi = (int) Math.min(8192, b.cols() * (long) b.pe().lanes() * 8);
        int wf = (int) Math.min(8192, b.rows() * (long) b.pe().lanes() * 8);
        int wo = (int) Math.min(8192, b.rows() * 8L);
        for (Simulator.LayerResult l : r.layers()) {
            Evaluation x = l.eval();
            Traffic tr = x.traffic();
            double pj = tr.sramIfmapReads() / (double) wi * e.get("ifmap_sram/read (" + wi + "-bit word)")
                    + tr.dramIfmapReads() / (double) wi * e.get("ifmap_sram/write (" + wi + "-bit word)")
                    + tr.sramFilterReads() / (double) wf * e.get("filter_sram/read (" + wf + "-bit word)")
                    + tr.dramFilterReads() / (double) wf * e.get("filter_sram/write (" + wf + "-bit word)")
                    + tr.sramOfmapWrites() / (double) wo * e.get("ofmap_sram/write (" + wo + "-bit word)")
                    + tr.dramOfmapWrites() / (double) wo * e.get("ofmap_sram/read (" + wo + "-bit word)")
                    + tr.dramBits() * e.get("dram/read (bit)")
                    + x.cycles() * (e.get("ifmap_sram/leak (cycle)") + e.get("filter_sram/leak (cycle)")
                            + e.get("ofmap_sram/leak (cycle)"));
            double memory = x.energy().totalPj() - x.energy().macPj();
            assertEquals(memory, pj, 1e-9 * memory, l.layer());
        }
    }

    private static Map<String, Double> index(ActionTable t) {
        Map<String, Double> m = new HashMap<>();
        for (ActionTable.Action a : t.actions()) {
            m.put(a.component() + "/" + a.action(), a.energyPj());
        }
        return m;
    }

    private static double areaOf(ActionTable t, String component) {
        return t.areas().stream().filter(p -> p.component().equals(component)).findFirst().orElseThrow().areaUm2();
    }
}
