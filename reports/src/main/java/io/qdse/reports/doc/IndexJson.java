package io.qdse.reports.doc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.Report;
import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.ChartSpec;

/** {@code report.json}: what the report holds and where each file is (for machines). */
public final class IndexJson {
    private IndexJson() {
    }

    public static String render(Report r) {
        ObjectNode o = TableFiles.JSON.createObjectNode();
        o.put("generator", "qdse report");
        o.put("title", r.title());
        ArrayNode src = o.putArray("sources");
        r.sources().forEach(src::add);
        o.put("html", Paths.HTML);
        o.put("markdown", Paths.MARKDOWN);
        ArrayNode secs = o.putArray("sections");
        for (Section s : r.sections()) {
            ObjectNode so = secs.addObject();
            so.put("id", s.id());
            so.put("kind", s.kind());
            so.put("title", s.title());
            so.put("source", s.source());
            ArrayNode sum = so.putArray("summary");
            s.summary().forEach(sum::add);
            ArrayNode notes = so.putArray("notes");
            s.notes().forEach(notes::add);
            ArrayNode charts = so.putArray("charts");
            for (ChartSpec c : s.charts()) {
                ObjectNode co = charts.addObject();
                co.put("id", c.id());
                co.put("title", c.title());
                co.put("caption", c.caption());
                co.put("width_px", c.width());
                co.put("height_px", c.height());
                co.put("png", Paths.png(c));
                co.put("svg", Paths.svg(c));
            }
            ArrayNode tables = so.putArray("tables");
            for (Table t : s.tables()) {
                ObjectNode to = tables.addObject();
                to.put("id", t.id());
                to.put("title", t.title());
                to.put("rows", t.rows().size());
                to.put("csv", Paths.csv(t));
                to.put("json", Paths.json(t));
            }
            ArrayNode acc = so.putArray("accelergy");
            for (int i = 0; i < s.accelergy().size(); i++) {
                ObjectNode ao = acc.addObject();
                ao.put("design", s.accelergy().get(i).design());
                ao.put("derived", s.accelergy().get(i).derived());
                ao.put("ert", Paths.ert(s, i));
                ao.put("art", Paths.art(s, i));
            }
        }
        return TableFiles.write(o);
    }
}
