package io.kdprivacy.maven.baseline;

import io.kdprivacy.maven.metrics.MetricKey;
import io.kdprivacy.results.MetricId;

/**
 * One metric's current point value against its baseline.
 *
 * @param key      what was compared
 * @param baseline the baseline value, or null if the baseline has none ({@link Status#NEW})
 * @param current  the current value, or null if no result has it ({@link Status#MISSING})
 * @param allowed  the change the tolerance allows around the baseline (0 without a baseline)
 * @param status   the verdict
 */
public record MetricComparison(MetricKey key, Double baseline, Double current, double allowed, Status status) {

    /** How a current value stands against its baseline. */
    public enum Status {
        /**
         * Worse than the baseline by more than the tolerance: higher, or lower for a metric where higher is better
         * ({@link MetricId#higherIsWorse()}, e.g. ROUGE-L).
         */
        REGRESSED,
        /** In the baseline but in no result. */
        MISSING,
        /** Better than the baseline by more than the tolerance (lower, or higher where higher is better). */
        IMPROVED,
        /** Within the tolerance of the baseline. */
        WITHIN_TOLERANCE,
        /** Measured, but not in the baseline yet. */
        NEW
    }

    /** Compares {@code current} with {@code baseline} (either may be null, not both). */
    static MetricComparison of(MetricKey key, Double baseline, Double current, ToleranceRule tolerance) {
        if (baseline == null) {
            return new MetricComparison(key, null, current, 0, Status.NEW);
        }
        double allowed = tolerance.allowed(baseline);
        boolean higherIsWorse = MetricId.byId(key.metric()).map(MetricId::higherIsWorse).orElse(true);
        Status status = current == null ? Status.MISSING
                : (higherIsWorse ? tolerance.isWorse(baseline, current) : tolerance.isBetter(baseline, current))
                        ? Status.REGRESSED
                : (higherIsWorse ? tolerance.isBetter(baseline, current) : tolerance.isWorse(baseline, current))
                        ? Status.IMPROVED
                : Status.WITHIN_TOLERANCE;
        return new MetricComparison(key, baseline, current, allowed, status);
    }
}
