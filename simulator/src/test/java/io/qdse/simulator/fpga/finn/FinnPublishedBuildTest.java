package io.qdse.simulator.fpga.finn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A published FINN build (RadioFINN's Radio27ML w8a8 network for the ZCU104; see
 * {@code finn-published/README.md}): every node of its {@code step_generate_estimate_reports.onnx}, read from the
 * committed attribute fixture, run through {@link FinnNodes} and {@link FinnEstimates} at {@link FinnVersion#CURRENT},
 * must give the build's own {@code estimate_layer_cycles.json} and {@code estimate_layer_resources.json} entries
 * exactly — all 42 nodes (FMPadding_rtl, ConvolutionInputGenerator_rtl, MVAU_rtl, Thresholding_rtl,
 * StreamingMaxPool_hls, ChannelwiseOp_hls, LabelSelect_hls) — and their sums FINN's {@code total}.
 */
class FinnPublishedBuildTest {

    private static final String DIR = "/finn-published/radiofinn-radio27ml-w8a8-zcu104/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void radiofinnW8a8Zcu104EstimatesAreReproduced() throws IOException {
        JsonNode fixture = read("nodes.json");
        JsonNode cycles = read("estimate_layer_cycles.json");
        JsonNode resources = read("estimate_layer_resources.json");
        String part = fixture.get("fpga_part").asText();
        List<String> failures = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        double lutSum = 0;
        long bramSum = 0;
        long uramSum = 0;
        long dspSum = 0;
        int covered = 0;
        for (JsonNode n : fixture.get("nodes")) {
            String name = n.get("name").asText();
            String opType = n.get("op_type").asText();
            if (FinnNodes.kind(opType).isEmpty()) {
                uncovered.add(name);
                continue;
            }
            covered++;
            FinnNode node = FinnNodes.fromAttributes(FinnVersion.CURRENT, opType, attrs(n.get("attrs")), part);
            FinnNodeEstimate e = FinnEstimates.estimate(FinnVersion.CURRENT, node);
            JsonNode r = resources.get(name);
            StringBuilder diff = new StringBuilder();
            same(diff, "cycles", cycles.get(name), e.cycles());
            same(diff, "LUT", r.get("LUT"), e.luts());
            same(diff, "BRAM_18K", r.get("BRAM_18K"), e.bram18());
            same(diff, "URAM", r.get("URAM"), e.urams());
            same(diff, "DSP", r.get("DSP"), e.dsps());
            same(diff, "BRAM_efficiency", r.get("BRAM_efficiency"), e.bramEfficiency());
            same(diff, "URAM_efficiency", r.get("URAM_efficiency"), e.uramEfficiency());
            if (diff.length() > 0) {
                failures.add(name + ": " + diff);
            }
            lutSum += e.luts();
            bramSum += e.bram18();
            uramSum += e.urams();
            dspSum += e.dsps();
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(fixture.get("nodes").size(), cycles.size(), "one cycles entry per node");
        assertEquals(List.of(), uncovered, "nodes without an estimate here");
        assertEquals(42, covered, "nodes checked");
        JsonNode total = resources.get("total");
        assertEquals(total.get("LUT").asDouble(), lutSum, "total LUT");
        assertEquals(total.get("BRAM_18K").asDouble(), bramSum, "total BRAM_18K");
        assertEquals(total.get("URAM").asDouble(), uramSum, "total URAM");
        assertEquals(total.get("DSP").asDouble(), dspSum, "total DSP");
    }

    private static void same(StringBuilder diff, String field, JsonNode expected, double actual) {
        if (expected == null || Double.compare(expected.asDouble(), actual) != 0) {
            diff.append(field).append(" FINN ").append(expected).append(" ours ").append(actual).append("; ");
        }
    }

    private static Map<String, Object> attrs(JsonNode a) {
        Map<String, Object> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = a.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            m.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
        }
        return m;
    }

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = FinnPublishedBuildTest.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + file);
            }
            return JSON.readTree(in);
        }
    }
}
