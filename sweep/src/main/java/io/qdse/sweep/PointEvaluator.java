package io.qdse.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.io.ArchFiles;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.Workload;
import io.qdse.sweep.io.SpaceFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's core: a pure function from a design point to its rows, one per workload (no I/O, no clock, no shared
 * mutable state), so the same sweep runs unchanged on a thread pool or a cluster engine. A point the design rules
 * reject (a precision above a bit-serial PE's, scratchpads too small for one fold) gives a row with its error rather
 * than failing the sweep.
 */
public final class PointEvaluator {
    private final SweepSpace space;
    private final List<Workload> workloads;
    private final List<Long> batches;
    private final List<String> derivedOrder;
    private final Simulator simulator = new Simulator();
    private final PointSearch search;
    /** a design of the space may ask for an EDA tool: rows have the tool metrics (NaN where not measured) */
    private final boolean tools;

    /**
     * @param workloads the space's workloads, resolved (in the space's order)
     * @param search    the per-point format search, or null when the space has uniform formats
     */
    public PointEvaluator(SweepSpace space, List<Workload> workloads, PointSearch search) {
        this.space = space;
        this.workloads = List.copyOf(workloads);
        List<Long> b = new ArrayList<>();
        for (String w : space.workloads()) {
            b.add(io.qdse.search.models.Workloads.batch(w));
        }
        this.batches = b;
        this.tools = ToolSteps.anyDesign(space);
        this.derivedOrder = Expr.order(space.derived(), new java.util.LinkedHashSet<>(Metrics.units(tools).keySet()),
                "derived");
        this.search = search;
    }

    /** @return the rows of a point, one per workload, in the space's workload order */
    public List<Row> evaluate(Point p) {
        if (io.qdse.simulator.arch.io.DataflowSpecs.isDataflow(space.designs().get(p.design()).base())) {
            return evaluateDataflow(p);
        }
        List<Row> out = new ArrayList<>();
        Accelerator a;
        LayerFormats f = null;
        try {
            a = accelerator(p);
            if (p.formats() != null) {
                f = FormatsSpec.parse(p.formats(), "formats", a.formats());
                a.checkFormats(f, "formats");
            }
        } catch (InvalidInputException e) {
            String kind = space.designs().get(p.design()).base().path("kind").asText(
                    kindOfBase(space.designs().get(p.design()).base().path("base").asText("")));
            for (int w = 0; w < workloads.size(); w++) {
                out.add(Row.failed(p, space.workloads().get(w), kind, null, e.getMessage()));
            }
            return out;
        }
        for (int w = 0; w < workloads.size(); w++) {
            String wl = space.workloads().get(w);
            try {
                Evaluation e;
                String formats;
                double sens = Double.NaN;
                if (search == null) {
                    final LayerFormats lf = f;
                    e = simulator.run(workloads.get(w), a, Simulator.EngineKind.ANALYTICAL, n -> lf).total();
                    formats = p.formats();
                } else {
                    PointSearch.Outcome o = search.solve(workloads.get(w), a);
                    e = o.evaluation();
                    formats = o.summary();
                    sens = o.sensitivity();
                }
                Map<String, Double> m = Metrics.of(e, a, batches.get(w));
                m.put("sensitivity", sens);
                toolMetrics(m, null);
                for (String d : derivedOrder) {
                    m.put(d, space.derived().get(d).eval(m));
                }
                boolean feasible = true;
                for (SweepSpace.Constraint c : space.constraints()) {
                    // a constraint binds the designs that have its metric: area_mm2 does not bind an FPGA design,
                    // luts does not bind an ASIC one
                    double v = m.getOrDefault(c.metric(), Double.NaN);
                    feasible &= Double.isNaN(v) || c.holds(v);
                }
                out.add(new Row(p.index(), wl, p.design(), a.kind(), p.values(), a.summary(), formats, m, feasible, false,
                        ""));
            } catch (InvalidInputException | ArithmeticException e) {
                out.add(Row.failed(p, wl, a.kind(), a.summary(), e.getMessage()));
            }
        }
        return out;
    }

    /**
     * A dataflow design is made for each workload: every layer gets its unit, folded for the design's throughput
     * target ({@link io.qdse.simulator.arch.FpgaDataflow.Spec#build}); the run pushes the workload's batch through
     * the pipeline as frames.
     */
    private List<Row> evaluateDataflow(Point p) {
        List<Row> out = new ArrayList<>();
        io.qdse.simulator.arch.FpgaDataflow.Spec spec;
        LayerFormats f;
        String tool;
        try {
            ObjectNode n = node(p);
            tool = ToolSteps.take(n, "point " + p.index());
            spec = io.qdse.simulator.arch.io.DataflowSpecs.fromNode(n, "point " + p.index(), name(p));
            f = p.formats() == null ? spec.formats() : FormatsSpec.parse(p.formats(), "formats", spec.formats());
            if (search != null) {
                throw new InvalidInputException("search", "per point", "uniform formats for dataflow designs (a "
                        + "per-layer search with folding is qdse fpga search)");
            }
        } catch (InvalidInputException e) {
            for (int w = 0; w < workloads.size(); w++) {
                out.add(Row.failed(p, space.workloads().get(w), "fpga-dataflow", null, e.getMessage()));
            }
            return out;
        }
        // a point that runs a tool: a worker without it (or without its step on the class path) gives error rows
        // naming the tool, the host and what to install, and the sweep goes on
        String unavailable = tool == null ? null : ToolSteps.unavailable(tool);
        if (unavailable != null) {
            for (int w = 0; w < workloads.size(); w++) {
                out.add(Row.failed(p, space.workloads().get(w), "fpga-dataflow", spec.summary(), unavailable));
            }
            return out;
        }
        for (int w = 0; w < workloads.size(); w++) {
            String wl = space.workloads().get(w);
            try {
                io.qdse.simulator.arch.FpgaDataflow a = spec.build(workloads.get(w), f, null);
                final LayerFormats lf = f;
                Evaluation e = simulator.run(workloads.get(w), a, Simulator.EngineKind.ANALYTICAL, n -> lf).total();
                Map<String, Double> m = Metrics.of(e, a, batches.get(w));
                toolMetrics(m, tool == null ? null : measure(tool, a, workloads.get(w), lf));
                for (String d : derivedOrder) {
                    m.put(d, space.derived().get(d).eval(m));
                }
                boolean feasible = true;
                for (SweepSpace.Constraint c : space.constraints()) {
                    double v = m.getOrDefault(c.metric(), Double.NaN);
                    feasible &= Double.isNaN(v) || c.holds(v);
                }
                out.add(new Row(p.index(), wl, p.design(), a.kind(), p.values(), spec.summary(), p.formats(), m,
                        feasible, false, ""));
            } catch (InvalidInputException | ArithmeticException e) {
                out.add(Row.failed(p, wl, "fpga-dataflow", spec.summary(), e.getMessage()));
            } catch (ToolFailed e) {
                out.add(Row.failed(p, wl, "fpga-dataflow", spec.summary(), e.getMessage()));
            }
        }
        return out;
    }

    /** A tool run that failed (not the design's fault): the row's error. */
    private static final class ToolFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ToolFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Map<String, Double> measure(String tool, io.qdse.simulator.arch.FpgaDataflow a, Workload w,
                                               LayerFormats f) {
        try {
            return ToolSteps.step(tool).measure(a, w, f);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(ToolSteps.FIELD + ": " + tool + ": " + e.field(), e.value(), e.allowed());
        } catch (RuntimeException e) {
            String msg = e instanceof java.io.UncheckedIOException u ? u.getCause().getMessage() : e.toString();
            throw new ToolFailed(ToolSteps.TOOLS.getOrDefault(tool, tool) + " failed on worker " + ToolSteps.host()
                    + ": " + String.valueOf(msg).lines().limit(12).collect(java.util.stream.Collectors.joining(" | ")),
                    e);
        }
    }

    /** Puts the tool metrics into a row's metrics: the measured ones, NaN for the others (and for rows not measured). */
    private void toolMetrics(Map<String, Double> m, Map<String, Double> measured) {
        if (!tools) {
            return;
        }
        for (String k : Metrics.TOOL_METRICS) {
            m.put(k, measured == null ? Double.NaN : measured.getOrDefault(k, Double.NaN));
        }
    }

    private static String kindOfBase(String base) {
        String b = base.trim().toLowerCase(java.util.Locale.ROOT);
        return b.startsWith("bitserial:") ? "bitserial" : b.startsWith("gpu:") ? "gpu" : "systolic";
    }

    /**
     * The accelerator a row was evaluated on, rebuilt from its point: the design's fields with the axes' values set;
     * a dataflow design is built for the workload (its folds chosen for the target), as {@link #evaluate} does.
     *
     * @param workload the workload's index in the space
     */
    public Accelerator design(Point p, int workload) {
        if (io.qdse.simulator.arch.io.DataflowSpecs.isDataflow(space.designs().get(p.design()).base())) {
            ObjectNode n = node(p);
            ToolSteps.take(n, "point " + p.index());
            io.qdse.simulator.arch.FpgaDataflow.Spec spec = io.qdse.simulator.arch.io.DataflowSpecs.fromNode(n,
                    "point " + p.index(), name(p));
            LayerFormats f = p.formats() == null ? spec.formats() : FormatsSpec.parse(p.formats(), "formats",
                    spec.formats());
            return spec.build(workloads.get(workload), f, null);
        }
        return accelerator(p);
    }

    /** @return a design point as an architecture document (what {@code ArchFiles} reads), axes' values set */
    public ObjectNode archNode(Point p) {
        return node(p);
    }

    private ObjectNode node(Point p) {
        ObjectNode node = space.designs().get(p.design()).base().deepCopy();
        for (Map.Entry<String, Object> e : p.values().entrySet()) {
            SpaceFiles.set(node, e.getKey(), e.getValue());
        }
        return node;
    }

    private String name(Point p) {
        SweepSpace.Design d = space.designs().get(p.design());
        return d.base().path("base").asText(d.base().path("kind").asText("design " + d.index())) + "#" + p.index();
    }

    /** The point's accelerator: its design's fixed fields with the axes' values set. */
    Accelerator accelerator(Point p) {
        SweepSpace.Design d = space.designs().get(p.design());
        ObjectNode node = d.base().deepCopy();
        for (Map.Entry<String, Object> e : p.values().entrySet()) {
            SpaceFiles.set(node, e.getKey(), e.getValue());
        }
        String base = d.base().path("base").asText(d.base().path("kind").asText("design " + d.index()));
        return ArchFiles.fromNode(node, "point " + p.index(), "design", base + "#" + p.index());
    }

    /**
     * One result row.
     *
     * @param point    the point's index
     * @param workload the workload spec
     * @param design   the design sub-space
     * @param kind     the accelerator kind
     * @param values   axis values
     * @param arch     the accelerator's one-line summary
     * @param formats  the formats spec (or the search's summary)
     * @param metrics  standard and derived metrics
     * @param feasible every constraint holds
     * @param pareto   on the sweep's Pareto front (set after all rows)
     * @param error    why the point could not be evaluated (empty when it was)
     */
    public record Row(long point, String workload, int design, String kind, Map<String, Object> values, String arch,
                      String formats, Map<String, Double> metrics, boolean feasible, boolean pareto, String error) {
        public Row {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        static Row failed(Point p, String workload, String kind, String arch, String error) {
            return new Row(p.index(), workload, p.design(), kind, p.values(), arch == null ? "" : arch,
                    p.formats() == null ? "" : p.formats(), Map.of(), false, false, error);
        }

        public Row withPareto(boolean on) {
            return new Row(point, workload, design, kind, values, arch, formats, metrics, feasible, on, error);
        }
    }

    /** A per-point format search (the integer program over the point's design). */
    public interface PointSearch {
        /**
         * @param summary     the chosen formats, e.g. {@code int4:10 int8:39}
         * @param sensitivity the objective's sensitivity total
         */
        record Outcome(Evaluation evaluation, String summary, double sensitivity) {
        }

        Outcome solve(Workload w, Accelerator a);
    }
}
