package io.qdse.hwmodels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing of the user's is ever lost or changed, and an output set is written whole or not at all. */
class OutputSetTest {

    /** Every file under {@code dir} with its content: a folder's state, to compare before and after. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = dir.relativize(p).toString();
                m.put(rel, Files.isDirectory(p) ? "/" : Files.readString(p));
            }
        }
        return m;
    }

    static Path userFolder(Path root) throws IOException {
        Path d = Files.createDirectories(root.resolve("project"));
        Files.createDirectories(d.resolve(".git"));
        Files.writeString(d.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(d.resolve("README.md"), "# my project\n");
        Files.writeString(d.resolve("params.json"), "{\"mine\": true}\n");
        return d;
    }

    @Test
    void aFolderOfSomeoneElsesIsRefusedAndLeftAsItWas(@TempDir Path root) throws IOException {
        Path d = userFolder(root);
        Map<String, String> before = snapshot(root);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputSet.folder(d, "--out", false, List.of()));
        assertEquals("--out", e.field());
        assertTrue(e.getMessage().contains(".git") && e.getMessage().contains("README.md")
                && e.getMessage().contains("--force"), e.getMessage());
        assertEquals(before, snapshot(root));
        assertThrows(InvalidInputException.class, () -> OutputSet.checkFolder(d, "--out", false));
    }

    @Test
    void forceWritesBesideTheUsersFilesAndReplacesOnlyNamesakes(@TempDir Path root) throws IOException {
        Path d = userFolder(root);
        try (OutputSet s = OutputSet.folder(d, "--out", true, List.of())) {
            s.write("params.json", "{}\n");
            s.write("rtl/Pe.sv", "module Pe; endmodule\n");
            s.commit();
        }
        assertEquals("ref: refs/heads/main\n", Files.readString(d.resolve(".git/HEAD")));
        assertEquals("# my project\n", Files.readString(d.resolve("README.md")));
        assertEquals("{}\n", Files.readString(d.resolve("params.json")));
        assertTrue(Files.isRegularFile(d.resolve(OutputSet.MARKER)));
        // a folder of the user's where a file of ours would go is never replaced, even with --force
        Path e = Files.createDirectories(root.resolve("e/rtl"));
        Files.writeString(e.resolve("x.txt"), "x");
        OutputSet s = OutputSet.folder(root.resolve("e"), "--out", true, List.of());
        s.write("rtl", "a file");
        assertThrows(InvalidInputException.class, s::commit);
        assertEquals("x", Files.readString(e.resolve("x.txt")));
        assertNoStaging(root);
    }

    @Test
    void aRerunReplacesItsOwnFilesRemovesStaleOnesAndKeepsTheUsers(@TempDir Path root) throws IOException {
        Path d = root.resolve("out/bundle");
        try (OutputSet s = OutputSet.folder(d, "--out", false, List.of())) {
            s.write("a.txt", "1");
            s.write("sub/b.txt", "1");
            s.write("old/c.txt", "1");
            s.commit();
        }
        Files.writeString(d.resolve("NOTES.md"), "mine");
        Files.writeString(d.resolve("sub/mine.txt"), "mine");
        try (OutputSet s = OutputSet.folder(d, "--out", false, List.of())) {
            s.write("a.txt", "2");
            s.write("sub/b2.txt", "2");
            s.commit();
        }
        Map<String, String> after = snapshot(d);
        assertEquals("2", after.get("a.txt"));
        assertEquals("2", after.get("sub/b2.txt"));
        assertFalse(after.containsKey("sub/b.txt"), "a file of the earlier set that the new one lacks is removed");
        assertFalse(after.containsKey("old"), "its emptied folder too");
        assertEquals("mine", after.get("NOTES.md"));
        assertEquals("mine", after.get("sub/mine.txt"));
        assertEquals(List.of("a.txt", "sub/b2.txt"), Files.readAllLines(d.resolve(OutputSet.MARKER)).stream()
                .filter(l -> !l.startsWith("#")).toList());
        // a file the user put where the new set writes, not listed in the marker: refused without --force
        Files.writeString(d.resolve("new.txt"), "user's");
        OutputSet s = OutputSet.folder(d, "--out", false, List.of());
        s.write("new.txt", "ours");
        assertThrows(InvalidInputException.class, s::commit);
        assertEquals("user's", Files.readString(d.resolve("new.txt")));
        assertEquals("2", Files.readString(d.resolve("a.txt")), "a refused set changes nothing");
    }

    @Test
    void aFailedRunLeavesNothingBehind(@TempDir Path root) throws IOException {
        Path d = root.resolve("a/b/c");
        try (OutputSet s = OutputSet.folder(d, "--out", false, List.of())) {
            s.write("x.csv", "half");
            // no commit: the work failed
        }
        assertEquals(List.of(), Files.list(root).toList(), "neither the output nor the folders made for it");
        Path kept = Files.createDirectories(root.resolve("kept"));
        Files.writeString(kept.resolve(OutputSet.MARKER), "x.csv\n");
        Files.writeString(kept.resolve("x.csv"), "old");
        try (OutputSet s = OutputSet.folder(kept, "--out", false, List.of())) {
            s.write("x.csv", "new");
            s.write("y.csv", "new");
        }
        assertEquals(Map.of("", "/", OutputSet.MARKER, "x.csv\n", "x.csv", "old"), snapshot(kept));
    }

    @Test
    void fileOutputsNeverReplaceAnInputOrAnExistingFileWithoutForce(@TempDir Path root) throws IOException {
        Path in = Files.writeString(root.resolve("w.csv"), "1,2\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputSet.file(in, "--out", true, List.of(Path.of(root + "/./w.csv"))));
        assertTrue(e.getMessage().contains("input"), e.getMessage());
        Path link = Files.createSymbolicLink(root.resolve("link.csv"), in);
        assertThrows(InvalidInputException.class, () -> OutputSet.file(link, "--out", true, List.of(in)));
        Path q = Files.writeString(root.resolve("q.csv"), "earlier");
        e = assertThrows(InvalidInputException.class, () -> OutputSet.file(q, "--out", false, List.of(in)));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        try (OutputSet s = OutputSet.file(q, "--out", true, List.of(in))) {
            Files.writeString(s.path("q.csv"), "new");
            s.commit();
        }
        assertEquals("new", Files.readString(q));
        assertEquals("1,2\n", Files.readString(in));
        assertNoStaging(root);
        assertFalse(Files.exists(root.resolve(OutputSet.MARKER)), "a file output leaves no marker in the user's folder");
    }

    @Test
    void aRunNeverRemovesItsOwnInputEvenWhenItWasAnEarlierOutput(@TempDir Path root) throws IOException {
        Path d = root.resolve("res");
        try (OutputSet s = OutputSet.folder(d, "--out", false, List.of())) {
            s.write("costs.csv", "table");
            s.write("result.json", "{}");
            s.commit();
        }
        try (OutputSet s = OutputSet.folder(d, "--out", false, List.of(d.resolve("costs.csv")))) {
            s.write("pareto.csv", "front");
            s.commit();
        }
        assertEquals("table", Files.readString(d.resolve("costs.csv")));
        assertFalse(Files.exists(d.resolve("result.json")));
        OutputSet s = OutputSet.folder(d, "--out", false, List.of(d.resolve("costs.csv")));
        s.write("costs.csv", "other");
        assertThrows(InvalidInputException.class, s::commit);
    }

    @Test
    void leftoversOfADeadRunAreRemovedThoseOfALiveOneKept(@TempDir Path root) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path d = Files.createDirectories(root.resolve("out"));
        Path deadTmp = Files.createDirectories(d.resolve(".qdse-tmp-" + dead + "-1-abc"));
        Files.writeString(deadTmp.resolve("big.csv"), "x".repeat(1000));
        long me = ProcessHandle.current().pid();
        long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        Path liveTmp = Files.createDirectories(d.resolve(".qdse-tmp-" + me + "-" + start + "-def"));
        Path legacy = Files.writeString(root.resolve(".qdse-123456789.tmp"), "old version's leftover");
        Files.setLastModifiedTime(legacy, java.nio.file.attribute.FileTime.fromMillis(0));
        Path userDot = Files.writeString(root.resolve(".qdse-notes"), "a user's file that only looks like ours");
        try (OutputSet s = OutputSet.folder(d, "--out", false, List.of())) {
            s.write("r.json", "{}");
            s.commit();
        }
        assertFalse(Files.exists(deadTmp), "staging folder of a dead process");
        assertTrue(Files.exists(liveTmp), "staging folder of a live process");
        assertFalse(Files.exists(legacy), "old-version temporary file");
        assertTrue(Files.exists(userDot));
    }

    @Test
    void partOfABundleReplacesOnlyThatPart(@TempDir Path root) throws IOException {
        Path d = root.resolve("bundle");
        try (OutputSet s = OutputSet.folder(d, "--out", false, List.of())) {
            s.write("rtl/Pe.sv", "v1");
            s.write("fpga/top.sv", "v1");
            s.write("fpga/old.pcf", "v1");
            s.commit();
        }
        try (OutputSet s = OutputSet.folderPart(d, "DIR", false, "fpga/")) {
            s.write("fpga/top.sv", "v2");
            s.commit();
        }
        Map<String, String> m = snapshot(d);
        assertEquals("v1", m.get("rtl/Pe.sv"));
        assertEquals("v2", m.get("fpga/top.sv"));
        assertFalse(m.containsKey("fpga/old.pcf"));
        Path foreign = userFolder(root);
        assertThrows(InvalidInputException.class, () -> OutputSet.folderPart(foreign, "DIR", false, "fpga/"));
        assertNoStaging(root);
    }

    @Test
    void destinationsThatCannotBeWrittenNameTheOptionAndTheReason(@TempDir Path root) throws IOException {
        Path file = Files.writeString(root.resolve("f"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputSet.folder(file, "--out", false, List.of()));
        assertTrue(e.getMessage().contains("exists as a file"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> OutputSet.folder(file.resolve("sub"), "--out", false,
                List.of()));
        assertEquals("--out", e.field());
        if (Files.isDirectory(Path.of("/proc/self"))) {
            e = assertThrows(InvalidInputException.class, () -> OutputSet.folder(Path.of("/proc/qdse-x"), "--rtl-out",
                    false, List.of()));
            assertTrue(e.getMessage().startsWith("--rtl-out: ") && e.getMessage().contains("/proc"), e.getMessage());
        }
    }

    @Test
    void filesTakeTheUmaskNotTheModeOfTemporaryFiles(@TempDir Path root) throws IOException {
        Path plain = Files.createFile(root.resolve("plain"));
        Path plainDir = Files.createDirectory(root.resolve("plainDir"));
        Path d = root.resolve("out");
        try (OutputSet s = OutputSet.folder(d, "--out", false, List.of())) {
            s.write("sub/a.txt", "a");
            OutputSet.makeExecutable(s.write("run.sh", "#!/bin/sh\n"));
            s.commit();
        }
        String file = PosixFilePermissions.toString(Files.getPosixFilePermissions(plain));
        String dir = PosixFilePermissions.toString(Files.getPosixFilePermissions(plainDir));
        assertEquals(file, PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("sub/a.txt"))));
        assertEquals(dir, PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
        assertEquals(dir, PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("sub"))));
        StringBuilder exec = new StringBuilder(file);
        for (int i = 0; i < 9; i += 3) {
            if (file.charAt(i) == 'r') {
                exec.setCharAt(i + 2, 'x');
            }
        }
        assertEquals(exec.toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("run.sh"))));
    }

    /** Walks the test's own temporary folder only (never its parent: /tmp is shared with other runs). */
    static void assertNoStaging(Path testRoot) throws IOException {
        try (Stream<Path> s = Files.walk(testRoot)) {
            List<Path> left = s.filter(p -> p.getFileName().toString().startsWith(".qdse-tmp-")).toList();
            assertEquals(List.of(), left, "staging folders left behind");
        }
    }
}
