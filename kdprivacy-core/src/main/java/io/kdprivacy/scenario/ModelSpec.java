package io.kdprivacy.scenario;

import io.kdprivacy.model.ModelCheckpoints;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.checkpoint.CheckpointException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Which model plays a role, named one of three ways:
 * <ul>
 *   <li>{@link #of(ModelFamily, String) a named size}, trained from scratch on the scenario's data;</li>
 *   <li>{@link #base(Path) a base}: a pretrained checkpoint (Hugging Face or kdprivacy layout) that the scenario
 *       fine-tunes — the teacher on the private data, the reference on the public data — and from which every
 *       distilled student starts;</li>
 *   <li>{@link #checkpoint(Path) a checkpoint}, used exactly as it is: audited, never trained.</li>
 * </ul>
 * A base or checkpoint directory holds {@code config.json}, {@code model.safetensors} (or its shards) and
 * the model's {@code tokenizer.json}.
 *
 * @param source how the model is obtained
 * @param family model family ({@link Source#SCRATCH} only; a directory's config.json decides otherwise)
 * @param size   named size: {@code nano}, {@code tiny} or {@code small} ({@link Source#SCRATCH} only)
 * @param path   the base or checkpoint directory (null for {@link Source#SCRATCH})
 */
public record ModelSpec(Source source, ModelFamily family, String size, Path path) {

    /** How a role's model is obtained. */
    public enum Source {
        /** Built at a named size and trained from scratch. */
        SCRATCH,
        /** Loaded from a pretrained checkpoint, then fine-tuned by the scenario. */
        BASE,
        /** Loaded from a checkpoint and used as it is. */
        CHECKPOINT
    }

    public ModelSpec {
        Objects.requireNonNull(source, "source");
        if (source == Source.SCRATCH) {
            if (family == null) {
                throw new PrivacyConfigurationException("a model trained from scratch needs a family");
            }
            if (size == null || !ModelConfig.sizeNames().contains(size.toLowerCase(Locale.ROOT))) {
                throw new PrivacyConfigurationException("unknown model size '" + size + "'; known sizes: "
                        + ModelConfig.sizeNames());
            }
        } else if (path == null) {
            throw new PrivacyConfigurationException("a " + source.name().toLowerCase(Locale.ROOT) + " model needs a directory");
        }
    }

    /** A {@code size} model of {@code family}, trained by the scenario from scratch. */
    public static ModelSpec of(ModelFamily family, String size) {
        return new ModelSpec(Source.SCRATCH, family, size, null);
    }

    /** A pretrained model in {@code directory} that the scenario fine-tunes (and distils students from). */
    public static ModelSpec base(Path directory) {
        return new ModelSpec(Source.BASE, null, null, Objects.requireNonNull(directory, "directory"));
    }

    /** A model in {@code directory} used exactly as it is (audit only). */
    public static ModelSpec checkpoint(Path directory) {
        return new ModelSpec(Source.CHECKPOINT, null, null, Objects.requireNonNull(directory, "directory"));
    }

    /** Whether this model is used as it is, never trained. */
    public boolean isCheckpoint() {
        return source == Source.CHECKPOINT;
    }

    /** Whether this model comes from a directory (a base or a checkpoint), with its own tokenizer. */
    public boolean isLoaded() {
        return source != Source.SCRATCH;
    }

    /** The checkpoint directory (null unless {@link #isCheckpoint()}). */
    public Path checkpoint() {
        return isCheckpoint() ? path : null;
    }

    /**
     * The model's configuration: a named size with the scenario's vocabulary, or what the directory's
     * {@code config.json} says.
     *
     * @throws PrivacyConfigurationException if the directory has no readable, supported config.json
     */
    public ModelConfig config(int vocabSize, int eosTokenId, int maxPositions) {
        if (source == Source.SCRATCH) {
            return ModelConfig.named(family, size, vocabSize, eosTokenId, maxPositions);
        }
        if (!Files.isDirectory(path)) {
            throw new PrivacyConfigurationException(describe() + ": directory not found: " + path.toAbsolutePath());
        }
        try {
            return ModelCheckpoints.readConfig(path);
        } catch (CheckpointException e) {
            throw new PrivacyConfigurationException(describe() + ": unreadable config.json: " + e.getMessage(), e);
        }
    }

    /** For messages: {@code base models/gpt2}, {@code checkpoint models/student} or {@code GPT2 nano}. */
    public String describe() {
        return source == Source.SCRATCH ? family + " " + size
                : source.name().toLowerCase(Locale.ROOT) + " " + path;
    }

    /** For reports: the size name, or the directory's name. */
    public String label() {
        return source == Source.SCRATCH ? size : path.toAbsolutePath().normalize().getFileName().toString();
    }
}
