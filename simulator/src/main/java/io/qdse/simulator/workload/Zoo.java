package io.qdse.simulator.workload;

import io.qdse.hwmodels.InvalidInputException;
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

    /** A zoo entry. */
    record Entry(String name, String resource, boolean transformer, int defaultSeq, boolean seqFixed,
                 boolean decoder, String description) {
    }

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
        add(new Entry("llama2-7b", "llama2_7b_prefill_S2048.csv", true, 2048, false, true,
                "Llama-2-7B (32 layers, d=4096, MHA)"));
        add(new Entry("llama3-8b", "llama3_8b_prefill_S2048.csv", true, 2048, false, true,
                "Llama-3-8B (32 layers, d=4096, GQA 8 KV heads)"));
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
                    ENTRIES.keySet()) + " (or a topology/layer file path)");
        }
        Integer batch = null;
        Integer seq = null;
        Integer ctx = null;
        Mode mode = Mode.PREFILL;
        boolean modeGiven = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("prefill") || p.equals("decode")) {
                mode = p.equals("decode") ? Mode.DECODE : Mode.PREFILL;
                modeGiven = true;
            } else if (p.startsWith("b=")) {
                batch = positive(p.substring(2), field, spec, "b (batch)");
            } else if (p.startsWith("s=")) {
                seq = positive(p.substring(2), field, spec, "s (sequence length)");
            } else if (p.startsWith("ctx=")) {
                ctx = positive(p.substring(4), field, spec, "ctx (context length)");
            } else {
                throw new InvalidInputException(field, spec, "unknown option '" + p + "'; options are prefill, decode,"
                        + " b=BATCH, s=SEQUENCE, ctx=CONTEXT");
            }
        }
        if (modeGiven && !e.decoder()) {
            throw new InvalidInputException(field, spec, e.name() + " is not a decoder; prefill/decode apply to "
                    + "llama2-7b and llama3-8b");
        }
        if (!e.transformer() && (seq != null || ctx != null)) {
            throw new InvalidInputException(field, spec, e.name() + " is a CNN: only b=BATCH applies");
        }
        if (e.seqFixed() && seq != null) {
            throw new InvalidInputException(field, spec, e.name() + " has a fixed sequence of " + e.defaultSeq());
        }
        if (ctx != null && mode != Mode.DECODE) {
            throw new InvalidInputException(field, spec, "ctx applies to decode; prefill attends over s tokens");
        }
        if (mode == Mode.DECODE && seq != null) {
            throw new InvalidInputException(field, spec, "decode processes one token per sequence; use ctx=");
        }
        int b = batch == null ? 1 : batch;
        int s = seq == null ? e.defaultSeq() : seq;
        int c = ctx == null ? e.defaultSeq() : ctx;
        StringBuilder canonical = new StringBuilder(e.name());
        String point;
        if (!e.transformer()) {
            point = "batch " + b;
            if (b != 1) {
                canonical.append(":b=").append(b);
            }
            return new Workload(canonical.toString(), e.description() + ", " + point, ZooTables.cnn(e.resource(), b));
        }
        Map<String, Long> symbols = new LinkedHashMap<>();
        symbols.put("b", (long) b);
        if (mode == Mode.DECODE) {
            symbols.put("s", 1L);
            symbols.put("s_q", 1L);
            symbols.put("s_kv", (long) c);
            canonical.append(":decode:ctx=").append(c);
            point = "decode, batch " + b + ", context " + c;
        } else {
            symbols.put("s", (long) s);
            symbols.put("s_q", (long) s);
            symbols.put("s_kv", (long) s);
            if (e.decoder()) {
                canonical.append(":prefill");
            }
            if (!e.seqFixed()) {
                canonical.append(":s=").append(s);
            }
            point = (e.decoder() ? "prefill, " : "") + "batch " + b + ", sequence " + s;
        }
        if (b != 1) {
            canonical.append(":b=").append(b);
        }
        List<Layer> layers = ZooTables.transformer(e.resource(), symbols);
        return new Workload(canonical.toString(), e.description() + ", " + point, layers);
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
        throw new InvalidInputException(field, spec, what + " must be a positive whole number (was " + v + ")");
    }
}
