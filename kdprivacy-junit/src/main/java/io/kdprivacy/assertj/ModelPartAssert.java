package io.kdprivacy.assertj;

import io.kdprivacy.results.Estimate;
import org.assertj.core.api.AbstractAssert;

/**
 * Base of the asserts on one part of one model's report (membership, memorization, canaries): knows the
 * technique and model for messages and where failures go.
 */
abstract class ModelPartAssert<SELF extends ModelPartAssert<SELF, ACTUAL>, ACTUAL> extends AbstractAssert<SELF, ACTUAL> {

    private final String technique;
    private final String role;
    private final FailureSink sink;

    ModelPartAssert(ACTUAL actual, Class<?> selfType, String technique, String role, FailureSink sink) {
        super(actual, selfType);
        this.technique = technique;
        this.role = role;
        this.sink = sink;
    }

    /** A metric of this model, limits allowed in [{@code min}, {@code max}]. */
    MetricAssert metric(String key, String label, String attack, Estimate estimate, int n, String sample, double min,
                        double max) {
        return new MetricAssert(new Metric(key, label, technique, role, attack, estimate, n, sample, min, max), sink);
    }
}
