package io.qdse.simulator.bitfusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --compat bitfusion} against the real Bit Fusion simulator: every layer's cycles, memory-wait cycles, the
 * eight access counters and the tie-break energy equal; the layers the tool fails on are refused.
 */
class BitFusionGoldenTest {

    static double num(String s) {
        return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
    }

    @Test
    void everyGoldenLayerIsReproduced() throws Exception {
        run(false);
    }

    /**
     * The energy constants only order tilings of equal cycles: scaled by random factors in [1/e, e], cycles and
     * memory-wait cycles stay the tool's (what lets configurations the tool was not run on use QDSE's constants).
     */
    @Test
    void cyclesAndMemoryWaitDoNotDependOnTheEnergyConstants() throws Exception {
        run(true);
    }

    private static void run(boolean perturb) throws Exception {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        int checked = 0;
        int row = 0;
        int failures = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(BitFusionGoldenTest.class.getResourceAsStream(
                "/bitfusion-golden/layers.csv"), StandardCharsets.UTF_8))) {
            String line;
            String[] header = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split(",", -1);
                if (header == null) {
                    header = c;
                    continue;
                }
                Map<String, String> v = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    v.put(header[i], c[i]);
                }
                BitFusionSim.Config cfg = new BitFusionSim.Config(Integer.parseInt(v.get("N")),
                        Integer.parseInt(v.get("M")), Integer.parseInt(v.get("pmax")), Integer.parseInt(v.get("pmin")),
                        Long.parseLong(v.get("if_width")), Long.parseLong(v.get("wgt_sram_bytes")),
                        Long.parseLong(v.get("act_sram_bytes")), Long.parseLong(v.get("out_sram_bytes")), 0);
                double[] k = new double[7];
                String[] keys = {"core_nj", "wbuf_read_nj", "wbuf_write_nj", "ibuf_read_nj", "ibuf_write_nj",
                    "obuf_read_nj", "obuf_write_nj"};
                for (int i = 0; i < 7; i++) {
                    k[i] = num(v.get(keys[i])) * (perturb ? Math.exp(rnd.nextDouble() * 2 - 1) : 1);
                }
                BitFusionSim.EnergyCosts e = new BitFusionSim.EnergyCosts(k[0], k[1], k[2], k[3], k[4], k[5], k[6]);
                if (perturb && row++ % 3 != 0) {
                    continue;
                }
                String what = v.get("suite") + " " + v.get("config") + " " + v.get("network") + " " + v.get("layer");
                java.util.function.Supplier<BitFusionSim.Layer> layer = () -> new BitFusionSim.Layer(v.get("layer"),
                        Integer.parseInt(v.get("K")), Integer.parseInt(v.get("O")), Integer.parseInt(v.get("S")),
                        Long.parseLong(v.get("IC")), Long.parseLong(v.get("OC")), Long.parseLong(v.get("B")),
                        Integer.parseInt(v.get("iprec")), Integer.parseInt(v.get("wprec")),
                        Boolean.parseBoolean(v.get("im2col")));
                if (!v.get("error").isEmpty()) {
                    assertThrows(InvalidInputException.class, () -> BitFusionSim.simulate(cfg, layer.get(), e),
                            what + ": the tool fails (" + v.get("error") + ")");
                    failures++;
                    continue;
                }
                BitFusionSim.Layer l = layer.get();
                BitFusionSim.Stats s = BitFusionSim.simulate(cfg, l, e);
                assertEquals(Long.parseLong(v.get("cycles")), s.cycles(), what + ": cycles");
                assertEquals(Long.parseLong(v.get("mem_stall_cycles")), s.memoryWaitCycles(), what + ": memory wait");
                checked++;
                if (perturb) {
                    continue;
                }
                long[] mine = {s.readsAct(), s.readsWgt(), s.readsOut(), s.readsDram(), s.writesAct(), s.writesWgt(),
                    s.writesOut(), s.writesDram()};
                String[] names = {"reads_act", "reads_wgt", "reads_out", "reads_dram", "writes_act", "writes_wgt",
                    "writes_out", "writes_dram"};
                for (int i = 0; i < names.length; i++) {
                    assertEquals(Long.parseLong(v.get(names[i])), mine[i], what + ": " + names[i]);
                }
                assertEquals(num(v.get("energy_nj")), s.energyNj(), 0.0, what + ": energy");
            }
        }
        assertTrue(checked >= (perturb ? 200 : 700), checked + " layers checked");
        assertTrue(perturb || failures >= 1, "the tool's failure cases are covered");
    }
}
