package io.qdse.reports.doc;

import io.qdse.reports.Section;
import io.qdse.reports.Table;
import io.qdse.reports.chart.ChartSpec;

/** Where each file of a report folder goes (relative, '/'-separated). */
public final class Paths {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    public static final String INDEX = "report.json";

    private Paths() {
    }

    public static String png(ChartSpec c) {
        return "charts/" + c.id() + ".png";
    }

    public static String svg(ChartSpec c) {
        return "charts/" + c.id() + ".svg";
    }

    public static String csv(Table t) {
        return "tables/" + t.id() + ".csv";
    }

    public static String json(Table t) {
        return "tables/" + t.id() + ".json";
    }

    /** @param i index of the design's tables within the section (0 for the first) */
    public static String ert(Section s, int i) {
        return "accelergy/" + s.id() + (i == 0 ? "" : "-" + (i + 1)) + "/ERT.yaml";
    }

    public static String art(Section s, int i) {
        return "accelergy/" + s.id() + (i == 0 ? "" : "-" + (i + 1)) + "/ART.yaml";
    }
}
