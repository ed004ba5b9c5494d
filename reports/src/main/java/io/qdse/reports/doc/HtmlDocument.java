package io.qdse.reports.doc;

import io.qdse.reports.Report;
import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.internal.Fmt;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The self-contained HTML report: charts embedded as PNG data, tables sortable by clicking a header (a small inline
 * script), no network and no external files needed (the links to the SVG, CSV and JSON files beside it are
 * optional downloads).
 */
public final class HtmlDocument {
    /** Rows shown per table (the CSV and JSON files have them all). */
    public static final int MAX_ROWS = 1000;
    /** Tables with more rows start collapsed. */
    static final int OPEN_ROWS = 40;

    static final String STYLE = """
            body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:0;color:#222;background:#fafafa;\
            line-height:1.4}
            header,main{max-width:1000px;margin:0 auto;padding:0 16px}
            header{padding-top:16px}
            h1{font-size:1.6em;margin:.4em 0}h2{font-size:1.3em;border-bottom:2px solid #4e79a7;padding-bottom:4px;\
            margin-top:2em}h3{font-size:1.05em;margin:1.2em 0 .4em}
            nav ul{columns:2;padding-left:1.2em}
            .meta,.source{color:#555;font-size:.92em}
            .note{background:#fff6e0;border-left:4px solid #f28e2b;padding:4px 8px;margin:4px 0;font-size:.92em}
            figure{margin:1em 0;background:#fff;border:1px solid #ddd;padding:6px}
            figure img{max-width:100%;height:auto;display:block;margin:0 auto}
            figcaption{font-size:.9em;color:#444;margin-top:4px}
            .scroll{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;font-size:.85em;background:#fff;margin:.3em 0}
            th,td{border:1px solid #ccc;padding:2px 6px;white-space:nowrap}
            th{background:#eef2f7;cursor:pointer;user-select:none;position:sticky;top:0}
            th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            tbody tr:nth-child(even){background:#f7f7f7}
            .files{font-size:.85em;color:#555}
            summary{cursor:pointer;font-weight:bold;margin:.6em 0}
            """;

    /** Sorts a table by the clicked column: numbers (data-v) numerically, text alphabetically; stable. */
    static final String SCRIPT = """
            (function () {
              'use strict';
              function key(cell) {
                var v = cell.getAttribute('data-v');
                if (v !== null && v !== '') { return {n: true, v: parseFloat(v)}; }
                return {n: false, v: cell.textContent};
              }
              function compare(a, b) {
                if (a.n && b.n) { return a.v - b.v; }
                if (a.n !== b.n) { return a.n ? -1 : 1; }
                return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
              }
              function sortBy(table, th, col) {
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                var asc = th.getAttribute('aria-sort') !== 'ascending';
                var heads = table.tHead.rows[0].cells;
                for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute('aria-sort'); }
                th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
                rows.sort(function (r1, r2) {
                  var c = compare(key(r1.cells[col]), key(r2.cells[col]));
                  if (c === 0) { c = r1.getAttribute('data-i') - r2.getAttribute('data-i'); return c; }
                  return asc ? c : -c;
                });
                for (var j = 0; j < rows.length; j++) { body.appendChild(rows[j]); }
              }
              var tables = document.querySelectorAll('table.sortable');
              Array.prototype.forEach.call(tables, function (table) {
                var heads = table.tHead.rows[0].cells;
                Array.prototype.forEach.call(heads, function (th, col) {
                  th.setAttribute('title', 'click to sort');
                  th.addEventListener('click', function () { sortBy(table, th, col); });
                });
              });
            })();
            """;

    private HtmlDocument() {
    }

    /**
     * @param pngs chart id → PNG bytes (embedded)
     */
    public static String render(Report r, Map<String, byte[]> pngs) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"qdse report\">\n")
                .append("<title>").append(esc(r.title())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(esc(r.title())).append("</h1>\n")
                .append("<p class=\"meta\">Rendered by <code>qdse report</code> from stored results only (nothing was "
                        + "re-run): ");
        for (int i = 0; i < r.sources().size(); i++) {
            h.append(i == 0 ? "" : ", ").append("<code>").append(esc(r.sources().get(i))).append("</code>");
        }
        h.append(". ").append(r.chartCount()).append(" charts, ").append(r.tableCount())
                .append(" tables; click a table header to sort.</p>\n<nav><ul>\n");
        for (Section s : r.sections()) {
            h.append("<li><a href=\"#s-").append(s.id()).append("\">").append(esc(s.title())).append("</a></li>\n");
        }
        h.append("</ul></nav>\n</header>\n<main>\n");
        for (Section s : r.sections()) {
            section(h, s, pngs);
        }
        h.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void section(StringBuilder h, Section s, Map<String, byte[]> pngs) {
        h.append("<section id=\"s-").append(s.id()).append("\">\n<h2>").append(esc(s.title())).append("</h2>\n");
        if (!s.source().isEmpty()) {
            h.append("<p class=\"source\">").append(esc(s.kind())).append(" result from <code>")
                    .append(esc(s.source())).append("</code></p>\n");
        }
        if (!s.summary().isEmpty()) {
            h.append("<ul>\n");
            for (String x : s.summary()) {
                h.append("<li>").append(esc(x)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        for (String n : s.notes()) {
            h.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
        }
        for (ChartSpec c : s.charts()) {
            h.append("<figure id=\"c-").append(c.id()).append("\">\n<img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(pngs.get(c.id()))).append("\" width=\"")
                    .append(c.width()).append("\" height=\"").append(c.height()).append("\" alt=\"")
                    .append(esc(c.title())).append("\">\n<figcaption>").append(esc(c.caption()))
                    .append(" <span class=\"files\">(<a href=\"").append(Paths.svg(c)).append("\">SVG</a>, <a href=\"")
                    .append(Paths.png(c)).append("\">PNG</a>)</span></figcaption>\n</figure>\n");
        }
        for (Table t : s.tables()) {
            table(h, t);
        }
        for (int i = 0; i < s.accelergy().size(); i++) {
            h.append("<p class=\"files\">Accelergy-style tables: <a href=\"").append(Paths.ert(s, i))
                    .append("\">ERT.yaml</a>, <a href=\"").append(Paths.art(s, i)).append("\">ART.yaml</a></p>\n");
        }
        h.append("</section>\n");
    }

    private static void table(StringBuilder h, Table t) {
        int n = t.rows().size();
        boolean collapsed = n > OPEN_ROWS;
        String title = esc(t.title()) + " <span class=\"files\">(" + n + (n == 1 ? " row" : " rows") + "; <a href=\""
                + Paths.csv(t) + "\">CSV</a>, <a href=\"" + Paths.json(t) + "\">JSON</a>)</span>";
        if (collapsed) {
            h.append("<details>\n<summary>").append(title).append("</summary>\n");
        } else {
            h.append("<h3>").append(title).append("</h3>\n");
        }
        h.append("<div class=\"scroll\"><table class=\"sortable\" id=\"t-").append(t.id()).append("\">\n<thead><tr>");
        for (Table.Column c : t.columns()) {
            h.append("<th scope=\"col\">").append(esc(c.name()));
            if (!c.unit().isEmpty()) {
                h.append(" (").append(esc(c.unit())).append(")");
            }
            h.append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        List<List<Object>> rows = t.rows();
        for (int i = 0; i < Math.min(n, MAX_ROWS); i++) {
            h.append("<tr data-i=\"").append(i).append("\">");
            for (Object v : rows.get(i)) {
                if (v instanceof Double d) {
                    h.append("<td class=\"n\" data-v=\"").append(Double.isNaN(d) ? "" : TableFiles.text(d))
                            .append("\">").append(Double.isNaN(d) ? "" : Fmt.num(d)).append("</td>");
                } else if (v instanceof Number x) {
                    h.append("<td class=\"n\" data-v=\"").append(x).append("\">").append(Fmt.num(x.doubleValue()))
                            .append("</td>");
                } else {
                    h.append("<td>").append(v == null ? "" : esc(v.toString())).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
        if (n > MAX_ROWS) {
            h.append("<p class=\"note\">First ").append(MAX_ROWS).append(" of ").append(n)
                    .append(" rows shown; the CSV and JSON files have them all.</p>\n");
        }
        if (collapsed) {
            h.append("</details>\n");
        }
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
