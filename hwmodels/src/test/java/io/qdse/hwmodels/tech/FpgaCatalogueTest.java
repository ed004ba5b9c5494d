package io.qdse.hwmodels.tech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.format.Formats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FpgaCatalogueTest {

    private static FpgaPart part(String name) {
        return (FpgaPart) Targets.parse("fpga:" + name, "--target");
    }

    @Test
    void theCatalogueHoldsTheIssueTwelvePartsAndTheOldOnes() {
        Map<String, FpgaPart> parts = Targets.fpgaParts();
        for (String n : List.of("xc7z020", "xczu3eg", "xczu7ev", "xcvu9p", "xcu250", "xcvc1902", "ice40-up5k",
                "ice40-hx8k", "ecp5-85f", "xczu9eg", "xc7a35t", "ice40-hx1k")) {
            assertTrue(parts.containsKey(n), n + " missing from " + parts.keySet());
        }
        assertEquals(12, parts.size());
    }

    @Test
    void theOldPartsKeepTheTotalsTheCostModelDividesBy() {
        // FpgaCost.unitsPerPart() divides by these: unchanged from the static list the catalogue replaced
        long[][] old = {{1_182_240, 2_364_480, 6_840}, {274_080, 548_160, 2_520}, {899_840, 1_799_680, 1_968},
            {53_200, 106_400, 220}, {20_800, 41_600, 90}, {7_680, 7_680, 0}, {1_280, 1_280, 0}, {5_280, 5_280, 8}};
        String[] names = {"xcvu9p", "xczu9eg", "xcvc1902", "xc7z020", "xc7a35t", "ice40-hx8k", "ice40-hx1k",
            "ice40-up5k"};
        for (int i = 0; i < names.length; i++) {
            FpgaPart p = part(names[i]);
            assertEquals(old[i][0], p.luts(), names[i] + " LUTs");
            assertEquals(old[i][1], p.ffs(), names[i] + " FFs");
            assertEquals(old[i][2], p.dsps(), names[i] + " DSPs");
        }
    }

    @Test
    void everyPartIsWithinSaneRangesForItsFamily() {
        for (FpgaPart p : Targets.fpgaParts().values()) {
            String n = p.name();
            FpgaFamily f = p.family();
            assertTrue(p.luts() >= 1_000 && p.luts() <= 5_000_000, n + " LUTs " + p.luts());
            assertEquals(f.xilinx() ? 2 * p.luts() : p.luts(), p.ffs(), n + ": FFs per LUT of the family");
            assertTrue(p.dsps() <= p.luts() / 10, n + " DSPs " + p.dsps());
            assertTrue(p.bramBlocks() > 0 && p.bramKbit() < p.luts() * 1.0, n + " block RAM " + p.bramKbit());
            assertEquals(f.lutInputs(), p.lutInputs(), n);
            if (p.carryCells() != null) {
                // one carry cell per slice/CLB: 4 LUT6 (CARRY4), 8 LUT6 (CARRY8, LOOKAHEAD8), 2 LUT4 (CCU2C), 1 LC
                long lutsPerCarry = switch (f) {
                    case XILINX_7SERIES -> 4;
                    case XILINX_ULTRASCALE_PLUS, XILINX_VERSAL -> 8;
                    case LATTICE_ECP5 -> 2;
                    case LATTICE_ICE40 -> 1;
                };
                assertEquals(p.luts() / lutsPerCarry, p.carryCells(), n + " carry cells");
            }
            if (p.lutramLuts() != null && f.lutramBitsPerLut() > 0) {
                double share = p.lutramLuts() / (double) p.luts();
                assertTrue(share >= 0.2 && share <= 0.6, n + " LUT RAM share " + share);
            }
            if (p.fmaxMhz() != null) {
                assertTrue(p.fmaxMhz() >= 100 && p.fmaxMhz() <= 1000, n + " fmax " + p.fmaxMhz());
                assertTrue(p.fmaxBasis().contains("DS92"), n + " fmax basis names the data sheet");
            }
            assertTrue(p.source().contains("http") || p.source().contains("stored file id"),
                    n + ": the source names a stored URL or file");
            assertTrue(!f.xilinx() || p.bramBlocks() % 2 == 0, n);
            assertTrue(p.urams() == null || p.urams() == 0 || f.xilinx(), n);
            assertTrue(p.sprams() == 0 || f == FpgaFamily.LATTICE_ICE40, n);
            assertEquals(p.dsps() > 0 ? f.dspCell() : "none", p.dspKind(), n);
        }
    }

    @Test
    void derivedCapacitiesUseTheFamilyUnits() {
        FpgaPart vu9p = part("xcvu9p");
        assertEquals(2160, vu9p.bram36());
        assertEquals(4320, vu9p.bram18());
        assertEquals(4320L * 18, vu9p.bramKbit());
        assertEquals(960L * 288, vu9p.uramKbit());
        assertEquals("DSP48E2", vu9p.dspKind());
        assertEquals("CARRY8", vu9p.carryCell());
        assertEquals(1800.0, part("xczu3eg").lutramKbit(), 1e-9); // 28800 LUTRAM LUT6 x 64 bit
        FpgaPart up5k = part("ice40-up5k");
        assertEquals(120, up5k.bramKbit());
        assertEquals(0, up5k.bram18());
        assertEquals(1024, up5k.spramKbit());
        assertEquals("SB_MAC16", up5k.dspKind());
        assertEquals("none", part("ice40-hx8k").dspKind());
        FpgaPart ecp5 = part("ecp5-85f");
        assertEquals(FpgaFamily.LATTICE_ECP5, ecp5.family());
        assertEquals("MULT18X18D", ecp5.dspKind());
        assertEquals(156, ecp5.dsps());
        assertEquals(208, ecp5.bram18());
        assertEquals(669_120.0, ecp5.lutramKbit() * 1024, 1e-6);
        assertEquals("DSP58", part("xcvc1902").dspKind());
        assertEquals("LOOKAHEAD8", part("xcvc1902").carryCell());
    }

    @Test
    void aFieldNoStoredSourceGaveIsNullNotGuessed() {
        FpgaPart z7020 = part("xc7z020");
        assertNull(z7020.fmaxMhz());
        assertTrue(z7020.unknown().contains("fmax_mhz"));
        // the ZU7EV's URAM count, once unknown, comes from a Vivado HLS report's 'Available' row (parts.csv sources)
        FpgaPart zu7ev = part("xczu7ev");
        assertEquals(96, zu7ev.urams());
        assertEquals(96L * 288, zu7ev.uramKbit());
        assertTrue(zu7ev.source().contains("96 URAM"));
        assertNotNull(part("xczu3eg").fmaxMhz());
    }

    @Test
    void aliasesAndBoardNamesResolveToTheCanonicalPart() {
        Object[][] cases = {{"zu3eg", "xczu3eg"}, {"ULTRA96", "xczu3eg"}, {"zcu104", "xczu7ev"},
            {"zu7ev", "xczu7ev"}, {"vcu118", "xcvu9p"}, {"aws-f1", "xcvu9p"}, {"u250", "xcu250"},
            {"alveo-u250", "xcu250"}, {"vck190", "xcvc1902"}, {"pynq-z1", "xc7z020"}, {"ecp5-85f", "ecp5-85f"},
            {"lfe5u-85f", "ecp5-85f"}, {"up5k", "ice40-up5k"}, {"icebreaker", "ice40-up5k"},
            {"ice40-hx8k", "ice40-hx8k"}, {"zcu102", "xczu9eg"}};
        for (Object[] c : cases) {
            FpgaPart p = part((String) c[0]);
            assertEquals(c[1], p.name(), (String) c[0]);
            assertSame(Targets.fpgaParts().get(c[1]), p);
        }
    }

    @Test
    void anUnknownPartNamesTheFieldAndListsTheCatalogue() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Targets.parse("fpga:xcku5p", "--target"));
        assertEquals("--target", e.field());
        assertTrue(e.getMessage().startsWith("--target: unknown FPGA part"), e.getMessage());
        for (String n : List.of("xczu3eg", "xcu250", "ecp5-85f (lfe5u-85f, ecp5-85)", "ice40-up5k")) {
            assertTrue(e.getMessage().contains(n), n + " in " + e.getMessage());
        }
        InvalidInputException near = assertThrows(InvalidInputException.class,
                () -> Targets.parse("fpga:xcvu9", "--target"));
        assertTrue(near.getMessage().contains("did you mean xcvu9p"), near.getMessage());
    }

    @Test
    void theCostModelRefusesEcp5WithAReasonAndKeepsTheOthers() {
        FpgaCostModel m = FpgaCostModel.standard();
        OpSpec mul = OpSpec.mul(Formats.parse("int8"), Formats.parse("int8"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> m.estimate(mul, part("ecp5-85f"), true));
        assertEquals("target", e.field());
        assertTrue(e.getMessage().contains("no Lattice ECP5 calibration"), e.getMessage());
        assertTrue(e.getMessage().contains("xczu7ev"), e.getMessage());
        for (FpgaPart p : Targets.fpgaParts().values()) {
            if (p.family().costCalibrated()) {
                assertTrue(m.estimate(mul, p, true).luts() >= 0, p.name());
            }
        }
    }
}
