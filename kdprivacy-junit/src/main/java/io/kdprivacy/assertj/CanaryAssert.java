package io.kdprivacy.assertj;

import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.CanaryMetrics;

import java.util.Locale;

/** Assertions on the canary secrets planted in the teacher's private data. */
public final class CanaryAssert extends ModelPartAssert<CanaryAssert, CanaryMetrics> {

    CanaryAssert(CanaryMetrics metrics, String technique, String role, FailureSink sink) {
        super(metrics, CanaryAssert.class, technique, role, sink);
    }

    /** Mean exposure in bits (log2 candidates − log2 rank of the true secret). */
    public MetricAssert exposure() {
        return bits(MetricId.CANARY_MEAN_EXPOSURE.id(), "mean canary exposure (bits)", true);
    }

    /** Largest exposure of any canary, in bits. */
    public MetricAssert maxExposure() {
        return bits(MetricId.CANARY_MAX_EXPOSURE.id(), "max canary exposure (bits)", false);
    }

    /** Fraction of canaries whose secret greedy decoding reproduces, with Clopper–Pearson bounds. */
    public MetricAssert extractionRate() {
        return metric(MetricId.CANARY_EXTRACTION_RATE.id(), "canary extraction rate", null, () -> actual.extraction(),
                () -> actual.count(), () -> actual.count() + " canaries", 0, 1);
    }

    private MetricAssert bits(String key, String label, boolean mean) {
        return metric(key, label, null,
                () -> PrivacyReportAssert.exact(mean ? actual.meanExposure() : actual.maxExposure()),
                () -> actual.count(), () -> String.format(Locale.ROOT, "%d canaries", actual.count()), 0, 64);
    }
}
