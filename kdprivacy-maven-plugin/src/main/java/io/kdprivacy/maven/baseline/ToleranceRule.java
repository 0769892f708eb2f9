package io.kdprivacy.maven.baseline;

/**
 * How far a metric may move from its baseline before it counts as changed: the larger of an absolute
 * amount and a share of the baseline value.
 *
 * @param absolute allowed change in the metric's own unit (≥ 0)
 * @param relative allowed change as a fraction of |baseline| (≥ 0)
 */
public record ToleranceRule(double absolute, double relative) {

    /** Slack for binary rounding, so that 0.62 − 0.60 is within an absolute tolerance of 0.02. */
    static final double ROUNDING = 1e-9;

    public ToleranceRule {
        if (!(absolute >= 0 && Double.isFinite(absolute)) || !(relative >= 0 && Double.isFinite(relative))) {
            throw new IllegalArgumentException("tolerances must be finite and >= 0, got absolute " + absolute
                    + ", relative " + relative);
        }
    }

    /** The change allowed around {@code baseline}. */
    public double allowed(double baseline) {
        return Math.max(absolute, relative * Math.abs(baseline));
    }

    /** True when {@code current} exceeds {@code baseline} by more than allowed (worse where higher is worse). */
    public boolean isWorse(double baseline, double current) {
        return current - baseline > allowed(baseline) + ROUNDING;
    }

    /** True when {@code current} is below {@code baseline} by more than allowed (better where higher is worse). */
    public boolean isBetter(double baseline, double current) {
        return baseline - current > allowed(baseline) + ROUNDING;
    }
}
