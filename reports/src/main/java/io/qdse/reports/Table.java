package io.qdse.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A table of a report: columns with units, rows of cells (text, numbers, booleans or null). Written as CSV and JSON
 * (units in every header) and shown sortable in the HTML report.
 *
 * @param id      file-name-safe id, unique within the report
 * @param title   what the table lists
 * @param columns the columns
 * @param rows    cells, one list per row, as many as columns
 */
public record Table(String id, String title, List<Column> columns, List<List<Object>> rows) {
    /**
     * A column.
     *
     * @param name snake_case name (CSV/JSON key)
     * @param unit unit of its numbers ({@code ms}, {@code pJ}, {@code %}, {@code 1} for a plain ratio); empty for
     *             text columns
     */
    public record Column(String name, String unit) {
        public Column {
            Objects.requireNonNull(name, "name");
            unit = unit == null ? "" : unit;
        }

        /** A text column (no unit). */
        public static Column text(String name) {
            return new Column(name, "");
        }

        /** @return the header as written: {@code name [unit]}, or the name of a text column */
        public String header() {
            return unit.isEmpty() ? name : name + " [" + unit + "]";
        }
    }

    public Table {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("table " + id + ": column " + c.name() + " appears twice");
            }
        }
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("table " + id + ": a row has " + r.size() + " cells for "
                        + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Builds a table row by row. */
    public static final class Builder {
        private final String id;
        private final String title;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();

        public Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** Adds a numeric column with its unit. */
        public Builder col(String name, String unit) {
            columns.add(new Column(name, unit));
            return this;
        }

        /** Adds a text column. */
        public Builder text(String name) {
            columns.add(Column.text(name));
            return this;
        }

        public Builder row(Object... cells) {
            rows.add(java.util.Arrays.asList(cells.clone()));
            return this;
        }

        public Builder row(List<Object> cells) {
            rows.add(new ArrayList<>(cells));
            return this;
        }

        public int size() {
            return rows.size();
        }

        public Table build() {
            return new Table(id, title, columns, rows);
        }
    }
}
