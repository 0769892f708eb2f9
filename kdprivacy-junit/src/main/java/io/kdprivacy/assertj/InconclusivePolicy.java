package io.kdprivacy.assertj;

/** What an inconclusive assertion does (configuration key {@code kdprivacy.inconclusive}). */
public enum InconclusivePolicy {
    /** Fail the test, saying how many more samples would decide (the default). */
    FAIL,
    /** Abort the test (reported as skipped), with the same message. */
    ABORT
}
