package io.qdse.simulator.fpga.finn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code --compat finn} against FINN itself: every row of the golden tables (single FINN nodes whose estimates
 * FINN's own methods computed; see {@code finn-golden/README.md}) goes through {@link FinnNodes#fromAttributes} and
 * {@link FinnEstimates#estimate}, and cycles, LUTs, BRAM18, URAM, DSPs, both efficiencies and the memory depths must
 * equal FINN's — integers equal, floats equal to the bit (the CSV holds Python's repr, which reads back exactly).
 */
class FinnGoldenTest {

    /** Columns that are results, not node attributes. */
    private static final Set<String> RESULTS = Set.of("case_id", "op_type", "fpgapart", "wmem", "tmem", "cycles",
            "luts", "bram18", "urams", "dsps", "bram_eff", "uram_eff", "attrs_json");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyGoldenRowIsReproduced() {
        List<Map<String, String>> manifest = readCsv("/finn-golden/manifest.csv");
        return manifest.stream().map(m -> DynamicTest.dynamicTest(m.get("version") + " " + m.get("table"), () -> {
            FinnVersion version = FinnVersion.parse(m.get("version"));
            List<Map<String, String>> rows = readCsv("/finn-golden/" + m.get("file"));
            assertEquals(Integer.parseInt(m.get("rows")), rows.size(), "rows in " + m.get("file"));
            List<String> failures = new ArrayList<>();
            for (Map<String, String> row : rows) {
                String diff = compare(version, row);
                if (diff != null) {
                    failures.add(row.get("case_id") + " " + row.get("op_type") + " " + row.get("fpgapart") + ": "
                            + diff);
                }
            }
            assertTrue(failures.isEmpty(), failures.size() + " of " + rows.size() + " rows differ, e.g.\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }));
    }

    /** @return null when the row is reproduced, else what differs */
    static String compare(FinnVersion version, Map<String, String> row) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (!RESULTS.contains(k)) {
                attrs.put(k, v);
            }
        });
        String json = row.get("attrs_json");
        if (json != null && !json.isEmpty()) { // the smaller nodes: the attributes FINN's node got, as JSON
            try {
                attrs.putAll(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        FinnNode node = FinnNodes.fromAttributes(version, row.get("op_type"), attrs, row.get("fpgapart"));
        FinnNodeEstimate e = FinnEstimates.estimate(version, node);
        StringBuilder diff = new StringBuilder();
        check(diff, "cycles", row.get("cycles"), e.cycles());
        check(diff, "luts", row.get("luts"), e.luts());
        check(diff, "bram18", row.get("bram18"), e.bram18());
        check(diff, "urams", row.get("urams"), e.urams());
        check(diff, "dsps", row.get("dsps"), e.dsps());
        check(diff, "bram_eff", row.get("bram_eff"), e.bramEfficiency());
        check(diff, "uram_eff", row.get("uram_eff"), e.uramEfficiency());
        String wmem = row.get("wmem");
        if (wmem != null && !wmem.isEmpty()) {
            long w = node instanceof MvauNode mv ? mv.wmem() : ((VvauNode) node).wmem();
            check(diff, "wmem", wmem, w);
        }
        String tmem = row.get("tmem");
        if (tmem != null && !tmem.isEmpty()) {
            long t = node instanceof MvauNode mv ? mv.tmem()
                    : node instanceof VvauNode vv ? vv.tmem() : ((ThresholdingNode) node).tmem();
            check(diff, "tmem", tmem, t);
        }
        return diff.length() == 0 ? null : diff.toString();
    }

    private static void check(StringBuilder diff, String field, String expected, double actual) {
        double want = Double.parseDouble(expected);
        if (Double.compare(want, actual) != 0) {
            diff.append(field).append(" FINN ").append(expected).append(" ours ").append(actual).append("; ");
        }
    }

    /** A small RFC 4180 reader (quoted cells hold lists such as {@code "[1,32,32]"}). */
    static List<Map<String, String>> readCsv(String resource) {
        try (InputStream in = FinnGoldenTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Map<String, String>> rows = new ArrayList<>();
            List<String> header = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> cells = splitCsvLine(line);
                if (header == null) {
                    header = cells;
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> splitCsvLine(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString());
        return cells;
    }
}
