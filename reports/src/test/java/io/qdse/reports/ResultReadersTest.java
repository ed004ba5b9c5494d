package io.qdse.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.reports.io.RtlFiles;
import io.qdse.reports.io.SweepFiles;
import io.qdse.reports.results.RtlBundle;
import io.qdse.reports.results.SweepRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading stored results, and the catalogue of bad inputs: each message names the path and what is wrong. */
class ResultReadersTest {
    @TempDir
    Path dir;

    private String fails(Path folder) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Reports.build(List.of(folder), List.of(folder.toString()), null));
        return e.getMessage();
    }

    @Test
    void missingOrEmptyFoldersAreNamed() throws Exception {
        String m = fails(dir.resolve("nope"));
        assertTrue(m.contains("nope") && m.contains("no such folder"), m);
        Files.createDirectories(dir.resolve("empty/sub"));
        m = fails(dir.resolve("empty"));
        assertTrue(m.contains("empty") && m.contains("found none"), m);
        Path file = Samples.write(dir.resolve("file.txt"), "x");
        m = fails(file);
        assertTrue(m.contains("this is a file"), m);
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() {
        Samples.write(dir.resolve("r/result.json"), "{\n \"workload\": \"x\",\n oops }");
        String m = fails(dir.resolve("r"));
        assertTrue(m.contains("result.json") && m.contains("valid JSON") && m.contains("line 3"), m);
    }

    @Test
    void missingFieldsAreAllNamed() {
        Samples.write(dir.resolve("r/result.json"), "{\"workload\":\"w\",\"arch\":\"a\",\"clock_mhz\":500,"
                + "\"layers\":[{\"layer\":\"l0\",\"macs\":10,\"utilization\":0.5,\"energy_pj\":{\"total\":1}},"
                + "{\"layer\":\"l1\",\"cycles\":\"many\",\"macs\":10,\"utilization\":0.5}]}");
        String m = fails(dir.resolve("r"));
        assertTrue(m.contains("layers[0].cycles: a number (missing)"), m);
        assertTrue(m.contains("layers[1].cycles: a number (was \"many\")"), m);
        assertTrue(m.contains("layers[1].energy_pj: an object (missing)"), m);
    }

    @Test
    void aResultJsonOfUnknownShapeIsRefused() {
        Samples.write(dir.resolve("r/result.json"), "{\"hello\": 1}");
        String m = fails(dir.resolve("r"));
        assertTrue(m.contains("result.json") && m.contains("not a result QDSE writes"), m);
    }

    @Test
    void malformedCsvNamesLineAndColumn() {
        Samples.write(dir.resolve("s/pareto.csv"), "point,hardware,sensitivity\n0,table,0.5\n1,table\n");
        String m = fails(dir.resolve("s"));
        assertTrue(m.contains("pareto.csv") && m.contains("line 3: 2 cells for the header's 3 columns"), m);
        Samples.write(dir.resolve("s/pareto.csv"), "point,hardware,sensitivity\n0,table,lots\n");
        m = fails(dir.resolve("s"));
        assertTrue(m.contains("column 'sensitivity': a number (was 'lots')"), m);
        Samples.write(dir.resolve("s/pareto.csv"), "point,hardware,\"sensitivity\n0,table,1\n");
        m = fails(dir.resolve("s"));
        assertTrue(m.contains("quoted cell is not closed"), m);
    }

    @Test
    void sweepsNeedTheirRowsAndTheColumnsTheManifestNames() throws Exception {
        Path s = Samples.sweep(dir.resolve("sw"), 5, false);
        Files.delete(s.resolve("rows.csv"));
        String m = fails(s);
        assertTrue(m.contains("manifest.json without rows.csv"), m);
        Samples.sweep(dir.resolve("sw2"), 5, false);
        String rows = Files.readString(dir.resolve("sw2/rows.csv")).replace("energy_uj", "energy_j");
        Files.writeString(dir.resolve("sw2/rows.csv"), rows);
        m = fails(dir.resolve("sw2"));
        assertTrue(m.contains("rows.csv") && m.contains("a column 'energy_uj' (named by manifest.json)"), m);
    }

    @Test
    void aCalibrationNeedsItsFit() throws Exception {
        Path c = Samples.calibration(dir.resolve("c"));
        Files.delete(c.resolve("lut_fit.csv"));
        String m = fails(c);
        assertTrue(m.contains("lut_fit.csv beside pe_synthesis.csv"), m);
    }

    @Test
    void sweepRowsKeepTheirLabelsAndDerivedMetricsGetAUnitOrNone() {
        SweepRun s = SweepFiles.read(Samples.sweep(dir.resolve("sw"), 6, false));
        assertEquals(12, s.rows().size());
        assertEquals("edge#0 (" + s.rows().get(0).parameters().get("rows") + "x"
                + s.rows().get(0).parameters().get("cols") + ")", s.rows().get(0).labels().get("arch"));
        assertEquals("-", s.metrics().get("per_joule"), "a derived metric's expression is no unit");
        assertEquals("boom", s.rows().get(8).error());
    }

    @Test
    void yosysStatIsReadFromTheTopModulesBlock() {
        RtlBundle b = RtlFiles.read(Samples.rtl(dir.resolve("b"), "d"));
        assertEquals(2, b.syntheses().size());
        RtlBundle.Synthesis ice = b.syntheses().get(0);
        assertEquals("ice40", ice.target());
        assertEquals(220, ice.luts());
        assertEquals(32, ice.ffs());
        assertEquals(41, ice.carry());
        RtlBundle.Synthesis x = b.syntheses().get(1);
        assertEquals(29, x.luts());
        assertEquals(1, x.dsps());
        assertEquals(3, b.predictions().size());
        assertEquals(32.53, b.asicAreaUm2(), 1e-12);
    }

    @Test
    void theCalibrationModelReproducesTheDocumentedHeldOutError() {
        Report r = Reports.build(List.of(Samples.calibration(dir.resolve("c"))), List.of("c"), null);
        Table errors = r.sections().get(0).tables().get(0);
        double worst = 0;
        for (List<Object> row : errors.rows()) {
            if (row.get(1).equals("held out")) {
                worst = Math.max(worst, (Double) row.get(4));
            }
        }
        assertEquals(13.6, worst, 0.05, "docs/rtl.md: worst held-out LUT error of the fitted model 13.6 %");
    }
}
