package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.TextTable;
import io.qdse.search.models.ModelStore;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code qdse models} prints: the known real models and where each is on this machine (text and JSON), and
 * the models a fetch put in place. Text ends every line with LF.
 */
public final class ModelsRender {
    private ModelsRender() {
    }

    /**
     * One known model.
     *
     * @param known what QDSE knows about it
     * @param path  its {@code .onnx} file on this machine, or null when it is not here
     */
    public record Model(ModelStore.Known known, Path path) {
    }

    /**
     * The known models and the cache folder.
     *
     * @param models one per known model, in catalogue order
     * @param cache  the folder fetched models are extracted into
     */
    public record Listing(List<Model> models, Path cache) {
        public Listing {
            models = List.copyOf(models);
        }
    }

    /**
     * A model a fetch put in place (or found already there).
     *
     * @param alias the model
     * @param path  its {@code .onnx} file
     */
    public record Fetched(String alias, Path path) {
    }

    /** @return one row per model (alias, file, source, default inputs, where it is or how to fetch it), the cache */
    public static String listText(Listing l) {
        TextTable t = new TextTable("model", "file", "from", "default inputs", "here");
        for (Model m : l.models()) {
            ModelStore.Known k = m.known();
            t.row(k.alias(), k.file(), k.source(), k.inputs().toString().replaceAll("[{}]", ""),
                    m.path() == null ? "no (" + fetchCommand(k) + ")" : m.path().toString());
        }
        return t.render() + "Cache: " + l.cache() + " (set QDSE_MODELS to move it)\n";
    }

    /**
     * @return {@code {cache_dir, models: [{model, file, source, description, inputs: {name: shape}, here, path,
     *         fetch}]}}; {@code path} is null for a model that is not on this machine
     */
    public static ObjectNode listJson(Listing l) {
        ObjectNode root = Json.object();
        root.put("cache_dir", l.cache().toString());
        ArrayNode arr = root.putArray("models");
        for (Model m : l.models()) {
            ModelStore.Known k = m.known();
            ObjectNode o = arr.addObject();
            o.put("model", k.alias());
            o.put("file", k.file());
            o.put("source", k.source());
            o.put("description", k.about());
            ObjectNode in = o.putObject("inputs");
            k.inputs().forEach(in::put);
            o.put("here", m.path() != null);
            if (m.path() == null) {
                o.putNull("path");
            } else {
                o.put("path", m.path().toString());
            }
            o.put("fetch", fetchCommand(k));
        }
        return root;
    }

    /** @return {@code alias: path}, one line */
    public static String fetchedText(Fetched f) {
        return f.alias() + ": " + f.path() + "\n";
    }

    /** @return {@code {models: [{model, path}]}} */
    public static ObjectNode fetchedJson(List<Fetched> fetched) {
        ObjectNode root = Json.object();
        ArrayNode arr = root.putArray("models");
        for (Fetched f : fetched) {
            ObjectNode o = arr.addObject();
            o.put("model", f.alias());
            o.put("path", f.path().toString());
        }
        return root;
    }

    private static String fetchCommand(ModelStore.Known k) {
        return "qdse models fetch " + k.alias();
    }
}
