package io.kdprivacy.stats;

/**
 * A confidence interval {@code [lower, upper]} around a point estimate.
 *
 * <p>The point is not required to lie inside the interval: a bootstrap percentile interval of a
 * biased statistic may exclude it.
 *
 * @param lower      lower end, inclusive
 * @param point      the estimate on the full data
 * @param upper      upper end, inclusive
 * @param confidence nominal coverage, strictly between 0 and 1
 */
public record Interval(double lower, double point, double upper, double confidence) {

    /** @throws IllegalArgumentException on NaN ends, {@code lower > upper} or a confidence outside (0, 1) */
    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || Double.isNaN(point)) {
            throw new IllegalArgumentException("lower, point and upper must not be NaN, got "
                    + lower + ", " + point + ", " + upper);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower must not exceed upper, got " + lower + " > " + upper);
        }
        Checks.openUnit(confidence, "confidence");
    }

    /** Whether {@code lower <= value <= upper}. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** {@code upper - lower}. */
    public double width() {
        return upper - lower;
    }
}
