package io.qdse.reports.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: headers (with units), rows, numbers right-aligned. Column widths fit the content.
 */
public final class TextTable {
    private final List<String> headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
        this.numeric = new boolean[headers.length];
    }

    /** Marks columns (by index) whose cells are right-aligned. */
    public TextTable numeric(int... columns) {
        for (int c : columns) {
            numeric[c] = true;
        }
        return this;
    }

    public TextTable row(Object... cells) {
        String[] r = new String[headers.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public String render() {
        int n = headers.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = headers.get(i).length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers.toArray(new String[0]), w, true);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        sb.append(rule).append('\n');
        for (String[] r : rows) {
            line(sb, r, w, false);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String[] cells, int[] w, boolean header) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                l.append("  ");
            }
            String c = cells[i];
            if (numeric[i] && !header) {
                l.append(" ".repeat(w[i] - c.length())).append(c);
            } else if (numeric[i]) {
                l.append(" ".repeat(w[i] - c.length())).append(c);
            } else {
                l.append(c).append(" ".repeat(w[i] - c.length()));
            }
        }
        sb.append(l.toString().replaceAll("\\s+$", "")).append('\n');
    }
}
