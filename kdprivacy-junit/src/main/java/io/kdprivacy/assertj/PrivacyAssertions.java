package io.kdprivacy.assertj;

import io.kdprivacy.results.ModelRole;
import io.kdprivacy.results.PrivacyReport;

/**
 * Entry point of kdprivacy's AssertJ assertions:
 * <pre>{@code
 * assertThat(report).membership().auc().isBelow(0.60);
 * assertThat(report).memorization().extractionRate().isAtMost(0.01);
 * assertThat(report).inheritedLeakage().isBelow(0.05);
 * assertThat(report).teacher().membership(Attack.LOSS).auc().isAbove(0.5);
 * }</pre>
 */
public final class PrivacyAssertions {

    private PrivacyAssertions() {
    }

    /** Assertions about {@code report}'s student (navigate to other models with {@code teacher()} etc.). */
    public static PrivacyReportAssert assertThat(PrivacyReport report) {
        return new PrivacyReportAssert(report, ModelRole.STUDENT.id(), FailureSink.HARD);
    }
}
