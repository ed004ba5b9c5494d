package io.qdse.sweep.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.sweep.Dimension;
import io.qdse.sweep.Metrics;
import io.qdse.sweep.ParetoMarks;
import io.qdse.sweep.Point;
import io.qdse.sweep.PointEvaluator;
import io.qdse.sweep.Sampler;
import io.qdse.sweep.SweepSpace;
import io.qdse.sweep.ToolSteps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a sweep on a thread pool into an output folder, resumably:
 * <ul>
 * <li>{@code journal.jsonl} receives each row as soon as it is computed (one JSON line, flushed); a run that is
 * interrupted (Ctrl-C, kill -9) and started again with the same command reads it back (a torn last line is dropped)
 * and computes only the rows it lacks — none is lost, none done twice;</li>
 * <li>at the end {@code rows.csv} and {@code rows.jsonl} (sorted by point and workload, with the Pareto marks) and
 * {@code manifest.json} are written whole through an {@link OutputSet} and the journal removed; the same space and
 * seed give byte-identical row files whatever the thread count or interruptions;</li>
 * <li>the folder must be new, empty, an earlier sweep of the same space (resumed, or reported complete), or
 * {@code force} (a sweep of another space is restarted; files of someone else's are never removed).</li>
 * </ul>
 */
public final class SweepRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOURNAL = "journal.jsonl";

    /** Progress callback: rows done (including resumed ones), rows in all, rows resumed from the journal. */
    public interface Progress {
        void update(long done, long total, long resumed);
    }

    /**
     * What a run did.
     *
     * @param rows        every row, sorted, Pareto-marked
     * @param resumed     rows read back from an interrupted run
     * @param computed    rows computed now
     * @param alreadyDone the folder held this sweep, complete: nothing was computed
     */
    public record Summary(List<PointEvaluator.Row> rows, long resumed, long computed, boolean alreadyDone) {
    }

    private SweepRunner() {
    }

    /**
     * @param spaceFile  the sweep file (listed as an input; its hash identifies the sweep)
     * @param spaceBytes its content
     * @param threads    worker threads
     * @param tool       the tool's name and version for the manifest
     */
    public static Summary run(SweepSpace space, Path spaceFile, byte[] spaceBytes, PointEvaluator evaluator, Path out,
                              boolean force, int threads, String tool, Progress progress) {
        Start st = begin(space, spaceFile, spaceBytes, out, force, tool);
        if (st.complete() != null) {
            progress.update(st.total(), st.total(), st.total());
            return st.complete();
        }
        Map<String, PointEvaluator.Row> done = new LinkedHashMap<>();
        for (PointEvaluator.Row r : st.journal()) {
            done.put(key(r.point(), r.workload()), r);
        }
        Path dir = st.dir();
        long total = st.total();
        long resumed = done.size();
        progress.update(resumed, total, resumed);
        List<Point> todo = new ArrayList<>();
        for (Point p : st.points()) {
            for (String w : space.workloads()) {
                if (!done.containsKey(key(p.index(), w))) {
                    todo.add(p);
                    break;
                }
            }
        }
        long computed = 0;
        if (!todo.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
                Thread t = new Thread(r, "qdse-sweep");
                t.setDaemon(true);
                return t;
            });
            try (BufferedWriter journal = Files.newBufferedWriter(dir.resolve(JOURNAL), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND)) {
                ExecutorCompletionService<List<PointEvaluator.Row>> cs = new ExecutorCompletionService<>(pool);
                List<Future<List<PointEvaluator.Row>>> futures = new ArrayList<>();
                for (Point p : todo) {
                    futures.add(cs.submit(() -> evaluator.evaluate(p)));
                }
                for (int i = 0; i < todo.size(); i++) {
                    List<PointEvaluator.Row> rows = cs.take().get();
                    for (PointEvaluator.Row r : rows) {
                        String k = key(r.point(), r.workload());
                        if (done.putIfAbsent(k, r) == null) {
                            journal.write(rowLine(r, space));
                            journal.write('\n');
                            computed++;
                        }
                    }
                    journal.flush();
                    progress.update(done.size(), total, resumed);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return finish(space, spaceFile, st, out, force, tool, done.values(), resumed, computed);
    }

    /**
     * The state of an output folder when a run starts (shared by every engine: the thread pool here, Spark in
     * sweep-spark).
     *
     * @param hash     the space file's SHA-256
     * @param points   the sampling plan
     * @param total    rows in all (points × workloads)
     * @param dir      the output folder, absolute
     * @param started  when the sweep first started (kept across resumes)
     * @param journal  rows an interrupted thread-pool run journalled
     * @param complete the folder already holds this sweep, complete (nothing to compute), else null
     */
    public record Start(String hash, List<Point> points, long total, Path dir, String started,
                        List<PointEvaluator.Row> journal, Summary complete) {
    }

    /**
     * Checks the output folder and opens it: a new folder gets a running manifest and an empty journal; this
     * sweep's folder is resumed (its journal read back); a complete one is reported as such; another space's is
     * refused unless {@code force}.
     */
    public static Start begin(SweepSpace space, Path spaceFile, byte[] spaceBytes, Path out, boolean force,
                              String tool) {
        String hash = sha256(spaceBytes);
        List<Point> points = Sampler.points(space);
        long total = (long) points.size() * space.workloads().size();
        Path dir = out.toAbsolutePath().normalize();
        JsonNode manifest = readJson(dir.resolve("manifest.json"));
        boolean ours = Files.isRegularFile(dir.resolve(OutputSet.MARKER));
        boolean sameSpace = ours && manifest != null && hash.equals(manifest.path("space_sha256").asText());
        if (sameSpace && "complete".equals(manifest.path("status").asText()) && Files.isRegularFile(
                dir.resolve("rows.jsonl"))) {
            List<PointEvaluator.Row> rows = readRows(dir.resolve("rows.jsonl"), space, points);
            if (rows.size() == total) {
                List<PointEvaluator.Row> kept = withoutLackedTools(rows);
                if (kept.size() == rows.size()) {
                    return new Start(hash, points, total, dir, manifest.path("started").asText(), List.of(),
                            new Summary(rows, total, 0, true));
                }
                // rows whose worker lacked a tool are computed again; the others are the journal of this run
                String started = manifest.path("started").asText(Instant.now().toString());
                reopen(space, spaceFile, hash, tool, points, total, out, force, started, kept);
                return new Start(hash, points, total, dir, started, kept, null);
            }
        }
        String started = Instant.now().toString();
        List<PointEvaluator.Row> journal = List.of();
        if (sameSpace && Files.isRegularFile(dir.resolve(JOURNAL))) {
            journal = readRows(dir.resolve(JOURNAL), space, points);
            started = manifest.path("started").asText(started);
            List<PointEvaluator.Row> kept = withoutLackedTools(journal);
            if (kept.size() != journal.size()) {
                // so that the rows computed again are not shadowed by the old error lines on a later resume
                reopen(space, spaceFile, hash, tool, points, total, out, force, started, kept);
                journal = kept;
            }
        } else {
            if (ours && manifest != null && !sameSpace && !force) {
                throw new InvalidInputException("--out", out, "a new folder, or this sweep's own: it holds a sweep of "
                        + "another space (" + manifest.path("space").asText() + ", sha256 "
                        + abbreviate(manifest.path("space_sha256").asText()) + "); choose another folder, or add "
                        + "--force to restart it");
            }
            try (OutputSet set = OutputSet.folder(out, "--out", force, List.of(spaceFile))) {
                set.write("manifest.json", manifestJson(space, spaceFile, hash, tool, points, total, 0,
                        "running", started, null));
                set.write(JOURNAL, "");
                set.commit();
            }
        }
        return new Start(hash, points, total, dir, started, journal, null);
    }

    /** @return the rows, less those whose worker lacked the tool their point needs ({@link ToolSteps#lacked}) */
    private static List<PointEvaluator.Row> withoutLackedTools(List<PointEvaluator.Row> rows) {
        List<PointEvaluator.Row> kept = new ArrayList<>();
        for (PointEvaluator.Row r : rows) {
            if (!ToolSteps.lacked(r.error())) {
                kept.add(r);
            }
        }
        return kept;
    }

    /** Opens this sweep's folder again with a running manifest and {@code journal} as its journal. */
    private static void reopen(SweepSpace space, Path spaceFile, String hash, String tool, List<Point> points,
                               long total, Path out, boolean force, String started, List<PointEvaluator.Row> journal) {
        StringBuilder jl = new StringBuilder();
        for (PointEvaluator.Row r : journal) {
            jl.append(rowLine(r, space)).append('\n');
        }
        try (OutputSet set = OutputSet.folder(out, "--out", force, List.of(spaceFile))) {
            set.write("manifest.json", manifestJson(space, spaceFile, hash, tool, points, total, journal.size(),
                    "running", started, null));
            set.write(JOURNAL, jl.toString());
            set.commit();
        }
    }

    /**
     * Writes a run's results: every row sorted by point and workload, Pareto-marked, into {@code rows.csv} and
     * {@code rows.jsonl}, and the complete manifest, all at once (the journal goes).
     *
     * @param rows every row of the sweep (one per point and workload), in any order
     */
    public static Summary finish(SweepSpace space, Path spaceFile, Start st, Path out, boolean force, String tool,
                                 Collection<PointEvaluator.Row> rows, long resumed, long computed) {
        List<PointEvaluator.Row> sorted = sorted(rows, space);
        sorted = ParetoMarks.mark(sorted, space.pareto());
        try (OutputSet set = OutputSet.folder(out, "--out", force, List.of(spaceFile))) {
            set.write("rows.csv", csv(sorted, space));
            StringBuilder jl = new StringBuilder();
            for (PointEvaluator.Row r : sorted) {
                jl.append(JSON.writeValueAsString(rowJson(r, space, true))).append('\n');
            }
            set.write("rows.jsonl", jl.toString());
            set.write("manifest.json", manifestJson(space, spaceFile, st.hash(), tool, st.points(), st.total(),
                    sorted.size(), "complete", st.started(), Instant.now().toString()));
            set.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Summary(sorted, resumed, computed, false);
    }

    /** @return a row as one JSON line (no newline), as the journal and the Spark engine's part files hold it */
    public static String rowLine(PointEvaluator.Row r, SweepSpace space) {
        try {
            return JSON.writeValueAsString(rowJson(r, space, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param points the sweep's points (rows of other points are dropped)
     * @return the rows of JSON lines written by {@link #rowLine}; torn or foreign lines, and repeats, are skipped
     */
    public static List<PointEvaluator.Row> parseRows(List<String> lines, SweepSpace space, List<Point> points) {
        return parse(lines, space, points);
    }

    private static String key(long point, String workload) {
        return point + "\u0000" + workload;
    }

    private static List<PointEvaluator.Row> sorted(Collection<PointEvaluator.Row> rows, SweepSpace space) {
        List<PointEvaluator.Row> out = new ArrayList<>(rows);
        out.sort((a, b) -> {
            int c = Long.compare(a.point(), b.point());
            return c != 0 ? c : Integer.compare(space.workloads().indexOf(a.workload()),
                    space.workloads().indexOf(b.workload()));
        });
        return out;
    }

    /** @return the parameter columns: every axis name, in order of first appearance across the designs */
    public static List<String> parameters(SweepSpace space) {
        Set<String> s = new LinkedHashSet<>();
        for (SweepSpace.Design d : space.designs()) {
            for (Dimension dim : d.axes()) {
                s.add(dim.name());
            }
        }
        return new ArrayList<>(s);
    }

    /** @return metric columns: the standard ones, then the derived ones */
    public static List<String> metrics(SweepSpace space) {
        List<String> m = new ArrayList<>(Metrics.units(space).keySet());
        m.addAll(space.derived().keySet());
        return m;
    }

    private static ObjectNode rowJson(PointEvaluator.Row r, SweepSpace space, boolean withPareto) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("point", r.point());
        o.put("workload", r.workload());
        o.put("design", r.design());
        o.put("kind", r.kind());
        for (String p : parameters(space)) {
            put(o, p, r.values().get(p));
        }
        o.put("arch", r.arch());
        o.put("formats", r.formats());
        for (String m : metrics(space)) {
            Double v = r.metrics().get(m);
            if (v == null || v.isNaN() || v.isInfinite()) {
                o.putNull(m);
            } else {
                o.put(m, v);
            }
        }
        o.put("feasible", r.feasible());
        if (withPareto) {
            o.put("pareto", r.pareto());
        }
        o.put("error", r.error());
        return o;
    }

    private static void put(ObjectNode o, String k, Object v) {
        if (v == null) {
            o.putNull(k);
        } else if (v instanceof Long l) {
            o.put(k, l);
        } else if (v instanceof Double d) {
            o.put(k, d);
        } else if (v instanceof Boolean b) {
            o.put(k, b);
        } else {
            o.put(k, v.toString());
        }
    }

    private static String csv(List<PointEvaluator.Row> rows, SweepSpace space) throws IOException {
        List<String> header = new ArrayList<>(List.of("point", "workload", "design", "kind"));
        header.addAll(parameters(space));
        header.add("arch");
        header.add("formats");
        header.addAll(metrics(space));
        header.addAll(List.of("feasible", "pareto", "error"));
        List<List<String>> out = new ArrayList<>();
        out.add(header);
        for (PointEvaluator.Row r : rows) {
            List<String> c = new ArrayList<>();
            c.add(Long.toString(r.point()));
            c.add(r.workload());
            c.add(Integer.toString(r.design()));
            c.add(r.kind());
            for (String p : parameters(space)) {
                Object v = r.values().get(p);
                c.add(v == null ? "" : v.toString());
            }
            c.add(r.arch());
            c.add(r.formats());
            for (String m : metrics(space)) {
                Double v = r.metrics().get(m);
                c.add(v == null || v.isNaN() || v.isInfinite() ? "" : Double.toString(v));
            }
            c.add(Boolean.toString(r.feasible()));
            c.add(Boolean.toString(r.pareto()));
            c.add(r.error());
            out.add(c);
        }
        CsvMapper m = CsvMapper.builder()
                .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
        return m.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValueAsString(out);
    }

    private static String manifestJson(SweepSpace space, Path spaceFile, String hash, String tool,
                                       List<Point> pointList, long total, long done, String status, String started, String finished) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("tool", tool);
        o.put("space", spaceFile.toString());
        o.put("space_sha256", hash);
        o.put("name", space.name());
        o.put("seed", space.seed());
        ObjectNode s = o.putObject("sampling");
        s.put("method", space.sampling());
        if (!space.sampling().equals("grid")) {
            s.put("samples", space.samples());
        }
        o.put("points", pointList.size());
        ArrayNode w = o.putArray("workloads");
        space.workloads().forEach(w::add);
        o.put("rows_total", total);
        o.put("rows_done", done);
        o.put("status", status);
        o.put("started", started);
        if (finished != null) {
            o.put("finished", finished);
        }
        ArrayNode pa = o.putArray("pareto");
        space.pareto().forEach(pa::add);
        ArrayNode pr = o.putArray("parameters");
        parameters(space).forEach(pr::add);
        ObjectNode mu = o.putObject("metrics");
        Map<String, String> units = Metrics.units(space);
        for (String m : metrics(space)) {
            mu.put(m, units.containsKey(m) ? units.get(m) : "derived: " + space.derived().get(m).text());
        }
        // points that run an EDA tool (seconds to minutes each; a worker without the tool gives them error rows)
        ObjectNode tl = o.putObject("tools");
        for (Map.Entry<String, Long> e : ToolSteps.count(space, pointList).entrySet()) {
            ObjectNode t = tl.putObject(e.getKey());
            t.put("points", e.getValue());
            t.put("rows", e.getValue() * space.workloads().size());
        }
        ArrayNode c = o.putArray("constraints");
        space.constraints().forEach(x -> c.add(x.text()));
        try {
            return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path p) {
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            return JSON.readTree(Files.readString(p));
        } catch (IOException e) {
            return null;
        }
    }

    /** Rows of a journal or rows.jsonl; a torn or foreign line (a killed run's last) is skipped. */
    private static List<PointEvaluator.Row> readRows(Path p, SweepSpace space, List<Point> points) {
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new ArrayList<>();
        }
        return parse(lines, space, points);
    }

    private static List<PointEvaluator.Row> parse(List<String> lines, SweepSpace space, List<Point> points) {
        List<PointEvaluator.Row> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (IOException e) {
                continue;
            }
            if (o == null || !o.has("point") || !o.has("workload") || !o.has("error")) {
                continue;
            }
            long idx = o.get("point").asLong();
            String wl = o.get("workload").asText();
            if (idx < 0 || idx >= points.size() || !space.workloads().contains(wl) || !seen.add(key(idx, wl))) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (String k : parameters(space)) {
                JsonNode v = o.get(k);
                if (v != null && !v.isNull()) {
                    values.put(k, v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble()
                            : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
                }
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (o.get("error").asText().isEmpty()) {
                for (String m : metrics(space)) {
                    JsonNode v = o.get(m);
                    metrics.put(m, v == null || v.isNull() ? Double.NaN : v.asDouble());
                }
            }
            out.add(new PointEvaluator.Row(idx, wl, o.path("design").asInt(), o.path("kind").asText(), values,
                    o.path("arch").asText(), o.path("formats").asText(), metrics, o.path("feasible").asBoolean(),
                    o.path("pareto").asBoolean(false), o.get("error").asText()));
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
