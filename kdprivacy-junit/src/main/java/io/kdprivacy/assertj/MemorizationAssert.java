package io.kdprivacy.assertj;

import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.MemorizationMetrics;

import java.util.Locale;

/** Assertions on what a model reproduces when completing member prompts greedily. */
public final class MemorizationAssert extends ModelPartAssert<MemorizationAssert, MemorizationMetrics> {

    MemorizationAssert(MemorizationMetrics metrics, String technique, String role, FailureSink sink) {
        super(metrics, MemorizationAssert.class, technique, role, sink);
    }

    /** Fraction of members whose compared response tokens are all reproduced, with Clopper–Pearson bounds. */
    public MetricAssert extractionRate() {
        return metric(MetricId.MEMORIZATION_EXTRACTION_RATE.id(), "member extraction rate", null, () -> actual.memberExtractable(),
                () -> actual.members(), () -> String.format(Locale.ROOT, "%d member probes", actual.members()), 0, 1);
    }

    /** Memorization gap: member − non-member token match rate (point estimate). */
    public MetricAssert gap() {
        return metric(MetricId.MEMORIZATION_GAP.id(), "memorization gap", null, () -> PrivacyReportAssert.exact(actual.gap()),
                () -> actual.members() + actual.nonMembers(),
                () -> String.format(Locale.ROOT, "%d members / %d non-members", actual.members(), actual.nonMembers()),
                -1, 1);
    }
}
