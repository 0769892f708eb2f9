package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import io.kdprivacy.model.checkpoint.CheckpointException;
import io.kdprivacy.model.checkpoint.Checkpoints;
import io.kdprivacy.model.checkpoint.LoadedCheckpoint;
import io.kdprivacy.model.checkpoint.TensorData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads {@link CausalLm}s as a directory of {@code config.json} + {@code model.safetensors}.
 *
 * <p>{@link #load} reads kdprivacy's own checkpoints and Hugging Face GPT-2, OPT and LLaMA
 * checkpoints (recognised by {@code model_type} in {@code config.json}; see
 * {@link HuggingFaceCheckpoints}). Writes are atomic and carry a checksum that loading verifies.
 */
public final class ModelCheckpoints {

    static final String FORMAT_KEY = "kdprivacy.format";
    static final String FORMAT = "kdprivacy-causal-lm/1";

    private ModelCheckpoints() {
    }

    /** Writes {@code model} to {@code dir}, replacing any checkpoint there only once the new one is complete. */
    public static void save(CausalLm model, Path dir) {
        List<TensorData> tensors = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            tensors.add(new TensorData(e.getKey(), e.getValue().getShape().getShape(), e.getValue().toFloatArray()));
        }
        Checkpoints.save(dir, model.config().toJson(), tensors, Map.of(FORMAT_KEY, FORMAT));
    }

    /**
     * Loads a checkpoint directory: kdprivacy's own, or a Hugging Face GPT-2 / OPT / LLaMA one.
     *
     * @throws CheckpointException if the directory is missing, incomplete, corrupt, or its weights do
     *                             not fit its config
     */
    public static CausalLm load(Path dir) {
        LoadedCheckpoint checkpoint = Checkpoints.load(dir);
        if (HuggingFaceConfig.isHuggingFace(checkpoint.configJson())) {
            return HuggingFaceCheckpoints.fromLoaded(dir, checkpoint);
        }
        ModelConfig config = ownConfig(dir, checkpoint.configJson());
        Map<String, float[]> values = new LinkedHashMap<>();
        for (TensorData t : checkpoint.weights().tensors()) {
            values.put(t.name(), t.data());
        }
        return build(dir, config, values);
    }

    /**
     * The config of the checkpoint in {@code dir} (kdprivacy's or Hugging Face's), read without its weights:
     * what a scenario checks before anything runs.
     *
     * @throws CheckpointException if {@code config.json} is missing, malformed or unsupported
     */
    public static ModelConfig readConfig(Path dir) {
        Path file = dir.resolve(Checkpoints.CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("checkpoint is missing " + Checkpoints.CONFIG_FILE + ": " + file);
        }
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HuggingFaceConfig.isHuggingFace(json) ? HuggingFaceConfig.parse(file, json) : ownConfig(dir, json);
    }

    private static ModelConfig ownConfig(Path dir, String json) {
        try {
            return ModelConfig.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(Checkpoints.CONFIG_FILE) + ": " + e.getMessage(), e);
        }
    }

    static CausalLm build(Path dir, ModelConfig config, Map<String, float[]> values) {
        try {
            return CausalLm.fromArrays(config, values);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir + ": " + e.getMessage(), e);
        }
    }
}
