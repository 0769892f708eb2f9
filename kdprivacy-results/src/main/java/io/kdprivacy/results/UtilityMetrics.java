package io.kdprivacy.results;

/**
 * Task quality of one model on the held-out examples (the paper's utility measure beside privacy): how
 * well it predicts the held-out responses and how close its greedy responses come to them.
 *
 * @param examples      held-out examples measured
 * @param holdoutNll    mean response-token negative log-likelihood (nats per token, all tokens pooled)
 * @param perplexity    {@code exp(holdoutNll)}
 * @param rougeL        mean ROUGE-L F1 of the greedy responses against the references, with a bootstrap interval
 * @param maxNewTokens  longest greedy response generated
 */
public record UtilityMetrics(int examples, double holdoutNll, double perplexity, Estimate rougeL, int maxNewTokens) {
}
