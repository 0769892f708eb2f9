package io.kdprivacy.assertj;

import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.Outcome;
import io.kdprivacy.results.Estimate;

import java.util.Locale;

/**
 * Compares one privacy {@link Metric} with a limit. By default the decision uses the confidence bound
 * on the unsafe side (the upper bound for {@code isBelow}/{@code isAtMost}, the lower bound for
 * {@code isAbove}/{@code isAtLeast}), which gives three outcomes:
 * <ul>
 *   <li><b>pass</b> — the whole interval is within the limit;</li>
 *   <li><b>fail</b> — the whole interval is beyond it;</li>
 *   <li><b>inconclusive</b> — the interval straddles the limit. It fails by default with a message saying
 *       roughly how many more samples would decide it; {@code kdprivacy.inconclusive=abort} skips the test
 *       instead.</li>
 * </ul>
 * {@link #pointEstimate()} decides on the point estimate alone (pass or fail, never inconclusive). Every
 * decision is recorded in the results JSON when running under {@code @PrivacyTest}.
 */
public final class MetricAssert extends PrivacyAbstractAssert<MetricAssert, Metric> {

    private final boolean onPoint;

    MetricAssert(Metric metric, FailureSink sink) {
        this(metric, sink, false);
    }

    private MetricAssert(Metric metric, FailureSink sink, boolean onPoint) {
        super(metric, MetricAssert.class, sink);
        this.onPoint = onPoint;
    }

    /**
     * The assert a soft navigation step returns after it failed (the failure is already collected): its
     * decisions do nothing, so the rest of the chain neither fails twice nor loses earlier failures.
     */
    static MetricAssert skipped(FailureSink sink) {
        return new MetricAssert(null, sink, false);
    }

    /** Decide on the confidence bound (the default). */
    public MetricAssert upperBound() {
        return inherit(new MetricAssert(actual, sink, false));
    }

    /** Decide on the point estimate, ignoring the interval. */
    public MetricAssert pointEstimate() {
        return inherit(new MetricAssert(actual, sink, true));
    }

    /** The metric must be strictly below {@code limit}. */
    public MetricAssert isBelow(double limit) {
        return decide("isBelow", limit, true, false);
    }

    /** The metric must be at most {@code limit}. */
    public MetricAssert isAtMost(double limit) {
        return decide("isAtMost", limit, true, true);
    }

    /** The metric must be strictly above {@code limit} (e.g. a teacher that must show its leakage). */
    public MetricAssert isAbove(double limit) {
        return decide("isAbove", limit, false, false);
    }

    /** The metric must be at least {@code limit}. */
    public MetricAssert isAtLeast(double limit) {
        return decide("isAtLeast", limit, false, true);
    }

    private MetricAssert decide(String comparison, double limit, boolean upperLimit, boolean inclusive) {
        if (actual == null) {
            return this;
        }
        if (Double.isNaN(limit) || limit < actual.min() || limit > actual.max()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: limit %s is outside [%s, %s]",
                    actual.describe(), limit, fmt(actual.min()), fmt(actual.max())));
        }
        Estimate e = actual.estimate();
        double decisive = onPoint ? e.value() : upperLimit ? e.upper() : e.lower();
        double other = onPoint ? e.value() : upperLimit ? e.lower() : e.upper();
        Outcome outcome;
        if (within(decisive, limit, upperLimit, inclusive)) {
            outcome = Outcome.PASSED;
        } else if (!within(other, limit, upperLimit, inclusive)) {
            outcome = Outcome.FAILED;
        } else {
            outcome = Outcome.INCONCLUSIVE;
        }
        AssertionLog.record(new AssertionRecord(actual.key(), actual.model(), actual.attack(), comparison, limit,
                e.value(), decisive, outcome.name()));
        String phrase = comparison.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
        if (outcome == Outcome.FAILED) {
            fail(String.format(Locale.ROOT, "%s = %s is not %s %s%s", actual.describe(),
                    value(), phrase.substring(3), fmt(limit),
                    onPoint ? " (deciding on the point estimate)"
                            : " (deciding on the " + (upperLimit ? "upper" : "lower") + " bound " + fmt(decisive) + ")"));
        } else if (outcome == Outcome.INCONCLUSIVE) {
            sink.inconclusive(failure("%s", String.format(Locale.ROOT, "%s = %s is inconclusive against %s %s: the "
                    + "interval straddles the limit. %s", actual.describe(), value(), phrase.substring(3), fmt(limit),
                    moreSamples(limit))), AssertionLog.policy());
        }
        return this;
    }

    private static boolean within(double x, double limit, boolean upperLimit, boolean inclusive) {
        if (upperLimit) {
            return inclusive ? x <= limit : x < limit;
        }
        return inclusive ? x >= limit : x > limit;
    }

    /**
     * Interval half-widths shrink about as 1/√n, so deciding needs the half-width on the point's side to
     * shrink to the point's distance from the limit.
     */
    private String moreSamples(double limit) {
        Estimate e = actual.estimate();
        double distance = Math.abs(e.value() - limit);
        double halfWidth = e.value() < limit ? e.upper() - e.value() : e.value() - e.lower();
        if (distance == 0 || actual.n() == 0) {
            return "The point estimate sits on the limit; no sample size would decide it.";
        }
        double factor = Math.pow(halfWidth / distance, 2);
        long needed = (long) Math.ceil(actual.n() * factor - 1e-9);
        return String.format(Locale.ROOT, "About %.1f× the samples (≈ %d instead of %d; now %s) would decide it if the "
                + "point estimate holds.", factor, needed, actual.n(), actual.sample());
    }

    private String value() {
        Estimate e = actual.estimate();
        String sample = actual.sample() == null ? "" : ", " + actual.sample();
        if (!actual.hasInterval()) {
            return fmt(e.value()) + (sample.isEmpty() ? "" : " (" + sample.substring(2) + ")");
        }
        return String.format(Locale.ROOT, "%s (%d%% CI %s–%s%s)", fmt(e.value()), Math.round(e.confidence() * 100),
                fmt(e.lower()), fmt(e.upper()), sample);
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
