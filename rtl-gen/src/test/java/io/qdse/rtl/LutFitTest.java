package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.fpga.LutFit;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fitted FPGA model against Yosys on PEs held out of the fit: the stored synthesis results
 * ({@code pe_synthesis.csv}, written by {@code qdse rtl calibrate} beside {@code lut_fit.csv}) evaluated with today's
 * model code, and fresh Yosys runs of held-out PEs when Yosys is installed. Within 15 % of Yosys' LUT count.
 */
class LutFitTest {
    static final double TOLERANCE = 0.15;

    static Map<String, Calibration.Point> sweepBySlug() {
        Map<String, Calibration.Point> m = new HashMap<>();
        for (Calibration.Point p : Calibration.sweep()) {
            m.put(p.design().slug(), p);
        }
        return m;
    }

    static double model(Design.MacPe d, String flow) {
        Synthesis.Target t = Synthesis.Target.ofFlow(flow);
        return FpgaCostModel.yosys().estimate(OpSpec.mac(d.a(), d.b(), d.acc(), 1), Calibration.part(t), t.dsp)
                .luts();
    }

    @Test
    void heldOutPesWithinFifteenPercentOfYosys() throws Exception {
        String csv;
        try (InputStream in = LutFit.class.getResourceAsStream("pe_synthesis.csv")) {
            assertNotNull(in, "pe_synthesis.csv is stored beside lut_fit.csv");
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(5, LutFit.standard().coeffs().size(), "fitted flow/class pairs (minifloat PEs on the Xilinx "
                + "DSP flow use the -nodsp fit): "
                + LutFit.standard().coeffs().keySet());
        Map<String, Calibration.Point> sweep = sweepBySlug();
        List<String> lines = csv.lines().skip(1).toList();
        assertEquals(sweep.size() * 3, lines.size(), "one row per PE and flow");
        int held = 0;
        double worst = 0;
        StringBuilder report = new StringBuilder();
        for (String line : lines) {
            String[] f = line.split(",");
            assertEquals(LutFit.standard().yosys(), f[9], "the fit and its measurements come from one Yosys");
            Calibration.Point p = sweep.get(f[0]);
            assertNotNull(p, "unknown design " + f[0]);
            assertEquals(p.heldOut(), f[3].equals("1"), "held-out set of " + f[0]);
            if (!p.heldOut()) {
                continue;
            }
            int yosys = Integer.parseInt(f[4]);
            double m = model(p.design(), f[1]);
            double err = (m - yosys) / yosys;
            worst = Math.max(worst, Math.abs(err));
            report.append(String.format("%-36s %-13s yosys %5d model %7.1f %+6.1f%%%n", f[0], f[1], yosys, m,
                    100 * err));
            held++;
        }
        System.out.print(report);
        assertEquals(Calibration.HELD_OUT.size() * 3, held, "held-out rows");
        assertTrue(worst <= TOLERANCE, "worst held-out LUT error " + 100 * worst + " %:\n" + report);
    }

    @Test
    void freshYosysRunsOfHeldOutPes(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.available("yosys"), "yosys not installed: live held-out check skipped");
        for (String name : new String[] {"mac_int6xint6_int20", "mac_e3m3xe3m3_kulisch29"}) {
            Calibration.Point p = sweepBySlug().get(name);
            assertNotNull(p, name);
            assertTrue(p.heldOut(), name + " is held out of the fit");
            Path b = dir.resolve(name);
            Bundle.write(p.design(), b, 1, 1);
            Synthesis.Stats s = Synthesis.run(b, Synthesis.Target.ICE40, 600);
            double m = model(p.design(), "ice40");
            System.out.printf("%s ice40: yosys %d LUTs, model %.1f%n", name, s.luts(), m);
            assertEquals(s.luts(), m, TOLERANCE * s.luts(), name);
        }
    }
}
