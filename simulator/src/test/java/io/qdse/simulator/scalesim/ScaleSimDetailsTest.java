package io.qdse.simulator.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.scalesim.io.ScaleSimFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleSimDetailsTest {

    @Test
    void pythonReprFormatting() {
        assertEquals("32.0", PyFloat.repr(32));
        assertEquals("318719.0", PyFloat.repr(318719));
        assertEquals("0.0001", PyFloat.repr(1e-4));
        assertEquals("1e-05", PyFloat.repr(1e-5));
        assertEquals("1.5e+16", PyFloat.repr(1.5e16));
        assertEquals("1234567890123456.0", PyFloat.repr(1234567890123456.0));
        assertEquals("0.1", PyFloat.repr(0.1));
        assertEquals("-3275.0", PyFloat.repr(-3275));
        assertEquals("5e-324", PyFloat.repr(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PyFloat.repr(Double.MAX_VALUE));
        assertEquals("2.0000000000000004", PyFloat.repr(2.0000000000000004));
        assertEquals("-0.0", PyFloat.repr(-0.0));
    }

    @Test
    void python312SummationGivesTheUpstreamGoldenDigits() throws Exception {
        // SCALE-Sim's repository golden file (generated with Python 3.12) has Compute Util 90.78000992063492 for AlexNet conv1 WS;
        // Python 3.11's naive sum gives ...485 (our golden run)
        Path dir = Paths.get(getClass().getResource("/scalesim-golden/z01_golden_alexnet_ws").toURI());
        ScaleSimConfig cfg = ScaleSimFiles.readConfig(dir.resolve("scale.cfg"));
        List<ScaleSimLayer> layers = ScaleSimFiles.readTopology(dir.resolve("topology.csv"), false);
        LayerReport naive = new ScaleSimEngine(cfg, ScaleSimEngine.Summation.NAIVE).simulate(layers.get(0));
        LayerReport neumaier = new ScaleSimEngine(cfg, ScaleSimEngine.Summation.NEUMAIER).simulate(layers.get(0));
        assertEquals("90.78000992063485", PyFloat.repr(naive.computeUtil()));
        assertEquals("90.78000992063492", PyFloat.repr(neumaier.computeUtil()));
    }

    @Test
    void topologyQuirksAreHandledAndBadRowsNameLineAndColumn(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("t.csv");
        // no trailing comma on the second row: SCALE-Sim would lose the stride and crash; we keep it
        Files.writeString(t, "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, "
                + "Num Filter, Strides,\nconv1, 10, 10, 3, 3, 8, 20, 1,\nconv2, 10, 10, 3, 3, 8, 20, 2\n\n"
                + "DPconv, 8, 8, 3, 3, 3, 1, 1,\n");
        List<ScaleSimLayer> l = ScaleSimFiles.readTopology(t, false);
        assertEquals(5, l.size());
        assertEquals(2, l.get(1).sh());
        assertEquals("DPconvChannel_2", l.get(4).name());
        assertEquals(1, l.get(4).ch());
        Files.writeString(t, "header,\nconv1, 10, ten, 3, 3, 8, 20, 1,\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScaleSimFiles.readTopology(t, false));
        assertTrue(e.getMessage().contains("line 2, column 3 (IFMAP Width)"), e.getMessage());
        Files.writeString(t, "header,\nconv1, 2, 10, 3, 3, 8, 20, 1,\n");
        e = assertThrows(InvalidInputException.class, () -> ScaleSimFiles.readTopology(t, false));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("Filter Height"), e.getMessage());
        Files.writeString(t, "header,\nfc, 1, 2,\n");
        e = assertThrows(InvalidInputException.class, () -> ScaleSimFiles.readTopology(t, true));
        assertTrue(e.getMessage().contains("4 fields"), e.getMessage());
    }

    @Test
    void badConfigsNameSectionAndKey(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("x.cfg");
        Files.writeString(c, "[general]\nrun_name = x\n[architecture_presets]\nArrayHeight: 0\nArrayWidth: 8\n"
                + "IfmapSramSzkB: 1\nFilterSramSzkB: 1\nOfmapSramSzkB: 1\nIfmapOffset: 0\nFilterOffset: 0\n"
                + "OfmapOffset: 0\nDataflow: ox\n[run_presets]\nInterfaceBandwidth: CALC\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScaleSimFiles.readConfig(c));
        assertTrue(e.getMessage().contains("Dataflow"), e.getMessage());
        Files.writeString(c, Files.readString(c).replace("ox", "os"));
        e = assertThrows(InvalidInputException.class, () -> ScaleSimFiles.readConfig(c));
        assertTrue(e.getMessage().contains("ArrayHeight"), e.getMessage());
        Files.writeString(c, Files.readString(c).replace("ArrayHeight: 0", "ArrayHeight: 8").replace("CALC", "calc"));
        e = assertThrows(InvalidInputException.class, () -> ScaleSimFiles.readConfig(c));
        assertTrue(e.getMessage().contains("USER or CALC"), e.getMessage());
    }
}
