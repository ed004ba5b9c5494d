package io.qdse.hwmodels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.tech.FpgaPart;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FpgaPartsCsvTest {
    private static final String HEADER = String.join(",", FpgaPartsCsv.COLUMNS);
    private static final String GOOD = "xtest,xt;test-board,Test Board,XILINX_ULTRASCALE_PLUS,6,1000,2000,CARRY8,125,"
            + "400,DSP48E2,10,RAMB18,20,0,0,500,\"DS925, -1\",\"stored report, https://example.org/r\",";

    private static List<FpgaPart> read(String... rows) {
        return FpgaPartsCsv.read(new StringReader("# comment\n" + HEADER + "\n" + String.join("\n", rows)), "t.csv");
    }

    private static String error(String... rows) {
        return assertThrows(InvalidInputException.class, () -> read(rows)).getMessage();
    }

    @Test
    void aGoodRowBecomesAPart() {
        FpgaPart p = read(GOOD).get(0);
        assertEquals("xtest", p.name());
        assertEquals(List.of("xt", "test-board"), p.aliases());
        assertEquals(List.of("Test Board"), p.boards());
        assertEquals(20, p.bram18());
        assertEquals(10, p.bram36());
        assertEquals("DS925, -1", p.fmaxBasis());
        assertEquals("stored report, https://example.org/r", p.source());
    }

    @Test
    void theShippedCatalogueLoads() {
        assertEquals(12, FpgaPartsCsv.standard().size());
    }

    @Test
    void everyBadFieldIsNamedWithItsLineAndPart() {
        String m = error(GOOD.replace(",1000,2000,", ",-5,2000,"), GOOD.replace("xtest,xt;test-board", "xbad,xb")
                .replace("XILINX_ULTRASCALE_PLUS", "XILINX_ULTRA"), GOOD.replace("xtest,xt;test-board", "xk,xk2")
                .replace(",6,1000", ",4,1000"));
        assertTrue(m.startsWith("t.csv: "), m);
        assertTrue(m.contains("xtest.luts: must be > 0 (was -5)"), m);
        assertTrue(m.contains("line 4 (xbad).family: one of"), m);
        assertTrue(m.contains("line 5 (xk).lut_inputs: must be 6"), m);
    }

    @Test
    void familyKindsAreChecked() {
        assertTrue(error(GOOD.replace("CARRY8", "CARRY4")).contains("(xtest).carry_kind: must be CARRY8"));
        assertTrue(error(GOOD.replace("DSP48E2", "DSP58")).contains("(xtest).dsp_kind: must be DSP48E2"));
        assertTrue(error(GOOD.replace("RAMB18", "EBR 18 Kbit")).contains("(xtest).bram_kind: must be RAMB18"));
        assertTrue(error(GOOD.replace(",20,0,0,", ",21,0,0,")).contains("xtest.bram_blocks: must be even"));
        assertTrue(error(GOOD.replace(",20,0,0,", ",20,0,2,")).contains("xtest.sprams"));
    }

    @Test
    void numbersEmptiesAndNamesAreChecked() {
        assertTrue(error(GOOD.replace(",1000,2000,", ",1k,2000,")).contains("(xtest).luts: must be a whole number"));
        assertTrue(error(GOOD.replace(",1000,2000,", ",,2000,")).contains("(xtest).luts: required"));
        assertTrue(error(GOOD.replace(",500,\"DS925, -1\"", ",500,")).contains("xtest.fmax_basis"));
        assertTrue(error(GOOD.replace("xt;test-board", "xt;Test Board")).contains("(xtest).aliases"));
        // empty optional counts are allowed: unknown, not zero
        FpgaPart p = read(GOOD.replace(",125,400,", ",,,").replace(",20,0,0,", ",20,,0,")).get(0);
        assertEquals(List.of("carry_cells", "lutram_luts", "urams"), p.unknown());
    }

    @Test
    void duplicateNamesAndBrokenRowsAreRefused() {
        assertTrue(error(GOOD, GOOD.replace("xtest,xt;", "xother,xt;")).contains("'xt' already names xtest"));
        assertTrue(error(GOOD + ",extra").contains("line 3: 20 fields expected (was 21)"));
        assertTrue(error("xtest,\"unclosed").contains("unclosed quote"));
        String noHeader = assertThrows(InvalidInputException.class,
                () -> FpgaPartsCsv.read(new StringReader("name,luts\n"), "t.csv")).getMessage();
        assertTrue(noHeader.contains("header must be name,aliases"), noHeader);
    }

    @Test
    void quotedFieldsKeepCommasAndQuotes() {
        assertEquals(List.of("a", "b,c", "say \"hi\"", ""), FpgaPartsCsv.split("a,\"b,c\",\"say \"\"hi\"\"\","));
    }
}
