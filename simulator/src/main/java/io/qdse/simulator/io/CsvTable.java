package io.qdse.simulator.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.qdse.hwmodels.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV table as every QDSE reader takes it, through Jackson's CSV module: a header row naming the columns (matched
 * case-insensitively, spaces around names ignored), then records; quoted fields (with commas, quotes and line breaks
 * inside), CRLF or LF line ends, a UTF-8 byte-order mark, {@code #} comment lines and blank lines all handled the same
 * way; a trailing empty cell (a line ending in a comma, as SCALE-Sim topologies do) is dropped. Every record knows its
 * line, so errors read {@code file line N, column NAME}.
 */
public final class CsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.ALLOW_COMMENTS).enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES).build();

    private final String source;
    private final List<String> header;
    private final List<Row> rows;

    /**
     * One record.
     *
     * @param line  its line in the file (1-based; the first line of a record that spans several)
     * @param cells column name (lower case) → cell text (trimmed; absent columns are absent)
     */
    public record Row(long line, Map<String, String> cells) {
        /** @return the cell, or null when the record does not have it or it is blank */
        public String get(String column) {
            String v = cells.get(column);
            return v == null || v.isBlank() ? null : v;
        }
    }

    private CsvTable(String source, List<String> header, List<Row> rows) {
        this.source = source;
        this.header = header;
        this.rows = rows;
    }

    /**
     * @param source names the text in errors (the file's path)
     * @param text   the file's text ({@link TextFiles#read})
     * @return the table; an {@link InvalidInputException} naming the source and line for a malformed record, a
     *     record with more cells than the header has columns, or a repeated column name
     */
    public static CsvTable parse(String source, String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = MAPPER.readerForListOf(String.class)
                .with(CsvSchema.emptySchema()).readValues(t)) {
            while (it.hasNextValue()) {
                long line = it.getCurrentLocation().getLineNr();
                List<String> cells = new ArrayList<>(it.nextValue());
                line = Math.max(1, line);
                if (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                    cells.remove(cells.size() - 1);
                }
                if (cells.isEmpty() || cells.size() == 1 && cells.get(0).isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = new ArrayList<>();
                    for (String c : cells) {
                        String name = c.trim().toLowerCase(Locale.ROOT);
                        if (header.contains(name)) {
                            throw new InvalidInputException(source + " line " + line, c, "column names used once ("
                                    + name + " repeats)");
                        }
                        header.add(name);
                    }
                    continue;
                }
                if (cells.size() > header.size()) {
                    throw new InvalidInputException(source + " line " + line, String.join(",", cells), "at most "
                            + header.size() + " cells, as many as the header has columns (this record has "
                            + cells.size() + ")");
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    m.put(header.get(i), cells.get(i).trim());
                }
                rows.add(new Row(line, m));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(source, "", "well-formed CSV (" + msg + ")");
        }
        return new CsvTable(source, header == null ? List.of() : Collections.unmodifiableList(header),
                Collections.unmodifiableList(rows));
    }

    /**
     * One raw record, for readers whose files have no header or give it meaning themselves.
     *
     * @param line  its line in the file (1-based)
     * @param cells its cells, trimmed, empty ones kept
     */
    public record Record(long line, List<String> cells) {
    }

    /**
     * @return every record of a CSV text as it stands (quoting, CRLF, byte-order mark, {@code #} comments and blank
     *     lines handled as in {@link #parse}), with no header processing and no cell dropped
     */
    public static List<Record> records(String source, String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Record> out = new ArrayList<>();
        try (MappingIterator<List<String>> it = MAPPER.readerForListOf(String.class)
                .with(CsvSchema.emptySchema()).readValues(t)) {
            while (it.hasNextValue()) {
                long line = Math.max(1, it.getCurrentLocation().getLineNr());
                List<String> cells = new ArrayList<>();
                for (String c : it.nextValue()) {
                    cells.add(c.trim());
                }
                if (cells.isEmpty() || cells.size() == 1 && cells.get(0).isEmpty()) {
                    continue;
                }
                out.add(new Record(line, Collections.unmodifiableList(cells)));
            }
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(source, "", "well-formed CSV (" + msg + ")");
        }
        return out;
    }

    public String source() {
        return source;
    }

    /** @return the column names, lower case, in file order (empty for an empty file) */
    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /** @return {@code file line N} for errors about a record */
    public String where(Row r) {
        return source + " line " + r.line();
    }
}
