package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qdse sweep}: the shipped example, a real SIGKILL and resume, bad sweep files. */
class SweepCommandTest {
    static final Path SMALL = Path.of("../examples/sweeps/small-sweep.yaml");

    @Test
    void aSweepKilledMidWayResumesToTheSameRowsAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        CliRunner.Result r = CliRunner.run("sweep", SMALL.toString(), "--out", whole.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("on the Pareto front") && r.out().contains("wrote"), r.out());
        List<String> rows = Files.readAllLines(whole.resolve("rows.csv"));
        assertEquals(7381, rows.size(), "7,380 rows (1,845 points x 4 workloads) and the header");
        assertTrue(rows.get(0).contains("latency_ms") && rows.get(0).contains("pareto"), rows.get(0));

        Path killed = dir.resolve("killed");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "sweep", SMALL.toString(), "--out",
                killed.toString(), "-j", "1");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        Path journal = killed.resolve("journal.jsonl");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && System.nanoTime() < deadline
                    && (!Files.exists(journal) || Files.readAllLines(journal).size() < 40)) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the sweep ended before it could be killed");
        } finally {
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
        }
        long done = Files.readAllLines(journal).size();
        assertTrue(done >= 40 && done < 7380, done + " rows journaled before the kill");
        assertFalse(Files.exists(killed.resolve("rows.csv")), "no result file before the end");
        CliRunner.Result again = CliRunner.run("sweep", SMALL.toString(), "--out", killed.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("resumed from the journal"), again.out());
        assertArrayEquals(Files.readAllBytes(whole.resolve("rows.csv")), Files.readAllBytes(killed.resolve("rows.csv")),
                "row for row equal to the uninterrupted run");
        assertArrayEquals(Files.readAllBytes(whole.resolve("rows.jsonl")),
                Files.readAllBytes(killed.resolve("rows.jsonl")));
    }

    @Test
    void badSweepsExitTwoNamingTheYamlPath(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("s.yaml"), "workloads: [resnet18]\nformats: [\"w=int8,a=int8\"]\n"
                + "designs:\n  - base: edge-32x32\n    vary: {rows: [8], cols: {from: 9, to: 3}}\n");
        CliRunner.Result r = CliRunner.run("sweep", bad.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("designs[0].vary.cols") && !r.err().contains("\tat "), r.err());
        Path wl = Files.writeString(dir.resolve("w.yaml"), "workloads: [resnet18, nosuchnet]\nformats: "
                + "[\"w=int8,a=int8\"]\ndesigns:\n  - base: edge-32x32\n");
        CliRunner.Result w = CliRunner.run("sweep", wl.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, w.exit(), w.err());
        assertTrue(w.err().contains("workloads[1]"), w.err());
        assertFalse(Files.exists(dir.resolve("o")), "nothing written for a bad sweep");
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        CliRunner.Result m = CliRunner.run("sweep", SMALL.toString(), "--out", mine.toString());
        assertEquals(2, m.exit(), m.err());
        assertTrue(m.err().contains("--out"), m.err());
    }

    @Test
    void theSparkEngineWithoutItsJarExitsTwoSayingHowToBuildIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such-qdse-spark.jar");
        CliRunner.Result r = CliRunner.run("sweep", SMALL.toString(), "--out", dir.resolve("o").toString(),
                "--engine", "spark", "--master", "local[2]", "--spark-jar", missing.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--spark-jar") && r.err().contains("qdse-spark.jar")
                && r.err().contains("-pl sweep-spark"), r.err());
        assertFalse(Files.exists(dir.resolve("o")), "nothing written");

        CliRunner.Result e = CliRunner.run("sweep", SMALL.toString(), "--out", dir.resolve("o").toString(),
                "--engine", "flink");
        assertEquals(2, e.exit(), e.err());
        assertTrue(e.err().contains("--engine") && e.err().contains("threads or spark"), e.err());

        CliRunner.Result m = CliRunner.run("sweep", SMALL.toString(), "--out", dir.resolve("o").toString(),
                "--master", "local[2]");
        assertEquals(2, m.exit(), m.err());
        assertTrue(m.err().contains("only with --engine spark"), m.err());
    }
}
