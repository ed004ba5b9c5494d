package io.qdse.simulator.workload.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.workload.LlmSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a Hugging Face {@code config.json} of a decoder-only language model into an {@link LlmSpec}. Families and the
 * defaults each takes from its {@code transformers} configuration class when a key is absent:
 * <ul>
 * <li>{@code llama}, {@code mistral}, {@code qwen2}: RMSNorm (d parameters), two norms per layer, SwiGLU MLP
 * ({@code intermediate_size}), rotary positions, {@code num_key_value_heads} (default: the heads), {@code head_dim}
 * (default d/heads), untied LM head unless {@code tie_word_embeddings}; biases: {@code attention_bias} and
 * {@code mlp_bias} (llama/mistral, default false), Q/K/V biases always for qwen2; {@code sliding_window} for mistral
 * (and qwen2 with {@code use_sliding_window}).</li>
 * <li>{@code opt}: LayerNorm (2d), biases everywhere ({@code enable_bias}), ReLU MLP of {@code ffn_dim}, learned
 * positions ({@code max_position_embeddings} + 2 rows), tied head, {@code word_embed_proj_dim} with
 * project_in/out when it differs from d, final norm when {@code do_layer_norm_before}.</li>
 * <li>{@code phi}: one LayerNorm per layer (parallel attention and MLP), biases everywhere, dense MLP, untied LM head
 * with a bias.</li>
 * <li>{@code gpt2}: {@code n_embd}, {@code n_layer}, {@code n_head}, {@code n_inner} (default 4d), learned positions
 * ({@code n_positions}), LayerNorm, biases, tied head.</li>
 * </ul>
 */
public final class HfConfigFiles {
    private HfConfigFiles() {
    }

    /** Families this reader knows. */
    public static final List<String> FAMILIES = List.of("llama", "mistral", "qwen2", "opt", "phi", "gpt2");

    private static final ObjectMapper JSON = io.qdse.simulator.io.StrictMappers.json(); // a key twice: error

    /**
     * @param file  a {@code config.json}
     * @param field the option it came from, for errors
     */
    public static LlmSpec read(Path file, String field) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(field, file, "a Hugging Face config.json (no such file)");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, file, "a Hugging Face config.json: not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + " ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(field, file, "a readable config.json (" + e.getMessage() + ")");
        }
        String name = file.getFileName().toString().replaceAll("(?i)\\.json$", "");
        if (name.equalsIgnoreCase("config") && file.toAbsolutePath().getParent() != null) {
            name = file.toAbsolutePath().getParent().getFileName().toString();
        }
        return parse(root, name, file.toString());
    }

    /**
     * @return the model's Hugging Face name ({@code _name_or_path}, e.g. {@code meta-llama/Llama-2-7b-hf}), or null
     */
    public static String hubName(Path file) {
        try {
            JsonNode n = JSON.readTree(Files.readString(file)).get("_name_or_path");
            return n == null || n.isNull() ? null : n.asText();
        } catch (IOException e) {
            return null;
        }
    }

    /** @return the Hugging Face name of a config shipped as a resource */
    public static String hubNameOfResource(String path) {
        try (InputStream in = Objects.requireNonNull(HfConfigFiles.class.getResourceAsStream(path), path)) {
            JsonNode n = JSON.readTree(in).get("_name_or_path");
            return n == null || n.isNull() ? null : n.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a config shipped as a resource (the zoo's LLMs). */
    public static LlmSpec readResource(String path, String name) {
        try (InputStream in = Objects.requireNonNull(HfConfigFiles.class.getResourceAsStream(path), path)) {
            return parse(JSON.readTree(in), name, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param root   the parsed JSON
     * @param name   the model's name in workload names
     * @param source where it came from, for messages
     */
    public static LlmSpec parse(JsonNode root, String name, String source) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source, root, "a JSON object (a Hugging Face config.json)");
        }
        Reader r = new Reader(root, source);
        String type = r.text("model_type");
        if (type == null) {
            throw new InvalidInputException(source + ": model_type", "missing", "one of " + String.join(", ",
                    FAMILIES));
        }
        type = type.toLowerCase(Locale.ROOT);
        if (!FAMILIES.contains(type)) {
            throw new InvalidInputException(source + ": model_type", type, "one of " + String.join(", ", FAMILIES)
                    + " (decoder-only families QDSE can build)");
        }
        switch (type) {
            case "gpt2": {
                int d = r.positive("n_embd", null);
                int heads = r.positive("n_head", null);
                return new LlmSpec(name, type, d, r.positive("n_inner", 4 * d), r.positive("n_layer", null), heads,
                        heads, r.headDim(d, heads), r.positive("vocab_size", null), false, true, true, true, 2 * d,
                        2, r.positive("n_positions", 1024), d, true, false, true, 0);
            }
            case "opt": {
                int d = r.positive("hidden_size", null);
                int heads = r.positive("num_attention_heads", null);
                boolean bias = r.bool("enable_bias", true);
                boolean affine = r.bool("layer_norm_elementwise_affine", true);
                boolean finalNorm = r.bool("do_layer_norm_before", true) && !r.bool("_remove_final_layer_norm", false);
                return new LlmSpec(name, type, d, r.positive("ffn_dim", null), r.positive("num_hidden_layers", null),
                        heads, heads, r.headDim(d, heads), r.positive("vocab_size", null), false, bias, bias, bias,
                        affine ? 2 * d : 0, 2, r.positive("max_position_embeddings", 2048) + 2,
                        r.positive("word_embed_proj_dim", d), r.bool("tie_word_embeddings", true), false, finalNorm, 0);
            }
            case "phi": {
                int d = r.positive("hidden_size", null);
                int heads = r.positive("num_attention_heads", null);
                return new LlmSpec(name, type, d, r.positive("intermediate_size", null),
                        r.positive("num_hidden_layers", null), heads, r.positive("num_key_value_heads", heads),
                        r.headDim(d, heads), r.positive("vocab_size", null), false, true, true, true, 2 * d, 1, 0, d,
                        r.bool("tie_word_embeddings", false), true, true, 0);
            }
            default: {
                int d = r.positive("hidden_size", null);
                int heads = r.positive("num_attention_heads", null);
                boolean attnBias = r.bool("attention_bias", false);
                boolean qwen = type.equals("qwen2");
                int window = 0;
                if (type.equals("mistral") || (qwen && r.bool("use_sliding_window", false))) {
                    window = r.positiveOrNull("sliding_window");
                }
                return new LlmSpec(name, type, d, r.positive("intermediate_size", null),
                        r.positive("num_hidden_layers", null), heads, r.positive("num_key_value_heads", heads),
                        r.headDim(d, heads), r.positive("vocab_size", null), true, qwen || attnBias, attnBias,
                        r.bool("mlp_bias", false), d, 2, 0, d, r.bool("tie_word_embeddings", false), false, true,
                        window);
            }
        }
    }

    /** Typed access to the keys, with errors naming the file and the key. */
    private static final class Reader {
        private final JsonNode root;
        private final String source;

        Reader(JsonNode root, String source) {
            this.root = root;
            this.source = source;
        }

        String text(String key) {
            JsonNode n = root.get(key);
            return n == null || n.isNull() ? null : n.asText();
        }

        int positive(String key, Integer dflt) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                if (dflt == null) {
                    throw new InvalidInputException(source + ": " + key, "missing", "a positive whole number");
                }
                return dflt;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
                throw new InvalidInputException(source + ": " + key, n.toString(), "a positive whole number below 2^31");
            }
            return n.asInt();
        }

        int positiveOrNull(String key) {
            JsonNode n = root.get(key);
            return n == null || n.isNull() ? 0 : positive(key, 0);
        }

        boolean bool(String key, boolean dflt) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isBoolean()) {
                throw new InvalidInputException(source + ": " + key, n.toString(), "true or false");
            }
            return n.asBoolean();
        }

        int headDim(int d, int heads) {
            JsonNode n = root.get("head_dim");
            if (n != null && !n.isNull()) {
                return positive("head_dim", null);
            }
            if (d % heads != 0) {
                throw new InvalidInputException(source + ": num_attention_heads", heads, "a divisor of the hidden size "
                        + d + " (or give head_dim)");
            }
            return d / heads;
        }
    }
}
