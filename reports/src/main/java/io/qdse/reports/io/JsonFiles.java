package io.qdse.reports.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.hwmodels.InvalidInputException;
import java.nio.file.Path;

/** Reads a JSON document, with parse errors (a key given twice among them) named by file, line and column. */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = io.qdse.simulator.io.StrictMappers.json(); // a key twice: error

    private JsonFiles() {
    }

    /** @return the document's root object */
    public static JsonNode object(Path file) {
        return parse(file, CsvFiles.readText(file));
    }

    static JsonNode parse(Path file, String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new InvalidInputException(file.toString(), n == null ? "empty" : n.getNodeType()
                        .toString().toLowerCase(java.util.Locale.ROOT), "a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InvalidInputException(file.toString(), e.getOriginalMessage().split("\n")[0] + where,
                    "valid JSON");
        }
    }
}
