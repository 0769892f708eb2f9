package io.kdprivacy.results;

import java.util.List;

/**
 * Points of a ROC curve for plotting, in order of increasing false-positive rate. Rates only: the score
 * thresholds are not kept. Long curves are thinned to log-spaced false-positive rates so the low-FPR region
 * that matters for privacy stays resolved.
 *
 * @param fpr false-positive rates, ascending, in [0, 1]
 * @param tpr true-positive rates, same length, in [0, 1]
 */
public record RocPoints(List<Double> fpr, List<Double> tpr) {

    public RocPoints {
        fpr = List.copyOf(fpr);
        tpr = List.copyOf(tpr);
        if (fpr.size() != tpr.size()) {
            throw new IllegalArgumentException("ROC needs as many FPR as TPR values, got " + fpr.size() + " and "
                    + tpr.size());
        }
        for (int i = 0; i < fpr.size(); i++) {
            double f = fpr.get(i);
            double t = tpr.get(i);
            if (!(f >= 0 && f <= 1 && t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("ROC point " + i + " outside [0, 1]: (" + f + ", " + t + ")");
            }
            if (i > 0 && f < fpr.get(i - 1)) {
                throw new IllegalArgumentException("ROC false-positive rates must not decrease (point " + i + ")");
            }
        }
    }

    /** Number of points. */
    public int size() {
        return fpr.size();
    }
}
