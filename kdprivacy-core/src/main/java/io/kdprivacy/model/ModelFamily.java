package io.kdprivacy.model;

/**
 * The three decoder-only transformer families kdprivacy builds. Each fixes the architectural choices
 * that tell it apart; sizes are set by {@link ModelConfig}.
 */
public enum ModelFamily {
    /** Learned positions, pre-LayerNorm, GELU MLP, biases, input and output embeddings tied. */
    GPT2(Norm.LAYER_NORM, Positions.LEARNED, Activation.GELU, true, true, 0),
    /** Learned positions stored with OPT's offset of 2, pre-LayerNorm, ReLU MLP, biases, tied. */
    OPT(Norm.LAYER_NORM, Positions.LEARNED, Activation.RELU, true, true, 2),
    /** RMSNorm, rotary positions, SwiGLU MLP, no biases, untied output head. */
    LLAMA(Norm.RMS_NORM, Positions.ROTARY, Activation.SWIGLU, false, false, 0);

    /** How a block normalises its input. */
    public enum Norm { LAYER_NORM, RMS_NORM }

    /** How positions enter the model. */
    public enum Positions { LEARNED, ROTARY }

    /** The MLP's non-linearity. {@code GELU_TANH} is GPT-2's original "gelu_new" approximation. */
    public enum Activation { GELU, GELU_TANH, RELU, SWIGLU }

    private final Norm norm;
    private final Positions positions;
    private final Activation activation;
    private final boolean bias;
    private final boolean tiedEmbeddings;
    private final int positionOffset;

    ModelFamily(Norm norm, Positions positions, Activation activation, boolean bias,
                boolean tiedEmbeddings, int positionOffset) {
        this.norm = norm;
        this.positions = positions;
        this.activation = activation;
        this.bias = bias;
        this.tiedEmbeddings = tiedEmbeddings;
        this.positionOffset = positionOffset;
    }

    public Norm norm() {
        return norm;
    }

    public Positions positions() {
        return positions;
    }

    /** The family's default activation (a config may choose GPT-2's tanh approximation instead). */
    public Activation defaultActivation() {
        return activation;
    }

    public boolean bias() {
        return bias;
    }

    public boolean tiedEmbeddings() {
        return tiedEmbeddings;
    }

    /** Rows of the position table before position 0 (OPT keeps two; the others none). */
    public int positionOffset() {
        return positionOffset;
    }
}
