package io.kdprivacy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kdprivacy.model.checkpoint.CheckpointException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the {@code config.json} of Hugging Face GPT-2, OPT and LLaMA checkpoints.
 *
 * <p>Every field is accounted for: a field that changes the forward pass is implemented (tied or untied
 * head, biases, activation, norm epsilon, rotary base and scaling, ...) or refused with a message naming the
 * field and the file; fields known not to change it (dropout rates, generation defaults, initialisation
 * ranges, names and versions) are accepted; a field kdprivacy does not know is refused, because it might
 * change the forward pass. Refusing is always preferred to loading a model that computes something else.
 */
final class HuggingFaceConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fields of transformers' {@code PretrainedConfig} that do not change a causal LM's forward pass. */
    private static final Set<String> GENERIC = Set.of("model_type", "architectures", "transformers_version",
            "_name_or_path", "_commit_hash", "torch_dtype", "dtype", "use_bfloat16", "return_dict",
            "output_hidden_states", "output_attentions", "torchscript", "tf_legacy_loss", "is_decoder",
            "chunk_size_feed_forward", "cross_attention_hidden_size", "tie_encoder_decoder", "finetuning_task",
            "id2label", "label2id", "num_labels", "problem_type", "tokenizer_class", "prefix", "task_specific_params",
            "bos_token_id", "pad_token_id", "sep_token_id", "decoder_start_token_id", "use_cache",
            "gradient_checkpointing", "initializer_range", "_attn_implementation", "_attn_implementation_autoset",
            "attn_implementation", "max_length", "min_length", "do_sample", "early_stopping", "num_beams",
            "num_beam_groups", "diversity_penalty", "temperature", "top_k", "top_p", "typical_p",
            "repetition_penalty", "length_penalty", "no_repeat_ngram_size", "encoder_no_repeat_ngram_size",
            "bad_words_ids", "num_return_sequences", "output_scores", "return_dict_in_generate",
            "forced_bos_token_id", "forced_eos_token_id", "remove_invalid_values",
            "exponential_decay_length_penalty", "suppress_tokens", "begin_suppress_tokens");

    private HuggingFaceConfig() {
    }

    /** Whether {@code configJson} is a Hugging Face config (it names a {@code model_type}). */
    static boolean isHuggingFace(String configJson) {
        try {
            return JSON.readTree(configJson).has("model_type");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The model a Hugging Face {@code config.json} describes.
     *
     * @param file the config's path, for messages
     * @throws CheckpointException naming the field and the file if the config is incomplete or uses something
     *                             kdprivacy does not implement
     */
    static ModelConfig parse(Path file, String configJson) {
        JsonNode root;
        try {
            root = JSON.readTree(configJson);
        } catch (IOException e) {
            throw new CheckpointException(file + ": not valid JSON", e);
        }
        Fields c = new Fields(file, root);
        String type = c.text("model_type", "");
        c.mustBe("is_encoder_decoder", false, "an encoder-decoder is not a causal language model");
        c.mustBe("add_cross_attention", false, "cross-attention layers are not implemented");
        c.refuse("quantization_config", "quantized weights are not implemented; load a de-quantized checkpoint");
        c.refuse("auto_map", "the model needs custom modelling code, whose forward pass kdprivacy cannot know");
        if (c.has("pruned_heads") && !c.node("pruned_heads").isEmpty()) {
            throw c.unsupported("pruned_heads", "pruned attention heads are not implemented");
        }
        ModelConfig config;
        try {
            config = switch (type) {
                case "gpt2" -> gpt2(c);
                case "opt" -> opt(c);
                case "llama" -> llama(c);
                default -> throw new CheckpointException(file + ": model_type '" + type
                        + "' is not supported (gpt2, opt, llama are)");
            };
        } catch (IllegalArgumentException e) {   // a combination of values no model has (ModelConfig's checks)
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
        c.accept(GENERIC);
        c.finish(type);
        return config;
    }

    private static ModelConfig gpt2(Fields c) {
        int d = c.integer("n_embd");
        int positions = c.has("n_positions") ? c.integer("n_positions") : c.integer("n_ctx");
        if (c.has("n_ctx") && c.integer("n_ctx") != positions) {
            throw c.unsupported("n_ctx", "it differs from n_positions " + positions);
        }
        int ff = c.has("n_inner") ? c.integer("n_inner") : 4 * d;
        String act = c.text("activation_function", "gelu_new");
        ModelFamily.Activation activation = switch (act) {
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> ModelFamily.Activation.GELU_TANH;
            case "gelu" -> ModelFamily.Activation.GELU;
            case "relu" -> ModelFamily.Activation.RELU;
            default -> throw c.unsupported("activation_function", "GELU (exact or tanh) and ReLU are implemented");
        };
        c.mustBe("scale_attn_weights", true, "attention without the 1/sqrt(head size) scale is not implemented");
        c.mustBe("scale_attn_by_inverse_layer_idx", false, "attention scaled by 1/(layer+1) is not implemented");
        c.accept(Set.of("resid_pdrop", "embd_pdrop", "attn_pdrop", "summary_type", "summary_use_proj",
                "summary_activation", "summary_proj_to_labels", "summary_first_dropout", "reorder_and_upcast_attn"));
        int vocab = c.integer("vocab_size");
        return new ModelConfig(ModelFamily.GPT2, vocab, d, c.integer("n_layer"), c.heads("n_head", d), ff, positions,
                activation, c.number("layer_norm_epsilon", 1e-5), 10000.0, c.eos(vocab - 1, vocab))
                .withTiedEmbeddings(c.flag("tie_word_embeddings", true));
    }

    private static ModelConfig opt(Fields c) {
        c.mustBe("do_layer_norm_before", true, "post-LayerNorm OPT (opt-350m) is not implemented");
        c.mustBe("_remove_final_layer_norm", false, "OPT without its final LayerNorm is not implemented");
        c.mustBe("layer_norm_elementwise_affine", true, "LayerNorm without weights is not implemented");
        int d = c.integer("hidden_size");
        if (c.has("word_embed_proj_dim") && c.integer("word_embed_proj_dim") != d) {
            throw c.unsupported("word_embed_proj_dim", "projecting the embeddings (word_embed_proj_dim != hidden_size "
                    + d + ") is not implemented");
        }
        String act = c.text("activation_function", "relu");
        ModelFamily.Activation activation = switch (act) {
            case "relu" -> ModelFamily.Activation.RELU;
            case "gelu" -> ModelFamily.Activation.GELU;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> ModelFamily.Activation.GELU_TANH;
            default -> throw c.unsupported("activation_function", "ReLU and GELU (exact or tanh) are implemented");
        };
        c.accept(Set.of("dropout", "attention_dropout", "activation_dropout", "layerdrop", "init_std"));
        int vocab = c.integer("vocab_size");
        boolean bias = c.flag("enable_bias", true);
        // transformers' OPT LayerNorms use torch's default epsilon; the config has no field for it
        return new ModelConfig(ModelFamily.OPT, vocab, d, c.integer("num_hidden_layers"),
                c.heads("num_attention_heads", d), c.integer("ffn_dim"), c.integer("max_position_embeddings"),
                activation, 1e-5, 10000.0, c.eos(2, vocab))
                .withTiedEmbeddings(c.flag("tie_word_embeddings", true)).withBiases(bias, bias);
    }

    private static ModelConfig llama(Fields c) {
        int d = c.integer("hidden_size");
        int heads = c.heads("num_attention_heads", d);
        if (c.has("num_key_value_heads") && c.integer("num_key_value_heads") != heads) {
            throw c.unsupported("num_key_value_heads", "grouped-query attention (key/value heads != "
                    + heads + " heads) is not implemented");
        }
        if (c.has("head_dim") && c.integer("head_dim") * heads != d) {
            throw c.unsupported("head_dim", "a head size other than hidden_size / num_attention_heads = "
                    + (d / Math.max(1, heads)) + " is not implemented");
        }
        String act = c.text("hidden_act", "silu");
        if (!act.equals("silu") && !act.equals("swish")) {
            throw c.unsupported("hidden_act", "the SwiGLU MLP with SiLU gating is implemented");
        }
        c.accept(Set.of("pretraining_tp", "attention_dropout"));
        double theta = c.number("rope_theta", 10000.0);
        RopeScaling scaling = null;
        if (c.has("rope_scaling")) {
            scaling = ropeScaling(c, "rope_scaling", c.node("rope_scaling"));
        }
        if (c.has("rope_parameters")) {   // transformers 5 keeps rope_theta and the scaling together
            JsonNode p = c.node("rope_parameters");
            if (c.has("rope_scaling") || c.has("rope_theta") && p.has("rope_theta")) {
                throw c.unsupported("rope_parameters", "it repeats rope_scaling / rope_theta");
            }
            theta = p.path("rope_theta").asDouble(theta);
            ObjectNode rest = p.deepCopy();
            rest.remove("rope_theta");
            scaling = ropeScaling(c, "rope_parameters", rest);
        }
        int vocab = c.integer("vocab_size");
        return new ModelConfig(ModelFamily.LLAMA, vocab, d, c.integer("num_hidden_layers"), heads,
                c.integer("intermediate_size"), c.integer("max_position_embeddings"), ModelFamily.Activation.SWIGLU,
                c.number("rms_norm_eps", 1e-6), theta, c.eos(2, vocab))
                .withTiedEmbeddings(c.flag("tie_word_embeddings", false))
                .withBiases(c.flag("attention_bias", false), c.flag("mlp_bias", false))
                .withRopeScaling(scaling);
    }

    /** {@code rope_scaling} (or the scaling part of {@code rope_parameters}); null for none or "default". */
    private static RopeScaling ropeScaling(Fields c, String field, JsonNode s) {
        if (s.isNull() || s.isMissingNode()) {
            return null;
        }
        if (!s.isObject()) {
            throw c.unsupported(field, "expected an object");
        }
        String type = s.has("rope_type") ? s.get("rope_type").asText() : s.path("type").asText("default");
        Set<String> known = new HashSet<>(Set.of("rope_type", "type"));
        RopeScaling scaling;
        try {
            switch (type) {
                case "default":
                    scaling = null;
                    break;
                case "linear":
                    known.add("factor");
                    scaling = RopeScaling.linear(s.path("factor").asDouble(Double.NaN));
                    break;
                case "dynamic":
                    known.addAll(List.of("factor", "original_max_position_embeddings"));
                    scaling = new RopeScaling(RopeScaling.Type.DYNAMIC, s.path("factor").asDouble(Double.NaN), 0, 0, 0);
                    break;
                case "llama3":
                    known.addAll(List.of("factor", "low_freq_factor", "high_freq_factor",
                            "original_max_position_embeddings"));
                    scaling = RopeScaling.llama3(s.path("factor").asDouble(Double.NaN),
                            s.path("low_freq_factor").asDouble(Double.NaN), s.path("high_freq_factor").asDouble(Double.NaN),
                            s.path("original_max_position_embeddings").asInt(0));
                    break;
                default:
                    throw c.unsupported(field, "rope type '" + type + "' is not implemented (linear, dynamic and llama3 are)");
            }
        } catch (IllegalArgumentException e) {
            throw c.unsupported(field, e.getMessage());
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw c.unsupported(field, "key '" + key + "' is not understood for rope type '" + type + "'");
            }
        }
        return scaling;
    }

    /** Writes the {@code config.json} transformers would write for {@code config}. */
    static String write(ModelConfig config) {
        ObjectNode c = JSON.createObjectNode();
        ModelFamily family = config.family();
        switch (family) {
            case GPT2 -> {
                if (!config.attentionBias() || !config.mlpBias()) {
                    throw new IllegalArgumentException("GPT-2 checkpoints always have biases; this model has none");
                }
                c.putArray("architectures").add("GPT2LMHeadModel");
                c.put("model_type", "gpt2");
                c.put("vocab_size", config.vocabSize());
                c.put("n_positions", config.maxPositions());
                c.put("n_embd", config.hiddenSize());
                c.put("n_layer", config.layers());
                c.put("n_head", config.heads());
                c.put("n_inner", config.intermediateSize());
                c.put("activation_function", activationName(config.activation()));
                c.put("layer_norm_epsilon", config.normEps());
            }
            case OPT -> {
                if (config.attentionBias() != config.mlpBias()) {
                    throw new IllegalArgumentException("OPT has biases everywhere or nowhere (enable_bias)");
                }
                c.putArray("architectures").add("OPTForCausalLM");
                c.put("model_type", "opt");
                c.put("vocab_size", config.vocabSize());
                c.put("hidden_size", config.hiddenSize());
                c.put("word_embed_proj_dim", config.hiddenSize());
                c.put("num_hidden_layers", config.layers());
                c.put("num_attention_heads", config.heads());
                c.put("ffn_dim", config.intermediateSize());
                c.put("max_position_embeddings", config.maxPositions());
                c.put("activation_function", activationName(config.activation()));
                c.put("do_layer_norm_before", true);
                c.put("enable_bias", config.attentionBias());
                if (config.normEps() != 1e-5) {
                    throw new IllegalArgumentException("OPT's LayerNorm epsilon is fixed at 1e-5, this model has "
                            + config.normEps());
                }
            }
            case LLAMA -> {
                c.putArray("architectures").add("LlamaForCausalLM");
                c.put("model_type", "llama");
                c.put("vocab_size", config.vocabSize());
                c.put("hidden_size", config.hiddenSize());
                c.put("intermediate_size", config.intermediateSize());
                c.put("num_hidden_layers", config.layers());
                c.put("num_attention_heads", config.heads());
                c.put("num_key_value_heads", config.heads());
                c.put("hidden_act", "silu");
                c.put("max_position_embeddings", config.maxPositions());
                c.put("rms_norm_eps", config.normEps());
                c.put("rope_theta", config.ropeTheta());
                c.put("attention_bias", config.attentionBias());
                c.put("mlp_bias", config.mlpBias());
                RopeScaling s = config.ropeScaling();
                if (s == null) {
                    c.putNull("rope_scaling");
                } else {
                    ObjectNode r = c.putObject("rope_scaling");
                    r.put("rope_type", s.type().name().toLowerCase(java.util.Locale.ROOT));
                    r.put("factor", s.factor());
                    if (s.type() == RopeScaling.Type.LLAMA3) {
                        r.put("low_freq_factor", s.lowFreqFactor());
                        r.put("high_freq_factor", s.highFreqFactor());
                        r.put("original_max_position_embeddings", s.originalMaxPositions());
                    }
                }
            }
            default -> throw new IllegalStateException(family.toString());
        }
        c.put("tie_word_embeddings", config.tiedEmbeddings());
        c.put("eos_token_id", config.eosTokenId());
        c.put("torch_dtype", "float32");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String activationName(ModelFamily.Activation activation) {
        return switch (activation) {
            case GELU -> "gelu";
            case GELU_TANH -> "gelu_new";
            case RELU -> "relu";
            case SWIGLU -> "silu";
        };
    }

    /** The fields of one config, each read at most once; whatever is never read is refused by {@link #finish}. */
    private static final class Fields {
        private final Path file;
        private final JsonNode root;
        private final Set<String> read = new HashSet<>();

        Fields(Path file, JsonNode root) {
            if (root == null || !root.isObject()) {
                throw new CheckpointException(file + ": expected a JSON object");
            }
            this.file = file;
            this.root = root;
        }

        /** Present and not null. */
        boolean has(String name) {
            read.add(name);
            return root.hasNonNull(name);
        }

        JsonNode node(String name) {
            read.add(name);
            return root.path(name);
        }

        /** A size: a positive integer. */
        int integer(String name) {
            JsonNode n = node(name);
            if (n.isMissingNode() || n.isNull()) {
                throw new CheckpointException(file + ": missing integer field '" + name + "'");
            }
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() <= 0) {
                throw unsupported(name, "expected a positive integer");
            }
            return n.asInt();
        }

        /** An attention head count, which must divide the width {@code d}. */
        int heads(String name, int d) {
            int heads = integer(name);
            if (d % heads != 0) {
                throw unsupported(name, "it does not divide the hidden size " + d);
            }
            return heads;
        }

        double number(String name, double fallback) {
            JsonNode n = node(name);
            if (n.isMissingNode() || n.isNull()) {
                return fallback;
            }
            if (!n.isNumber()) {
                throw unsupported(name, "expected a number");
            }
            return n.asDouble();
        }

        boolean flag(String name, boolean fallback) {
            JsonNode n = node(name);
            if (n.isMissingNode() || n.isNull()) {
                return fallback;
            }
            if (!n.isBoolean()) {
                throw unsupported(name, "expected true or false");
            }
            return n.asBoolean();
        }

        String text(String name, String fallback) {
            JsonNode n = node(name);
            return n.isMissingNode() || n.isNull() ? fallback : n.asText();
        }

        /** {@code eos_token_id}: an id, or the first of a list of ids; it must be in the vocabulary. */
        int eos(int fallback, int vocab) {
            JsonNode n = node("eos_token_id");
            if (n.isArray() && !n.isEmpty()) {
                n = n.get(0);
            }
            int id = n.canConvertToInt() ? n.asInt() : fallback;
            if (id < 0 || id >= vocab) {
                throw unsupported("eos_token_id", "it is outside the vocabulary of vocab_size " + vocab);
            }
            return id;
        }

        /** Refuses the field unless it is absent or has {@code expected}. */
        void mustBe(String name, boolean expected, String why) {
            if (has(name) && flag(name, expected) != expected) {
                throw unsupported(name, why);
            }
        }

        void refuse(String name, String why) {
            if (has(name)) {
                throw unsupported(name, why);
            }
        }

        void accept(Set<String> names) {
            read.addAll(names);
        }

        CheckpointException unsupported(String name, String why) {
            return new CheckpointException(file + ": config field '" + name + "' = " + root.path(name)
                    + " is not supported: " + why);
        }

        /** Refuses every field nobody read. */
        void finish(String type) {
            List<String> unknown = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                String name = it.next().getKey();
                if (!read.contains(name)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                throw new CheckpointException(file + ": config field" + (unknown.size() > 1 ? "s " : " ") + unknown
                        + " not understood by kdprivacy's " + type + " loader; refused because "
                        + (unknown.size() > 1 ? "they" : "it") + " may change the forward pass");
            }
        }
    }
}
