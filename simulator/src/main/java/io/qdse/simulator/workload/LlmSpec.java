package io.qdse.simulator.workload;

import static io.qdse.hwmodels.InvalidInputException.require;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a decoder-only transformer, normalised from a Hugging Face {@code config.json} (llama, mistral,
 * qwen2, opt, phi, gpt2 families), and the GEMMs it runs in prefill or decode.
 *
 * <p>Per decoder layer: Q/K/V projections (K and V have {@code kvHeads·headDim} outputs: grouped-query attention),
 * attention as two products per KV head group against the KV cache ({@link OpKind#KV_MATMUL}: the {@code g =
 * heads/kvHeads} query heads that share a K/V head are stacked into one GEMM, so the cached K and V are read once per
 * group: scores {@code M = Sq·g, K = headDim, N = Skv}, context {@code M = Sq·g, K = Skv, N = headDim}, batch
 * {@code B·kvHeads}), the output projection, and the MLP (gated: gate, up and down; dense: fc1 and fc2). Attention
 * is counted over the full {@code Sq × Skv} (not halved for causality), the convention of the zoo's tables. The
 * language-model head runs on every token in prefill (as Hugging Face computes logits) and on the new token in
 * decode; embeddings and norms are parameters without GEMMs.
 *
 * @param name           model name (from {@code _name_or_path} or the file)
 * @param family         llama, mistral, qwen2, opt, phi or gpt2
 * @param hidden         model width d
 * @param ffn            MLP inner width
 * @param layers         decoder layers
 * @param heads          query heads
 * @param kvHeads        key/value heads (= heads without GQA)
 * @param headDim        width of one head
 * @param vocab          vocabulary size
 * @param gatedMlp       gate/up/down (SwiGLU) instead of fc1/fc2
 * @param qkvBias        Q, K, V projections have biases
 * @param outBias        the attention output projection has a bias
 * @param mlpBias        MLP projections have biases
 * @param normParams     parameters of one norm (d for RMSNorm, 2d for LayerNorm)
 * @param normsPerLayer  norms per decoder layer (2; 1 for phi's parallel block)
 * @param positions      learned position-embedding rows (0 with rotary embeddings)
 * @param embedDim       width of the token embedding (OPT's word_embed_proj_dim; = hidden otherwise)
 * @param tiedEmbeddings the LM head shares the embedding matrix
 * @param lmHeadBias     the LM head has a bias (phi)
 * @param finalNorm      a norm after the last layer (all but OPT-350m-style post-norm models)
 * @param slidingWindow  attention window in tokens (mistral), 0 for none
 */
public record LlmSpec(String name, String family, int hidden, int ffn, int layers, int heads, int kvHeads, int headDim,
                      int vocab, boolean gatedMlp, boolean qkvBias, boolean outBias, boolean mlpBias, int normParams,
                      int normsPerLayer, int positions, int embedDim, boolean tiedEmbeddings, boolean lmHeadBias,
                      boolean finalNorm, int slidingWindow) {

    /** Inference phase. */
    public enum Phase {
        /** A prompt of S tokens per sequence. */
        PREFILL,
        /** One new token per sequence attending to a context of ctx tokens. */
        DECODE
    }

    public LlmSpec {
        require(hidden > 0, name + ": hidden_size", hidden, "must be > 0");
        require(ffn > 0, name + ": intermediate_size", ffn, "must be > 0");
        require(layers > 0, name + ": num_hidden_layers", layers, "must be > 0");
        require(heads > 0, name + ": num_attention_heads", heads, "must be > 0");
        require(kvHeads > 0 && heads % kvHeads == 0, name + ": num_key_value_heads", kvHeads,
                "must divide num_attention_heads (" + heads + ")");
        require(headDim > 0, name + ": head_dim", headDim, "must be > 0");
        require(vocab > 0, name + ": vocab_size", vocab, "must be > 0");
        require(embedDim > 0, name + ": word_embed_proj_dim", embedDim, "must be > 0");
        require(slidingWindow >= 0, name + ": sliding_window", slidingWindow, "must be >= 0");
    }

    /** @return query heads per K/V head */
    public int groupSize() {
        return heads / kvHeads;
    }

    /** @return parameters of the model (embeddings, projections, biases, norms, LM head) */
    public long params() {
        long p = 0;
        for (Layer l : layers(Phase.DECODE, 1, 1)) {
            p += l.params();
        }
        return p;
    }

    /**
     * @param phase  prefill or decode
     * @param batch  sequences
     * @param tokens prefill: sequence length S; decode: context length (tokens attended to)
     */
    public Workload workload(Phase phase, int batch, int tokens) {
        String point = phase == Phase.DECODE ? "decode, batch " + batch + ", context " + tokens
                : "prefill, batch " + batch + ", sequence " + tokens;
        String id = name + (phase == Phase.DECODE ? ":decode:ctx=" + tokens : ":prefill:s=" + tokens)
                + (batch != 1 ? ":b=" + batch : "");
        return new Workload(id, family + " (" + layers + " layers, d=" + hidden + ", " + heads + " heads"
                + (kvHeads != heads ? ", GQA " + kvHeads + " KV heads" : "") + "), " + point,
                layers(phase, batch, tokens));
    }

    /** The layers with their ops at one point. */
    public List<Layer> layers(Phase phase, long batch, long tokens) {
        require(batch > 0, "batch", batch, "must be > 0");
        require(tokens > 0, phase == Phase.DECODE ? "context length" : "sequence length", tokens, "must be > 0");
        long sq = phase == Phase.DECODE ? 1 : tokens;
        long skv = slidingWindow > 0 ? Math.min(tokens, slidingWindow) : tokens;
        long t = Math.multiplyExact(batch, sq);
        long qDim = (long) heads * headDim;
        long kvDim = (long) kvHeads * headDim;
        List<Layer> out = new ArrayList<>();
        String prefix = family.equals("gpt2") ? "transformer." : family.equals("opt") ? "model.decoder." : "model.";
        out.add(new Layer(prefix + "embed_tokens", "embedding", List.of(), (long) vocab * embedDim));
        if (positions > 0) {
            out.add(new Layer(prefix + "embed_positions", "embedding", List.of(), (long) positions * hidden));
        }
        if (embedDim != hidden) {
            out.add(linear(prefix + "project_in", t, embedDim, hidden, false));
        }
        for (int i = 0; i < layers; i++) {
            String l = prefix + "layers." + i + ".";
            out.add(new Layer(l + "input_layernorm", "norm", List.of(), normParams));
            out.add(linear(l + "self_attn.q_proj", t, hidden, qDim, qkvBias));
            out.add(linear(l + "self_attn.k_proj", t, hidden, kvDim, qkvBias));
            out.add(linear(l + "self_attn.v_proj", t, hidden, kvDim, qkvBias));
            long g = groupSize();
            long groups = Math.multiplyExact(batch, kvHeads);
            out.add(new Layer(l + "self_attn.scores", "kv_matmul", List.of(new LayerOp(l + "self_attn.scores",
                    OpKind.KV_MATMUL, Math.multiplyExact(sq, g), skv, headDim, groups, null)), 0));
            out.add(new Layer(l + "self_attn.context", "kv_matmul", List.of(new LayerOp(l + "self_attn.context",
                    OpKind.KV_MATMUL, Math.multiplyExact(sq, g), headDim, skv, groups, null)), 0));
            out.add(linear(l + "self_attn.o_proj", t, qDim, hidden, outBias));
            if (normsPerLayer > 1) {
                out.add(new Layer(l + "post_attention_layernorm", "norm", List.of(), normParams));
            }
            if (gatedMlp) {
                out.add(linear(l + "mlp.gate_proj", t, hidden, ffn, mlpBias));
                out.add(linear(l + "mlp.up_proj", t, hidden, ffn, mlpBias));
                out.add(linear(l + "mlp.down_proj", t, ffn, hidden, mlpBias));
            } else {
                out.add(linear(l + "mlp.fc1", t, hidden, ffn, mlpBias));
                out.add(linear(l + "mlp.fc2", t, ffn, hidden, mlpBias));
            }
        }
        if (finalNorm) {
            out.add(new Layer(prefix + "norm", "norm", List.of(), normParams));
        }
        if (embedDim != hidden) {
            out.add(linear(prefix + "project_out", t, hidden, embedDim, false));
        }
        Layer head = linear("lm_head", t, embedDim, vocab, lmHeadBias);
        if (tiedEmbeddings) {
            head = new Layer(head.name(), head.type(), head.ops(), lmHeadBias ? vocab : 0);
        }
        out.add(head);
        return out;
    }

    private static Layer linear(String name, long m, long k, long n, boolean bias) {
        return new Layer(name, "linear", List.of(new LayerOp(name, OpKind.LINEAR, m, n, k, 1, null)),
                Math.addExact(Math.multiplyExact(k, n), bias ? n : 0));
    }
}
