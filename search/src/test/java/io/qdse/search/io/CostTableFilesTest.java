package io.qdse.search.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.Budget;
import io.qdse.search.Budgets;
import io.qdse.search.SearchProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostTableFilesTest {

    @Test
    void readsLayersFormatsMetricsTiesAndPins(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("costs.csv");
        Files.writeString(t, "# my own table\nlayer,format,tie_group,sensitivity,size_bits,latency_cycles\n"
                + "a,int4,,0.5,400,10\na,int8,,0.1,800,12\nb,int4,g,0.7,40,3\nb,int8,g,0.2,80,4\n"
                + "c,int8,g,0.3,80,4\nc,int4,g,0.9,40,3\n");
        SearchProblem p = CostTableFiles.read(t, null, Map.of("a", "int8"));
        assertEquals(List.of("a", "b", "c"), p.layers());
        assertEquals(List.of("int4", "int8"), p.formats());
        assertEquals(List.of("sensitivity", "size_bits", "latency_cycles"), p.metrics());
        assertEquals("bits", p.unit(1));
        assertEquals("cycles", p.unit(2));
        assertEquals(1, p.ties().size());
        assertEquals(1, p.pinned(0));
        assertEquals(0.9, p.cost(2, 0, 0, 0));
        // fractions run from all-cheapest to all-dearest bits, pins respected: (800+40+40) .. (800+80+80)
        List<Budget> b = Budgets.parse(p, List.of("latency_cycles=20"), List.of("size_bits=0.25"));
        assertEquals(20.0, b.get(0).max());
        assertEquals(880 + 0.25 * 80, b.get(1).max(), 1e-9);
    }

    @Test
    void badTablesNameFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("bad.csv");
        Files.writeString(t, "layer,format,sensitivity\na,int4,0.5\na,int8,x\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CostTableFiles.read(t, null,
                Map.of()));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("column sensitivity"),
                e.getMessage());
        Files.writeString(t, "layer,sensitivity\na,0.5\n");
        e = assertThrows(InvalidInputException.class, () -> CostTableFiles.read(t, null, Map.of()));
        assertTrue(e.getMessage().contains("layer, format"), e.getMessage());
        Files.writeString(t, "layer,format,sensitivity\na,int4,0.5\na,int4,0.6\n");
        e = assertThrows(InvalidInputException.class, () -> CostTableFiles.read(t, null, Map.of()));
        assertTrue(e.getMessage().contains("once"), e.getMessage());
        Files.writeString(t, "layer,format,sensitivity\na,int4,0.5\n");
        e = assertThrows(InvalidInputException.class, () -> CostTableFiles.read(t, null, Map.of("a", "fp8")));
        assertTrue(e.getMessage().contains("--pin") && e.getMessage().contains("int4"), e.getMessage());
        Path ties = dir.resolve("ties.csv");
        Files.writeString(ties, "layer,group\nzz,1\n");
        e = assertThrows(InvalidInputException.class, () -> CostTableFiles.read(t, ties, Map.of()));
        assertTrue(e.getMessage().contains("zz") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void quotedLayerNamesAsSearchOutWritesThemReadBack(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("costs.csv");
        Files.writeString(t, "layer,format,sensitivity,size_bits\n\"conv,1\",int4,0.5,4\n\"conv,1\" , int8,0.1,8\n"
                + "\"fc \"\"head\"\"\",int4,0.4,4\nc\"q,int4,0.3,4\nc\"q,int8,0.2,8\n");
        Path ties = dir.resolve("ties.csv");
        Files.writeString(ties, "layer,group\n\"conv,1\",g\nc\"q,g\n");
        SearchProblem p = CostTableFiles.read(t, ties, Map.of("fc \"head\"", "int4"));
        assertEquals(List.of("conv,1", "fc \"head\"", "c\"q"), p.layers());
        assertEquals(0.1, p.cost(0, 1, 0, 0));
        assertEquals(0, p.pinned(1));
        assertEquals(1, p.ties().size());
    }
}
