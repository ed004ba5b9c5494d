package io.qdse.sweep.spark;

import io.qdse.sweep.Point;
import io.qdse.sweep.PointEvaluator;
import io.qdse.sweep.SweepSpace;
import io.qdse.sweep.io.SweepRunner;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * What a Spark task runs for each partition index it is given: the partition's points through the
 * {@link PointEvaluator}, the rows as JSON lines into the partition's part file (atomically), and the lines back to
 * the driver. A part file that already exists (a task re-run after its executor died once the file was written) is
 * read, not recomputed. A point that throws — a worker without a tool the point needs, say — becomes error rows
 * naming the worker, not a failed job.
 */
final class PartitionTask implements FlatMapFunction<Iterator<Integer>, String> {
    private static final long serialVersionUID = 1L;

    private final String hash;
    private final byte[] spaceBytes;
    private final String source;
    private final String partsDir;
    private final int partitions;

    PartitionTask(String hash, byte[] spaceBytes, String source, Path partsDir, int partitions) {
        this.hash = hash;
        this.spaceBytes = spaceBytes.clone();
        this.source = source;
        this.partsDir = partsDir.toString();
        this.partitions = partitions;
    }

    @Override
    public Iterator<String> call(Iterator<Integer> indices) {
        Evaluators.Sweep sweep = Evaluators.get(hash, spaceBytes, source);
        List<String> out = new ArrayList<>();
        while (indices.hasNext()) {
            out.addAll(partition(sweep, indices.next()));
        }
        return out.iterator();
    }

    private List<String> partition(Evaluators.Sweep sweep, int i) {
        Path part = PartFiles.part(Path.of(partsDir), hash, partitions, i);
        if (Files.isRegularFile(part)) {
            return PartFiles.read(part);
        }
        long[] r = PartFiles.range(sweep.points().size(), partitions, i);
        List<String> lines = new ArrayList<>();
        for (long k = r[0]; k < r[1]; k++) {
            for (PointEvaluator.Row row : evaluate(sweep, sweep.points().get((int) k))) {
                lines.add(SweepRunner.rowLine(row, sweep.space()));
            }
        }
        PartFiles.writeAtomically(part, lines);
        return lines;
    }

    /** The point's rows, or one error row per workload when evaluating it threw. */
    static List<PointEvaluator.Row> evaluate(Evaluators.Sweep sweep, Point p) {
        try {
            return sweep.evaluator().evaluate(p);
        } catch (RuntimeException | LinkageError e) {
            SweepSpace space = sweep.space();
            String kind = space.designs().get(p.design()).base().path("kind").asText("");
            String error = "failed on worker " + host() + ": " + e;
            List<PointEvaluator.Row> rows = new ArrayList<>();
            for (String w : space.workloads()) {
                rows.add(new PointEvaluator.Row(p.index(), w, p.design(), kind, p.values(), "",
                        p.formats() == null ? "" : p.formats(), Map.of(), false, false, error));
            }
            return rows;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
