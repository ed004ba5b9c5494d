package io.qdse.sweep.bench;

import io.qdse.hwmodels.bench.BenchCase;
import io.qdse.hwmodels.bench.Timing;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.Zoo;
import io.qdse.sweep.Point;
import io.qdse.sweep.PointEvaluator;
import io.qdse.sweep.Sampler;
import io.qdse.sweep.SweepSpace;
import io.qdse.sweep.io.SpaceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Sweep throughput: analytical layer evaluations per second on one core, ResNet-50 on 64 systolic design points
 * (rows and columns 8..64, two dataflows, two clocks), each point a new design (its accelerator built from the
 * sweep's YAML fields, its SRAMs costed) — what a sweep pays per row — timed at the JIT's steady state.
 */
public final class SweepBenchmark {
    /** The space, as a user would write it. */
    public static final String SPACE = "workloads: [resnet50]\nformats: [\"w=int8,a=int8\"]\ndesigns:\n"
            + "  - base: edge-32x32\n"
            + "    vary: {rows: [8, 16, 32, 64], cols: [8, 16, 32, 64], dataflow: [os, ws], clock_mhz: [500, 700]}\n";

    private SweepBenchmark() {
    }

    /**
     * @param warmupMs warm-up time before the timed runs
     * @param reps     timed runs (each evaluates every point once)
     */
    public static BenchCase resnet50(long warmupMs, int reps) {
        SweepSpace s;
        try {
            Path dir = Files.createTempDirectory("qdse-bench-");
            Path f = dir.resolve("space-sweep.yaml");
            Files.writeString(f, SPACE);
            try {
                s = SpaceFiles.read(f).space();
            } finally {
                Files.delete(f);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Workload rn = Zoo.load("resnet50", "workload");
        PointEvaluator ev = new PointEvaluator(s, List.of(rn), null);
        List<Point> pts = Sampler.points(s);
        double[] ms = Timing.steady(() -> pts.forEach(ev::evaluate), warmupMs, reps);
        long layers = (long) pts.size() * rn.computeLayers().size();
        return new BenchCase("sweep: ResNet-50 on " + pts.size() + " systolic design points (layer evaluations, 1 core)",
                layers, ms);
    }
}
