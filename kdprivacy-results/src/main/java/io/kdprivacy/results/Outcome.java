package io.kdprivacy.results;

/** How a privacy decision (an assertion on a metric) came out; recorded as its name in results and baselines. */
public enum Outcome {
    /** The decisive number (the interval's bound by default) is within the limit. */
    PASSED,
    /** The whole interval is beyond the limit (or, deciding on the point, the point is). */
    FAILED,
    /** The interval straddles the limit: the data cannot decide; more samples could. */
    INCONCLUSIVE
}
