package io.kdprivacy.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kdprivacy.model.checkpoint.CheckpointException;
import io.kdprivacy.model.checkpoint.SafeTensors;
import io.kdprivacy.model.checkpoint.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCheckpointsTest {

    @TempDir
    Path dir;

    private static float[] logits(CausalLm model) {
        long[] tokens = {72, 101, 108, 108, 111, 32, 119, 111};
        try (NDManager m = model.manager().newSubManager()) {
            float[] mask = new float[tokens.length];
            Arrays.fill(mask, 1f);
            return Torch.noGrad(() -> model.forward(m.create(tokens, new Shape(1, tokens.length)),
                    m.create(mask, new Shape(1, tokens.length))).toFloatArray());
        }
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void saveThenLoadGivesIdenticalLogits(ModelFamily family) {
        Path checkpoint = dir.resolve(family.name());
        try (CausalLm model = CausalLm.initialize(Bytes.config(family, "nano"), 21)) {
            ModelCheckpoints.save(model, checkpoint);
            try (CausalLm loaded = ModelCheckpoints.load(checkpoint)) {
                assertThat(loaded.config()).isEqualTo(model.config());
                assertThat(loaded.weightsHash()).isEqualTo(model.weightsHash());
                assertThat(logits(loaded)).containsExactly(logits(model));
            }
        }
    }

    @Test
    void huggingFaceGpt2CheckpointLoads() throws IOException {
        ModelConfig config = Bytes.config(ModelFamily.GPT2, "nano").withActivation(ModelFamily.Activation.GELU_TANH);
        try (CausalLm model = CausalLm.initialize(config, 22)) {
            // written the way transformers' GPT2LMHeadModel names and lays out its weights
            List<TensorData> hf = new ArrayList<>();
            Map<String, float[]> w = model.toArrays();
            hf.add(tensor("transformer.wte.weight", w.get("embed.tokens"), Bytes.VOCAB, 64));
            hf.add(tensor("transformer.wpe.weight", w.get("embed.positions"), 128, 64));
            for (int i = 0; i < 2; i++) {
                String h = "transformer.h." + i + ".";
                String b = "blocks." + i + ".";
                hf.add(tensor(h + "ln_1.weight", w.get(b + "norm1.weight"), 64));
                hf.add(tensor(h + "ln_1.bias", w.get(b + "norm1.bias"), 64));
                hf.add(conv1d(h + "attn.c_attn.weight", w.get(b + "attn.qkv.weight"), 64, 192));
                hf.add(tensor(h + "attn.c_attn.bias", w.get(b + "attn.qkv.bias"), 192));
                hf.add(conv1d(h + "attn.c_proj.weight", w.get(b + "attn.out.weight"), 64, 64));
                hf.add(tensor(h + "attn.c_proj.bias", w.get(b + "attn.out.bias"), 64));
                hf.add(tensor(h + "ln_2.weight", w.get(b + "norm2.weight"), 64));
                hf.add(tensor(h + "ln_2.bias", w.get(b + "norm2.bias"), 64));
                hf.add(conv1d(h + "mlp.c_fc.weight", w.get(b + "mlp.up.weight"), 64, 256));
                hf.add(tensor(h + "mlp.c_fc.bias", w.get(b + "mlp.up.bias"), 256));
                hf.add(conv1d(h + "mlp.c_proj.weight", w.get(b + "mlp.down.weight"), 256, 64));
                hf.add(tensor(h + "mlp.c_proj.bias", w.get(b + "mlp.down.bias"), 64));
                hf.add(tensor(h + "attn.bias", new float[] {1}, 1)); // a buffer HF stores; ignored
            }
            hf.add(tensor("transformer.ln_f.weight", w.get("norm.weight"), 64));
            hf.add(tensor("transformer.ln_f.bias", w.get("norm.bias"), 64));
            Path checkpoint = dir.resolve("gpt2-hf");
            Files.createDirectories(checkpoint);
            SafeTensors.write(checkpoint.resolve("model.safetensors"), hf, Map.of("format", "pt"));
            Files.writeString(checkpoint.resolve("config.json"), """
                    {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": 257,
                     "n_embd": 64, "n_layer": 2, "n_head": 4, "n_positions": 128, "n_inner": null,
                     "activation_function": "gelu_new", "layer_norm_epsilon": 1e-05, "eos_token_id": 256}
                    """);
            try (CausalLm loaded = ModelCheckpoints.load(checkpoint)) {
                assertThat(loaded.config().activation()).isEqualTo(ModelFamily.Activation.GELU_TANH);
                assertThat(loaded.weightsHash()).isEqualTo(model.weightsHash());
                assertThat(logits(loaded)).containsExactly(logits(model));
            }
        }
    }

    @Test
    void huggingFaceLlamaCheckpointLoadsWithSplitProjections() throws IOException {
        ModelConfig config = Bytes.config(ModelFamily.LLAMA, "nano");
        int d = config.hiddenSize();
        int f = config.intermediateSize();
        try (CausalLm model = CausalLm.initialize(config, 23)) {
            Map<String, float[]> w = model.toArrays();
            List<TensorData> hf = new ArrayList<>();
            hf.add(tensor("model.embed_tokens.weight", w.get("embed.tokens"), Bytes.VOCAB, d));
            for (int i = 0; i < 2; i++) {
                String h = "model.layers." + i + ".";
                String b = "blocks." + i + ".";
                float[] qkv = w.get(b + "attn.qkv.weight");
                hf.add(tensor(h + "self_attn.q_proj.weight", Arrays.copyOfRange(qkv, 0, d * d), d, d));
                hf.add(tensor(h + "self_attn.k_proj.weight", Arrays.copyOfRange(qkv, d * d, 2 * d * d), d, d));
                hf.add(tensor(h + "self_attn.v_proj.weight", Arrays.copyOfRange(qkv, 2 * d * d, 3 * d * d), d, d));
                hf.add(tensor(h + "self_attn.o_proj.weight", w.get(b + "attn.out.weight"), d, d));
                float[] up = w.get(b + "mlp.up.weight");
                hf.add(tensor(h + "mlp.gate_proj.weight", Arrays.copyOfRange(up, 0, f * d), f, d));
                hf.add(tensor(h + "mlp.up_proj.weight", Arrays.copyOfRange(up, f * d, 2 * f * d), f, d));
                hf.add(tensor(h + "mlp.down_proj.weight", w.get(b + "mlp.down.weight"), d, f));
                hf.add(tensor(h + "input_layernorm.weight", w.get(b + "norm1.weight"), d));
                hf.add(tensor(h + "post_attention_layernorm.weight", w.get(b + "norm2.weight"), d));
            }
            hf.add(tensor("model.norm.weight", w.get("norm.weight"), d));
            hf.add(tensor("lm_head.weight", w.get("lm_head.weight"), Bytes.VOCAB, d));
            Path checkpoint = dir.resolve("llama-hf");
            Files.createDirectories(checkpoint);
            SafeTensors.write(checkpoint.resolve("model.safetensors"), hf, Map.of());
            Files.writeString(checkpoint.resolve("config.json"), String.format("""
                    {"model_type": "llama", "vocab_size": 257, "hidden_size": %d, "intermediate_size": %d,
                     "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 4,
                     "max_position_embeddings": 128, "rms_norm_eps": 1e-06, "eos_token_id": 256}
                    """, d, f));
            try (CausalLm loaded = ModelCheckpoints.load(checkpoint)) {
                assertThat(logits(loaded)).containsExactly(logits(model));
            }
        }
    }

    @Test
    void huggingFaceOptCheckpointLoadsWithItsPositionOffset() throws IOException {
        ModelConfig config = Bytes.config(ModelFamily.OPT, "nano");
        int d = config.hiddenSize();
        int f = config.intermediateSize();
        try (CausalLm model = CausalLm.initialize(config, 26)) {
            Map<String, float[]> w = model.toArrays();
            List<TensorData> hf = new ArrayList<>();
            String p = "model.decoder.";
            hf.add(tensor(p + "embed_tokens.weight", w.get("embed.tokens"), Bytes.VOCAB, d));
            hf.add(tensor(p + "embed_positions.weight", w.get("embed.positions"), 128 + 2, d));
            for (int i = 0; i < 2; i++) {
                String h = p + "layers." + i + ".";
                String b = "blocks." + i + ".";
                float[] qkv = w.get(b + "attn.qkv.weight");
                float[] qkvBias = w.get(b + "attn.qkv.bias");
                String[] proj = {"q_proj", "k_proj", "v_proj"};
                for (int j = 0; j < 3; j++) {
                    hf.add(tensor(h + "self_attn." + proj[j] + ".weight", Arrays.copyOfRange(qkv, j * d * d, (j + 1) * d * d), d, d));
                    hf.add(tensor(h + "self_attn." + proj[j] + ".bias", Arrays.copyOfRange(qkvBias, j * d, (j + 1) * d), d));
                }
                hf.add(tensor(h + "self_attn.out_proj.weight", w.get(b + "attn.out.weight"), d, d));
                hf.add(tensor(h + "self_attn.out_proj.bias", w.get(b + "attn.out.bias"), d));
                hf.add(tensor(h + "self_attn_layer_norm.weight", w.get(b + "norm1.weight"), d));
                hf.add(tensor(h + "self_attn_layer_norm.bias", w.get(b + "norm1.bias"), d));
                hf.add(tensor(h + "fc1.weight", w.get(b + "mlp.up.weight"), f, d));
                hf.add(tensor(h + "fc1.bias", w.get(b + "mlp.up.bias"), f));
                hf.add(tensor(h + "fc2.weight", w.get(b + "mlp.down.weight"), d, f));
                hf.add(tensor(h + "fc2.bias", w.get(b + "mlp.down.bias"), d));
                hf.add(tensor(h + "final_layer_norm.weight", w.get(b + "norm2.weight"), d));
                hf.add(tensor(h + "final_layer_norm.bias", w.get(b + "norm2.bias"), d));
            }
            hf.add(tensor(p + "final_layer_norm.weight", w.get("norm.weight"), d));
            hf.add(tensor(p + "final_layer_norm.bias", w.get("norm.bias"), d));
            Path checkpoint = dir.resolve("opt-hf");
            Files.createDirectories(checkpoint);
            SafeTensors.write(checkpoint.resolve("model.safetensors"), hf, Map.of());
            Files.writeString(checkpoint.resolve("config.json"), String.format("""
                    {"model_type": "opt", "vocab_size": 257, "hidden_size": %d, "ffn_dim": %d,
                     "num_hidden_layers": 2, "num_attention_heads": 4, "max_position_embeddings": 128,
                     "do_layer_norm_before": true, "word_embed_proj_dim": %d, "activation_function": "relu",
                     "eos_token_id": 256}
                    """, d, f, d));
            try (CausalLm loaded = ModelCheckpoints.load(checkpoint)) {
                assertThat(logits(loaded)).containsExactly(logits(model));
            }
            Files.writeString(checkpoint.resolve("config.json"),
                    "{\"model_type\": \"opt\", \"do_layer_norm_before\": false}");
            assertThatThrownBy(() -> ModelCheckpoints.load(checkpoint)).hasMessageContaining("post-LayerNorm");
        }
    }

    @Test
    void corruptCheckpointIsRejectedNamingTheProblem() throws IOException {
        Path checkpoint = dir.resolve("corrupt");
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 24)) {
            ModelCheckpoints.save(model, checkpoint);
        }
        Path weights = checkpoint.resolve("model.safetensors");
        try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
            file.seek(file.length() - 100);
            file.write(new byte[] {1, 2, 3, 4});
        }
        assertThatThrownBy(() -> ModelCheckpoints.load(checkpoint))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> ModelCheckpoints.load(dir.resolve("nowhere")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("nowhere");
    }

    @Test
    void weightsThatDoNotFitTheConfigAreRejected() throws IOException {
        Path checkpoint = dir.resolve("mismatch");
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 25)) {
            ModelCheckpoints.save(model, checkpoint);
        }
        String tiny = Bytes.config(ModelFamily.GPT2, "tiny").toJson();
        Files.writeString(checkpoint.resolve("config.json"), tiny);
        assertThatThrownBy(() -> ModelCheckpoints.load(checkpoint))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("blocks.0.attn.qkv.weight");
        Files.writeString(checkpoint.resolve("config.json"), "{\"model_type\": \"bert\"}");
        assertThatThrownBy(() -> ModelCheckpoints.load(checkpoint)).hasMessageContaining("'bert' is not supported");
    }

    private static TensorData tensor(String name, float[] data, long... shape) {
        return new TensorData(name, shape, data);
    }

    /** HF Conv1D stores [in, out]: the transpose of our [out, in]. */
    private static TensorData conv1d(String name, float[] ours, int in, int out) {
        float[] t = new float[ours.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * out + o] = ours[o * in + i];
            }
        }
        return new TensorData(name, new long[] {in, out}, t);
    }

}
