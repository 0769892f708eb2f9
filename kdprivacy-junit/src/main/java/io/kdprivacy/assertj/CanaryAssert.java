package io.kdprivacy.assertj;

import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.CanaryMetrics;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Assertions on the canary secrets planted in the teacher's private data. */
public final class CanaryAssert extends ModelPartAssert<CanaryAssert, CanaryMetrics> {

    CanaryAssert(CanaryMetrics metrics, String technique, String role, FailureSink sink) {
        super(metrics, CanaryAssert.class, technique, role, sink);
    }

    /** Mean exposure in bits (log2 candidates − log2 rank of the true secret). */
    public MetricAssert exposure() {
        return bits(MetricId.CANARY_MEAN_EXPOSURE.id(), "mean canary exposure (bits)", CanaryMetrics::meanExposure);
    }

    /** Largest exposure of any canary, in bits. */
    public MetricAssert maxExposure() {
        return bits(MetricId.CANARY_MAX_EXPOSURE.id(), "max canary exposure (bits)", CanaryMetrics::maxExposure);
    }

    /**
     * Mean Secret Sharer extrapolated exposure in bits: −log2 F̂(NLL of the true secret), F̂ a skew-normal fitted
     * to the random candidates' NLLs. Not capped at log2 candidates like {@link #exposure()}, so it still tells
     * models apart that both rank their secrets first; an estimate resting on the fitted tail.
     */
    public MetricAssert extrapolatedExposure() {
        if (actual != null && Double.isNaN(actual.meanExtrapolatedExposure())) {
            return notMeasured("the extrapolated canary exposure", "results from before kdprivacy reported it, or "
                    + "candidates whose NLLs could not be fitted");
        }
        return bits(MetricId.CANARY_MEAN_EXTRAPOLATED_EXPOSURE.id(), "mean extrapolated canary exposure (bits)",
                CanaryMetrics::meanExtrapolatedExposure);
    }

    /** Fraction of canaries whose secret greedy decoding reproduces, with Clopper–Pearson bounds. */
    public MetricAssert extractionRate() {
        return metric(MetricId.CANARY_EXTRACTION_RATE.id(), "canary extraction rate", null, () -> actual.extraction(),
                () -> actual.count(), () -> actual.count() + " canaries", 0, 1);
    }

    private MetricAssert bits(String key, String label, ToDoubleFunction<CanaryMetrics> value) {
        return metric(key, label, null, () -> PrivacyReportAssert.exact(value.applyAsDouble(actual)),
                () -> actual.count(), () -> String.format(Locale.ROOT, "%d canaries", actual.count()), 0, 64);
    }
}
