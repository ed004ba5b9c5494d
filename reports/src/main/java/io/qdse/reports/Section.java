package io.qdse.reports;

import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.results.EnergyAreaTables;
import java.util.List;
import java.util.Objects;

/**
 * One part of a report: the charts and tables of one stored result folder (or an overview across folders).
 *
 * @param id        file-name-safe id, unique within the report (prefix of its chart and table files)
 * @param kind      what was found ({@code simulate}, {@code search}, {@code rtl}, {@code calibration},
 *                  {@code sweep}, {@code compare}, {@code compat}, {@code ert}, {@code overview})
 * @param title     heading
 * @param source    the folder it was read from, as given on the command line (empty for the overview)
 * @param summary   short facts shown under the heading
 * @param notes     caveats (what was skipped and why)
 * @param charts    charts, in order
 * @param tables    tables, in order
 * @param accelergy energy-per-action and area-per-component tables of the design, when known
 */
public record Section(String id, String kind, String title, String source, List<String> summary,
                      List<String> notes, List<ChartSpec> charts, List<Table> tables,
                      List<EnergyAreaTables> accelergy) {
    public Section {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        source = source == null ? "" : source;
        summary = List.copyOf(summary);
        notes = List.copyOf(notes);
        charts = List.copyOf(charts);
        tables = List.copyOf(tables);
        accelergy = List.copyOf(accelergy);
    }
}
