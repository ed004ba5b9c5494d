package io.qdse.sweep.spark;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.qdse.search.models.Workloads;
import io.qdse.simulator.workload.Workload;
import io.qdse.sweep.PerPointSearch;
import io.qdse.sweep.Point;
import io.qdse.sweep.PointEvaluator;
import io.qdse.sweep.Sampler;
import io.qdse.sweep.SweepSpace;
import io.qdse.sweep.io.SpaceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A sweep as a worker JVM rebuilds it from the space file's bytes: the space, its sampling plan and the point
 * evaluator (workloads resolved, the per-point search when the space has one) — once per JVM and space, however many
 * partitions the JVM runs.
 */
final class Evaluators {
    /** The space, its points and its evaluator. */
    record Sweep(SweepSpace space, List<Point> points, PointEvaluator evaluator) {
    }

    private static final Map<String, Sweep> CACHE = new ConcurrentHashMap<>();

    private Evaluators() {
    }

    /**
     * @param hash   the space file's SHA-256 (the cache key)
     * @param bytes  the space file's content
     * @param source the space file as the driver named it (the default sweep name, and for messages)
     */
    static Sweep get(String hash, byte[] bytes, String source) {
        return CACHE.computeIfAbsent(hash, h -> build(bytes, source, msg -> System.err.println("qdse: " + msg)));
    }

    /** Builds the evaluator as {@code qdse sweep} does. */
    static PointEvaluator evaluator(SweepSpace s, Consumer<String> log) {
        List<Workload> wls = new ArrayList<>();
        for (int i = 0; i < s.workloads().size(); i++) {
            wls.add(Workloads.load(s.workloads().get(i), List.of(), List.of(), "workloads[" + i + "]", log));
        }
        PointEvaluator.PointSearch search = s.search() == null ? null : new PerPointSearch(s.search(), wls, log);
        return new PointEvaluator(s, wls, search);
    }

    private static Sweep build(byte[] bytes, String source, Consumer<String> log) {
        JsonNode root;
        try {
            ObjectMapper om = new ObjectMapper(new YAMLFactory());
            om.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = om.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SweepSpace s = SpaceFiles.parse(root, source);
        return new Sweep(s, Sampler.points(s), evaluator(s, log));
    }
}
