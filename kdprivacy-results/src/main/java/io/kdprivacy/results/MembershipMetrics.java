package io.kdprivacy.results;

import java.util.List;

/**
 * How well one membership attack separates the teacher's members from non-members on one model.
 *
 * @param attack      attack name, e.g. {@code LOSS}, {@code MIN_K}, {@code MOPE}
 * @param auc         ROC AUC (never flipped) with its bootstrap interval
 * @param tprAt1Pct   largest achievable TPR with FPR ≤ 1 %, with interval
 * @param tprAt01Pct  largest achievable TPR with FPR ≤ 0.1 %, with interval
 * @param advantage   max over thresholds of TPR − FPR
 * @param members     number of members scored
 * @param nonMembers  number of non-members scored
 * @param warnings    claims the sample size does not support (e.g. TPR at 0.1 % FPR from 200 non-members)
 * @param roc         the ROC curve for plotting, or null if not recorded
 */
public record MembershipMetrics(String attack, Estimate auc, Estimate tprAt1Pct, Estimate tprAt01Pct,
                                double advantage, int members, int nonMembers, List<String> warnings,
                                RocPoints roc) {

    public MembershipMetrics {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
