package io.kdprivacy.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kdprivacy.model.HfFixtures.RawTensor;
import io.kdprivacy.model.checkpoint.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kdprivacy.model.HfFixtures.JSON;
import static io.kdprivacy.model.HfFixtures.copy;
import static io.kdprivacy.model.HfFixtures.editConfig;
import static io.kdprivacy.model.HfFixtures.f32Tensors;
import static io.kdprivacy.model.HfFixtures.writeSafetensors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hugging Face checkpoints kdprivacy must refuse rather than load into a model that computes something else
 * than transformers would: each refusal is a {@link CheckpointException} naming the field or tensor and the
 * file. Every case is a loadable fixture with one change.
 */
class HuggingFaceRefusalTest {

    @TempDir
    Path tmp;

    private static Arguments edit(String fixture, String field, Consumer<ObjectNode> change) {
        return Arguments.of(fixture, field, change);
    }

    static Stream<Arguments> unsupportedConfigs() {
        return Stream.of(
                edit("gpt2", "model_type", c -> c.put("model_type", "bert")),
                edit("gpt2", "frobnicate", c -> c.put("frobnicate", 1)),
                edit("opt", "frobnicate", c -> c.put("frobnicate", 1)),
                edit("llama", "frobnicate", c -> c.putObject("frobnicate")),
                edit("gpt2", "scale_attn_by_inverse_layer_idx", c -> c.put("scale_attn_by_inverse_layer_idx", true)),
                edit("gpt2", "scale_attn_weights", c -> c.put("scale_attn_weights", false)),
                edit("gpt2", "add_cross_attention", c -> c.put("add_cross_attention", true)),
                edit("llama", "add_cross_attention", c -> c.put("add_cross_attention", true)),
                edit("gpt2", "is_encoder_decoder", c -> c.put("is_encoder_decoder", true)),
                edit("gpt2", "activation_function", c -> c.put("activation_function", "swish")),
                edit("gpt2", "n_ctx", c -> c.put("n_ctx", 32)),
                edit("gpt2", "pruned_heads", c -> c.putObject("pruned_heads").putArray("0").add(1)),
                edit("opt", "do_layer_norm_before", c -> c.put("do_layer_norm_before", false)),
                edit("opt", "word_embed_proj_dim", c -> c.put("word_embed_proj_dim", 16)),
                edit("opt", "_remove_final_layer_norm", c -> c.put("_remove_final_layer_norm", true)),
                edit("opt", "layer_norm_elementwise_affine", c -> c.put("layer_norm_elementwise_affine", false)),
                edit("opt", "enable_bias", c -> c.put("enable_bias", "false")),
                edit("llama", "num_key_value_heads", c -> c.put("num_key_value_heads", 2)),
                edit("llama", "hidden_act", c -> c.put("hidden_act", "gelu")),
                edit("llama", "rope_scaling", c -> c.putObject("rope_scaling").put("rope_type", "yarn")
                        .put("factor", 4.0).put("original_max_position_embeddings", 32)),
                edit("llama", "rope_scaling", c -> c.putObject("rope_scaling").put("type", "linear")
                        .put("factor", 2.0).put("beta_fast", 32)),
                edit("llama", "rope_scaling", c -> c.putObject("rope_scaling").put("rope_type", "llama3")
                        .put("factor", 8.0).put("high_freq_factor", 4.0).put("original_max_position_embeddings", 16)),
                edit("llama", "rope_scaling", c -> c.putObject("rope_scaling").put("rope_type", "linear")
                        .put("factor", 0.0)),
                edit("llama", "head_dim", c -> c.put("head_dim", 16)),
                edit("llama", "quantization_config", c -> c.putObject("quantization_config")
                        .put("quant_method", "bitsandbytes").put("load_in_8bit", true)),
                edit("llama", "auto_map", c -> c.putObject("auto_map").put("AutoModelForCausalLM", "x.Model")),
                edit("llama", "tie_word_embeddings", c -> c.put("tie_word_embeddings", "yes")),
                edit("llama", "rms_norm_eps", c -> c.put("rms_norm_eps", "1e-5")),
                edit("gpt2", "n_embd", c -> c.remove("n_embd")),
                edit("gpt2", "n_embd", c -> c.put("n_embd", "32")),
                edit("opt", "ffn_dim", c -> c.remove("ffn_dim")),
                edit("llama", "intermediate_size", c -> c.remove("intermediate_size")),
                // fields kdprivacy reads whose values no model can have
                edit("gpt2", "n_head", c -> c.put("n_head", 5)),
                edit("gpt2", "eos_token_id", c -> c.put("eos_token_id", 97)),
                edit("llama", "num_hidden_layers", c -> c.put("num_hidden_layers", 0)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unsupportedConfigs")
    void unsupportedConfigIsRefusedNamingFieldAndFile(String fixture, String field, Consumer<ObjectNode> change) {
        Path dir = copy(fixture, tmp);
        editConfig(dir, change);
        Path config = dir.resolve("config.json");
        CheckpointException loading = assertThrows(CheckpointException.class, () -> ModelCheckpoints.load(dir));
        assertThat(loading).hasMessageContaining(field).hasMessageContaining(config.toString());
        // readConfig, which a scenario calls before loading any weights, refuses the same way
        CheckpointException reading = assertThrows(CheckpointException.class, () -> ModelCheckpoints.readConfig(dir));
        assertThat(reading).hasMessage(loading.getMessage());
    }

    @Test
    void untiedConfigWithoutAnOutputHeadIsRefused() {
        Path dir = copy("gpt2-prefixed", tmp);
        editConfig(dir, c -> c.put("tie_word_embeddings", false));
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("missing tensor 'lm_head.weight'")
                .hasMessageContaining(dir.resolve("model.safetensors").toString());
    }

    @Test
    void tensorTheConfigDoesNotUseIsRefusedNamingIt() {
        Path dir = copy("llama", tmp);
        List<RawTensor> tensors = new java.util.ArrayList<>(f32Tensors(dir));
        tensors.add(new RawTensor("model.layers.0.self_attn.q_norm.weight", "F32", new long[] {8}, new byte[32]));
        writeSafetensors(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.layers.0.self_attn.q_norm.weight")
                .hasMessageContaining(dir.resolve("model.safetensors").toString());
    }

    @Test
    void nonFloatTensorThatIsNotAKnownBufferIsRefusedNamingIt() {
        Path dir = copy("llama", tmp);
        List<RawTensor> tensors = new java.util.ArrayList<>(f32Tensors(dir));
        tensors.add(new RawTensor("model.position_ids", "I64", new long[] {1, 4}, new byte[32]));
        writeSafetensors(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.position_ids (I64 [1, 4])")
                .hasMessageContaining(dir.resolve("model.safetensors").toString());
    }

    @Test
    void weightOfAnIntegerTypeIsRefusedNamingIt() {
        Path dir = copy("llama", tmp);
        List<RawTensor> tensors = f32Tensors(dir).stream()
                .map(t -> t.name().equals("model.norm.weight") ? new RawTensor(t.name(), "I32", t.shape(), t.bytes()) : t)
                .toList();
        writeSafetensors(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'model.norm.weight' has element type I32")
                .hasMessageContaining(dir.resolve("model.safetensors").toString());
    }

    @Test
    void tensorOfTheWrongShapeIsRefusedNamingIt() {
        Path dir = copy("llama", tmp);
        editConfig(dir, c -> c.put("vocab_size", 96));
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'model.embed_tokens.weight' has shape [97, 32], the config needs [96, 32]")
                .hasMessageContaining(dir.resolve("model.safetensors").toString());
    }

    @Test
    void truncatedWeightsFileIsRefusedNamingIt() throws IOException {
        Path dir = copy("llama", tmp);
        Path weights = dir.resolve("model.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(weights.toString())
                .hasMessageContaining("out of range");
    }

    @Test
    void missingShardIsRefusedNamingIt() throws IOException {
        Path dir = copy("gpt2-sharded", tmp);
        Path shard = dir.resolve("model-00002-of-00002.safetensors");
        Files.delete(shard);
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(shard.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void shardHoldingATensorTheIndexDoesNotListIsRefused() throws IOException {
        Path dir = copy("llama-sharded", tmp);
        Path index = dir.resolve("model.safetensors.index.json");
        ObjectNode root = (ObjectNode) JSON.readTree(index.toFile());
        ObjectNode map = (ObjectNode) root.get("weight_map");
        String dropped = map.fieldNames().next();
        String shard = map.remove(dropped).asText();
        JSON.writeValue(index.toFile(), root);
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(dir.resolve(shard).toString())
                .hasMessageContaining("not in the index [" + dropped + "]");
    }

    @Test
    void indexListingATensorNoShardHoldsIsRefused() throws IOException {
        Path dir = copy("llama-sharded", tmp);
        Path index = dir.resolve("model.safetensors.index.json");
        ObjectNode root = (ObjectNode) JSON.readTree(index.toFile());
        ((ObjectNode) root.get("weight_map")).put("model.layers.9.mlp.up_proj.weight", "model-00001-of-00002.safetensors");
        JSON.writeValue(index.toFile(), root);
        assertThatThrownBy(() -> ModelCheckpoints.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(dir.resolve("model-00001-of-00002.safetensors").toString())
                .hasMessageContaining("missing [model.layers.9.mlp.up_proj.weight]");
    }
}
