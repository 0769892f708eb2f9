package io.kdprivacy.attack;

import io.kdprivacy.stats.Interval;
import io.kdprivacy.stats.RocCurve;

import java.util.List;

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
 * @param roc               the ROC curve thinned for plotting ({@link RocCurve#thinned})
 */
public record AttackResult(int members, int nonMembers, int droppedMembers, int droppedNonMembers,
                           Interval auc, Interval tprAt1PctFpr, Interval tprAt01PctFpr, Interval advantage,
                           List<RocCurve.Point> roc) {

    /** Points kept for plotting. */
    public static final int PLOT_POINTS = 200;

    public AttackResult {
        roc = List.copyOf(roc);
    }
}
