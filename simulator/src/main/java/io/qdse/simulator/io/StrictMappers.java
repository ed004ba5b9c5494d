package io.qdse.simulator.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The one way user YAML and JSON files are read (architectures, sweep spaces, folding files, layer lists, Hugging Face
 * configs): a key given twice in one mapping is an error naming the key and its line
 * ({@code Duplicate field 'rows'}), not a silent last-one-wins, so a second {@code rows:} cannot undo the first
 * unseen. The mappers are shared and thread-safe.
 */
public final class StrictMappers {
    private StrictMappers() {
    }

    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = strict(new ObjectMapper());

    /** @return a mapper for YAML (and so JSON, which YAML contains) that refuses duplicate keys */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** @return a mapper for JSON that refuses duplicate keys */
    public static ObjectMapper json() {
        return JSON;
    }

    private static ObjectMapper strict(ObjectMapper m) {
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        return m;
    }
}
