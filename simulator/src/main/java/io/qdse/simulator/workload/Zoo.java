package io.qdse.simulator.workload;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.workload.io.HfConfigFiles;
import io.qdse.simulator.workload.io.ZooTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Built-in networks, from the layer tables in shared/reference/workloads (shipped as resources): ResNet-18,
 * ResNet-50 v1.5 and MobileNetV2 at 224×224; BERT-base; ViT-B/16; Llama-2-7B and Llama-3-8B in prefill (batch B,
 * sequence S) or decode (one new token per sequence against a context of ctx tokens).
 *
 * <p>Spelling: {@code NAME[:prefill|:decode][:b=B][:s=S][:ctx=C]}, e.g. {@code resnet50:b=8},
 * {@code bert-base:s=384}, {@code llama2-7b:decode:ctx=4096:b=16}.
 */
public final class Zoo {
    private Zoo() {
    }

    /** Inference phase of a decoder-only transformer. */
    public enum Mode {
        /** Process a prompt of S tokens per sequence. */
        PREFILL,
        /** Generate one token per sequence attending to ctx cached tokens. */
        DECODE
    }

    /** A zoo entry: a layer table (CNNs, encoders) or, for decoders, a Hugging Face config.json resource. */
    record Entry(String name, String resource, boolean transformer, int defaultSeq, boolean seqFixed,
                 boolean decoder, String description) {
    }

    private static final String LLM = "/io/qdse/simulator/workload/zoo/llm/";

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        add(new Entry("resnet18", "resnet18_imagenet224.csv", false, 0, true, false,
                "ResNet-18, ImageNet 224x224 (torchvision)"));
        add(new Entry("resnet50", "resnet50_v1.5_imagenet224.csv", false, 0, true, false,
                "ResNet-50 v1.5, ImageNet 224x224 (torchvision; stride on the 3x3 conv)"));
        add(new Entry("mobilenetv2", "mobilenet_v2_imagenet224.csv", false, 0, true, false,
                "MobileNetV2 1.0, ImageNet 224x224 (torchvision)"));
        add(new Entry("bert-base", "bert_base_uncased_S128.csv", true, 128, false, false,
                "BERT-base uncased (12 layers, d=768)"));
        add(new Entry("vit-b16", "vit_b16_224.csv", true, 197, true, false,
                "ViT-B/16, 224x224 (196 patches + class token)"));
        add(new Entry("llama2-7b", "llama-2-7b.json", true, 2048, false, true,
                "Llama-2-7B (32 layers, d=4096, MHA)"));
        add(new Entry("llama2-13b", "llama-2-13b.json", true, 2048, false, true,
                "Llama-2-13B (40 layers, d=5120, MHA)"));
        add(new Entry("llama3-8b", "llama-3-8b.json", true, 2048, false, true,
                "Llama-3-8B (32 layers, d=4096, GQA 8 KV heads)"));
        add(new Entry("yi-6b", "yi-6b.json", true, 2048, false, true,
                "Yi-6B (32 layers, d=4096, GQA 4 KV heads)"));
        add(new Entry("opt-1.3b", "opt-1.3b.json", true, 2048, false, true,
                "OPT-1.3B (24 layers, d=2048, MHA, learned positions)"));
        add(new Entry("phi-2", "phi-2.json", true, 2048, false, true,
                "Phi-2 (32 layers, d=2560, parallel attention + MLP)"));
        ALIASES.put("resnet-18", "resnet18");
        ALIASES.put("resnet-50", "resnet50");
        ALIASES.put("resnet50-v1.5", "resnet50");
        ALIASES.put("mobilenet-v2", "mobilenetv2");
        ALIASES.put("mobilenet_v2", "mobilenetv2");
        ALIASES.put("bert", "bert-base");
        ALIASES.put("vit", "vit-b16");
        ALIASES.put("vit-b/16", "vit-b16");
        ALIASES.put("llama-2-7b", "llama2-7b");
        ALIASES.put("llama-3-8b", "llama3-8b");
        ALIASES.put("llama-2-13b", "llama2-13b");
        ALIASES.put("opt1.3b", "opt-1.3b");
        ALIASES.put("phi2", "phi-2");
    }

    private static void add(Entry e) {
        ENTRIES.put(e.name(), e);
    }

    /** @return the built-in network names with a one-line description */
    public static Map<String, String> names() {
        Map<String, String> out = new LinkedHashMap<>();
        ENTRIES.forEach((k, v) -> out.put(k, v.description()));
        return out;
    }

    /** @return whether {@code spec}'s name part is a zoo entry */
    public static boolean isZooName(String spec) {
        String name = spec.trim().toLowerCase(Locale.ROOT).split(":")[0];
        return ENTRIES.containsKey(ALIASES.getOrDefault(name, name));
    }

    /**
     * @param spec  {@code NAME[:prefill|:decode][:b=B][:s=S][:ctx=C]}
     * @param field the option it came from, for errors
     */
    public static Workload load(String spec, String field) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        String name = ALIASES.getOrDefault(parts[0], parts[0]);
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new InvalidInputException(field, spec, "unknown network; built-in: " + String.join(", ",
                    ENTRIES.keySet()) + " (or a topology/layer file path, or hf:CONFIG.json)");
        }
        Point p = Point.parse(parts, 1, field, spec);
        if (p.modeGiven && !e.decoder()) {
            throw new InvalidInputException(field, spec, e.name() + " is not a decoder; prefill/decode apply to "
                    + "the decoder LLMs (" + String.join(", ", ENTRIES.values().stream().filter(Entry::decoder)
                    .map(Entry::name).toList()) + ")");
        }
        if (!e.transformer() && (p.seq != null || p.ctx != null)) {
            throw new InvalidInputException(field, spec, e.name() + " is a CNN: only b=BATCH applies");
        }
        if (e.seqFixed() && p.seq != null) {
            throw new InvalidInputException(field, spec, e.name() + " has a fixed sequence of " + e.defaultSeq());
        }
        int b = p.batch == null ? 1 : p.batch;
        if (!e.transformer()) {
            StringBuilder canonical = new StringBuilder(e.name());
            if (b != 1) {
                canonical.append(":b=").append(b);
            }
            return new Workload(canonical.toString(), e.description() + ", batch " + b, ZooTables.cnn(e.resource(), b));
        }
        if (e.decoder()) {
            LlmSpec llm = HfConfigFiles.readResource(LLM + e.resource(), e.name());
            Workload w = p.build(llm, e.defaultSeq());
            return new Workload(w.name(), e.description() + w.description().substring(w.description().indexOf(")")
                    + 1), w.layers());
        }
        int s = p.seq == null ? e.defaultSeq() : p.seq;
        StringBuilder canonical = new StringBuilder(e.name());
        Map<String, Long> symbols = new LinkedHashMap<>();
        symbols.put("b", (long) b);
        symbols.put("s", (long) s);
        symbols.put("s_q", (long) s);
        symbols.put("s_kv", (long) s);
        if (!e.seqFixed()) {
            canonical.append(":s=").append(s);
        }
        if (b != 1) {
            canonical.append(":b=").append(b);
        }
        List<Layer> layers = ZooTables.transformer(e.resource(), symbols);
        return new Workload(canonical.toString(), e.description() + ", batch " + b + ", sequence " + s, layers);
    }

    /**
     * A decoder LLM from a Hugging Face config.json: {@code hf:PATH[:prefill|:decode][:b=B][:s=S][:ctx=C]}
     * (default prefill with S = 2048; decode with ctx = 2048).
     */
    public static Workload loadHf(String spec, String field) {
        String body = spec.trim().substring(3);
        String[] parts = body.split(":");
        int opts = parts.length;
        while (opts > 1 && Point.isOption(parts[opts - 1].toLowerCase(Locale.ROOT))) {
            opts--;
        }
        String path = String.join(":", java.util.Arrays.copyOfRange(parts, 0, opts));
        String[] rest = new String[parts.length - opts + 1];
        for (int i = opts; i < parts.length; i++) {
            rest[i - opts + 1] = parts[i].toLowerCase(Locale.ROOT);
        }
        if (path.isBlank()) {
            throw new InvalidInputException(field, spec, "hf:PATH/TO/config.json[:prefill|:decode][:b=B][:s=S][:ctx=C]");
        }
        LlmSpec llm = HfConfigFiles.read(java.nio.file.Path.of(path), field);
        return Point.parse(rest, 1, field, spec).build(llm, 2048);
    }

    /**
     * A decoder LLM's shape and its Hugging Face name.
     *
     * @param spec    the shape
     * @param hubName {@code _name_or_path} of its config (e.g. {@code meta-llama/Llama-2-7b-hf}), or null
     */
    public record LlmModel(LlmSpec spec, String hubName) {
    }

    /**
     * The decoder LLM a workload argument names, without a phase point: {@code hf:PATH} or a zoo decoder name (for
     * tools that take the phase, context and batch as separate options).
     */
    public static LlmModel llm(String workload, String field) {
        String w = workload.trim();
        if (isHf(w)) {
            java.nio.file.Path p = java.nio.file.Path.of(w.substring(3));
            if (!java.nio.file.Files.isRegularFile(p)) {
                if (w.substring(3).matches(".*:(prefill|decode|b=\\d+|s=\\d+|ctx=\\d+)$")) {
                    throw new InvalidInputException(field, workload, "hf:PATH without :prefill/:decode/:b=/:s=/:ctx= "
                            + "here (give --phase, --context and --batch)");
                }
                throw new InvalidInputException(field, workload, "hf:PATH of a Hugging Face config.json (no such file)");
            }
            return new LlmModel(HfConfigFiles.read(p, field), HfConfigFiles.hubName(p));
        }
        String name = ALIASES.getOrDefault(w.toLowerCase(Locale.ROOT), w.toLowerCase(Locale.ROOT));
        Entry e = ENTRIES.get(name);
        if (e == null || !e.decoder()) {
            throw new InvalidInputException(field, workload, "a decoder LLM: hf:PATH/config.json or one of "
                    + String.join(", ", ENTRIES.values().stream().filter(Entry::decoder).map(Entry::name).toList())
                    + " (without :prefill/:decode options here)");
        }
        return new LlmModel(HfConfigFiles.readResource(LLM + e.resource(), e.name()),
                HfConfigFiles.hubNameOfResource(LLM + e.resource()));
    }

    /** @return whether a workload argument names a Hugging Face config ({@code hf:PATH…}) */
    public static boolean isHf(String spec) {
        return spec.trim().toLowerCase(Locale.ROOT).startsWith("hf:");
    }

    /** Batch, sequence, context and phase of a transformer workload spelling. */
    private static final class Point {
        Integer batch;
        Integer seq;
        Integer ctx;
        Mode mode = Mode.PREFILL;
        boolean modeGiven;
        String field;
        String spec;

        static boolean isOption(String p) {
            return p.equals("prefill") || p.equals("decode") || p.startsWith("b=") || p.startsWith("s=")
                    || p.startsWith("ctx=");
        }

        static Point parse(String[] parts, int from, String field, String spec) {
            Point pt = new Point();
            pt.field = field;
            pt.spec = spec;
            for (int i = from; i < parts.length; i++) {
                String p = parts[i];
                if (p.equals("prefill") || p.equals("decode")) {
                    pt.mode = p.equals("decode") ? Mode.DECODE : Mode.PREFILL;
                    pt.modeGiven = true;
                } else if (p.startsWith("b=")) {
                    pt.batch = positive(p.substring(2), field, spec, "b (batch)");
                } else if (p.startsWith("s=")) {
                    pt.seq = positive(p.substring(2), field, spec, "s (sequence length)");
                } else if (p.startsWith("ctx=")) {
                    pt.ctx = positive(p.substring(4), field, spec, "ctx (context length)");
                } else {
                    throw new InvalidInputException(field, spec, "unknown option '" + p + "'; options are prefill, "
                            + "decode, b=BATCH, s=SEQUENCE, ctx=CONTEXT");
                }
            }
            if (pt.ctx != null && pt.mode != Mode.DECODE) {
                throw new InvalidInputException(field, spec, "ctx applies to decode; prefill attends over s tokens");
            }
            if (pt.mode == Mode.DECODE && pt.seq != null) {
                throw new InvalidInputException(field, spec, "decode processes one token per sequence; use ctx=");
            }
            return pt;
        }

        Workload build(LlmSpec llm, int defaultTokens) {
            int b = batch == null ? 1 : batch;
            if (mode == Mode.DECODE) {
                return llm.workload(LlmSpec.Phase.DECODE, b, ctx == null ? defaultTokens : ctx);
            }
            return llm.workload(LlmSpec.Phase.PREFILL, b, seq == null ? defaultTokens : seq);
        }
    }

    private static int positive(String v, String field, String spec, String what) {
        try {
            int x = Integer.parseInt(v);
            if (x > 0) {
                return x;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new InvalidInputException(field, spec, what + " must be a positive whole number ('" + v + "' is not)");
    }
}
