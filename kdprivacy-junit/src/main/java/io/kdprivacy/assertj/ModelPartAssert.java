package io.kdprivacy.assertj;

import io.kdprivacy.results.Estimate;

import java.util.function.Supplier;

/**
 * Base of the asserts on one part of one model's report (membership, memorization, canaries): knows the
 * technique and model for messages and where failures go. Its actual value is null when the soft navigation
 * step that led here failed; then every metric it offers is {@linkplain MetricAssert#skipped skipped}.
 */
abstract class ModelPartAssert<SELF extends ModelPartAssert<SELF, ACTUAL>, ACTUAL> extends PrivacyAbstractAssert<SELF, ACTUAL> {

    private final String technique;
    private final String role;

    ModelPartAssert(ACTUAL actual, Class<?> selfType, String technique, String role, FailureSink sink) {
        super(actual, selfType, sink);
        this.technique = technique;
        this.role = role;
    }

    /** Fails with "[technique] {@code what} was not measured on the role ({@code why})"; returns a skipped assert. */
    MetricAssert notMeasured(String what, String why) {
        fail(String.format("[%s] %s was not measured on the %s (%s)", technique, what, role, why));
        return MetricAssert.skipped(sink);
    }

    /** A metric of this model, limits allowed in [{@code min}, {@code max}]; its numbers are read only if there are some. */
    MetricAssert metric(String key, String label, String attack, Supplier<Estimate> estimate, Supplier<Integer> n,
                        Supplier<String> sample, double min, double max) {
        if (actual == null) {
            return MetricAssert.skipped(sink);
        }
        return inherit(new MetricAssert(new Metric(key, label, technique, role, attack, estimate.get(), n.get(),
                sample.get(), min, max), sink));
    }
}
