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
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.Zoo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's text and JSON from results, including sections skipped whole or part way. */
class DemoRenderTest {
    private static DemoRender.Demo demo(DemoRender.Section<DemoRender.SearchDemo> search, DemoRender.RtlDemo rtl) {
        double[] w = SyntheticWeights.gaussianWithOutliers(8, 32, 1);
        List<FpgaPart> parts = List.of((FpgaPart) Targets.parse("fpga:xcvu9p", "t"),
                (FpgaPart) Targets.parse("fpga:ice40-hx8k", "t"));
        List<AsicTechnology> nodes = List.of(AsicTechnology.of(45), AsicTechnology.of(7));
        DemoRender.FormatRow int8 = new DemoRender.FormatRow("int8", FormatSurvey.profile(Formats.parse("int8"), w, 8,
                32, nodes, parts));
        SystolicArray edge = Presets.edge32x32();
        Evaluation e = new Simulator().run(Zoo.load("resnet18", "w"), edge, Simulator.EngineKind.ANALYTICAL).total();
        DemoRender.NetworkRow net = new DemoRender.NetworkRow(edge.name(), edge.formats(), e, edge.clockMhz());
        return new DemoRender.Demo(8, 32, 1, List.of(int8), List.of(net), List.of(), search, rtl);
    }

    @Test
    void skippedSectionsSayWhyAndKeepTheDesignsDone() throws Exception {
        DemoRender.RtlRow pe = new DemoRender.RtlRow("mac_x", "out/demo-mac_x", "2000 cycles", "PASS: 2000 vectors",
                "242", 241.6);
        DemoRender.Demo d = demo(DemoRender.Section.skipped(null), new DemoRender.RtlDemo(List.of(pe), "no disk"));
        String text = DemoRender.text(d);
        assertTrue(text.startsWith("QDSE demo: which number format, at what hardware cost?\n\n1. Quantization error "
                + "on a 8x32 weight matrix"), text);
        assertTrue(text.contains("(CP-SAT)\n   skipped: null\n\n5. RTL"), text);
        assertTrue(text.contains("model\n   skipped: no disk\n\nASIC:"), text);
        assertTrue(text.contains("\nint8    int32  "), "section 2 names the accumulator:\n" + text);
        JsonNode j = new ObjectMapper().readTree(DemoRender.json(d));
        List<String> keys = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("rtl", "minilm_search", "resnet50_on_edge_32x32", "llama2_7b_decode_on_bit_serial_arrays",
                "weights", "rows", "cols", "formats"), keys);
        assertTrue(j.get("minilm_search").get("skipped").isNull());
        assertEquals("no disk", j.get("rtl").get("skipped").asText());
        assertEquals("PASS, 2000 vectors", j.get("rtl").get("designs").get(0).get("simulation").asText());
        assertEquals("242", j.get("rtl").get("designs").get(0).get("model_ice40_luts").asText());
        double ms = j.get("resnet50_on_edge_32x32").get(0).get("latency_ms").asDouble();
        assertEquals(d.resnet().get(0).total().cycles() / 500e3, ms, 1e-12);
    }

    @Test
    void aFinishedRtlSectionShowsItsTableAndTheNextStep() {
        DemoRender.RtlRow pe = new DemoRender.RtlRow("mac_x", "out/demo-mac_x", "2000 cycles", "PASS: 2000 vectors",
                "242", null);
        String text = DemoRender.text(demo(DemoRender.Section.skipped("offline"), new DemoRender.RtlDemo(
                List.of(pe), null)));
        assertTrue(text.contains("   skipped: offline\n"), text);
        assertTrue(text.contains("mac_x   out/demo-mac_x/  2000 cycles     PASS, 2000 vectors"), text);
        assertTrue(text.contains("   Next: qdse rtl bitstream out/demo-mac_x (iCE40-HX8K"), text);
    }
}
