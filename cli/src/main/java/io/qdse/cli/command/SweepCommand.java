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
            + "resumes where it stopped. Examples: examples/sweeps/*sweep*.yaml; docs/sweep.md."})
public final class SweepCommand implements Runnable {
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

    @Override
    public void run() {
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
