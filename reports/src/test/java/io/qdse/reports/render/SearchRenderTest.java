package io.qdse.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.qdse.search.Backend;
import io.qdse.search.SearchProblem;
import io.qdse.search.SolverOptions;
import io.qdse.search.plan.SearchOutcome;
import io.qdse.search.plan.SearchPlan;
import io.qdse.search.plan.SearchRequest;
import io.qdse.search.sensitivity.SensitivityTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search's text, JSON and CSV: CSV read back through Jackson's reader, cells with commas and quotes intact. */
class SearchRenderTest {
    private static final SolverOptions EXHAUSTIVE = new SolverOptions(Backend.EXHAUSTIVE, 60, 1, 1);
    /** Layer names a CSV writer must quote: a comma, a double quote, both. */
    private static final List<String> LAYERS = List.of("conv,1", "fc \"head\"", "plain", "x,\"y\"");

    private static SearchProblem problem(int hardware) {
        List<String> hw = hardware == 1 ? List.of("32x32") : List.of("16x16", "32x32");
        SearchProblem.Builder b = SearchProblem.builder(LAYERS, List.of("int4", "int8"), hw,
                List.of("sensitivity", "size_bits", "latency_cycles", "area_um2"),
                List.of("(lower is better)", "bits", "cycles", "µm²"));
        for (int l = 0; l < LAYERS.size(); l++) {
            for (int h = 0; h < hw.size(); h++) {
                b.cost(l, 0, h, 0.5 + 0.1 * l, 100 * (l + 1), 200 + l - 50 * h, 0);
                b.cost(l, 1, h, 0.01 * (l + 1), 200 * (l + 1), 300 + l - 50 * h, 0);
            }
        }
        for (int h = 0; h < hw.size(); h++) {
            b.hwCost(h, 3, 1000 * (h + 1));
        }
        b.pin(2, 1);
        return b.build();
    }

    private static SearchPlan plan(SearchProblem p) {
        return new SearchPlan(p, "toy on test", List.of(), null, false, List.of("a note, with a comma"));
    }

    private static List<List<String>> readCsv(String csv) throws Exception {
        CsvMapper m = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it = m.readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        }
    }

    @Test
    void assignmentCsvRoundTripsLayerNamesWithCommasAndQuotes() throws Exception {
        SearchProblem p = problem(2);
        SearchOutcome.Optimum o = plan(p).optimum(SearchRequest.Goal.minimise("sensitivity", List.of(),
                List.of("size=0.5")), EXHAUSTIVE);
        String csv = SearchRender.assignmentCsv(p, o.result().assignment());
        assertTrue(csv.startsWith("layer,format,hardware,sensitivity,size_bits,latency_cycles,area_um2\n"), csv);
        assertTrue(csv.contains("\"conv,1\",") && csv.contains("\"fc \"\"head\"\"\","), csv);
        assertTrue(csv.contains("\nplain,int8,"), "no quotes where none are needed:\n" + csv);
        List<List<String>> rows = readCsv(csv);
        assertEquals(1 + LAYERS.size(), rows.size());
        for (int l = 0; l < LAYERS.size(); l++) {
            List<String> r = rows.get(l + 1);
            int f = o.result().assignment().format(l);
            int h = o.result().assignment().hardware();
            assertEquals(LAYERS.get(l), r.get(0));
            assertEquals(p.formats().get(f), r.get(1));
            assertEquals(p.hardware().get(h), r.get(2));
            for (int m = 0; m < p.metricCount(); m++) {
                assertEquals(p.cost(l, f, h, m), Double.parseDouble(r.get(3 + m)), "exact, full precision");
            }
        }
    }

    @Test
    void costsCsvHasOnlyAllowedRowsNoHardwareColumnForOneOptionAndNoAreaColumn() throws Exception {
        List<List<String>> one = readCsv(SearchRender.costsCsv(problem(1)));
        assertEquals(List.of("layer", "format", "sensitivity", "size_bits", "latency_cycles"), one.get(0));
        // 4 layers x 2 formats, but the pinned layer only in its format
        assertEquals(1 + 7, one.size());
        assertTrue(one.stream().noneMatch(r -> r.get(0).equals("plain") && r.get(1).equals("int4")));
        List<List<String>> two = readCsv(SearchRender.costsCsv(problem(2)));
        assertEquals(List.of("layer", "format", "hardware", "sensitivity", "size_bits", "latency_cycles"),
                two.get(0));
        assertEquals(1 + 14, two.size());
        assertEquals(List.of("x,\"y\"", "int8", "32x32", "0.04", "800.0", "253.0"), two.get(two.size() - 1));
    }

    @Test
    void paretoCsvJsonAndTextOfTheSameFront() throws Exception {
        SearchPlan plan = plan(problem(2));
        SearchOutcome.Front f = plan.front(SearchRequest.Goal.pareto(List.of("size", "sensitivity"), List.of(),
                List.of()), EXHAUSTIVE);
        List<List<String>> rows = readCsv(SearchRender.paretoCsv(f));
        assertEquals(List.of("point", "hardware", "formats_used", "sensitivity", "size_bits", "latency_cycles",
                "area_um2", "assignment"), rows.get(0));
        assertEquals(f.front().points().size() + 1, rows.size());
        assertEquals("int4:3 int8:1", rows.get(1).get(2), "the smallest point: all but the pinned layer in int4");
        assertEquals("int4;int4;int8;int4", rows.get(1).get(7));
        JsonNode j = new ObjectMapper().readTree(SearchRender.json(f));
        assertEquals("toy on test", j.get("what").asText());
        assertEquals(f.front().points().size(), j.get("points").size());
        assertEquals("conv,1", j.get("points").get(0).get("assignment").get(0).get("layer").asText());
        assertEquals(Double.parseDouble(rows.get(1).get(4)),
                j.get("points").get(0).get("totals").get("size_bits").asDouble());
        String text = SearchRender.text(f);
        assertTrue(text.startsWith("Pareto front of size_bits vs sensitivity on toy on test\n"
                + f.front().points().size() + " non-dominated points, "), text);
        assertTrue(text.contains("Note: a note, with a comma\n\n#  size_bits (bits)  sensitivity"), text);
    }

    @Test
    void optimumTextAndJsonShowBudgetsPinsUnitsAndNotes() throws Exception {
        SearchProblem p = problem(2);
        SearchOutcome.Optimum o = plan(p).optimum(SearchRequest.Goal.minimise("sensitivity",
                List.of("latency=1000"), List.of()), EXHAUSTIVE);
        String text = SearchRender.text(o);
        assertTrue(text.startsWith("Search: minimise sensitivity on toy on test\nProblem: 4 layers x 2 formats x 2 "
                + "hardware option(s), 0 tie group(s), 1 pinned layer(s)\nSolver: exhaustive, OPTIMAL"), text);
        assertTrue(text.contains("\nlatency_cycles  cycles   1000"), text);
        assertTrue(text.contains("int8 (pinned)"), text);
        assertTrue(text.contains("latency_cycles (cycles)") && !text.contains("area_um2 (µm²)"),
                "area is a hardware total, not per layer:\n" + text);
        assertTrue(text.endsWith("\nObjective sensitivity = " + io.qdse.reports.text.Numbers.sig(
                o.result().totals()[0], 10) + "\n"), text);
        JsonNode j = new ObjectMapper().readTree(SearchRender.json(o));
        assertEquals("OPTIMAL", j.get("status").asText());
        assertEquals("cycles", j.get("units").get("latency_cycles").asText());
        assertEquals(1000, j.get("budgets").get(0).get("limit").asDouble());
        assertTrue(j.get("layers").get(2).get("pinned").asBoolean());
        assertFalse(j.get("layers").get(0).get("pinned").asBoolean());
        assertEquals("a note, with a comma", j.get("notes").get(0).asText());
        assertEquals("wrote " + Path.of("out").resolve("result.json") + ", assignment.csv\n",
                SearchRender.wrote(Path.of("out"), o.plan()));
    }

    @Test
    void infeasibleMessageNamesTheBudgetTheSmallestTotalAndTheExcess() {
        SearchOutcome.Optimum o = plan(problem(1)).optimum(SearchRequest.Goal.minimise("sensitivity",
                List.of("size=900"), List.of()), EXHAUSTIVE);
        assertTrue(o.infeasible());
        // smallest: every layer int4 but the pinned one int8 = 100 + 200 + 600 + 400 = 1300 bits
        assertEquals("no assignment meets every budget. size_bits <= 900 bits cannot be met: the smallest total any "
                + "assignment reaches while meeting the other budgets is 1300 bits, 400 bits over the limit "
                + "(+44.4 %).", SearchRender.infeasible(o));
    }

    @Test
    void sensitivityCsvLeavesMissingValuesEmptyAndRoundTrips() throws Exception {
        SensitivityTable t = new SensitivityTable(List.of(
                new SensitivityTable.Entry("a,b", "int4", 0.25, 1e-5, Double.NaN, Double.POSITIVE_INFINITY, 64),
                new SensitivityTable.Entry("c", "int8", 0.5, Double.NaN, Double.NaN, Double.NaN, 0)), "table x");
        String csv = SearchRender.sensitivityCsv(t);
        assertEquals("layer,format,sensitivity,weight_error_sq,weight_mse,weight_sqnr_db,weight_elements\n"
                + "\"a,b\",int4,0.25,1.0E-5,,inf,64\nc,int8,0.5,,,,0\n", csv);
        assertEquals("a,b", readCsv(csv).get(1).get(0));
    }
}
