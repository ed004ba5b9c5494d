package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code qdse bench} prints: one row per timed case (items, best and median time, throughput) and the speed-up
 * over a real SCALE-Sim run when there is one, as text or JSON. Text ends every line with LF.
 */
public final class BenchRender {
    private BenchRender() {
    }

    /** A row of the benchmark: a timed case or a speed-up. */
    public sealed interface Entry permits Case, SpeedUp {
    }

    /**
     * One timed case.
     *
     * @param name  what was timed
     * @param items items one run handles (values, layers, evaluations...)
     * @param ms    the time of each timed run, ms (at least one)
     */
    public record Case(String name, long items, double[] ms) implements Entry {
        public Case {
            if (ms.length == 0) {
                throw new IllegalArgumentException("ms: at least one timed run (was none) for " + name);
            }
            ms = ms.clone();
        }

        @Override
        public double[] ms() {
            return ms.clone();
        }

        /** @return the row of a module's benchmark case */
        public static Case of(io.qdse.hwmodels.bench.BenchCase c) {
            return new Case(c.name(), c.items(), c.ms());
        }

        /** @return the fastest run, ms */
        public double bestMs() {
            double[] s = ms.clone();
            Arrays.sort(s);
            return s[0];
        }

        /** @return the median run (the upper one of an even count), ms */
        public double medianMs() {
            double[] s = ms.clone();
            Arrays.sort(s);
            return s[s.length / 2];
        }

        /** @return items per second of the fastest run, in millions */
        public double throughputMPerS() {
            return items / (bestMs() / 1e3) / 1e6;
        }
    }

    /**
     * How many times faster QDSE's engines ran the same GEMM than a real SCALE-Sim run.
     *
     * @param analytical    the analytical engine's speed-up
     * @param cycleStepped  the cycle-stepped engine's
     * @param compatible    the SCALE-Sim-compatible engine's
     */
    public record SpeedUp(double analytical, double cycleStepped, double compatible) implements Entry {
    }

    /**
     * A benchmark run.
     *
     * @param java    the Java version it ran on
     * @param cpus    CPUs visible to the JVM
     * @param entries the rows, in the order they ran
     */
    public record Bench(String java, int cpus, List<Entry> entries) {
        public Bench {
            entries = List.copyOf(entries);
        }
    }

    /** @return the header line, then one row per entry */
    public static String text(Bench b) {
        TextTable t = new TextTable("case", "values", "best (ms)", "median (ms)", "throughput (M values/s)")
                .numeric(1, 2, 3, 4);
        for (Entry e : b.entries()) {
            if (e instanceof Case c) {
                t.row(c.name(), Numbers.count(c.items()), Numbers.sig(c.bestMs()), Numbers.sig(c.medianMs()),
                        Numbers.sig(c.throughputMPerS()));
            } else if (e instanceof SpeedUp s) {
                t.row("speed-up over SCALE-Sim: analytical / cycle / compat", "", "x" + Numbers.sig(s.analytical(), 4),
                        "x" + Numbers.sig(s.cycleStepped(), 4), "x" + Numbers.sig(s.compatible(), 4));
            }
        }
        return "qdse bench: one thread, Java " + b.java() + ", " + b.cpus() + " CPUs visible\n" + t.render();
    }

    /**
     * @return {@code {threads: 1, java, cpus, cases: [{case, items, best_ms, median_ms, throughput_m_per_s} |
     *         {case: "speed-up over SCALE-Sim", analytical_x, cycle_stepped_x, scalesim_compatible_x}]}}
     */
    public static ObjectNode json(Bench b) {
        ObjectNode root = Json.object();
        root.put("threads", 1);
        root.put("java", b.java());
        root.put("cpus", b.cpus());
        ArrayNode arr = root.putArray("cases");
        for (Entry e : b.entries()) {
            ObjectNode o = arr.addObject();
            if (e instanceof Case c) {
                o.put("case", c.name());
                o.put("items", c.items());
                o.put("best_ms", c.bestMs());
                o.put("median_ms", c.medianMs());
                o.put("throughput_m_per_s", c.throughputMPerS());
            } else if (e instanceof SpeedUp s) {
                o.put("case", "speed-up over SCALE-Sim");
                o.put("analytical_x", s.analytical());
                o.put("cycle_stepped_x", s.cycleStepped());
                o.put("scalesim_compatible_x", s.compatible());
            }
        }
        return root;
    }
}
