package io.kdprivacy.results;

import java.util.List;

/**
 * Everything measured on one model.
 *
 * @param role         {@code teacher}, {@code student} or {@code reference}
 * @param family       model family, e.g. {@code GPT2}
 * @param size         size name or shape, e.g. {@code nano}
 * @param parameters   number of weights
 * @param weightsHash  SHA-256 of the weights
 * @param membership   one entry per attack
 * @param memorization memorization probe results (null if not run)
 * @param canaries     canary results (null if no canaries were planted)
 * @param blocks       per-block risk, one entry per transformer block (empty if not run)
 * @param utility      task quality on the held-out examples (null if not measured)
 * @param training     the training budget a distilled student or the reference received (null for a teacher or
 *                     a model audited as it is)
 */
public record ModelReport(String role, String family, String size, long parameters, String weightsHash,
                          List<MembershipMetrics> membership, MemorizationMetrics memorization,
                          CanaryMetrics canaries, List<BlockMetrics> blocks, UtilityMetrics utility,
                          TrainingBudget training) {

    public ModelReport {
        membership = membership == null ? List.of() : List.copyOf(membership);
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    /** A report without utility or training budget. */
    public ModelReport(String role, String family, String size, long parameters, String weightsHash,
                       List<MembershipMetrics> membership, MemorizationMetrics memorization,
                       CanaryMetrics canaries, List<BlockMetrics> blocks) {
        this(role, family, size, parameters, weightsHash, membership, memorization, canaries, blocks, null, null);
    }

    /** This report with {@code value} as its utility. */
    public ModelReport withUtility(UtilityMetrics value) {
        return new ModelReport(role, family, size, parameters, weightsHash, membership, memorization, canaries, blocks,
                value, training);
    }

    /** This report with {@code value} as its training budget. */
    public ModelReport withTraining(TrainingBudget value) {
        return new ModelReport(role, family, size, parameters, weightsHash, membership, memorization, canaries, blocks,
                utility, value);
    }
}
