package io.qdse.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.sweep.io.SpaceFiles;
import io.qdse.sweep.io.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine against the thread-pool engine: embedded {@code local[2]}, resume from part files, and a real
 * standalone Master + Worker on loopback.
 */
class SparkSweepTest {
    /** 80 points (grid) x 2 workloads, ASIC systolic and bit-serial designs. */
    static final String SPACE = "name: spark-t\nseed: 3\nsampling: grid\nworkloads: [resnet18, mobilenetv2]\n"
            + "designs:\n  - kind: systolic\n    base: edge-32x32\n    vary:\n      rows: [8, 16, 32, 64]\n"
            + "      cols: [8, 16, 32]\n      dataflow: [os, ws, is]\n"
            + "  - kind: bitserial\n    base: bitserial:stripes\n    vary: {rows: [16, 64], pe.a_bits_per_cycle: [1, 2]}\n"
            + "formats: [\"w=int8,a=int8\", \"w=int4,a=int8\"]\nconstraints: [\"area_mm2 <= 5\"]\n"
            + "derived: {edp2: \"edp_uj_ms * 2\"}\npareto: [latency_ms, energy_uj]\n";

    static SpaceFiles.Read space(Path dir) throws Exception {
        return SpaceFiles.read(Files.writeString(dir.resolve("space.yaml"), SPACE));
    }

    /** The thread-pool engine's output, the reference. */
    static Path threads(SpaceFiles.Read r, Path spaceFile, Path out) {
        SweepRunner.run(r.space(), spaceFile, r.bytes(), Evaluators.evaluator(r.space(), m -> { }), out, false, 2,
                "qdse test", (d, t, x) -> { });
        return out;
    }

    static SparkSweep.Result spark(SpaceFiles.Read r, Path spaceFile, Path out, String master, int partitions,
                                   Map<String, String> conf) {
        return SparkSweep.run(r.space(), spaceFile, r.bytes(), out, false, "qdse test",
                new SparkSweep.Options(master, partitions, conf), (d, t, x) -> { });
    }

    static void assertSameRows(Path expected, Path actual) throws Exception {
        for (String f : List.of("rows.csv", "rows.jsonl")) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
        }
        assertFalse(Files.exists(actual.resolve(PartFiles.DIR)), "part files removed once the results are written");
        assertFalse(Files.exists(actual.resolve("journal.jsonl")));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void embeddedLocalTwoEqualsTheThreadPoolByteForByte(@TempDir Path dir) throws Exception {
        SpaceFiles.Read r = space(dir);
        Path spaceFile = dir.resolve("space.yaml");
        Path ref = threads(r, spaceFile, dir.resolve("threads"));
        SparkSweep.Result res = spark(r, spaceFile, dir.resolve("spark"), "local[2]", 7, Map.of());
        assertEquals(7, res.computed().size());
        assertEquals(160, res.summary().rows().size());
        assertSameRows(ref, dir.resolve("spark"));
        // run again: complete, nothing computed
        SparkSweep.Result again = spark(r, spaceFile, dir.resolve("spark"), "local[2]", 7, Map.of());
        assertTrue(again.summary().alreadyDone());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aResumedRunComputesOnlyTheMissingPartitions(@TempDir Path dir) throws Exception {
        SpaceFiles.Read r = space(dir);
        Path spaceFile = dir.resolve("space.yaml");
        Path out = dir.resolve("spark");
        // an interrupted run: the folder opened, partitions 0, 2 and 4 of 6 written, a torn temporary left behind
        SweepRunner.Start st = SweepRunner.begin(r.space(), spaceFile, r.bytes(), out, false, "qdse test");
        Path parts = out.resolve(PartFiles.DIR);
        new PartitionTask(st.hash(), r.bytes(), spaceFile.toString(), parts, 6).call(List.of(0, 2, 4).iterator());
        Files.writeString(parts.resolve(".tmp-part-torn"), "{\"point\": 1");
        try (Stream<Path> s = Files.list(parts)) {
            assertEquals(4, s.count());
        }
        SparkSweep.Result res = spark(r, spaceFile, out, "local[2]", 6, Map.of());
        assertEquals(List.of(1, 3, 5), res.computed());
        assertEquals(3, res.resumed());
        assertEquals(160, res.summary().resumed() + res.summary().computed());
        assertEquals(80, res.summary().resumed(), "points 0-12, 26-39 and 53-65 came from the part files");
        assertSameRows(threads(r, spaceFile, dir.resolve("threads")), out);
    }

    @Test
    void aPointThatThrowsBecomesErrorRowsNotAFailedJob(@TempDir Path dir) throws Exception {
        SpaceFiles.Read r = space(dir);
        List<io.qdse.simulator.workload.Workload> wls = new ArrayList<>();
        for (String w : r.space().workloads()) {
            wls.add(io.qdse.search.models.Workloads.load(w, List.of(), List.of(), "workloads", m -> { }));
        }
        // a point that runs a tool the worker lacks: evaluating it throws
        Evaluators.Sweep broken = new Evaluators.Sweep(r.space(), io.qdse.sweep.Sampler.points(r.space()),
                new io.qdse.sweep.PointEvaluator(r.space(), wls, (w, a) -> {
                    throw new IllegalStateException("yosys: not on PATH");
                }));
        var rows = PartitionTask.evaluate(broken, broken.points().get(0));
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).error().startsWith("failed on worker "), rows.get(0).error());
        assertTrue(rows.get(0).error().contains("yosys: not on PATH"), rows.get(0).error());
        assertFalse(rows.get(0).feasible());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aWorkerWithoutYosysGivesTheThreadPoolsErrorRowsByteForByte(@TempDir Path dir) throws Exception {
        Path layers = Files.writeString(dir.resolve("tiny.csv"), "name,type,m,n,k,batch\nfc0,linear,1,16,32,1\n"
                + "fc1,linear,1,8,16,1\n");
        Path spaceFile = Files.writeString(dir.resolve("eda.yaml"), "name: eda-spark\nworkloads: [\"" + layers
                + "\"]\ndesigns:\n  - kind: dataflow\n    technology: fpga:ice40-hx8k\n    clock_mhz: 100\n"
                + "    synthesize: yosys\n    vary: {target_fps: [0, 1000000]}\n"
                + "  - kind: systolic\n    base: edge-32x32\n    vary: {rows: [16, 32]}\n"
                + "formats: [\"w=int2,a=int2,out=int2\"]\n");
        SpaceFiles.Read r = SpaceFiles.read(spaceFile);
        // the worker (this JVM: local[1]) finds no yosys on its search path
        System.setProperty("qdse.tools.path", Files.createDirectories(dir.resolve("no-tools")).toString());
        Path ref;
        try {
            ref = threads(r, spaceFile, dir.resolve("threads"));
            SparkSweep.Result res = spark(r, spaceFile, dir.resolve("spark"), "local[1]", 2, Map.of());
            assertEquals(2, res.computed().size());
            assertSameRows(ref, dir.resolve("spark"));
            // run again (the tool could have been installed meanwhile): only the slice with those rows runs
            SparkSweep.Result again = spark(r, spaceFile, dir.resolve("spark"), "local[1]", 2, Map.of());
            assertFalse(again.summary().alreadyDone());
            assertEquals(List.of(0), again.computed(), "points 0-1 (synthesize: yosys) are in partition 0");
        } finally {
            System.clearProperty("qdse.tools.path");
        }
        assertSameRows(ref, dir.resolve("spark"));
        List<String> lines = Files.readAllLines(dir.resolve("spark").resolve("rows.jsonl"));
        assertEquals(4, lines.size());
        String host = java.net.InetAddress.getLocalHost().getHostName();
        for (int i = 0; i < 2; i++) {
            assertTrue(lines.get(i).contains("\"error\":\"needs Yosys (synthesize: yosys); not found on PATH of "
                    + "worker " + host + "; install yosys (Debian: apt-get install yosys)\""), lines.get(i));
        }
        for (int i = 2; i < 4; i++) {
            assertTrue(lines.get(i).endsWith("\"error\":\"\"}"), "the other points are intact: " + lines.get(i));
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aStandaloneMasterAndWorkerOnLoopbackGiveTheSameRows(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(StandaloneCluster.java() != null, "no java launcher in java.home: cluster test skipped");
        try {
            StandaloneCluster.freePort();
        } catch (java.io.IOException e) {
            Assumptions.abort("cannot bind a loopback port (" + e.getMessage() + "): cluster test skipped");
        }
        SpaceFiles.Read r = space(dir);
        Path spaceFile = dir.resolve("space.yaml");
        Path ref = threads(r, spaceFile, dir.resolve("threads"));
        List<Long> pids = new ArrayList<>();
        try (StandaloneCluster c = StandaloneCluster.start(90_000)) {
            pids.add(c.master.pid());
            pids.add(c.worker.pid());
            SparkSweep.Result res = spark(r, spaceFile, dir.resolve("cluster"), c.url(), 4, Map.of(
                    "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                    "spark.executor.memory", "512m", "spark.executor.cores", "2"));
            assertEquals(c.url(), res.master());
            assertEquals(4, res.computed().size());
            try (Stream<Path> apps = Files.list(c.home.resolve("work"))) {
                assertTrue(apps.anyMatch(p -> p.getFileName().toString().startsWith("app-")),
                        "an executor ran under the Worker");
            }
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " stopped");
        }
        assertSameRows(ref, dir.resolve("cluster"));
    }
}
