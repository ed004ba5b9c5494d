package io.qdse.reports.doc;

import io.qdse.reports.Report;
import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.internal.Fmt;
import java.util.List;

/** The Markdown summary: headings, facts, charts referenced as files, small tables inline, links to the rest. */
public final class MarkdownDocument {
    /** Tables up to this many rows (and {@link #INLINE_COLUMNS} columns) are written inline. */
    static final int INLINE_ROWS = 30;
    static final int INLINE_COLUMNS = 10;

    private MarkdownDocument() {
    }

    public static String render(Report r) {
        StringBuilder m = new StringBuilder();
        m.append("# ").append(r.title()).append("\n\n");
        m.append("Rendered by `qdse report` from stored results only (nothing was re-run): ");
        for (int i = 0; i < r.sources().size(); i++) {
            m.append(i == 0 ? "" : ", ").append('`').append(r.sources().get(i)).append('`');
        }
        m.append(". ").append(r.chartCount()).append(" charts, ").append(r.tableCount())
                .append(" tables; the self-contained, sortable version is [report.html](report.html).\n\n");
        for (Section s : r.sections()) {
            m.append("- [").append(s.title()).append("](#s-").append(s.id()).append(")\n");
        }
        for (Section s : r.sections()) {
            m.append("\n<a id=\"s-").append(s.id()).append("\"></a>\n\n## ").append(s.title()).append("\n\n");
            if (!s.source().isEmpty()) {
                m.append(s.kind()).append(" result from `").append(s.source()).append("`\n\n");
            }
            for (String x : s.summary()) {
                m.append("- ").append(x).append('\n');
            }
            if (!s.summary().isEmpty()) {
                m.append('\n');
            }
            for (String n : s.notes()) {
                m.append("> Note: ").append(n).append("\n\n");
            }
            for (ChartSpec c : s.charts()) {
                m.append("![").append(c.title()).append("](").append(Paths.png(c)).append(")\n\n")
                        .append('*').append(c.caption()).append("* ([SVG](").append(Paths.svg(c)).append("))\n\n");
            }
            for (Table t : s.tables()) {
                table(m, t);
            }
            for (int i = 0; i < s.accelergy().size(); i++) {
                m.append("Accelergy-style tables: [ERT.yaml](").append(Paths.ert(s, i)).append("), [ART.yaml](")
                        .append(Paths.art(s, i)).append(")\n\n");
            }
        }
        return m.toString();
    }

    private static void table(StringBuilder m, Table t) {
        int n = t.rows().size();
        String files = "[CSV](" + Paths.csv(t) + "), [JSON](" + Paths.json(t) + ")";
        if (n > INLINE_ROWS || t.columns().size() > INLINE_COLUMNS) {
            m.append("- ").append(t.title()).append(" (").append(n).append(n == 1 ? " row" : " rows").append("): ")
                    .append(files).append("\n\n");
            return;
        }
        m.append("**").append(t.title()).append("** (").append(files).append(")\n\n|");
        for (Table.Column c : t.columns()) {
            m.append(' ').append(cell(c.unit().isEmpty() ? c.name() : c.name() + " (" + c.unit() + ")")).append(" |");
        }
        m.append("\n|");
        for (Table.Column c : t.columns()) {
            m.append(c.unit().isEmpty() ? "---|" : "---:|");
        }
        m.append('\n');
        for (List<Object> row : t.rows()) {
            m.append('|');
            for (Object v : row) {
                String s = v == null ? "" : v instanceof Double d ? (Double.isNaN(d) ? "" : Fmt.num(d))
                        : v.toString();
                m.append(' ').append(cell(s)).append(" |");
            }
            m.append('\n');
        }
        m.append('\n');
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
