package io.qdse.reports.io;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.reports.results.CsvData;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file (RFC 4180: quoted cells with doubled quotes, CRLF or LF), checking that every row has as many
 * cells as the header. Problems name the file and the line.
 */
public final class CsvFiles {
    private CsvFiles() {
    }

    /** @return the file's header and rows; an {@link InvalidInputException} naming the file when malformed */
    public static CsvData read(Path file) {
        String text = readText(file);
        Problems p = new Problems(file);
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int start = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            if (c == '"' && cell.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                cur.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    cur.add(cell.toString());
                    records.add(cur);
                    lines.add(start);
                }
                cur = new ArrayList<>();
                cell.setLength(0);
                any = false;
                line++;
                start = line;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (quoted) {
            p.add("line " + start + ": a quoted cell is not closed");
            p.check();
        }
        if (any || cell.length() > 0) {
            cur.add(cell.toString());
            records.add(cur);
            lines.add(start);
        }
        if (records.isEmpty()) {
            p.add("empty (a CSV file with a header line)");
            p.check();
        }
        List<String> header = records.get(0).stream().map(String::trim).toList();
        // SCALE-Sim reports end every line with a comma: an unnamed last column that is empty everywhere
        boolean trailing = header.size() > 1 && header.get(header.size() - 1).isEmpty();
        int width = trailing ? header.size() - 1 : header.size();
        if (trailing) {
            header = header.subList(0, width);
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                p.add("line 1: column " + (i + 1) + " has no name");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (trailing && rec.size() == width + 1 && rec.get(width).isBlank()) {
                rec = rec.subList(0, width);
            }
            if (rec.size() != width) {
                p.add("line " + lines.get(r) + ": " + rec.size() + " cells for the header's " + width + " columns");
                continue;
            }
            rows.add(rec.stream().map(String::trim).toList());
        }
        p.check();
        return new CsvData(file.getFileName().toString(), header, rows);
    }

    static String readText(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file.toString(), "binary content", "a UTF-8 text file");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "a readable file");
        }
    }

    /**
     * @return the number in a cell; an empty cell is NaN; text that is not a number is a problem naming the line
     *     and column
     */
    static double number(CsvData csv, int row, int col, Problems p) {
        String s = csv.rows().get(row).get(col);
        if (s.isEmpty() || Cells.isNumber(s)) {
            return Cells.number(s);
        }
        p.add("row " + (row + 1) + " (after the header), column '" + csv.header().get(col) + "': a number (was '"
                + s + "')");
        return Double.NaN;
    }
}
