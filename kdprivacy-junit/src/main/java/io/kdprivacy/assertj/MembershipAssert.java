package io.kdprivacy.assertj;

import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.Estimate;
import io.kdprivacy.results.MembershipMetrics;

import java.util.Locale;
import java.util.function.Supplier;

/** Assertions on one membership attack's results for one model. */
public final class MembershipAssert extends ModelPartAssert<MembershipAssert, MembershipMetrics> {

    MembershipAssert(MembershipMetrics metrics, String technique, String role, FailureSink sink) {
        super(metrics, MembershipAssert.class, technique, role, sink);
    }

    /** ROC AUC of the attack (never flipped), with its bootstrap interval. */
    public MetricAssert auc() {
        return metric(MetricId.MEMBERSHIP_AUC.id(), "membership AUC", () -> actual.auc());
    }

    /** Largest achievable TPR at FPR ≤ {@code fpr}; {@code fpr} is 0.01 or 0.001 (the rates reports carry). */
    public MetricAssert tprAtFpr(double fpr) {
        if (fpr == 0.01) {
            return metric(MetricId.MEMBERSHIP_TPR_AT_1PCT.id(), "TPR at 1% FPR", () -> actual.tprAt1Pct());
        }
        if (fpr == 0.001) {
            return metric(MetricId.MEMBERSHIP_TPR_AT_01PCT.id(), "TPR at 0.1% FPR", () -> actual.tprAt01Pct());
        }
        throw new IllegalArgumentException("reports carry TPR at FPR 0.01 and 0.001, not " + fpr);
    }

    /** Attacker advantage, max over thresholds of TPR − FPR (point estimate). */
    public MetricAssert advantage() {
        return metric(MetricId.MEMBERSHIP_ADVANTAGE.id(), "attacker advantage", () -> PrivacyReportAssert.exact(actual.advantage()));
    }

    private MetricAssert metric(String key, String label, Supplier<Estimate> estimate) {
        return metric(key, label, actual == null ? null : actual.attack(), estimate,
                () -> actual.members() + actual.nonMembers(),
                () -> String.format(Locale.ROOT, "%d members / %d non-members", actual.members(), actual.nonMembers()),
                0, 1);
    }
}
