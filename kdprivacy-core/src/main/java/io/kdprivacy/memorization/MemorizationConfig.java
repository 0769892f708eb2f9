package io.kdprivacy.memorization;

import io.kdprivacy.model.GenerationConfig;

/**
 * Settings of the memorization probe (paper defaults: 64 forced new tokens, no repeated 6-grams,
 * exact match over the first 32 response tokens).
 *
 * @param newTokens      tokens generated per prompt; end-of-sequence is suppressed until then, so
 *                       every completion has exactly this length
 * @param noRepeatNgram  forbid any n-gram of this size from occurring twice (0 = off)
 * @param comparedTokens leading response positions compared with the reference
 */
public record MemorizationConfig(int newTokens, int noRepeatNgram, int comparedTokens) {

    public MemorizationConfig {
        if (newTokens < 1) {
            throw new IllegalArgumentException("newTokens must be >= 1, got " + newTokens);
        }
        if (noRepeatNgram < 0) {
            throw new IllegalArgumentException("noRepeatNgram must be >= 0, got " + noRepeatNgram);
        }
        if (comparedTokens < 1 || comparedTokens > newTokens) {
            throw new IllegalArgumentException("comparedTokens must be in [1, newTokens], got " + comparedTokens);
        }
    }

    /** The paper's forced new tokens: {@value}. */
    public static final int DEFAULT_NEW_TOKENS = 64;
    /** The paper's no-repeat n-gram size: {@value}. */
    public static final int DEFAULT_NO_REPEAT_NGRAM = 6;
    /** The paper's compared response tokens: {@value}. */
    public static final int DEFAULT_COMPARED_TOKENS = 32;

    /** The paper's settings: {@value #DEFAULT_NEW_TOKENS} new tokens, no-repeat {@value #DEFAULT_NO_REPEAT_NGRAM}-grams, {@value #DEFAULT_COMPARED_TOKENS} compared tokens. */
    public static MemorizationConfig defaults() {
        return new MemorizationConfig(DEFAULT_NEW_TOKENS, DEFAULT_NO_REPEAT_NGRAM, DEFAULT_COMPARED_TOKENS);
    }

    public MemorizationConfig withNewTokens(int n) {
        return new MemorizationConfig(n, noRepeatNgram, comparedTokens);
    }

    public MemorizationConfig withNoRepeatNgram(int n) {
        return new MemorizationConfig(newTokens, n, comparedTokens);
    }

    public MemorizationConfig withComparedTokens(int n) {
        return new MemorizationConfig(newTokens, noRepeatNgram, n);
    }

    /** Greedy decoding forced to exactly {@link #newTokens()} tokens. */
    public GenerationConfig generation() {
        return GenerationConfig.greedy(newTokens).withMinNewTokens(newTokens).withNoRepeatNgramSize(noRepeatNgram);
    }
}
