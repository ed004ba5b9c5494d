package io.qdse.reports.internal;

import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.results.CompatRun;
import io.qdse.reports.results.CsvData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The section of a compat-mode run: the peer tool's numbers as tables. */
public final class CompatSection {
    private CompatSection() {
    }

    public static Section build(String id, String source, CompatRun c) {
        List<Table> tables = new ArrayList<>();
        Ids ids = new Ids();
        for (CsvData d : c.tables()) {
            String tid = id + "-" + ids.unique(d.file().replace(".csv", ""));
            if (d.header().equals(List.of("field", "value"))) {
                Table.Builder b = new Table.Builder(tid, "Summary (" + c.tool() + ")").text("field").text("value")
                        .text("unit");
                for (List<String> r : d.rows()) {
                    String u = Units.guess(unitKey(r.get(0)));
                    b.row(r.get(0), r.get(1), u.equals(Units.UNSTATED) ? "" : u);
                }
                tables.add(b.build());
            } else {
                tables.add(SearchSection.csvTable(tid, d.file() + " (" + c.tool() + ")", d, Map.of()));
            }
        }
        return new Section(id, "compat", "Compat run: " + c.tool(), source, List.of("counted as " + c.tool()
                + " does; shown as tables only"), List.of("Compat-mode results follow the peer tool's conventions "
                + "and units; they are not drawn beside QDSE's own runs."), List.of(), tables, List.of());
    }

    /** {@code energy_uj.dram} → {@code energy_uj}: the unit is in the parent's name. */
    private static String unitKey(String field) {
        String[] parts = field.split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!Units.guess(parts[i]).equals(Units.UNSTATED)) {
                return parts[i];
            }
        }
        return field;
    }
}
