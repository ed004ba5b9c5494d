package io.qdse.sweep.spark;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.reports.render.SweepRender;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.sweep.Sampler;
import io.qdse.sweep.SweepSpace;
import io.qdse.sweep.io.SpaceFiles;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entry point of {@code qdse-spark.jar}: {@code SPACE --out DIR [--master URL] [--partitions N] [--conf K=V]...
 * [--force] [--json] [--stacktrace]}. {@code qdse sweep --engine spark} runs it as a child JVM; {@code spark-submit
 * --class io.qdse.sweep.spark.SparkSweepMain qdse-spark.jar SPACE --out DIR} runs it on a cluster (the master then
 * comes from spark-submit). Exit codes as qdse's: 0 ok, 1 internal error, 2 bad input.
 */
public final class SparkSweepMain {
    private SparkSweepMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean trace = List.of(args).contains("--stacktrace");
        try {
            return sweep(args, out, err);
        } catch (InvalidInputException e) {
            err.println("qdse: error: " + e.getMessage());
            if (trace) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (UncheckedIOException e) {
            err.println("qdse: I/O error: " + e.getCause().getMessage());
            if (trace) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (RuntimeException | Error e) {
            err.println("qdse: internal error: " + e + (trace ? "" : " (rerun with --stacktrace)"));
            if (trace) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static int sweep(String[] args, PrintStream out, PrintStream err) {
        Path space = null;
        Path dir = null;
        String master = null;
        int partitions = 0;
        boolean force = false;
        boolean json = false;
        Map<String, String> conf = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out":
                    dir = Path.of(value(args, ++i, a));
                    break;
                case "--master":
                    master = value(args, ++i, a);
                    break;
                case "--partitions":
                    String v = value(args, ++i, a);
                    try {
                        partitions = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("--partitions", v, "a whole number");
                    }
                    break;
                case "--conf":
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new InvalidInputException("--conf", kv, "KEY=VALUE (a Spark setting)");
                    }
                    conf.put(kv.substring(0, eq), kv.substring(eq + 1));
                    break;
                case "--force":
                    force = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--stacktrace":
                    break;
                default:
                    if (a.startsWith("-") || space != null) {
                        throw new InvalidInputException("argument", a, "SPACE --out DIR [--master URL] "
                                + "[--partitions N] [--conf KEY=VALUE]... [--force] [--json]");
                    }
                    space = Path.of(a);
            }
        }
        if (space == null || dir == null) {
            throw new InvalidInputException("arguments", String.join(" ", args), "SPACE --out DIR [--master URL] ...");
        }
        SparkSweep.Options options = new SparkSweep.Options(master, partitions, conf);
        io.qdse.hwmodels.io.OutputSet.checkFolder(dir, "--out", true);
        SpaceFiles.Read read = SpaceFiles.read(space);
        SweepSpace s = read.space();
        // the workloads and the search are checked here, before Spark starts (the executors build them again)
        Evaluators.evaluator(s, msg -> err.println("qdse: " + msg));
        long points = Sampler.count(s);
        if (!json) {
            err.printf(Locale.ROOT, "qdse sweep %s: %s points x %d workloads = %s rows (%s sampling), Spark %s, "
                    + "%d partitions%n", s.name(), Numbers.count(points), s.workloads().size(),
                    Numbers.count(points * s.workloads().size()), s.sampling(),
                    master == null ? "(master from spark-submit, else local[*])" : master,
                    partitions == 0 ? SparkSweep.defaultPartitions(points) : partitions);
            err.print(SweepRender.toolsText(s, io.qdse.sweep.ToolSteps.count(s, io.qdse.sweep.Sampler.points(s))));
            err.flush();
        }
        long t0 = System.nanoTime();
        long[] last = {0};
        final boolean quiet = json;
        SparkSweep.Result r = SparkSweep.run(s, space, read.bytes(), dir, force, "qdse " + version(), options,
                (done, total, resumed) -> {
                    long now = System.nanoTime();
                    if (!quiet && (now - last[0] > 5_000_000_000L || done == total)) {
                        last[0] = now;
                        err.printf(Locale.ROOT, "qdse sweep: %d%% (%s/%s rows)%n", total == 0 ? 100 : 100 * done / total,
                                Numbers.count(done), Numbers.count(total));
                        err.flush();
                    }
                });
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!json && !r.summary().alreadyDone()) {
            err.printf(Locale.ROOT, "qdse sweep: %d of %d partitions computed on %s, %d read back from part files%n",
                    r.computed().size(), r.partitions(), r.master().isEmpty() ? "-" : r.master(), r.resumed());
        }
        out.print(json ? Json.write(SweepRender.json(s, r.summary(), dir, secs)) : SweepRender.text(s, r.summary(),
                dir, secs));
        out.flush();
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new InvalidInputException(option, "", "a value");
        }
        return args[i];
    }

    private static String version() {
        String v = SparkSweepMain.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
