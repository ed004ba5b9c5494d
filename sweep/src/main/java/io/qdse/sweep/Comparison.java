package io.qdse.sweep;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One workload on several accelerators of any kinds with the analytical engines, each row carrying the sweep's
 * standard metrics ({@link Metrics}) so the columns mean the same for every kind.
 */
public final class Comparison {
    private Comparison() {
    }

    /** The metrics a comparison shows, in order (units in {@link Metrics#UNITS}). */
    public static final List<String> COLUMNS = List.of("latency_ms", "throughput_inf_s", "tops", "energy_uj",
            "energy_per_inference_uj", "power_w", "tops_per_w", "area_mm2", "luts", "dsps", "brams", "utilization",
            "dram_mb");

    /**
     * One accelerator's row.
     *
     * @param arch    the accelerator
     * @param formats the formats every layer ran in
     * @param metrics standard metrics (NaN where the kind has none, e.g. area on an FPGA part)
     */
    public record Row(Accelerator arch, LayerFormats formats, Map<String, Double> metrics) {
    }

    /**
     * @param w       the workload
     * @param batch   inferences the workload runs (for per-inference metrics)
     * @param archs   at least two accelerators
     * @param formats formats per accelerator (same size as archs), null entries for each accelerator's defaults
     * @param where   the option the formats came from, for errors
     * @return one row per accelerator, in order
     */
    public static List<Row> run(Workload w, long batch, List<Accelerator> archs, List<LayerFormats> formats,
                                String where) {
        if (archs.size() < 2) {
            throw new InvalidInputException("--arch", archs.size() + " given", "at least two accelerators to compare");
        }
        Simulator sim = new Simulator();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < archs.size(); i++) {
            Accelerator a = archs.get(i);
            LayerFormats f = formats.get(i) == null ? a.formats() : formats.get(i);
            a.checkFormats(f, where + " (with --arch " + a.name() + ")");
            Evaluation e = sim.run(w, a, Simulator.EngineKind.ANALYTICAL, n -> f).total();
            rows.add(new Row(a, f, Metrics.of(e, a, batch)));
        }
        return rows;
    }
}
