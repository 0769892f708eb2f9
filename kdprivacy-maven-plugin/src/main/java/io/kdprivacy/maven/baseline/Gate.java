package io.kdprivacy.maven.baseline;

import io.kdprivacy.maven.metrics.LoadedReport;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.results.Outcome;
import io.kdprivacy.results.AssertionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what fails the build: assertions that did not pass (inconclusive ones unless allowed), metrics that
 * regressed beyond their tolerance, and, if so configured, baseline entries without a result.
 *
 * @param inconclusiveFails    whether an {@code INCONCLUSIVE} assertion fails like a {@code FAILED} one
 * @param failOnMissingResults whether a baseline entry without a current value fails
 */
public record Gate(boolean inconclusiveFails, boolean failOnMissingResults) {

    /** Every violation: failed assertions in report order, then regressions, then missing results, in key order. */
    public List<Violation> violations(ResultSet results, Comparison comparison) {
        List<Violation> violations = new ArrayList<>();
        for (LoadedReport loaded : results.reports()) {
            for (AssertionRecord assertion : loaded.report().assertions()) {
                if (fails(assertion.outcome())) {
                    violations.add(Violation.of(loaded.report(), assertion));
                }
            }
        }
        comparison.with(MetricComparison.Status.REGRESSED).forEach(row -> violations.add(Violation.of(row)));
        if (failOnMissingResults) {
            comparison.with(MetricComparison.Status.MISSING).forEach(row -> violations.add(Violation.of(row)));
        }
        return violations;
    }

    /** Anything but {@code PASSED} fails, an unknown outcome included; {@code INCONCLUSIVE} only if so configured. */
    private boolean fails(String outcome) {
        return !Outcome.PASSED.name().equals(outcome) && (inconclusiveFails || !Outcome.INCONCLUSIVE.name().equals(outcome));
    }
}
