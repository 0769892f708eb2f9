package io.kdprivacy.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.Locale;
import java.util.Map;

/**
 * The shape of a causal language model: family, vocabulary, width, depth and limits.
 *
 * <p>Named sizes ({@link #named}) cover the common case; the canonical constructor takes custom sizes.
 * Serialised as the {@code config.json} of a kdprivacy checkpoint.
 *
 * @param family          the architecture family
 * @param vocabSize       number of token ids
 * @param hiddenSize      model width d
 * @param layers          number of transformer blocks
 * @param heads           attention heads; must divide {@code hiddenSize}
 * @param intermediateSize MLP width (for SwiGLU, the width of each of the gate and up projections)
 * @param maxPositions    longest sequence (prompt + response) the model accepts
 * @param activation      MLP activation
 * @param normEps         epsilon of LayerNorm / RMSNorm
 * @param ropeTheta       rotary base (used by the rotary family only)
 * @param eosTokenId      end-of-sequence token id
 * @param tiedEmbeddings  whether the output head reuses the token embedding; null: the family's default
 * @param attentionBias   whether the attention projections have biases; null: the family's default
 * @param mlpBias         whether the MLP projections have biases; null: the family's default
 * @param ropeScaling     rescaling of rotary frequencies (rotary family only); null: none
 */
public record ModelConfig(ModelFamily family, int vocabSize, int hiddenSize, int layers, int heads,
                          int intermediateSize, int maxPositions, ModelFamily.Activation activation,
                          double normEps, double ropeTheta, int eosTokenId, Boolean tiedEmbeddings,
                          Boolean attentionBias, Boolean mlpBias, RopeScaling ropeScaling) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Named sizes: hidden size, layers, heads. */
    private static final Map<String, int[]> SIZES = Map.of(
            "nano", new int[] {64, 2, 4},
            "tiny", new int[] {128, 4, 4},
            "small", new int[] {256, 6, 8});

    public ModelConfig {
        if (family == null) {
            throw new IllegalArgumentException("family must not be null");
        }
        positive("vocabSize", vocabSize);
        positive("hiddenSize", hiddenSize);
        positive("layers", layers);
        positive("heads", heads);
        positive("intermediateSize", intermediateSize);
        positive("maxPositions", maxPositions);
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException(
                    "hiddenSize (" + hiddenSize + ") must be divisible by heads (" + heads + ")");
        }
        if (family.positions() == ModelFamily.Positions.ROTARY && (hiddenSize / heads) % 2 != 0) {
            throw new IllegalArgumentException("rotary positions need an even head size, got " + hiddenSize / heads);
        }
        if (activation == null) {
            activation = family.defaultActivation();
        }
        if ((activation == ModelFamily.Activation.SWIGLU) != (family == ModelFamily.LLAMA)) {
            throw new IllegalArgumentException(activation + " is not an activation of family " + family);
        }
        if (!(normEps > 0)) {
            throw new IllegalArgumentException("normEps must be > 0, got " + normEps);
        }
        if (eosTokenId < 0 || eosTokenId >= vocabSize) {
            throw new IllegalArgumentException("eosTokenId " + eosTokenId + " outside vocabulary of " + vocabSize);
        }
        tiedEmbeddings = tiedEmbeddings == null ? family.tiedEmbeddings() : tiedEmbeddings;
        attentionBias = attentionBias == null ? family.bias() : attentionBias;
        mlpBias = mlpBias == null ? family.bias() : mlpBias;
        if (ropeScaling != null && family.positions() != ModelFamily.Positions.ROTARY) {
            throw new IllegalArgumentException("rope scaling needs rotary positions; " + family + " has learned ones");
        }
    }

    /** The family's architecture with explicit sizes; biases, tying and rotary scaling as the family has them. */
    public ModelConfig(ModelFamily family, int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize,
                       int maxPositions, ModelFamily.Activation activation, double normEps, double ropeTheta,
                       int eosTokenId) {
        this(family, vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions, activation, normEps,
                ropeTheta, eosTokenId, null, null, null, null);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /** The named sizes, smallest first. */
    public static java.util.List<String> sizeNames() {
        return SIZES.entrySet().stream().sorted(java.util.Comparator.comparingInt(e -> e.getValue()[0]))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * A named size ({@code nano}: d=64, 2 layers, 4 heads; {@code tiny}: d=128, 4 layers, 4 heads;
     * {@code small}: d=256, 6 layers, 8 heads) of the given family, with the family's usual MLP width.
     */
    public static ModelConfig named(ModelFamily family, String size, int vocabSize, int eosTokenId,
                                    int maxPositions) {
        int[] s = SIZES.get(size.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("unknown model size '" + size + "'; known: " + SIZES.keySet());
        }
        return of(family, vocabSize, s[0], s[1], s[2], maxPositions, eosTokenId);
    }

    /** A custom size with the family's usual MLP width (4d; LLaMA's 8d/3 rounded up to 8). */
    public static ModelConfig of(ModelFamily family, int vocabSize, int hiddenSize, int layers, int heads,
                                 int maxPositions, int eosTokenId) {
        int ff = family == ModelFamily.LLAMA ? roundUp(8 * hiddenSize / 3, 8) : 4 * hiddenSize;
        double eps = family == ModelFamily.LLAMA ? 1e-6 : 1e-5;
        return new ModelConfig(family, vocabSize, hiddenSize, layers, heads, ff, maxPositions,
                family.defaultActivation(), eps, 10000.0, eosTokenId);
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Width of one attention head. */
    @JsonIgnore
    public int headSize() {
        return hiddenSize / heads;
    }

    /** A copy with another activation. */
    public ModelConfig withActivation(ModelFamily.Activation newActivation) {
        return new ModelConfig(family, vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions,
                newActivation, normEps, ropeTheta, eosTokenId, tiedEmbeddings, attentionBias, mlpBias, ropeScaling);
    }

    /** A copy whose output head is (or is not) the token embedding. */
    public ModelConfig withTiedEmbeddings(boolean tied) {
        return new ModelConfig(family, vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions,
                activation, normEps, ropeTheta, eosTokenId, tied, attentionBias, mlpBias, ropeScaling);
    }

    /** A copy with (or without) biases on the attention and on the MLP projections. */
    public ModelConfig withBiases(boolean attention, boolean mlp) {
        return new ModelConfig(family, vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions,
                activation, normEps, ropeTheta, eosTokenId, tiedEmbeddings, attention, mlp, ropeScaling);
    }

    /** A copy with rotary frequencies rescaled by {@code scaling} (null: none). */
    public ModelConfig withRopeScaling(RopeScaling scaling) {
        return new ModelConfig(family, vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions,
                activation, normEps, ropeTheta, eosTokenId, tiedEmbeddings, attentionBias, mlpBias, scaling);
    }

    /** A copy with another end-of-sequence id. */
    public ModelConfig withEosTokenId(int id) {
        return new ModelConfig(family, vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions,
                activation, normEps, ropeTheta, id, tiedEmbeddings, attentionBias, mlpBias, ropeScaling);
    }

    /** This config as the JSON of a checkpoint's {@code config.json}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + this, e);
        }
    }

    /** Parses a config written by {@link #toJson()}. */
    public static ModelConfig fromJson(String json) {
        try {
            return JSON.readValue(json, ModelConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed model config: " + e.getOriginalMessage(), e);
        }
    }
}
