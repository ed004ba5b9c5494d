package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 §4: every number keeps the meaning its header states. Each numeric column of the CSV files the commands
 * write names its unit (a suffix such as {@code _ms}, {@code _pj}, {@code _bits}, {@code _fraction}) or is a count
 * whose unit is its name (cycles, MACs, LUTs).
 */
class UnitsInHeadersTest {
    /** Counts (the name is the unit) and dimensionless proxies named as such. */
    static final Set<String> COUNTS = Set.of("cycles", "stall_cycles", "compute_cycles", "macs", "luts", "ffs", "dsps",
            "pe", "simd", "tops", "sensitivity", "cycles_per_frame", "vectors_per_frame", "mw_elements", "mh_outputs",
            "point");
    static final List<String> SUFFIXES = List.of("_ms", "_us", "_s", "_uj", "_pj", "_w", "_mm2", "_um2", "_bits",
            "_db", "_fraction", "_blocks", "_bram18", "_mb", "_inf_s", "_per_w", "_elements", "_cycles", "_mhz");

    @Test
    void everyNumericCsvColumnNamesItsUnit(@TempDir Path dir) throws Exception {
        Path[] n = FpgaSearchCommandTest.network(dir);
        String[][] runs = {
            {"simulate", "--workload", "resnet18", "--out", dir.resolve("sim").toString()},
            {"compare", "--workload", "resnet18", "--arch", "edge-32x32", "--arch", "bitserial:stripes", "--out",
                dir.resolve("cmp").toString()},
            {"fpga", "estimate", "--workload", n[0].toString(), "--device", "pynq-z1", "--out",
                dir.resolve("fe").toString()},
        };
        List<String> bad = new ArrayList<>();
        int columns = 0;
        for (String[] args : runs) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
            Path out = Path.of(args[args.length - 1]);
            try (var files = Files.list(out)) {
                for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                    List<String> lines = Files.readAllLines(csv);
                    String[] header = lines.get(0).split(",");
                    List<String> first = splitCsv(lines.get(1));
                    for (int i = 0; i < header.length; i++) {
                        String h = header[i];
                        boolean numeric = first.get(i).matches("-?[0-9.]+(E-?[0-9]+)?");
                        columns += numeric ? 1 : 0;
                        if (numeric && !COUNTS.contains(h) && SUFFIXES.stream().noneMatch(h::endsWith)) {
                            bad.add(csv.getFileName() + " of " + args[0] + ": " + h);
                        }
                    }
                }
            }
        }
        assertTrue(columns > 30, "numeric columns checked: " + columns);
        assertTrue(bad.isEmpty(), "numeric columns without a unit: " + bad);
    }

    /** Splits one CSV line, keeping quoted fields (with commas) whole. */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
