package io.qdse.simulator.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one CSV reading every reader shares: quoting, CRLF, BOM, comments, blank lines, line numbers. */
class CsvTableTest {

    @Test
    void quotedFieldsCrlfBomCommentsAndBlankLinesWithTheirLines() {
        String text = "\uFEFF# a comment\r\nName, Type ,m\r\n\r\n\"conv,1\",conv,3\r\n# another\r\n\"a \"\"q\"\"\",gemm,\r\n"
                + "x,linear,5,\n";
        CsvTable t = CsvTable.parse("f.csv", text);
        assertEquals(java.util.List.of("name", "type", "m"), t.header());
        assertEquals(3, t.rows().size());
        assertEquals("conv,1", t.rows().get(0).get("name"));
        assertEquals(4, t.rows().get(0).line());
        assertEquals("a \"q\"", t.rows().get(1).get("name"));
        assertEquals(6, t.rows().get(1).line());
        assertEquals(null, t.rows().get(1).get("m"));
        assertEquals("5", t.rows().get(2).get("m"));
        assertEquals(7, t.rows().get(2).line());
        assertEquals("f.csv line 7", t.where(t.rows().get(2)));
    }

    @Test
    void tooManyCellsAndRepeatedColumnsNameTheLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CsvTable.parse("f.csv", "a,b\n1,2\n1,2,3\n"));
        assertTrue(e.getMessage().contains("f.csv line 3"), e.getMessage());
        InvalidInputException r = assertThrows(InvalidInputException.class, () -> CsvTable.parse("f.csv", "a,A\n"));
        assertTrue(r.getMessage().contains("f.csv line 1") && r.getMessage().contains("repeats"), r.getMessage());
    }

    @Test
    void nonUtf8AndBinaryFilesAreRefusedWithTheirLine(@TempDir Path dir) throws Exception {
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "name,type\nl\u00e4yer,conv\n".getBytes(StandardCharsets.ISO_8859_1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TextFiles.read(latin, "--workload"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("UTF-8"), e.getMessage());
        Path bin = dir.resolve("b.csv");
        Files.write(bin, new byte[] {'a', 0, 1, 2});
        InvalidInputException b = assertThrows(InvalidInputException.class, () -> TextFiles.read(bin, "--workload"));
        assertTrue(b.getMessage().contains("binary"), b.getMessage());
        InvalidInputException d = assertThrows(InvalidInputException.class, () -> TextFiles.read(dir, "--workload"));
        assertTrue(d.getMessage().contains("--workload") && d.getMessage().contains("folder"), d.getMessage());
        Path utf = dir.resolve("u.csv");
        Files.writeString(utf, "\uFEFFname\n\u5c64\n");
        assertEquals("name\n\u5c64\n", TextFiles.read(utf, "--workload"));
    }
}
