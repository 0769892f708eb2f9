package io.kdprivacy.assertj;

import org.opentest4j.TestAbortedException;

/** Where failed and inconclusive privacy assertions go: thrown at once, or collected by soft assertions. */
interface FailureSink {

    void fail(AssertionError error);

    /** Throws immediately. */
    FailureSink HARD = error -> {
        throw error;
    };

    /** An inconclusive result under {@code policy}: a failure, or an abort (skipped test). */
    default void inconclusive(AssertionError failure, InconclusivePolicy policy) {
        if (policy == InconclusivePolicy.ABORT) {
            throw new TestAbortedException(failure.getMessage());
        }
        fail(failure);
    }
}
