package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.search.models.ModelStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qdse models}: the list as text and JSON (cache in a temporary folder), and bad arguments. */
class ModelsCommandTest {
    private static CliRunner.Result withCache(Path cache, String... args) {
        String old = System.getProperty("qdse.models");
        System.setProperty("qdse.models", cache.toString());
        try {
            return CliRunner.run(args);
        } finally {
            if (old == null) {
                System.clearProperty("qdse.models");
            } else {
                System.setProperty("qdse.models", old);
            }
        }
    }

    @Test
    void listAsTextAndJson(@TempDir Path cache) throws Exception {
        CliRunner.Result t = withCache(cache, "models");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("no (qdse models fetch ppocr-det)"), t.out());
        assertTrue(t.out().endsWith("Cache: " + cache + " (set QDSE_MODELS to move it)\n"), t.out());
        CliRunner.Result j = withCache(cache, "models", "--json");
        assertEquals(0, j.exit(), j.err());
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertEquals(cache.toString(), root.get("cache_dir").asText());
        assertEquals(ModelStore.known().size(), root.get("models").size());
        for (JsonNode m : root.get("models")) {
            assertEquals(!m.get("path").isNull(), m.get("here").asBoolean(), m.toString());
            assertEquals("qdse models fetch " + m.get("model").asText(), m.get("fetch").asText());
        }
        JsonNode det = root.get("models").get(1);
        assertEquals("ppocr-det", det.get("model").asText());
        assertTrue(det.get("path").isNull(), "nothing fetched into a fresh cache");
    }

    @Test
    void badArgumentsExit2NamingThem() {
        CliRunner.Result r = CliRunner.run("models", "fetch", "--json");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("models: no arguments (list) or 'fetch NAME...'"), r.err());
        CliRunner.Result u = CliRunner.run("models", "fetch", "nope", "--json");
        assertEquals(2, u.exit(), u.out());
        assertTrue(u.err().contains("model: one of minilm, ppocr-det"), u.err());
        assertEquals("", u.out(), "no partial JSON document");
    }
}
