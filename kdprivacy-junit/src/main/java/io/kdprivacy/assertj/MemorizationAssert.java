package io.kdprivacy.assertj;

import io.kdprivacy.results.MemorizationMetrics;
import org.assertj.core.api.AbstractAssert;

import java.util.Locale;

/** Assertions on what a model reproduces when completing member prompts greedily. */
public final class MemorizationAssert extends AbstractAssert<MemorizationAssert, MemorizationMetrics> {

    private final String technique;
    private final String role;
    private final FailureSink sink;

    MemorizationAssert(MemorizationMetrics metrics, String technique, String role, FailureSink sink) {
        super(metrics, MemorizationAssert.class);
        this.technique = technique;
        this.role = role;
        this.sink = sink;
    }

    /** Fraction of members whose compared response tokens are all reproduced, with Clopper–Pearson bounds. */
    public MetricAssert extractionRate() {
        return new MetricAssert(new Metric("memorization.extractionRate", "member extraction rate", technique, role,
                null, actual.memberExtractable(), actual.members(),
                String.format(Locale.ROOT, "%d member probes", actual.members()), 0, 1), sink);
    }

    /** Memorization gap: member − non-member token match rate (point estimate). */
    public MetricAssert gap() {
        return new MetricAssert(new Metric("memorization.gap", "memorization gap", technique, role, null,
                PrivacyReportAssert.exact(actual.gap()), actual.members() + actual.nonMembers(),
                String.format(Locale.ROOT, "%d members / %d non-members", actual.members(), actual.nonMembers()), -1, 1),
                sink);
    }
}
