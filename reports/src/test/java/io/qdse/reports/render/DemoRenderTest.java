package io.qdse.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.quant.SyntheticWeights;
import io.qdse.hwmodels.survey.FormatSurvey;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's text and JSON from results, including stages skipped whole or part way. */
class DemoRenderTest {
    private static DemoRender.Demo demo(DemoRender.RtlDemo rtl) {
        double[] w = SyntheticWeights.gaussianWithOutliers(8, 32, 1);
        List<FpgaPart> parts = List.of((FpgaPart) Targets.parse("fpga:xcvu9p", "t"),
                (FpgaPart) Targets.parse("fpga:ice40-hx8k", "t"));
        List<AsicTechnology> nodes = List.of(AsicTechnology.of(45), AsicTechnology.of(7));
        DemoRender.FormatRow int8 = new DemoRender.FormatRow("int8", FormatSurvey.profile(Formats.parse("int8"), w, 8,
                32, nodes, parts));
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (String c : io.qdse.sweep.Comparison.COLUMNS) {
            m.put(c, Double.NaN);
            units.put(c, io.qdse.sweep.Metrics.UNITS.get(c));
        }
        m.put("latency_ms", 2.0);
        m.put("throughput_inf_s", 500.0);
        m.put("energy_uj", 30.0);
        m.put("energy_per_inference_uj", 30.0);
        m.put("area_mm2", 1.5);
        CompareRender.Comparison cmp = new CompareRender.Comparison("resnet18", 1, io.qdse.sweep.Comparison.COLUMNS,
                units, List.of(new CompareRender.Row("a", "systolic", "a (systolic)", "w=int8,a=int8", "int8/int8",
                m)));
        Map<String, Double> secs = new LinkedHashMap<>();
        secs.put("sweep", 1.0);
        secs.put("total", 3.0);
        return new DemoRender.Demo(8, 32, 1, true, List.of(int8), List.of(new DemoRender.WorkloadRow("resnet18",
                "CNN", 21, 1_814_073_344L, 11_689_512L)), new DemoRender.SweepDemo("o/sweep", "o/space.yaml", 0, 1,
                List.of()), cmp, List.of("systolic"), DemoRender.Section.skipped(null),
                DemoRender.Section.skipped("offline"), rtl, new DemoRender.ReportDemo("o/report/report.html", 5, 6,
                40), "o", secs, "a GPU note");
    }

    @Test
    void skippedStagesSayWhyAndKeepTheDesignsDone() throws Exception {
        DemoRender.RtlRow pe = new DemoRender.RtlRow("mac_x", "r/mac_x", "2000 cycles", "PASS: 2000 vectors", "242",
                "ice40", 241.6);
        DemoRender.Demo d = demo(new DemoRender.RtlDemo(List.of(pe), "no disk"));
        String text = DemoRender.text(d);
        assertTrue(text.startsWith("QDSE demo: which number format, on which hardware, at what cost?"), text);
        assertTrue(text.contains("(CP-SAT)\n   skipped: null\n\n5b."), text);
        assertTrue(text.contains("(qdse fpga search)\n   skipped: offline\n\n6. RTL (Chisel) in r/"), text);
        assertTrue(text.contains("   stopped: no disk\n   Next: qdse rtl bitstream r/mac_x"), text);
        assertTrue(text.contains("ResNet-18 on a (systolic, int8/int8): 2 ms, 30 uJ per inference, 1.5 mm^2"), text);
        assertTrue(text.contains("RTL: 1 designs generated, 1 pass co-simulation"), text);
        assertTrue(text.contains("Time: 3 s (sweep 1 s)"), text);
        JsonNode j = new ObjectMapper().readTree(DemoRender.json(d));
        assertTrue(j.get("asic_search").get("skipped").isNull());
        assertEquals("offline", j.get("fpga_search").get("skipped").asText());
        assertEquals("no disk", j.get("rtl").get("skipped").asText());
        assertEquals("PASS, 2000 vectors", j.get("rtl").get("designs").get(0).get("simulation").asText());
        assertEquals("242", j.get("rtl").get("designs").get(0).get("model_luts").asText());
        assertEquals(5, j.get("report").get("charts").asInt());
        assertEquals(1_814_073_344L, j.get("workloads").get(0).get("macs").asLong());
    }

    @Test
    void anRtlStageWithNothingDoneSaysWhy() {
        String text = DemoRender.text(demo(new DemoRender.RtlDemo(List.of(), "chisel failed")));
        assertTrue(text.contains("   skipped: chisel failed\n"), text);
    }
}
