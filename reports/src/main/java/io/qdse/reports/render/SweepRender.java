package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.sweep.PointEvaluator;
import io.qdse.sweep.SweepSpace;
import io.qdse.sweep.io.SweepRunner;
import java.nio.file.Path;
import java.util.Locale;

/** What {@code qdse sweep} prints when it ends: counts, the head of the Pareto front, the first error. */
public final class SweepRender {
    /** Pareto rows shown on a terminal (all of them are in rows.csv). */
    public static final int SHOWN = 12;

    private SweepRender() {
    }

    /**
     * What the start line adds when points run an EDA tool: how many points and rows need which tool, that each takes
     * seconds to minutes, and what a worker without it does.
     *
     * @param tools tool → points asking for it ({@code ToolSteps.count})
     * @return the lines, or "" when no point needs a tool
     */
    public static String toolsText(SweepSpace s, java.util.Map<String, Long> tools) {
        StringBuilder sb = new StringBuilder();
        for (java.util.Map.Entry<String, Long> e : tools.entrySet()) {
            String name = io.qdse.sweep.ToolSteps.TOOLS.getOrDefault(e.getKey(), e.getKey());
            sb.append(String.format(Locale.ROOT, "qdse sweep: %s of the points (%s rows) need %s (%s: %s): every "
                    + "layer's matrix-vector unit generated and synthesized, seconds to minutes per point (a unit "
                    + "already synthesized in this JVM is not run again); a worker without %s on its PATH gives "
                    + "those rows an error%n", Numbers.count(e.getValue()),
                    Numbers.count(e.getValue() * s.workloads().size()), name, io.qdse.sweep.ToolSteps.FIELD,
                    e.getKey(), name));
        }
        return sb.toString();
    }

    public static ObjectNode json(SweepSpace s, SweepRunner.Summary sum, Path out, double seconds) {
        ObjectNode o = Json.object();
        o.put("out", out.toString());
        o.put("rows", sum.rows().size());
        o.put("computed", sum.computed());
        o.put("resumed", sum.resumed());
        o.put("already_complete", sum.alreadyDone());
        o.put("feasible", feasible(sum));
        o.put("errors", errors(sum));
        o.put("pareto", pareto(sum));
        Json.put(o, "seconds", seconds);
        ArrayNode po = o.putArray("pareto_objectives");
        s.pareto().forEach(po::add);
        return o;
    }

    public static String text(SweepSpace s, SweepRunner.Summary sum, Path out, double seconds) {
        StringBuilder sb = new StringBuilder();
        long pareto = pareto(sum);
        if (sum.alreadyDone()) {
            sb.append("The sweep in ").append(out).append(" is complete (same space); nothing to compute.\n");
        } else {
            sb.append(String.format(Locale.ROOT, "%s rows in %.1f s (%s computed now%s): %s feasible, %s with errors, "
                    + "%s on the Pareto front of %s%n", Numbers.count(sum.rows().size()), seconds,
                    Numbers.count(sum.computed()), sum.resumed() > 0 ? ", " + Numbers.count(sum.resumed())
                    + " resumed from the journal" : "", Numbers.count(feasible(sum)), Numbers.count(errors(sum)),
                    Numbers.count(pareto), String.join(" vs ", s.pareto())));
        }
        String m0 = s.pareto().get(0).replace("-", "");
        String m1 = s.pareto().get(1).replace("-", "");
        TextTable t = new TextTable("workload", "point", "arch", "formats", m0, m1);
        // the front by workload (in the space's order), then along the first metric
        java.util.List<PointEvaluator.Row> front = sum.rows().stream().filter(PointEvaluator.Row::pareto)
                .sorted(java.util.Comparator.<PointEvaluator.Row>comparingInt(r -> s.workloads().indexOf(r.workload()))
                        .thenComparingDouble(r -> r.metrics().get(m0)).thenComparingLong(PointEvaluator.Row::point))
                .limit(SHOWN).toList();
        int shown = front.size();
        for (PointEvaluator.Row r : front) {
            t.row(r.workload(), r.point(), r.arch(), r.formats(), Numbers.sig(r.metrics().get(m0), 4),
                    Numbers.sig(r.metrics().get(m1), 4));
        }
        if (shown > 0) {
            sb.append("Pareto front").append(pareto > shown ? " (first " + shown + " of " + pareto + ")" : "")
                    .append(":\n").append(t.render());
        }
        sum.rows().stream().filter(r -> !r.error().isEmpty()).findFirst().ifPresent(r -> sb.append("First error "
                + "(point ").append(r.point()).append("): ").append(r.error()).append('\n'));
        sb.append("wrote ").append(out.resolve("rows.csv")).append(", rows.jsonl, manifest.json  (qdse report ")
                .append(out).append(" --out REPORT_DIR for charts)\n");
        return sb.toString();
    }

    private static long errors(SweepRunner.Summary sum) {
        return sum.rows().stream().filter(r -> !r.error().isEmpty()).count();
    }

    private static long feasible(SweepRunner.Summary sum) {
        return sum.rows().stream().filter(r -> r.error().isEmpty() && r.feasible()).count();
    }

    private static long pareto(SweepRunner.Summary sum) {
        return sum.rows().stream().filter(PointEvaluator.Row::pareto).count();
    }
}
