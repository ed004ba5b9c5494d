package io.qdse.cli.command;

import io.qdse.reports.render.SweepRender;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.models.Workloads;
import io.qdse.simulator.workload.Workload;
import io.qdse.sweep.PointEvaluator;
import io.qdse.sweep.Sampler;
import io.qdse.sweep.SweepSpace;
import io.qdse.sweep.io.SpaceFiles;
import io.qdse.sweep.io.SweepRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse sweep}: a design space from a YAML file, evaluated on all cores, resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a design space declared in YAML (accelerator kinds and parameters, formats, "
            + "workloads; grid, random, Latin-hypercube or Sobol sampling) with the analytical engines, on all cores.",
            "Writes DIR/rows.csv and rows.jsonl (one row per design point and workload, metrics with units, "
            + "constraints and Pareto marks) and manifest.json. Interrupted and run again with the same command, it "
            + "resumes where it stopped. Examples: examples/sweeps/*sweep*.yaml; docs/sweep.md.",
            "Dataflow designs with synthesize: yosys also synthesize every layer's unit with Yosys (seconds to "
            + "minutes per point; said at the start): yosys_* metrics beside the estimate, or error rows where Yosys "
            + "is not installed.",
            "--engine spark runs the same sweep on Apache Spark (--master local[*] or spark://HOST:7077) through "
            + "qdse-spark.jar, built apart from qdse.jar (docs/spark.md); the result files are the same."})
public final class SweepCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;
    @Mixin
    ForceOption force;

    @Parameters(paramLabel = "SPACE", description = "the sweep file (YAML or JSON)")
    Path space;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the sweep's folder (new, or this "
            + "sweep's to resume it)")
    Path out;

    @Option(names = {"-j", "--threads"}, paramLabel = "N", description = "worker threads (default: the CPUs, "
            + "${DEFAULT-VALUE} means all)", defaultValue = "0")
    int threads;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "threads", description = "threads (this "
            + "JVM's thread pool, default) or spark (Apache Spark through qdse-spark.jar, docs/spark.md)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "with --engine spark: local[*] (default), local[N] "
            + "or spark://HOST:PORT")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "with --engine spark: slices of the points, each "
            + "one part file (default: about 100 points each, at least 8)", defaultValue = "0")
    int partitions;

    @Option(names = "--spark-jar", paramLabel = "JAR", description = "with --engine spark: qdse-spark.jar (default: "
            + "$QDSE_SPARK_JAR, else sweep-spark/target/qdse-spark.jar of this build)")
    Path sparkJar;

    @Override
    public Integer call() {
        if (!engine.equals("threads") && !engine.equals("spark")) {
            throw new InvalidInputException("--engine", engine, "threads or spark");
        }
        if (engine.equals("spark")) {
            return spark();
        }
        if (master != null || partitions != 0 || sparkJar != null) {
            throw new InvalidInputException(master != null ? "--master" : partitions != 0 ? "--partitions"
                    : "--spark-jar", master != null ? master : partitions != 0 ? partitions : sparkJar,
                    "only with --engine spark");
        }
        run();
        return 0;
    }

    /**
     * The Spark engine runs in its own JVM from qdse-spark.jar (Spark stays out of qdse.jar): its output and exit
     * code are this command's.
     */
    private int spark() {
        Path jar = sparkJar;
        String from = "--spark-jar";
        if (jar == null && System.getenv("QDSE_SPARK_JAR") != null && !System.getenv("QDSE_SPARK_JAR").isBlank()) {
            jar = Path.of(System.getenv("QDSE_SPARK_JAR"));
            from = "QDSE_SPARK_JAR";
        }
        if (jar == null) {
            jar = defaultSparkJar();
            from = "--spark-jar (default)";
        }
        if (jar == null || !java.nio.file.Files.isRegularFile(jar)) {
            throw new InvalidInputException(from, jar == null ? "" : jar, "the Spark engine's jar, qdse-spark.jar, "
                    + "which is not built: build it with `mvn -B -q -o -DskipTests package -pl sweep-spark -am` "
                    + "(drop -o the first time, to download Spark), or give --spark-jar JAR or QDSE_SPARK_JAR");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = System.getenv("QDSE_SPARK_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toString(), space.toString(), "--out", out.toString(), "--master",
                master == null ? "local[*]" : master));
        if (partitions != 0) {
            cmd.addAll(List.of("--partitions", Integer.toString(partitions)));
        }
        if (force.force) {
            cmd.add("--force");
        }
        if (output.json) {
            cmd.add("--json");
        }
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT);
            if ((master == null || master.startsWith("local")) && !pb.environment().containsKey("SPARK_LOCAL_IP")) {
                pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");   // a local run stays on loopback
            }
            Process p = pb.start();
            Thread e = copy(p.getErrorStream(), err);
            Thread o = copy(p.getInputStream(), pw);
            int code = p.waitFor();
            o.join();
            e.join();
            return code;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Thread copy(java.io.InputStream in, PrintWriter to) {
        Thread t = new Thread(() -> {
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (to) {
                        to.println(line);
                        to.flush();
                    }
                }
            } catch (java.io.IOException e) {
                // the child closed its stream
            }
        }, "qdse-spark-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @return sweep-spark/target/qdse-spark.jar of the build this command comes from (cli/target/...), or null */
    static Path defaultSparkJar() {
        try {
            Path self = Path.of(SweepCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = self.getParent() == null || self.getParent().getParent() == null ? null
                    : self.getParent().getParent().getParent();
            return root == null ? null : root.resolve("sweep-spark").resolve("target").resolve("qdse-spark.jar");
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    private void run() {
        if (threads < 0 || threads > 1024) {
            throw new InvalidInputException("--threads", threads, "0 (all CPUs) or 1..1024");
        }
        io.qdse.hwmodels.io.OutputSet.checkFolder(out, "--out", true);
        SpaceFiles.Read read = SpaceFiles.read(space);
        SweepSpace s = read.space();
        PrintWriter err = spec.commandLine().getErr();
        List<Workload> wls = new ArrayList<>();
        for (int i = 0; i < s.workloads().size(); i++) {
            wls.add(Workloads.load(s.workloads().get(i), List.of(), List.of(), "workloads[" + i + "]",
                    msg -> err.println("qdse: " + msg)));
        }
        PointEvaluator.PointSearch search = s.search() == null ? null : new io.qdse.sweep.PerPointSearch(s.search(), wls,
                msg -> err.println("qdse: " + msg));
        PointEvaluator ev = new PointEvaluator(s, wls, search);
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        long rows = Sampler.count(s) * s.workloads().size();
        if (!output.json) {
            err.printf(Locale.ROOT, "qdse sweep %s: %s points x %d workloads = %s rows (%s sampling), %d threads%n",
                    s.name(), Numbers.count(Sampler.count(s)), s.workloads().size(), Numbers.count(rows), s.sampling(),
                    n);
            err.print(SweepRender.toolsText(s, io.qdse.sweep.ToolSteps.count(s, Sampler.points(s))));
            err.flush();
        }
        ProgressPrinter pp = new ProgressPrinter(err, System.console() != null, output.json);
        long t0 = System.nanoTime();
        SweepRunner.Summary sum = SweepRunner.run(s, space, read.bytes(), ev, out, force.force, n,
                "qdse " + io.qdse.cli.Qdse.version(), pp::update);
        pp.finish();
        double secs = (System.nanoTime() - t0) / 1e9;
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(output.json ? Json.write(SweepRender.json(s, sum, out, secs)) : SweepRender.text(s, sum, out, secs));
    }

    /** A progress bar with rate and ETA on a terminal; a plain line every 5 s otherwise. */
    static final class ProgressPrinter {
        private final PrintWriter err;
        private final boolean tty;
        private final boolean quiet;
        private final long t0 = System.nanoTime();
        private long lastPrint;
        private long startDone = -1;
        private long lastDone;
        private long lastTotal;

        ProgressPrinter(PrintWriter err, boolean tty, boolean quiet) {
            this.err = err;
            this.tty = tty;
            this.quiet = quiet;
        }

        synchronized void update(long done, long total, long resumed) {
            if (startDone < 0) {
                startDone = done;
            }
            lastDone = done;
            lastTotal = total;
            long now = System.nanoTime();
            if (quiet || (now - lastPrint < (tty ? 200_000_000L : 5_000_000_000L) && done < total)) {
                return;
            }
            lastPrint = now;
            double secs = (now - t0) / 1e9;
            double rate = secs > 0 ? (done - startDone) / secs : 0;
            String eta = rate > 0 ? clock((total - done) / rate) : "?";
            int pct = total == 0 ? 100 : (int) (100 * done / total);
            if (tty) {
                int width = 30;
                int fill = (int) ((long) width * pct / 100);
                err.printf(Locale.ROOT, "\r[%s%s] %3d%% %s/%s rows, %s rows/s, ETA %s   ", "=".repeat(fill),
                        " ".repeat(width - fill), pct, Numbers.count(done), Numbers.count(total), Numbers.sig(rate, 3),
                        eta);
            } else {
                err.printf(Locale.ROOT, "qdse sweep: %d%% (%s/%s rows), %s rows/s, elapsed %s, ETA %s%n", pct,
                        Numbers.count(done), Numbers.count(total), Numbers.sig(rate, 3), clock(secs), eta);
            }
            err.flush();
        }

        synchronized void finish() {
            if (!quiet && tty) {
                err.println();
                err.flush();
            }
        }

        static String clock(double s) {
            long t = Math.round(s);
            return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
        }
    }
}
