package io.qdse.reports.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV output through Jackson's CSV module: a header row, then one row per record; fields quoted when they hold a
 * comma, quote or line break; "\n" line ends. Cells: null and NaN empty, other doubles in full precision
 * ({@link Double#toString}), everything else by {@code toString()}.
 */
public final class Csv {
    /** Quotes only the fields that need it (the loose default quotes any field with a '.', ':' or '-'). */
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private Csv() {
    }

    /** @return the CSV text of a header and rows (each row as long as the header) */
    public static String write(List<String> header, List<? extends List<?>> rows) {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(List.copyOf(header));
        for (List<?> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row of " + r.size() + " cells under a header of " + header.size());
            }
            List<String> c = new ArrayList<>(r.size());
            for (Object v : r) {
                c.add(cell(v));
            }
            all.add(c);
        }
        try {
            return MAPPER.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && Double.isNaN(d)) {
            return "";
        }
        return v.toString();
    }
}
