package io.qdse.sweep.spark;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.sweep.PointEvaluator;
import io.qdse.sweep.SweepSpace;
import io.qdse.sweep.io.SweepRunner;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Runs a sweep on Apache Spark ({@code local[N]} in this JVM, or a cluster), into the same output folder and the same
 * files as the thread-pool engine ({@link SweepRunner}):
 * <ul>
 * <li>the points are cut into {@code partitions} contiguous slices of the sampling plan (partition {@code i} of
 * {@code n} holds points {@code [i·N/n, (i+1)·N/n)}), the same whatever the cluster;</li>
 * <li>each task evaluates its slice with the same pure {@link PointEvaluator} and writes the rows to its part file
 * atomically ({@code DIR/spark-parts/}), so a killed job, run again with the same command, computes only the
 * partitions whose part file is missing — none lost, none done twice;</li>
 * <li>the driver then writes {@code rows.csv}, {@code rows.jsonl} and {@code manifest.json} with the thread-pool
 * engine's writer ({@link SweepRunner#finish}), so the row files equal that engine's byte for byte, and removes the
 * part files.</li>
 * </ul>
 * The part folder must be on storage the driver and every executor see (a shared file system on a real cluster).
 */
public final class SparkSweep {
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?|spark://[^\\s]+|yarn"
            + "|k8s://[^\\s]+|mesos://[^\\s]+");

    private SparkSweep() {
    }

    /**
     * How to run.
     *
     * @param master     a Spark master URL ({@code local[*]}, {@code local[2]}, {@code spark://HOST:7077}), or null
     *                   for the one {@code spark-submit} set (else {@code local[*]})
     * @param partitions how many slices to cut the points into, 0 for the default ({@link #defaultPartitions})
     * @param conf       further Spark settings
     */
    public record Options(String master, int partitions, Map<String, String> conf) {
        public Options {
            if (master != null && !MASTER.matcher(master).matches()) {
                throw new InvalidInputException("--master", master, "local, local[N], local[*], spark://HOST:PORT, "
                        + "yarn or k8s://URL");
            }
            if (partitions < 0) {
                throw new InvalidInputException("--partitions", partitions, "0 (default) or a positive count");
            }
            conf = Map.copyOf(conf);
        }
    }

    /**
     * What a run did.
     *
     * @param summary    the rows and counts, as the thread-pool engine reports them
     * @param master     the master it ran on (empty when nothing needed computing)
     * @param partitions the partition count
     * @param computed   the partitions computed now
     * @param resumed    the partitions read back from part files of an interrupted run
     */
    public record Result(SweepRunner.Summary summary, String master, int partitions, List<Integer> computed,
                         int resumed) {
        public Result {
            computed = List.copyOf(computed);
        }
    }

    /** @return the default partition count: about 100 points each, at least 8 (when there are as many points) */
    public static int defaultPartitions(long points) {
        long n = Math.max(8, (points + 99) / 100);
        return (int) Math.max(1, Math.min(Math.min(points, n), 100_000));
    }

    /**
     * @param spaceFile  the sweep file as named on the command line (its hash identifies the sweep)
     * @param spaceBytes its content
     * @param tool       the tool's name and version, for the manifest
     */
    public static Result run(SweepSpace space, Path spaceFile, byte[] spaceBytes, Path out, boolean force, String tool,
                             Options options, SweepRunner.Progress progress) {
        SweepRunner.Start st = SweepRunner.begin(space, spaceFile, spaceBytes, out, force, tool);
        long total = st.total();
        int n = options.partitions() == 0 ? defaultPartitions(st.points().size())
                : (int) Math.min(options.partitions(), Math.max(1, st.points().size()));
        if (st.complete() != null) {
            progress.update(total, total, total);
            return new Result(st.complete(), "", n, List.of(), 0);
        }
        Path partsDir = st.dir().resolve(PartFiles.DIR);
        PartFiles.removeTemporaries(partsDir);
        Map<String, PointEvaluator.Row> rows = new LinkedHashMap<>();
        for (PointEvaluator.Row r : st.journal()) {
            rows.put(r.point() + "\u0000" + r.workload(), r);
        }
        List<Integer> missing = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int resumedParts = 0;
        for (int i = 0; i < n; i++) {
            Path part = PartFiles.part(partsDir, st.hash(), n, i);
            if (Files.isRegularFile(part)) {
                lines.addAll(PartFiles.read(part));
                resumedParts++;
            } else if (!covered(rows, space, st.points(), PartFiles.range(st.points().size(), n, i))) {
                // (a partition whose rows are all in the journal — a finished sweep whose rows that lacked a tool
                // are computed again — is not run)
                missing.add(i);
            }
        }
        long journalRows = rows.size();
        add(rows, SweepRunner.parseRows(lines, space, st.points()));
        long resumed = rows.size();
        progress.update(resumed, total, resumed);
        String master = "";
        if (!missing.isEmpty()) {
            SparkConf conf = conf(space, options);
            master = conf.get("spark.master");
            int workloads = space.workloads().size();
            AtomicLong done = new AtomicLong(resumed);
            List<String> computedLines;
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                sc.sc().addSparkListener(new SparkListener() {
                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd e) {
                        if (e.taskInfo() != null && e.taskInfo().successful()) {
                            int i = missing.get(Math.min(e.taskInfo().index(), missing.size() - 1));
                            long[] r = PartFiles.range(st.points().size(), n, i);
                            progress.update(Math.min(total, done.addAndGet((r[1] - r[0]) * workloads)), total,
                                    resumed);
                        }
                    }
                });
                computedLines = sc.parallelize(missing, missing.size())
                        .mapPartitions(new PartitionTask(st.hash(), spaceBytes, spaceFile.toString(), partsDir, n))
                        .collect();
            }
            add(rows, SweepRunner.parseRows(computedLines, space, st.points()));
        }
        if (rows.size() != total) {
            throw new IllegalStateException("the Spark job returned " + rows.size() + " of " + total + " rows");
        }
        SweepRunner.Summary sum = SweepRunner.finish(space, spaceFile, st, out, force, tool, rows.values(), resumed,
                total - resumed);
        PartFiles.removeAll(partsDir);
        return new Result(sum, master, n, missing, resumedParts);
    }

    /** @return whether every row of the points in {@code range} is in {@code rows} */
    private static boolean covered(Map<String, PointEvaluator.Row> rows, SweepSpace space,
                                   List<io.qdse.sweep.Point> points, long[] range) {
        for (long k = range[0]; k < range[1]; k++) {
            for (String w : space.workloads()) {
                if (!rows.containsKey(points.get((int) k).index() + "\u0000" + w)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void add(Map<String, PointEvaluator.Row> rows, List<PointEvaluator.Row> more) {
        for (PointEvaluator.Row r : more) {
            rows.putIfAbsent(r.point() + "\u0000" + r.workload(), r);
        }
    }

    private static SparkConf conf(SweepSpace space, Options options) {
        SparkConf conf = new SparkConf().setAppName("qdse sweep " + space.name());
        if (options.master() != null) {
            conf.setMaster(options.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        String master = conf.get("spark.master");
        if (master.startsWith("local")) {
            // local mode stays on loopback (by default the driver binds to the machine's outside address)
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else if (!conf.contains("spark.jars")) {
            // run from qdse-spark.jar (not spark-submit): the executors fetch this jar from the driver
            String jar = ownJar();
            if (jar != null) {
                conf.setJars(new String[] {jar});
            }
        }
        for (Map.Entry<String, String> e : options.conf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        return conf;
    }

    private static String ownJar() {
        try {
            Path p = Path.of(SparkSweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toString() : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
