package io.kdprivacy.results;

/**
 * Membership risk located in one transformer block: the AUC of MoPe restricted to that block.
 *
 * @param block 0-based block index
 * @param auc   AUC with its interval
 */
public record BlockMetrics(int block, Estimate auc) {
}
