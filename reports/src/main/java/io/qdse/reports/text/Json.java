package io.qdse.reports.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON output: one pretty-printed document per command, keys in insertion order, numbers as JSON numbers
 * (non-finite values as the strings "inf", "-inf", "nan"). Field names carry units ({@code energy_pj}).
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static com.fasterxml.jackson.databind.node.ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Puts a double, writing non-finite values as strings so the document stays valid JSON. */
    public static ObjectNode put(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.put(key, "nan");
        } else if (Double.isInfinite(v)) {
            o.put(key, v > 0 ? "inf" : "-inf");
        } else {
            o.put(key, v);
        }
        return o;
    }

    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
