package io.kdprivacy.assertj;

import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.UtilityMetrics;

import java.util.function.ToDoubleFunction;

/**
 * Assertions on a model's task quality on the held-out examples (utility beside privacy). ROUGE-L comes with a
 * bootstrap interval and is decided on its bound like any privacy metric ({@code isAbove} on the lower bound);
 * perplexity and holdout NLL are exact values.
 */
public final class UtilityAssert extends ModelPartAssert<UtilityAssert, UtilityMetrics> {

    UtilityAssert(UtilityMetrics metrics, String technique, String role, FailureSink sink) {
        super(metrics, UtilityAssert.class, technique, role, sink);
    }

    /** Mean ROUGE-L F1 of the greedy responses against the held-out references, with a bootstrap interval. */
    public MetricAssert rougeL() {
        if (actual != null && actual.rougeL() == null) {
            return notMeasured("ROUGE-L", "the result has no ROUGE-L");
        }
        return metric(MetricId.UTILITY_ROUGE_L.id(), "ROUGE-L", null, () -> actual.rougeL(), () -> actual.examples(),
                this::sample, 0, 1);
    }

    /** Perplexity on the held-out responses: {@code exp} of {@link #holdoutNll()} (lower is better). */
    public MetricAssert perplexity() {
        return exact(MetricId.UTILITY_PERPLEXITY.id(), "perplexity", UtilityMetrics::perplexity, 1);
    }

    /** Mean NLL per held-out response token, in nats (lower is better). */
    public MetricAssert holdoutNll() {
        return exact(MetricId.UTILITY_HOLDOUT_NLL.id(), "holdout NLL (nats per token)", UtilityMetrics::holdoutNll, 0);
    }

    private MetricAssert exact(String key, String label, ToDoubleFunction<UtilityMetrics> value, double min) {
        if (actual != null && !Double.isFinite(value.applyAsDouble(actual))) {
            return notMeasured("the " + label, "no held-out response tokens were scored");
        }
        return metric(key, label, null, () -> PrivacyReportAssert.exact(value.applyAsDouble(actual)),
                () -> actual.examples(), this::sample, min, Double.POSITIVE_INFINITY);
    }

    private String sample() {
        return actual.examples() + " held-out examples";
    }
}
