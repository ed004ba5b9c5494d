package io.qdse.sweep;

import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.eval.Evaluation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics every sweep row carries, with their units in their names. Computed from a network {@link Evaluation},
 * the design's clock and the workload's batch; derived metrics of the space are added after these.
 */
public final class Metrics {
    private Metrics() {
    }

    /** Standard metric → unit. */
    public static final Map<String, String> UNITS = units();

    private static Map<String, String> units() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cycles", "cycles");
        m.put("latency_ms", "ms");
        m.put("batch", "inferences");
        m.put("throughput_inf_s", "inferences/s");
        m.put("macs", "MACs");
        m.put("tops", "TOPS (2 ops/MAC)");
        m.put("energy_uj", "µJ");
        m.put("energy_per_inference_uj", "µJ");
        m.put("power_w", "W");
        m.put("tops_per_w", "TOPS/W");
        m.put("edp_uj_ms", "µJ·ms");
        m.put("utilization", "0..1");
        m.put("dram_mb", "MB");
        m.put("dram_energy_uj", "µJ");
        m.put("area_mm2", "mm²");
        m.put("luts", "LUTs");
        m.put("ffs", "FFs");
        m.put("dsps", "DSPs");
        m.put("brams", "BRAM18 blocks (iCE40: 4 Kb EBR)");
        m.put("sensitivity", "(lower is better)");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * @param e        the network's evaluation
     * @param clockMhz the design's clock
     * @param batch    inferences the workload runs
     * @return the standard metrics (area for ASIC designs, LUT/FF/DSP/BRAM for FPGA ones; absent ones NaN)
     */
    public static Map<String, Double> of(Evaluation e, double clockMhz, long batch) {
        return of(e, clockMhz, batch, true);
    }

    /**
     * The metrics of an accelerator's run. A GPU's energy is modelled for its HBM traffic only (no per-MMA or SM
     * energy is published for these parts; docs/gpu.md), so on a GPU the energy metrics ({@code energy_uj},
     * {@code energy_per_inference_uj}, {@code power_w}, {@code tops_per_w}, {@code edp_uj_ms}) are NaN — not
     * modelled — rather than a figure that would look thousands of times too small next to the other kinds; its
     * {@code dram_energy_uj} (the HBM part, as for every kind) is kept.
     */
    public static Map<String, Double> of(Evaluation e, io.qdse.simulator.arch.Accelerator a, long batch) {
        return of(e, a.clockMhz(), batch, !(a instanceof io.qdse.simulator.arch.TensorCoreGpu));
    }

    private static Map<String, Double> of(Evaluation e, double clockMhz, long batch, boolean energyModelled) {
        Map<String, Double> m = new LinkedHashMap<>();
        double ms = e.cycles() / (clockMhz * 1e3);
        double uj = energyModelled ? e.energy().totalPj() * 1e-6 : Double.NaN;
        m.put("cycles", (double) e.cycles());
        m.put("latency_ms", ms);
        m.put("batch", (double) batch);
        m.put("throughput_inf_s", batch / (ms * 1e-3));
        m.put("macs", (double) e.macs());
        double tops = 2.0 * e.macs() / (ms * 1e-3) / 1e12;
        m.put("tops", tops);
        m.put("energy_uj", uj);
        m.put("energy_per_inference_uj", uj / batch);
        double watts = uj * 1e-6 / (ms * 1e-3);
        m.put("power_w", watts);
        m.put("tops_per_w", tops / watts);
        m.put("edp_uj_ms", uj * ms);
        m.put("utilization", e.utilization());
        m.put("dram_mb", e.traffic().dramBits() / 8e6);
        m.put("dram_energy_uj", e.energy().dramPj() * 1e-6);
        if (e.cost() instanceof Cost.FpgaResources f) {
            m.put("area_mm2", Double.NaN);
            m.put("luts", f.luts());
            m.put("ffs", f.ffs());
            m.put("dsps", f.dsps());
            m.put("brams", f.brams());
        } else {
            m.put("area_mm2", e.areaUm2() * 1e-6);
            m.put("luts", Double.NaN);
            m.put("ffs", Double.NaN);
            m.put("dsps", Double.NaN);
            m.put("brams", Double.NaN);
        }
        m.put("sensitivity", Double.NaN);
        return m;
    }
}
