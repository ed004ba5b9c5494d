package io.qdse.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.hwmodels.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with one input file, so that all problems are reported at once, each naming its field;
 * {@link #check()} throws them as one {@link InvalidInputException} naming the file.
 */
final class Problems {
    private final Path file;
    private final List<String> problems = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    void add(String problem) {
        if (problems.size() < 20) {
            problems.add(problem);
        } else if (problems.size() == 20) {
            problems.add("... (more problems not listed)");
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void check() {
        if (!problems.isEmpty()) {
            throw InvalidInputException.ofProblems(file.toString(), problems);
        }
    }

    /** A required text field. */
    String text(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            add(path(where, field) + ": text " + (v == null || v.isNull() ? "(missing)" : "(was " + v + ")"));
            return "";
        }
        return v.asText();
    }

    /** An optional text field ({@code dflt} when absent). */
    static String optText(JsonNode o, String field, String dflt) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? dflt : v.asText();
    }

    /** A required number ({@code "nan"}, {@code "inf"} strings as Jackson output of QDSE writes them). */
    double num(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            add(path(where, field) + ": a number (missing)");
            return Double.NaN;
        }
        double d = number(v);
        if (Double.isNaN(d) && !(v.isTextual() && v.asText().trim().equalsIgnoreCase("nan"))) {
            add(path(where, field) + ": a number (was " + v + ")");
        }
        return d;
    }

    /** An optional number (NaN when absent or null). */
    double optNum(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        double d = number(v);
        if (Double.isNaN(d) && !(v.isTextual() && v.asText().equalsIgnoreCase("nan"))) {
            add(path(where, field) + ": a number (was " + v + ")");
        }
        return d;
    }

    /** A required array. */
    JsonNode array(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.isArray()) {
            add(path(where, field) + ": an array " + (v == null ? "(missing)" : "(was " + abbreviate(v) + ")"));
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        return v;
    }

    /** A required object. */
    JsonNode object(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.isObject()) {
            add(path(where, field) + ": an object " + (v == null ? "(missing)" : "(was " + abbreviate(v) + ")"));
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        return v;
    }

    static double number(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            return Cells.number(v.asText());
        }
        return Double.NaN;
    }

    static String path(String where, String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
