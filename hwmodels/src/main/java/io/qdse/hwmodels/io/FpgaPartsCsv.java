package io.qdse.hwmodels.io;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the FPGA part catalogue ({@code io/qdse/hwmodels/fpga/parts.csv}): one part per row, RFC 4180 quoting, lines
 * starting with {@code #} are comments. Every row is checked against its family (LUT inputs, carry, DSP and block-RAM
 * kinds) and the {@link FpgaPart} invariants; all problems are reported at once, each naming the line, the part and
 * the column. Hand-parsed like the module's other tables (hwmodels has no parser dependency).
 */
public final class FpgaPartsCsv {
    private FpgaPartsCsv() {
    }

    /** The catalogue shipped with hwmodels. */
    public static final String RESOURCE = "/io/qdse/hwmodels/fpga/parts.csv";

    /** Columns in order. */
    public static final List<String> COLUMNS = List.of("name", "aliases", "boards", "family", "lut_inputs", "luts",
            "ffs", "carry_kind", "carry_cells", "lutram_luts", "dsp_kind", "dsps", "bram_kind", "bram_blocks", "urams",
            "sprams", "fmax_mhz", "fmax_basis", "sources", "notes");

    /** @return the parts of the shipped catalogue, in file order */
    public static List<FpgaPart> standard() {
        try (InputStream in = Objects.requireNonNull(FpgaPartsCsv.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), "parts.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param source name of the input for messages, e.g. {@code parts.csv}
     * @throws InvalidInputException listing every bad field of every row
     */
    public static List<FpgaPart> read(Reader reader, String source) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(reader)) {
            String l;
            while ((l = r.readLine()) != null) {
                lines.add(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        List<FpgaPart> parts = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            List<String> f;
            try {
                f = split(line);
            } catch (IllegalArgumentException e) {
                problems.add("line " + lineNo + ": " + e.getMessage());
                continue;
            }
            if (!header) {
                header = true;
                if (!f.equals(COLUMNS)) {
                    problems.add("line " + lineNo + ": header must be " + String.join(",", COLUMNS) + " (was " + line
                            + ")");
                    break;
                }
                continue;
            }
            if (f.size() != COLUMNS.size()) {
                problems.add("line " + lineNo + ": " + COLUMNS.size() + " fields expected (was " + f.size() + ")");
                continue;
            }
            Row row = new Row(lineNo, f, problems);
            FpgaPart p = row.part();
            if (p == null) {
                continue;
            }
            for (String n : p.names()) {
                String prev = owner.putIfAbsent(n, p.name());
                if (prev != null) {
                    problems.add(row.where("aliases") + ": '" + n + "' already names " + prev);
                }
            }
            parts.add(p);
        }
        if (!header) {
            problems.add("no header line (" + String.join(",", COLUMNS) + ")");
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.ofProblems(source, problems);
        }
        return parts;
    }

    /** One data row; problems are appended to the shared list. */
    private static final class Row {
        private final int line;
        private final List<String> f;
        private final List<String> problems;
        private final int before;

        Row(int line, List<String> f, List<String> problems) {
            this.line = line;
            this.f = f;
            this.problems = problems;
            this.before = problems.size();
        }

        String get(String column) {
            return f.get(COLUMNS.indexOf(column)).trim();
        }

        String where(String column) {
            return "line " + line + " (" + get("name") + ")." + column;
        }

        void problem(String column, String allowed) {
            problems.add(where(column) + ": " + allowed + " (was '" + get(column) + "')");
        }

        Long whole(String column, boolean optional) {
            String v = get(column);
            if (v.isEmpty()) {
                if (!optional) {
                    problem(column, "required");
                }
                return null;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                problem(column, "must be a whole number" + (optional ? " or empty" : ""));
                return null;
            }
        }

        Double decimal(String column) {
            String v = get(column);
            if (v.isEmpty()) {
                return null;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                problem(column, "must be a number or empty");
                return null;
            }
        }

        List<String> list(String column, boolean lowerCase) {
            String v = get(column);
            if (v.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String s : v.split(";")) {
                String t = s.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (lowerCase && (!t.equals(t.toLowerCase(Locale.ROOT)) || t.contains(" "))) {
                    problem(column, "names must be lower case without spaces ('" + t + "')");
                }
                out.add(t);
            }
            return out;
        }

        FpgaPart part() {
            String name = get("name");
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || name.contains(" ")) {
                problem("name", "a lower-case part name without spaces, e.g. xcvu9p");
            }
            FpgaFamily fam = null;
            try {
                fam = FpgaFamily.valueOf(get("family"));
            } catch (IllegalArgumentException e) {
                problem("family", "one of " + Arrays.toString(FpgaFamily.values()));
            }
            List<String> aliases = list("aliases", true);
            List<String> boards = list("boards", false);
            Long lutInputs = whole("lut_inputs", false);
            Long luts = whole("luts", false);
            Long ffs = whole("ffs", false);
            Long carry = whole("carry_cells", true);
            Long lutram = whole("lutram_luts", true);
            Long dsps = whole("dsps", false);
            Long bram = whole("bram_blocks", false);
            Long urams = whole("urams", true);
            Long sprams = whole("sprams", false);
            Double fmax = decimal("fmax_mhz");
            if (fam != null) {
                if (lutInputs != null && lutInputs != fam.lutInputs()) {
                    problem("lut_inputs", "must be " + fam.lutInputs() + " for " + fam);
                }
                if (!get("carry_kind").equals(fam.carryCell())) {
                    problem("carry_kind", "must be " + fam.carryCell() + " for " + fam);
                }
                String dspKind = dsps != null && dsps > 0 ? fam.dspCell() : "none";
                if (!get("dsp_kind").equals(dspKind)) {
                    problem("dsp_kind", "must be " + dspKind + " for " + fam + " with " + dsps + " DSPs");
                }
                if (!get("bram_kind").equals(fam.bramBlock())) {
                    problem("bram_kind", "must be " + fam.bramBlock() + " for " + fam);
                }
            }
            if (problems.size() > before) {
                return null;
            }
            try {
                return new FpgaPart(name, aliases, boards, fam, luts, ffs, carry, lutram, Math.toIntExact(dsps),
                        Math.toIntExact(bram), urams == null ? null : Math.toIntExact(urams),
                        Math.toIntExact(sprams), fmax, get("fmax_basis"), get("sources"), get("notes"));
            } catch (InvalidInputException e) {
                problems.add("line " + line + " " + e.getMessage());
                return null;
            } catch (ArithmeticException e) {
                problems.add("line " + line + " (" + name + "): a count does not fit an int");
                return null;
            }
        }
    }

    /**
     * Splits one CSV line: fields separated by commas, optionally quoted, {@code ""} inside quotes is a quote (also
     * read by the FPGA cost model's bundled tables).
     *
     * @throws IllegalArgumentException on text after a closing quote or an unclosed quote
     */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted) {
                throw new IllegalArgumentException("text after a closing quote in field " + (out.size() + 1));
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed quote in field " + (out.size() + 1));
        }
        out.add(cur.toString());
        return out;
    }
}
