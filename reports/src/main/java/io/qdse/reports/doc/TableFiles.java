package io.qdse.reports.doc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.Table;
import java.util.List;

/** Tables as CSV (header {@code name [unit]}) and JSON (columns with units; rows keyed by column name). */
public final class TableFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TableFiles() {
    }

    /** @return the table as CSV: numbers in full precision, missing values empty */
    public static String csv(Table t) {
        List<String> header = new java.util.ArrayList<>();
        for (Table.Column c : t.columns()) {
            header.add(c.header());
        }
        List<List<String>> rows = new java.util.ArrayList<>();
        for (List<Object> row : t.rows()) {
            List<String> r = new java.util.ArrayList<>();
            for (Object v : row) {
                r.add(text(v));
            }
            rows.add(r);
        }
        return io.qdse.reports.text.Csv.write(header, rows);
    }

    /** @return the table as a JSON document */
    public static String json(Table t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id());
        o.put("title", t.title());
        ArrayNode cols = o.putArray("columns");
        for (Table.Column c : t.columns()) {
            ObjectNode co = cols.addObject();
            co.put("name", c.name());
            co.put("unit", c.unit());
        }
        ArrayNode rows = o.putArray("rows");
        for (List<Object> row : t.rows()) {
            ObjectNode ro = rows.addObject();
            for (int i = 0; i < row.size(); i++) {
                put(ro, t.columns().get(i).name(), row.get(i));
            }
        }
        return write(o);
    }

    static String write(Object node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void put(ObjectNode o, String key, Object v) {
        if (v == null) {
            o.putNull(key);
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    o.put(key, d.longValue());
                } else {
                    o.put(key, d);
                }
            } else if (Double.isNaN(d)) {
                o.putNull(key);
            } else {
                o.put(key, d > 0 ? "inf" : "-inf");
            }
        } else if (v instanceof Number n) {
            o.put(key, n.longValue());
        } else if (v instanceof Boolean b) {
            o.put(key, b);
        } else {
            o.put(key, v.toString());
        }
    }

    /** @return a cell's value as CSV text (full precision; NaN and null empty) */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (Double.isNaN(d)) {
                return "";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return Double.toString(d);
        }
        return v.toString();
    }
}
