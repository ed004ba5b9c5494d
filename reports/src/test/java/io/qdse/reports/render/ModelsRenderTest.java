package io.qdse.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.reports.text.Json;
import io.qdse.search.models.ModelStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model list (one present, the others absent) and fetched models, as text and JSON. */
class ModelsRenderTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static ModelsRender.Listing listing() {
        List<ModelsRender.Model> models = new ArrayList<>();
        for (ModelStore.Known k : ModelStore.known().values()) {
            models.add(new ModelsRender.Model(k, k.alias().equals("minilm") ? Path.of("/cache/m.onnx") : null));
        }
        return new ModelsRender.Listing(models, Path.of("/cache"));
    }

    @Test
    void listSaysWhereEachModelIsOrHowToFetchIt() {
        String text = ModelsRender.listText(listing());
        String[] lines = text.split("\n");
        assertTrue(lines[0].matches("model +file +from +default inputs +here"), lines[0]);
        assertTrue(lines[2].startsWith("minilm ") && lines[2].endsWith(" /cache/m.onnx"), lines[2]);
        assertTrue(lines[2].contains("input_ids=1x128, attention_mask=1x128"), lines[2]);
        assertTrue(lines[3].startsWith("ppocr-det ") && lines[3].endsWith(" no (qdse models fetch ppocr-det)"),
                lines[3]);
        assertEquals("Cache: /cache (set QDSE_MODELS to move it)", lines[lines.length - 1]);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void listJsonHasAPathOrNullAndTheFetchCommand() throws Exception {
        JsonNode j = M.readTree(Json.write(ModelsRender.listJson(listing())));
        assertEquals("/cache", j.get("cache_dir").asText());
        assertEquals(ModelStore.known().size(), j.get("models").size());
        JsonNode minilm = j.get("models").get(0);
        assertEquals("minilm", minilm.get("model").asText());
        assertTrue(minilm.get("here").asBoolean());
        assertEquals("/cache/m.onnx", minilm.get("path").asText());
        assertEquals("1x128", minilm.get("inputs").get("input_ids").asText());
        JsonNode det = j.get("models").get(1);
        assertFalse(det.get("here").asBoolean());
        assertTrue(det.get("path").isNull());
        assertEquals("qdse models fetch ppocr-det", det.get("fetch").asText());
        assertFalse(det.get("description").asText().isEmpty());
    }

    @Test
    void fetchedModels() throws Exception {
        ModelsRender.Fetched f = new ModelsRender.Fetched("minilm", Path.of("/cache/m.onnx"));
        assertEquals("minilm: /cache/m.onnx\n", ModelsRender.fetchedText(f));
        JsonNode j = M.readTree(Json.write(ModelsRender.fetchedJson(List.of(f))));
        assertEquals("/cache/m.onnx", j.get("models").get(0).get("path").asText());
    }
}
