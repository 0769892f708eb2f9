package io.kdprivacy.attack;

import io.kdprivacy.stats.Interval;

/**
 * How well one score separates members from non-members. Never flipped: an AUC below 0.5 is reported as is.
 *
 * @param members           member scores used
 * @param nonMembers        non-member scores used
 * @param droppedMembers    members whose score was undefined (NaN) and left out
 * @param droppedNonMembers non-members whose score was undefined (NaN) and left out
 * @param auc               ROC AUC with its bootstrap interval
 * @param tprAt1PctFpr      largest achievable TPR at FPR ≤ 1%
 * @param tprAt01PctFpr     largest achievable TPR at FPR ≤ 0.1%
 * @param advantage         max over thresholds of TPR − FPR
 */
public record AttackResult(int members, int nonMembers, int droppedMembers, int droppedNonMembers,
                           Interval auc, Interval tprAt1PctFpr, Interval tprAt01PctFpr, Interval advantage) {
}
