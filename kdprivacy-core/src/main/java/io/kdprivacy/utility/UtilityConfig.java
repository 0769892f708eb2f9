package io.kdprivacy.utility;

/**
 * Settings of the utility probe.
 *
 * @param maxNewTokens longest greedy response generated per held-out prompt (it stops earlier at end-of-sequence)
 * @param examples     held-out examples measured: 0 for all, otherwise at most this many, a seeded subsample
 */
public record UtilityConfig(int maxNewTokens, int examples) {

    /** Longest greedy response by default: {@value}. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 128;

    public UtilityConfig {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("utility maxNewTokens must be >= 1, got " + maxNewTokens);
        }
        if (examples < 0) {
            throw new IllegalArgumentException("utility examples must be >= 0 (0: all held-out examples), got "
                    + examples);
        }
    }

    /** Responses of up to {@value #DEFAULT_MAX_NEW_TOKENS} tokens on every held-out example. */
    public static UtilityConfig defaults() {
        return new UtilityConfig(DEFAULT_MAX_NEW_TOKENS, 0);
    }
}
