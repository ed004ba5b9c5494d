package io.qdse.simulator.scalesim.io;

import io.qdse.simulator.scalesim.LayerReport;
import io.qdse.simulator.scalesim.PyFloat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SCALE-Sim v2's three reports, byte for byte: COMPUTE_REPORT.csv, BANDWIDTH_REPORT.csv and
 * DETAILED_ACCESS_REPORT.csv (headers as shared/reference/interop-formats.md gives them; rows as
 * {@code id, v1, v2, …,} with Python number formatting).
 */
public final class ScaleSimReports {
    private ScaleSimReports() {
    }

    public static final String COMPUTE_HEADER =
            "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,\n";
    public static final String BANDWIDTH_HEADER = "LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, "
            + "Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,\n";
    public static final String DETAILED_HEADER = "LayerID, "
            + "SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads, "
            + "SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, "
            + "SRAM OFMAP Start Cycle, SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, "
            + "DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, "
            + "DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads, "
            + "DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,\n";

    /** @return file name → content of the three reports */
    public static Map<String, String> render(List<LayerReport> layers) {
        StringBuilder c = new StringBuilder(COMPUTE_HEADER);
        StringBuilder b = new StringBuilder(BANDWIDTH_HEADER);
        StringBuilder d = new StringBuilder(DETAILED_HEADER);
        for (int id = 0; id < layers.size(); id++) {
            LayerReport r = layers.get(id);
            c.append(id).append(", ").append(r.totalCycles()).append(", ").append(r.stallCycles()).append(", ")
                    .append(PyFloat.repr(r.overallUtil())).append(", ").append(PyFloat.repr(r.mappingEfficiency()))
                    .append(", ").append(PyFloat.repr(r.computeUtil())).append(",\n");
            b.append(id);
            for (double v : r.bandwidths()) {
                b.append(", ").append(PyFloat.repr(v));
            }
            b.append(",\n");
            d.append(id);
            for (LayerReport.Access[] level : new LayerReport.Access[][] {r.sram(), r.dram()}) {
                for (LayerReport.Access a : level) {
                    d.append(", ").append(PyFloat.repr(a.start())).append(", ").append(PyFloat.repr(a.stop()))
                            .append(", ").append(a.count());
                }
            }
            d.append(",\n");
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("COMPUTE_REPORT.csv", c.toString());
        out.put("BANDWIDTH_REPORT.csv", b.toString());
        out.put("DETAILED_ACCESS_REPORT.csv", d.toString());
        return out;
    }
}
