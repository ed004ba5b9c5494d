package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 §0 through the real command line: nothing of the user's is ever lost or changed; an output set is written
 * whole or not at all, with normal permissions; leftovers of a killed run are removed by the next one.
 */
class OutputSafetyTest {

    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "/" : Files.readString(p));
            }
        }
        return m;
    }

    static Path project(Path root) throws IOException {
        Path d = Files.createDirectories(root.resolve("project"));
        Files.createDirectories(d.resolve(".git/refs"));
        Files.writeString(d.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(d.resolve("README.md"), "# mine\n");
        Files.createDirectories(d.resolve("src"));
        Files.writeString(d.resolve("src/top.sv"), "module top; endmodule\n");
        return d;
    }

    static void assertRefused(CliRunner.Result r, String option) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("qdse: error: " + option), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void rtlBundlesNeverWipeAFolderOfTheUsers(@TempDir Path root) throws IOException {
        Path d = project(root);
        Map<String, String> before = snapshot(root);
        assertRefused(CliRunner.run("rtl", "pe", "--a", "int4", "--sim", "none", "--out", d.toString()), "--out");
        assertRefused(CliRunner.run("rtl", "array", "--rows", "2", "--cols", "2", "--sim", "none", "--out",
                d.toString()), "--out");
        assertEquals(before, snapshot(root), "the folder and its neighbours are exactly as they were");

        CliRunner.Result f = CliRunner.run("rtl", "pe", "--a", "int4", "--sim", "none", "--force", "--out",
                d.toString());
        assertEquals(0, f.exit(), f.err());
        Map<String, String> after = snapshot(d);
        for (String k : List.of(".git/HEAD", "README.md", "src/top.sv")) {
            assertEquals(before.get("project/" + k), after.get(k), k + " kept with --force");
        }
        assertTrue(after.containsKey("rtl/MacPe.sv") && after.containsKey("fpga/bitstream.sh"), after.keySet().toString());

        // a bundle of ours is recognised: a rerun needs no --force, replaces its files, keeps the user's notes
        Path b = root.resolve("bundle");
        assertEquals(0, CliRunner.run("rtl", "pe", "--a", "int4", "--sim", "none", "--out", b.toString()).exit());
        Files.writeString(b.resolve("NOTES.md"), "measured on my board");
        CliRunner.Result again = CliRunner.run("rtl", "pe", "--a", "int8", "--sim", "none", "--out", b.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals("measured on my board", Files.readString(b.resolve("NOTES.md")));
        assertTrue(Files.readString(b.resolve("params.json")).contains("\"a\" : \"int8\""));
        assertNoTemporaries(root);
    }

    @Test
    void quantizeNeverReplacesItsInputNorAnExistingFile(@TempDir Path root) throws IOException {
        Path w = Files.writeString(root.resolve("w.csv"), "0.1,0.2\n0.3,-0.4\n");
        assertRefused(CliRunner.run("quantize", "--format", "int4", "--csv", w.toString(), "--out", w.toString()),
                "--out");
        assertRefused(CliRunner.run("quantize", "--format", "int4", "--csv", w.toString(), "--out", w.toString(),
                "--force"), "--out");
        assertEquals("0.1,0.2\n0.3,-0.4\n", Files.readString(w));
        Path q = root.resolve("q.csv");
        assertEquals(0, CliRunner.run("quantize", "--format", "int4", "--csv", w.toString(), "--out", q.toString())
                .exit());
        String plain = PosixFilePermissions.toString(Files.getPosixFilePermissions(
                Files.createFile(root.resolve("plain"))));
        assertEquals(plain, PosixFilePermissions.toString(Files.getPosixFilePermissions(q)), "umask, not 0600");
        Files.writeString(q, "my edits");
        assertRefused(CliRunner.run("quantize", "--format", "int8", "--csv", w.toString(), "--out", q.toString()),
                "--out");
        assertEquals("my edits", Files.readString(q));
        assertEquals(0, CliRunner.run("quantize", "--format", "int8", "--csv", w.toString(), "--out", q.toString(),
                "--force").exit());
        assertNoTemporaries(root);
    }

    @Test
    void aFailedSearchLeavesTheEarlierResultsWhole(@TempDir Path root) throws IOException {
        Path sens = Files.writeString(root.resolve("sens.csv"),
                "layer,format,sensitivity\nconv1,int4,0.9\nconv1,int8,0.1\nfc,int4,0.5\nfc,int8,0.2\n");
        Path out = root.resolve("res");
        String[] base = {"search", "--workload", "resnet18", "--formats", "int4,int8", "--sensitivity",
            "table:" + sens, "--out", out.toString()};
        CliRunner.Result ok = CliRunner.run(base);
        assertEquals(0, ok.exit(), ok.err());
        Map<String, String> before = snapshot(out);
        assertTrue(before.keySet().containsAll(List.of("result.json", "assignment.csv", "costs.csv")), before.keySet()
                .toString());
        String[] infeasible = java.util.Arrays.copyOf(base, base.length + 2);
        infeasible[base.length] = "--max";
        infeasible[base.length + 1] = "size_bits=10";
        assertEquals(3, CliRunner.run(infeasible).exit());
        assertEquals(before, snapshot(out), "an infeasible search writes nothing");
        // a different search into the same folder: its set replaces the earlier one whole (no stale result.json
        // beside a new pareto.csv), but the table it reads is kept
        Path table = out.resolve("costs.csv");
        CliRunner.Result p = CliRunner.run("search", "--table", table.toString(), "--pareto", "size,sensitivity",
                "--out", out.toString());
        assertEquals(0, p.exit(), p.err());
        Map<String, String> after = snapshot(out);
        assertTrue(after.containsKey("pareto.csv") && after.containsKey("costs.csv"), after.keySet().toString());
        assertFalse(after.containsKey("result.json") || after.containsKey("assignment.csv"), after.keySet().toString());
        assertNoTemporaries(root);
    }

    @Test
    void outputsThatCannotBeWrittenAreErrorsNamingTheOption(@TempDir Path root) throws IOException {
        Path file = Files.writeString(root.resolve("f.txt"), "x");
        assertRefused(CliRunner.run("simulate", "--arch", "edge-32x32", "--workload", "resnet18", "--out",
                file.toString()), "--out");
        assertRefused(CliRunner.run("search", "--workload", "resnet18", "--formats", "int4,int8", "--sensitivity",
                "table:" + file, "--out", file.resolve("sub").toString()), "--out");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertRefused(CliRunner.run("simulate", "--arch", "edge-32x32", "--workload", "resnet18", "--out",
                    "/proc/qdse-x"), "--out");
            assertRefused(CliRunner.run("demo", "--out", root.resolve("demo-out").toString(), "--rtl-out",
                    "/proc/qdse-x"), "--rtl-out");
        }
        assertEquals(Map.of("", "/", "f.txt", "x"), snapshot(root));
    }

    @Test
    void aKilledRunsLeftoversAreRemovedByTheNextRun(@TempDir Path root) throws Exception {
        Path out = root.resolve("arr");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "rtl", "array", "--rows", "8", "--cols",
                "8", "--cases", "1000000", "--sim", "none", "--out", out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (temporaries(root).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "the run ended before it could be killed");
            assertFalse(temporaries(root).isEmpty(), "a running output stages its files");
            Thread.sleep(500);
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the killed JVM
            p.waitFor();
        }
        assertFalse(temporaries(root).isEmpty(), "the kill left its staging folder");
        assertFalse(Files.exists(out), "and no half-written bundle");
        CliRunner.Result r = CliRunner.run("rtl", "array", "--rows", "2", "--cols", "2", "--cases", "2", "--sim",
                "none", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertNoTemporaries(root);
    }

    static List<Path> temporaries(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".qdse-tmp-")
                    || p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    static void assertNoTemporaries(Path root) throws IOException {
        assertEquals(List.of(), temporaries(root), "temporary files left behind");
    }
}
