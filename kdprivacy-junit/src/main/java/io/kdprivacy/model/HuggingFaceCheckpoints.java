package io.kdprivacy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kdprivacy.model.checkpoint.CheckpointException;
import io.kdprivacy.model.checkpoint.LoadedCheckpoint;
import io.kdprivacy.model.checkpoint.SafeTensorFile;
import io.kdprivacy.model.checkpoint.TensorData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Hugging Face checkpoints ({@code config.json} + {@code model.safetensors} with transformers'
 * parameter names) onto kdprivacy's canonical layout.
 *
 * <ul>
 *   <li>GPT-2 ({@code model_type: gpt2}): Conv1D weights are stored [in, out] and are transposed;
 *       names may or may not carry the {@code transformer.} prefix; the activation follows
 *       {@code activation_function} (GPT-2's own checkpoints use the tanh approximation).</li>
 *   <li>OPT ({@code opt}): q/k/v projections are fused; pre-LayerNorm models only
 *       ({@code do_layer_norm_before: true}) without a projection of the embeddings.</li>
 *   <li>LLaMA ({@code llama}): q/k/v and gate/up projections are fused; grouped-query attention
 *       ({@code num_key_value_heads} ≠ heads) is not supported.</li>
 * </ul>
 * Half-precision weights are widened to float32.
 */
public final class HuggingFaceCheckpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HuggingFaceCheckpoints() {
    }

    static boolean isHuggingFaceConfig(String configJson) {
        try {
            return JSON.readTree(configJson).has("model_type");
        } catch (IOException e) {
            return false;
        }
    }

    static CausalLm fromLoaded(Path dir, LoadedCheckpoint checkpoint) {
        JsonNode c;
        try {
            c = JSON.readTree(checkpoint.configJson());
        } catch (IOException e) {
            throw new CheckpointException(dir.resolve("config.json") + ": not valid JSON", e);
        }
        String type = c.path("model_type").asText();
        Weights w = new Weights(dir, checkpoint.weights());
        switch (type) {
            case "gpt2":
                return gpt2(dir, c, w);
            case "opt":
                return opt(dir, c, w);
            case "llama":
                return llama(dir, c, w);
            default:
                throw new CheckpointException(dir.resolve("config.json") + ": model_type '" + type
                        + "' is not supported (gpt2, opt, llama are)");
        }
    }

    private static CausalLm gpt2(Path dir, JsonNode c, Weights w) {
        int d = require(dir, c, "n_embd");
        int layers = require(dir, c, "n_layer");
        int heads = require(dir, c, "n_head");
        int vocab = require(dir, c, "vocab_size");
        int positions = c.has("n_positions") ? c.get("n_positions").asInt() : require(dir, c, "n_ctx");
        int ff = c.hasNonNull("n_inner") ? c.get("n_inner").asInt() : 4 * d;
        String act = c.path("activation_function").asText("gelu_new");
        ModelFamily.Activation activation = switch (act) {
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> ModelFamily.Activation.GELU_TANH;
            case "gelu" -> ModelFamily.Activation.GELU;
            case "relu" -> ModelFamily.Activation.RELU;
            default -> throw new CheckpointException(dir + ": GPT-2 activation '" + act + "' is not supported");
        };
        ModelConfig config = new ModelConfig(ModelFamily.GPT2, vocab, d, layers, heads, ff, positions, activation,
                c.path("layer_norm_epsilon").asDouble(1e-5), 10000.0, c.path("eos_token_id").asInt(vocab - 1));
        String p = w.has("wte.weight") ? "" : "transformer.";
        Map<String, float[]> v = new LinkedHashMap<>();
        v.put("embed.tokens", w.get(p + "wte.weight"));
        v.put("embed.positions", w.get(p + "wpe.weight"));
        for (int i = 0; i < layers; i++) {
            String h = p + "h." + i + ".";
            String b = "blocks." + i + ".";
            v.put(b + "norm1.weight", w.get(h + "ln_1.weight"));
            v.put(b + "norm1.bias", w.get(h + "ln_1.bias"));
            v.put(b + "attn.qkv.weight", w.transposed(h + "attn.c_attn.weight"));
            v.put(b + "attn.qkv.bias", w.get(h + "attn.c_attn.bias"));
            v.put(b + "attn.out.weight", w.transposed(h + "attn.c_proj.weight"));
            v.put(b + "attn.out.bias", w.get(h + "attn.c_proj.bias"));
            v.put(b + "norm2.weight", w.get(h + "ln_2.weight"));
            v.put(b + "norm2.bias", w.get(h + "ln_2.bias"));
            v.put(b + "mlp.up.weight", w.transposed(h + "mlp.c_fc.weight"));
            v.put(b + "mlp.up.bias", w.get(h + "mlp.c_fc.bias"));
            v.put(b + "mlp.down.weight", w.transposed(h + "mlp.c_proj.weight"));
            v.put(b + "mlp.down.bias", w.get(h + "mlp.c_proj.bias"));
        }
        v.put("norm.weight", w.get(p + "ln_f.weight"));
        v.put("norm.bias", w.get(p + "ln_f.bias"));
        return ModelCheckpoints.build(dir, config, v);
    }

    private static CausalLm opt(Path dir, JsonNode c, Weights w) {
        if (!c.path("do_layer_norm_before").asBoolean(true)) {
            throw new CheckpointException(dir + ": OPT with do_layer_norm_before=false (post-LayerNorm) is not supported");
        }
        int d = require(dir, c, "hidden_size");
        if (c.has("word_embed_proj_dim") && c.get("word_embed_proj_dim").asInt() != d) {
            throw new CheckpointException(dir + ": OPT with word_embed_proj_dim != hidden_size is not supported");
        }
        int layers = require(dir, c, "num_hidden_layers");
        int vocab = require(dir, c, "vocab_size");
        String act = c.path("activation_function").asText("relu");
        if (!act.equals("relu")) {
            throw new CheckpointException(dir + ": OPT activation '" + act + "' is not supported");
        }
        ModelConfig config = new ModelConfig(ModelFamily.OPT, vocab, d, layers, require(dir, c, "num_attention_heads"),
                require(dir, c, "ffn_dim"), require(dir, c, "max_position_embeddings"), ModelFamily.Activation.RELU,
                1e-5, 10000.0, c.path("eos_token_id").asInt(2));
        String p = w.has("model.decoder.embed_tokens.weight") ? "model.decoder." : "decoder.";
        Map<String, float[]> v = new LinkedHashMap<>();
        v.put("embed.tokens", w.get(p + "embed_tokens.weight"));
        v.put("embed.positions", w.get(p + "embed_positions.weight"));
        for (int i = 0; i < layers; i++) {
            String h = p + "layers." + i + ".";
            String b = "blocks." + i + ".";
            v.put(b + "norm1.weight", w.get(h + "self_attn_layer_norm.weight"));
            v.put(b + "norm1.bias", w.get(h + "self_attn_layer_norm.bias"));
            v.put(b + "attn.qkv.weight", w.concat(h + "self_attn.q_proj.weight", h + "self_attn.k_proj.weight",
                    h + "self_attn.v_proj.weight"));
            v.put(b + "attn.qkv.bias", w.concat(h + "self_attn.q_proj.bias", h + "self_attn.k_proj.bias",
                    h + "self_attn.v_proj.bias"));
            v.put(b + "attn.out.weight", w.get(h + "self_attn.out_proj.weight"));
            v.put(b + "attn.out.bias", w.get(h + "self_attn.out_proj.bias"));
            v.put(b + "norm2.weight", w.get(h + "final_layer_norm.weight"));
            v.put(b + "norm2.bias", w.get(h + "final_layer_norm.bias"));
            v.put(b + "mlp.up.weight", w.get(h + "fc1.weight"));
            v.put(b + "mlp.up.bias", w.get(h + "fc1.bias"));
            v.put(b + "mlp.down.weight", w.get(h + "fc2.weight"));
            v.put(b + "mlp.down.bias", w.get(h + "fc2.bias"));
        }
        v.put("norm.weight", w.get(p + "final_layer_norm.weight"));
        v.put("norm.bias", w.get(p + "final_layer_norm.bias"));
        return ModelCheckpoints.build(dir, config, v);
    }

    private static CausalLm llama(Path dir, JsonNode c, Weights w) {
        int heads = require(dir, c, "num_attention_heads");
        if (c.has("num_key_value_heads") && c.get("num_key_value_heads").asInt() != heads) {
            throw new CheckpointException(dir + ": grouped-query attention (num_key_value_heads "
                    + c.get("num_key_value_heads").asInt() + " != " + heads + " heads) is not supported");
        }
        int layers = require(dir, c, "num_hidden_layers");
        int vocab = require(dir, c, "vocab_size");
        ModelConfig config = new ModelConfig(ModelFamily.LLAMA, vocab, require(dir, c, "hidden_size"), layers, heads,
                require(dir, c, "intermediate_size"), require(dir, c, "max_position_embeddings"),
                ModelFamily.Activation.SWIGLU, c.path("rms_norm_eps").asDouble(1e-6),
                c.path("rope_theta").asDouble(10000.0), c.path("eos_token_id").asInt(2));
        Map<String, float[]> v = new LinkedHashMap<>();
        v.put("embed.tokens", w.get("model.embed_tokens.weight"));
        for (int i = 0; i < layers; i++) {
            String h = "model.layers." + i + ".";
            String b = "blocks." + i + ".";
            v.put(b + "norm1.weight", w.get(h + "input_layernorm.weight"));
            v.put(b + "attn.qkv.weight", w.concat(h + "self_attn.q_proj.weight", h + "self_attn.k_proj.weight",
                    h + "self_attn.v_proj.weight"));
            v.put(b + "attn.out.weight", w.get(h + "self_attn.o_proj.weight"));
            v.put(b + "norm2.weight", w.get(h + "post_attention_layernorm.weight"));
            v.put(b + "mlp.up.weight", w.concat(h + "mlp.gate_proj.weight", h + "mlp.up_proj.weight"));
            v.put(b + "mlp.down.weight", w.get(h + "mlp.down_proj.weight"));
        }
        v.put("norm.weight", w.get("model.norm.weight"));
        v.put("lm_head.weight", w.has("lm_head.weight") ? w.get("lm_head.weight") : w.get("model.embed_tokens.weight"));
        return ModelCheckpoints.build(dir, config, v);
    }

    private static int require(Path dir, JsonNode c, String field) {
        JsonNode n = c.get(field);
        if (n == null || !n.canConvertToInt()) {
            throw new CheckpointException(dir.resolve("config.json") + ": missing integer field '" + field + "'");
        }
        return n.asInt();
    }

    /** Looks tensors up by Hugging Face name, with errors that name the checkpoint and the tensor. */
    private static final class Weights {
        private final Path dir;
        private final SafeTensorFile file;

        Weights(Path dir, SafeTensorFile file) {
            this.dir = dir;
            this.file = file;
        }

        boolean has(String name) {
            return file.names().contains(name);
        }

        TensorData tensor(String name) {
            Optional<TensorData> t = file.find(name);
            return t.orElseThrow(() -> new CheckpointException(dir + ": missing tensor '" + name + "'"));
        }

        float[] get(String name) {
            return tensor(name).data();
        }

        float[] transposed(String name) {
            TensorData t = tensor(name);
            if (t.shape().length != 2) {
                throw new CheckpointException(dir + ": tensor '" + name + "' is not a matrix");
            }
            int rows = (int) t.shape()[0];
            int cols = (int) t.shape()[1];
            float[] in = t.data();
            float[] out = new float[in.length];
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < cols; col++) {
                    out[col * rows + r] = in[r * cols + col];
                }
            }
            return out;
        }

        float[] concat(String... names) {
            int total = 0;
            float[][] parts = new float[names.length][];
            for (int i = 0; i < names.length; i++) {
                parts[i] = get(names[i]);
                total += parts[i].length;
            }
            float[] out = new float[total];
            int offset = 0;
            for (float[] part : parts) {
                System.arraycopy(part, 0, out, offset, part.length);
                offset += part.length;
            }
            return out;
        }
    }
}
