package io.qdse.reports.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stored {@code qdse simulate --out DIR} run ({@code result.json}).
 *
 * @param workload         workload name
 * @param arch             architecture name
 * @param kind             {@code systolic}, {@code bitserial}, ...
 * @param shape            e.g. {@code 32x32 os} or {@code 256x16 stripes PEs}
 * @param clockMhz         clock in MHz
 * @param dramBandwidthGbs DRAM bandwidth in GB/s (NaN when not stored)
 * @param technology       technology name
 * @param engine           engine name
 * @param layers           per-layer results, in workload order
 * @param total            the network total
 * @param areaUm2          area in µm² (NaN on FPGA parts)
 * @param fpga             FPGA resources (null on ASIC)
 * @param notes            the run's notes
 */
public record SimulateRun(String workload, String arch, String kind, String shape, double clockMhz,
                          double dramBandwidthGbs, String technology, String engine, List<Layer> layers, Layer total,
                          double areaUm2, FpgaResources fpga, List<String> notes) {
    /**
     * One layer (or the total).
     *
     * @param peakMacsPerCycle peak MACs per cycle for this layer's formats (NaN when not stored)
     * @param counts           cycles, stall_cycles, compute_cycles, macs and the SRAM/DRAM traffic in bits, by name
     * @param energy           energy by component in pJ: mac, sram_ifmap, sram_filter, sram_ofmap, dram, leakage,
     *                         total
     */
    public record Layer(String layer, String formats, double peakMacsPerCycle, double utilization,
                        double mappingEfficiency, Map<String, Double> counts, Map<String, Double> energy) {
        public Layer {
            Objects.requireNonNull(layer, "layer");
            formats = formats == null ? "" : formats;
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            energy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(energy));
        }

        /** @return a count by name, 0 when absent */
        public double count(String name) {
            return counts.getOrDefault(name, 0.0);
        }

        /** @return DRAM traffic in bytes (all operands, reads and writes) */
        public double dramBytes() {
            double bits = 0;
            for (Map.Entry<String, Double> e : counts.entrySet()) {
                if (e.getKey().startsWith("dram_") && e.getKey().endsWith("_bits")) {
                    bits += e.getValue();
                }
            }
            return bits / 8;
        }
    }

    /** FPGA resources of the whole design. */
    public record FpgaResources(double luts, double ffs, double dsps, double brams) {
    }

    public SimulateRun {
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
    }

    /** @return latency of the run in ms */
    public double latencyMs() {
        return total.count("cycles") / (clockMhz * 1e3);
    }
}
