package io.qdse.hwmodels.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.hwmodels.tech.FpgaPart;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SramModelTest {
    private static final SramModel M = SramModel.cacti7();
    private static final AsicTechnology N45 = AsicTechnology.of(45);

    @Test
    void reproducesTheReferenceCactiTableAt45nm() {
        // shared/reference/hardware-costs.md §7.1, 45 nm, pJ per access (64-bit read / write, 256-bit read)
        double[][] ref = {{8, 5.3, 6.5, 9.1}, {32, 14.9, 12.7, 21.7}, {64, 29.0, 17.2, 41.7}, {128, 33.0, 21.2, 56.3},
            {256, 40.6, 28.8, 86.7}, {1024, 66.2, 54.4, 180.8}, {4096, 119.7, 107.8, 377.4}};
        for (double[] r : ref) {
            long size = (long) r[0] * 1024;
            SramCost c64 = M.estimate(new SramSpec(size, 64, 1), N45);
            SramCost c256 = M.estimate(new SramSpec(size, 256, 1), N45);
            assertEquals(r[1], c64.readPj(), 0.15, r[0] + " KB read");
            assertEquals(r[2], c64.writePj(), 0.15, r[0] + " KB write");
            // our CACTI sweep re-ran the reference's configuration: 64-bit points agree to the printed digit; at 256
            // bits CACTI's optimiser picked other organisations for a few sizes (256 KB: 84.2 vs 86.7 pJ)
            assertEquals(r[3], c256.readPj(), 0.05 * r[3], r[0] + " KB 256-bit read");
            assertFalse(c64.extrapolated());
        }
    }

    @Test
    void linearInWidthMatchesCactisOwnNarrowAndWideRuns() throws Exception {
        // the 2-, 4- and 16-byte runs at 8 KB and 64 KB are not used by the model: they test its width rule
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SramModel.class.getResourceAsStream("cacti7_sram.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            int checked = 0;
            while ((line = r.readLine()) != null) {
                String[] c = line.split(",");
                int block = Integer.parseInt(c[2]);
                if (block == 8 || block == 32 || !c[0].equals("45")) {
                    continue;
                }
                SramCost m = M.estimate(new SramSpec(Long.parseLong(c[1]), block * 8, 1), N45);
                assertEquals(Double.parseDouble(c[4]), m.readPj(), 0.005 * Double.parseDouble(c[4]) + 0.02, line);
                assertEquals(Double.parseDouble(c[5]), m.writePj(), 0.005 * Double.parseDouble(c[5]) + 0.02, line);
                checked++;
            }
            assertEquals(6, checked);
        }
    }

    @Test
    void energyGrowsWithSizeAndBankingCutsAccessEnergy() {
        double prev = 0;
        for (long kb = 1; kb <= 4096; kb *= 2) {
            double e = M.estimate(new SramSpec(kb * 1024, 64, 1), N45).readPj();
            assertTrue(e > prev, kb + " KB");
            prev = e;
        }
        SramCost one = M.estimate(new SramSpec(1 << 20, 64, 1), N45);
        SramCost eight = M.estimate(new SramSpec(1 << 20, 64, 8), N45);
        assertTrue(eight.readPj() < one.readPj());
        assertTrue(eight.leakageMw() > 0);
    }

    @Test
    void nodeScalingLandsNearCactis22nmRuns() {
        AsicTechnology n22 = AsicTechnology.of(22);
        SramCost c = M.estimate(new SramSpec(8192, 64, 1), n22);
        assertEquals(1.504, c.readPj(), 1e-3); // the 22 nm table itself
        SramCost mid = M.estimate(new SramSpec(8192, 64, 1), AsicTechnology.of(32));
        assertTrue(mid.readPj() < 5.288 && mid.readPj() > 1.504);
        SramCost c7 = M.estimate(new SramSpec(8192, 64, 1), AsicTechnology.of(7));
        assertTrue(c7.readPj() < 1.504);
    }

    @Test
    void extrapolationIsFlagged() {
        assertTrue(M.estimate(new SramSpec(256, 32, 1), N45).extrapolated());
        assertTrue(M.estimate(new SramSpec(1 << 20, 1024, 1), N45).extrapolated());
    }

    @Test
    void badSpecsNameTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SramSpec(0, 64, 1));
        assertEquals("sram size", e.field());
        e = assertThrows(InvalidInputException.class, () -> new SramSpec(8, 128, 1));
        assertTrue(e.getMessage().contains("at least one 128-bit word"));
    }

    @Test
    void fpgaBlockRams() {
        FpgaPart vu9p = (FpgaPart) Targets.parse("fpga:xcvu9p", "t");
        assertEquals(1, FpgaRam.blocks(new SramSpec(4096, 72, 1), vu9p)); // 512 x 72
        assertEquals(2, FpgaRam.blocks(new SramSpec(8192, 64, 1), vu9p)); // 1024 x 64 -> 2 x (1K x 36)
        assertEquals(1, FpgaRam.bram18(new SramSpec(2048, 32, 1), vu9p)); // 512 x 32 fits one RAMB18 (512 x 36)
        assertEquals(2, FpgaRam.bram18(new SramSpec(4096, 72, 1), vu9p)); // 512 x 72: one RAMB36 = two RAMB18
        assertEquals(4, FpgaRam.bram18(new SramSpec(8192, 64, 1), vu9p)); // 1024 x 64 -> 4 x (1K x 18)
        FpgaPart ice = (FpgaPart) Targets.parse("fpga:ice40-hx8k", "t");
        assertEquals(1, FpgaRam.blocks(new SramSpec(512, 16, 1), ice));
        assertEquals(4, FpgaRam.blocks(new SramSpec(2048, 16, 1), ice));
    }

    @Test
    void dramTypes() {
        assertEquals(3.9 * 1024, DramType.parse("HBM2", "--dram").energyPj(1024), 1e-9);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DramType.parse("ddr9", "--dram"));
        assertTrue(e.getMessage().contains("hbm2"));
    }
}
