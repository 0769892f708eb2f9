package io.kdprivacy.utility;

import io.kdprivacy.stats.Interval;

/**
 * What the utility probe measured on one model.
 *
 * @param examples   held-out examples measured
 * @param tokens     response tokens the NLL pools
 * @param holdoutNll mean NLL per response token, all tokens pooled (NaN when there are none)
 * @param rougeL     per-example ROUGE-L F1 of the greedy responses, in example order
 * @param meanRougeL   mean ROUGE-L F1 with its bootstrap interval
 * @param maxNewTokens longest greedy response asked for (the configured one, or half the model's context if less)
 */
public record UtilityResult(int examples, long tokens, double holdoutNll, double[] rougeL, Interval meanRougeL,
                            int maxNewTokens) {

    /** {@code exp(holdoutNll)}. */
    public double perplexity() {
        return Math.exp(holdoutNll);
    }
}
