package io.qdse.cli.io;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.Decimals;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Numeric CSV in: one tensor row per line, comma (or whitespace) separated (written by reports' QuantizeRender). */
public final class NumberCsv {
    private NumberCsv() {
    }

    /** A row-major tensor read from a file. */
    public record Tensor(double[] values, int[] shape) {
    }

    /** Parses {@code 0.1,-3,448}; the error names the option and the item. */
    public static double[] parseList(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, text, "comma-separated numbers such as 0.1,-3,448");
        }
        String[] parts = text.split(",", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = number(parts[i], field, "item " + (i + 1), "comma-separated numbers such as 0.1,-3,448");
        }
        return out;
    }

    private static double number(String token, String field, String where, String allowed) {
        String t = token.trim();
        if (t.isEmpty()) {
            throw new InvalidInputException(field, "'" + token + "'", allowed + "; " + where + " is empty");
        }
        Double word = Decimals.special(t);
        if (word != null) {
            return word;
        }
        double d;
        try {
            d = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "'" + t + "'", allowed + "; " + where + " is not a number");
        }
        String range = Decimals.outOfRange(t, d); // 1e400 is not infinity, 1e-400 not 0
        if (range != null) {
            throw new InvalidInputException(field, "'" + t + "'", where + ": " + range);
        }
        return d;
    }

    /**
     * Reads a rectangular numeric CSV; '#' lines and blank lines are skipped, a non-numeric first row is a header.
     * Values must be finite.
     */
    public static Tensor read(Path file, String field) {
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] parts = s.split("\\s*[,;\\t ]\\s*");
                if (first && !parts[0].isEmpty() && !looksNumeric(parts[0])) {
                    first = false; // header row
                    continue;
                }
                first = false;
                if (parts.length > 0 && parts[parts.length - 1].isEmpty()) {
                    parts = java.util.Arrays.copyOf(parts, parts.length - 1); // trailing comma
                }
                double[] row = new double[parts.length];
                for (int c = 0; c < parts.length; c++) {
                    String where = file + " line " + lineNo + ", column " + (c + 1);
                    row[c] = number(parts[c], field, where, "numbers");
                    if (!Double.isFinite(row[c])) {
                        throw new InvalidInputException(field, parts[c], "tensor values must be finite (" + where + ")");
                    }
                }
                if (cols >= 0 && row.length != cols) {
                    throw new InvalidInputException(field, file, "line " + lineNo + " has " + row.length
                            + " columns but earlier rows have " + cols + "; a tensor must be rectangular");
                }
                cols = row.length;
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(field, file, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(field, file, "the file holds no numbers");
        }
        double[] values = new double[rows.size() * cols];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * cols, cols);
        }
        return new Tensor(values, rows.size() == 1 ? new int[] {cols} : new int[] {rows.size(), cols});
    }

    private static boolean looksNumeric(String s) {
        char c = s.charAt(0);
        return Character.isDigit(c) || c == '-' || c == '+' || c == '.' || s.equalsIgnoreCase("nan")
                || s.toLowerCase().startsWith("inf");
    }
}
