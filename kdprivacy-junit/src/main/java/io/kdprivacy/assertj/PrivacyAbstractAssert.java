package io.kdprivacy.assertj;

import org.assertj.core.api.AbstractAssert;

/**
 * What every kdprivacy assert shares: failures go through AssertJ's {@link #failure} — so {@code as(...)},
 * {@code withFailMessage(...)} and {@code overridingErrorMessage(...)} shape them — and then to the
 * {@link FailureSink} (thrown at once, or collected by {@link PrivacySoftAssertions}); navigation hands the
 * description and the overriding message down to the next assert of the chain, as AssertJ's own
 * {@code extracting} does.
 */
abstract class PrivacyAbstractAssert<SELF extends PrivacyAbstractAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {

    final FailureSink sink;

    PrivacyAbstractAssert(ACTUAL actual, Class<?> selfType, FailureSink sink) {
        super(actual, selfType);
        this.sink = sink;
    }

    /** {@code next}, carrying this assert's description and overriding error message. */
    <A extends AbstractAssert<?, ?>> A inherit(A next) {
        next.info.description(info.description());
        String overriding = info.overridingErrorMessage();
        if (overriding != null) {
            next.info.overridingErrorMessage(overriding);
        }
        return next;
    }

    /**
     * Reports a failure worded {@code message}, as AssertJ would present it: thrown now, or collected when
     * soft (then the caller goes on, typically with a {@linkplain MetricAssert#skipped skipped} assert).
     */
    void fail(String message) {
        sink.fail(failure("%s", message));
    }
}
