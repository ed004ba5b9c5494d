package io.qdse.reports.results;

import java.util.List;

/**
 * A CSV file as read: header and rows of cells (every row as long as the header).
 *
 * @param file   file name, for messages and titles
 * @param header column names
 * @param rows   cells
 */
public record CsvData(String file, List<String> header, List<List<String>> rows) {
    public CsvData {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** @return index of a column, or -1 */
    public int column(String name) {
        return header.indexOf(name);
    }
}
