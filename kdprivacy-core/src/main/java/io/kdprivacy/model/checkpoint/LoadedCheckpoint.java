package io.kdprivacy.model.checkpoint;

import java.util.Objects;

/**
 * A checkpoint read by {@link Checkpoints#load}.
 *
 * @param configJson the contents of {@code config.json}
 * @param weights the contents of {@code model.safetensors}
 */
public record LoadedCheckpoint(String configJson, SafeTensorFile weights) {
    /** Rejects null components. */
    public LoadedCheckpoint {
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(weights, "weights");
    }
}
