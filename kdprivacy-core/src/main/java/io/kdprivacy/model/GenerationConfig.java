package io.kdprivacy.model;

/**
 * How to decode.
 *
 * @param maxNewTokens      most tokens to generate per prompt
 * @param minNewTokens      end-of-sequence is forbidden before this many tokens (the paper's
 *                          memorization probe forces 64 new tokens: min = max = 64)
 * @param temperature       0 for greedy decoding; otherwise logits are divided by it before sampling
 * @param topP              nucleus sampling mass in (0, 1]; 1 samples from the whole distribution
 * @param noRepeatNgramSize forbid any n-gram of this size from occurring twice (0 = off)
 * @param seed              seed of sampling; each prompt draws from its own generator derived from
 *                          the seed and the prompt's index, so results do not depend on batching
 */
public record GenerationConfig(int maxNewTokens, int minNewTokens, double temperature, double topP,
                               int noRepeatNgramSize, long seed) {

    public GenerationConfig {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        }
        if (minNewTokens < 0 || minNewTokens > maxNewTokens) {
            throw new IllegalArgumentException("minNewTokens must be in [0, maxNewTokens], got " + minNewTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (noRepeatNgramSize < 0) {
            throw new IllegalArgumentException("noRepeatNgramSize must be >= 0, got " + noRepeatNgramSize);
        }
    }

    /** Greedy decoding of up to {@code maxNewTokens}, stopping at end-of-sequence. */
    public static GenerationConfig greedy(int maxNewTokens) {
        return new GenerationConfig(maxNewTokens, 0, 0, 1, 0, 0);
    }

    /** Ancestral sampling at temperature 1 with the whole distribution (top-p 1). */
    public static GenerationConfig sampling(int maxNewTokens, long seed) {
        return new GenerationConfig(maxNewTokens, 0, 1, 1, 0, seed);
    }

    public GenerationConfig withTemperature(double t) {
        return new GenerationConfig(maxNewTokens, minNewTokens, t, topP, noRepeatNgramSize, seed);
    }

    public GenerationConfig withTopP(double p) {
        return new GenerationConfig(maxNewTokens, minNewTokens, temperature, p, noRepeatNgramSize, seed);
    }

    public GenerationConfig withMinNewTokens(int min) {
        return new GenerationConfig(maxNewTokens, min, temperature, topP, noRepeatNgramSize, seed);
    }

    public GenerationConfig withNoRepeatNgramSize(int n) {
        return new GenerationConfig(maxNewTokens, minNewTokens, temperature, topP, n, seed);
    }

    public GenerationConfig withSeed(long s) {
        return new GenerationConfig(maxNewTokens, minNewTokens, temperature, topP, noRepeatNgramSize, s);
    }

    public boolean greedyDecoding() {
        return temperature == 0;
    }
}
