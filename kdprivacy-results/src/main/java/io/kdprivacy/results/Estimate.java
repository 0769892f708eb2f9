package io.kdprivacy.results;

/**
 * A point estimate with its confidence interval.
 *
 * @param value      the point estimate
 * @param lower      lower bound of the interval
 * @param upper      upper bound of the interval
 * @param confidence confidence level of the interval, e.g. 0.95
 */
public record Estimate(double value, double lower, double upper, double confidence) {

    public Estimate {
        if (Double.isNaN(value) || Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("malformed estimate " + value + " [" + lower + ", " + upper + "]");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /** True when the interval contains {@code x}. */
    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }
}
