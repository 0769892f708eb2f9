package io.kdprivacy.scenario;

import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which model plays a role: a family and named size to build and train, or a checkpoint directory to load
 * (then it is used as it is, not trained).
 *
 * @param family     model family (ignored for a checkpoint, whose config.json decides)
 * @param size       named size: {@code nano}, {@code tiny} or {@code small}
 * @param checkpoint checkpoint directory ({@code config.json} + weights), or null
 */
public record ModelSpec(ModelFamily family, String size, Path checkpoint) {

    public ModelSpec {
        if (checkpoint == null) {
            if (family == null) {
                throw new PrivacyConfigurationException("a model needs a family or a checkpoint");
            }
            if (size == null || !ModelConfig.sizeNames().contains(size.toLowerCase(java.util.Locale.ROOT))) {
                throw new PrivacyConfigurationException("unknown model size '" + size + "'; known sizes: "
                        + ModelConfig.sizeNames());
            }
        }
    }

    /** A {@code size} model of {@code family}, trained by the scenario. */
    public static ModelSpec of(ModelFamily family, String size) {
        return new ModelSpec(family, size, null);
    }

    /** A model loaded from {@code directory}. */
    public static ModelSpec checkpoint(Path directory) {
        return new ModelSpec(null, null, directory);
    }

    /** Whether this model is loaded rather than trained. */
    public boolean isCheckpoint() {
        return checkpoint != null;
    }

    /**
     * The model's configuration (read from the checkpoint's {@code config.json} if loaded).
     *
     * @throws PrivacyConfigurationException if the checkpoint has no readable config.json
     */
    public ModelConfig config(int vocabSize, int eosTokenId, int maxPositions) {
        if (!isCheckpoint()) {
            return ModelConfig.named(family, size, vocabSize, eosTokenId, maxPositions);
        }
        Path json = checkpoint.resolve("config.json");
        if (!Files.isRegularFile(json)) {
            throw new PrivacyConfigurationException("checkpoint " + checkpoint + " has no config.json");
        }
        try {
            return ModelConfig.fromJson(Files.readString(json));
        } catch (IOException | RuntimeException e) {
            throw new PrivacyConfigurationException("checkpoint " + checkpoint + ": unreadable config.json: "
                    + e.getMessage(), e);
        }
    }

    /** For reports: the size name, or the checkpoint directory's name. */
    public String label() {
        return isCheckpoint() ? checkpoint.getFileName().toString() : size;
    }
}
