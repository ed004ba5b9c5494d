package io.qdse.reports.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored RTL bundle ({@code qdse rtl pe|array --out DIR}): its {@code params.json} and any Yosys {@code stat}
 * results under {@code build/}.
 *
 * @param design       design name
 * @param top          top module
 * @param config       the design's configuration, flattened ({@code pe.a} → {@code int8})
 * @param predictions  model predictions per FPGA part/flow ({@code xcvu9p}, {@code xcvu9p_nodsp}, ...)
 * @param asicAreaUm2  predicted ASIC area of the MAC datapaths in µm² at the stored node (NaN when absent)
 * @param asicLabel    which area that is ({@code asic_7nm_mac_area_um2})
 * @param scope        what the predictions cover
 * @param cyclesPerCase cycles of each test case (arrays), empty otherwise
 * @param syntheses    Yosys results, by target
 */
public record RtlBundle(String design, String top, Map<String, String> config, List<Prediction> predictions,
                        double asicAreaUm2, String asicLabel, String scope, List<Long> cyclesPerCase,
                        List<Synthesis> syntheses) {
    /** A model prediction of FPGA resources. */
    public record Prediction(String part, double luts, double ffs, double carry, double dsps) {
    }

    /**
     * One Yosys {@code stat} ({@code build/stat_<target>.txt}).
     *
     * @param target flow ({@code ice40}, {@code xilinx}, {@code xilinx_nodsp}, {@code ecp5}, or
     *               {@code <flow>_<module>})
     * @param module the module whose statistics were read
     * @param cells  cell type → count
     */
    public record Synthesis(String target, String module, Map<String, Integer> cells, int luts, int ffs, int carry,
                            int dsps, int brams, int lutRams) {
        public Synthesis {
            cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        }
    }

    public RtlBundle {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        predictions = List.copyOf(predictions);
        cyclesPerCase = List.copyOf(cyclesPerCase);
        syntheses = List.copyOf(syntheses);
    }
}
