package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import io.kdprivacy.model.checkpoint.CheckpointException;
import io.kdprivacy.model.checkpoint.Checkpoints;
import io.kdprivacy.model.checkpoint.LoadedCheckpoint;
import io.kdprivacy.model.checkpoint.SafeTensorFile;
import io.kdprivacy.model.checkpoint.TensorData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hugging Face checkpoints of GPT-2, OPT and LLaMA models: {@code config.json} and {@code model.safetensors}
 * (or its shards) with transformers' parameter names, loaded into a {@link CausalLm} and written from one.
 *
 * <p>Loading follows transformers' forward pass exactly or refuses: every {@code config.json} field is
 * implemented, known to be harmless, or refused naming the field ({@link HuggingFaceConfig}); every tensor in
 * the file is used, or is a known non-parameter buffer (GPT-2's causal masks, LLaMA's {@code inv_freq}) and
 * skipped, or is refused as unexpected. F16, BF16 and F64 weights are converted to float32.
 *
 * <p>Export writes {@code config.json}, {@code model.safetensors} (float32, with
 * {@value #WEIGHTS_HASH_KEY} in its metadata: the {@link CausalLm#weightsHash()} a privacy report records)
 * and the tokenizer's {@code tokenizer.json}, so a team ships exactly the weights it audited.
 */
public final class HuggingFaceCheckpoints {

    /** Metadata key of the exported weights' {@link CausalLm#weightsHash()}. */
    public static final String WEIGHTS_HASH_KEY = "kdprivacy.weights_sha256";

    /** The tokenizer file a Hugging Face checkpoint directory carries. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private static final Logger LOG = LoggerFactory.getLogger(HuggingFaceCheckpoints.class);

    private HuggingFaceCheckpoints() {
    }

    /**
     * Writes {@code model} to {@code dir} in Hugging Face layout, replacing any checkpoint there only once the
     * new one is complete.
     *
     * @param tokenizer the {@code tokenizer.json} to ship with it, or null for none
     * @throws IllegalArgumentException if the model has a feature its Hugging Face family cannot express
     * @throws CheckpointException      if the checkpoint cannot be written
     */
    public static void export(CausalLm model, Path tokenizer, Path dir) {
        ModelConfig config = model.config();
        String configJson = HuggingFaceConfig.write(config);
        Map<String, NDArray> parameters = model.parameters();
        List<TensorData> tensors = new ArrayList<>();
        for (HuggingFaceLayout.Mapping m : HuggingFaceLayout.of(config, HuggingFaceLayout.defaultPrefix(config.family()))) {
            float[] values = parameters.get(m.canonical()).toFloatArray();
            long[] shape = m.sourceShape();
            switch (m.kind()) {
                case COPY -> tensors.add(new TensorData(m.sources().get(0), shape, values));
                case TRANSPOSE -> tensors.add(new TensorData(m.sources().get(0), shape,
                        transpose(values, (int) shape[1], (int) shape[0])));
                case ROW_BLOCKS -> {
                    int block = values.length / m.sources().size();
                    for (int i = 0; i < m.sources().size(); i++) {
                        tensors.add(new TensorData(m.sources().get(i), shape,
                                Arrays.copyOfRange(values, i * block, (i + 1) * block)));
                    }
                }
                default -> throw new IllegalStateException(m.kind().toString());
            }
        }
        Map<String, Path> extra = new LinkedHashMap<>();
        if (tokenizer != null) {
            if (!Files.isRegularFile(tokenizer)) {
                throw new IllegalArgumentException("tokenizer file not found: " + tokenizer);
            }
            extra.put(TOKENIZER_FILE, tokenizer);
        }
        Checkpoints.save(dir, configJson, tensors, Map.of(WEIGHTS_HASH_KEY, model.weightsHash()), extra);
    }

    /** The model of a checkpoint {@link Checkpoints#load read} from {@code dir} whose config is Hugging Face's. */
    static CausalLm fromLoaded(Path dir, LoadedCheckpoint checkpoint) {
        ModelConfig config = HuggingFaceConfig.parse(dir.resolve(Checkpoints.CONFIG_FILE), checkpoint.configJson());
        SafeTensorFile file = checkpoint.weights();
        // what messages name: the weights file, or the shard index for a sharded checkpoint
        Path weights = Files.isRegularFile(dir.resolve(Checkpoints.WEIGHTS_FILE)) ? dir.resolve(Checkpoints.WEIGHTS_FILE)
                : dir.resolve(Checkpoints.SHARD_INDEX_FILE);
        ModelFamily family = config.family();
        String prefix = HuggingFaceLayout.prefix(family, file.names());
        Set<String> used = new HashSet<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (HuggingFaceLayout.Mapping m : HuggingFaceLayout.of(config, prefix)) {
            List<float[]> parts = new ArrayList<>();
            for (String source : m.sources()) {
                parts.add(tensor(weights, file, source, m.sourceShape()));
                used.add(source);
            }
            values.put(m.canonical(), switch (m.kind()) {
                case COPY -> parts.get(0);
                case TRANSPOSE -> transpose(parts.get(0), (int) m.sourceShape()[0], (int) m.sourceShape()[1]);
                case ROW_BLOCKS -> concat(parts);
            });
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : file.names()) {
            if (used.contains(name) || HuggingFaceLayout.isBuffer(family, name)) {
                continue;
            }
            if (name.equals("lm_head.weight") && config.tiedEmbeddings()) {
                if (!Arrays.equals(file.get(name).data(), values.get("embed.tokens"))) {
                    LOG.warn("{}: lm_head.weight differs from the token embedding, but tie_word_embeddings is true: "
                            + "the embedding is used as the head, as transformers does", dir);
                }
                continue;
            }
            unexpected.add(name);
        }
        for (SafeTensorFile.Undecoded u : file.undecoded()) {
            if (!HuggingFaceLayout.isBuffer(family, u.name())) {
                unexpected.add(u.toString());
            }
        }
        if (!unexpected.isEmpty()) {
            Set<String> sorted = new TreeSet<>(unexpected);
            throw new CheckpointException(weights + ": tensors the " + family + " config does not use: "
                    + sorted.stream().limit(5).toList() + (sorted.size() > 5 ? " and " + (sorted.size() - 5) + " more" : "")
                    + (sorted.contains("lm_head.weight") ? " (an untied head needs tie_word_embeddings: false)" : ""));
        }
        return ModelCheckpoints.build(dir, config, values);
    }

    private static float[] tensor(Path weights, SafeTensorFile file, String name, long[] shape) {
        TensorData t = file.find(name).orElse(null);
        if (t == null) {
            for (SafeTensorFile.Undecoded u : file.undecoded()) {
                if (u.name().equals(name)) {
                    throw new CheckpointException(weights + ": tensor '" + name + "' has element type " + u.dtype()
                            + "; a weight must be floating point");
                }
            }
            throw new CheckpointException(weights + ": missing tensor '" + name + "'");
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new CheckpointException(weights + ": tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", the config needs " + Arrays.toString(shape));
        }
        return t.data();
    }

    /** The transpose of a row-major [rows, cols] matrix. */
    private static float[] transpose(float[] in, int rows, int cols) {
        float[] out = new float[in.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
        return out;
    }

    private static float[] concat(List<float[]> parts) {
        float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int offset = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
