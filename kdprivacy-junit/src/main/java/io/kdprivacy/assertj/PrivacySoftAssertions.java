package io.kdprivacy.assertj;

import io.kdprivacy.results.ModelRole;
import io.kdprivacy.results.PrivacyReport;
import org.opentest4j.MultipleFailuresError;

import java.util.ArrayList;
import java.util.List;

/**
 * Soft privacy assertions: every failed (or inconclusive, under the fail policy) assertion is collected
 * and reported together by {@link #assertAll()} — or on {@link #close()} in a try-with-resources block.
 * <pre>{@code
 * try (PrivacySoftAssertions softly = new PrivacySoftAssertions()) {
 *     softly.assertThat(report).membership().auc().isBelow(0.6);
 *     softly.assertThat(report).canaries().extractionRate().isAtMost(0.05);
 * }
 * }</pre>
 */
public final class PrivacySoftAssertions implements AutoCloseable {

    private final List<AssertionError> errors = new ArrayList<>();
    private final FailureSink sink = errors::add;

    /** Like {@link PrivacyAssertions#assertThat}, but failures are collected. */
    public PrivacyReportAssert assertThat(PrivacyReport report) {
        return new PrivacyReportAssert(report, ModelRole.STUDENT.id(), sink);
    }

    /** The failures collected so far. */
    public List<AssertionError> errorsCollected() {
        return List.copyOf(errors);
    }

    /** Fails with every collected failure, if there is any. */
    public void assertAll() {
        if (errors.size() == 1) {
            throw errors.get(0);
        }
        if (!errors.isEmpty()) {
            throw new MultipleFailuresError("privacy assertions", new ArrayList<>(errors));
        }
    }

    @Override
    public void close() {
        assertAll();
    }
}
