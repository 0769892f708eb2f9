package io.kdprivacy.distill;

/** Supplies the sequences of each distillation step: the "where do training sequences come from" half of a technique. */
interface SequenceSource {

    /** The batch for 0-based {@code step} of {@code totalSteps}. */
    TrainingBatch next(int step, int totalSteps);

    /** Called with the student's validation loss after each epoch (adaptive sources react to it). */
    default void validated(double loss) {
    }

    /** Current probability of drawing student-generated data (for reports; 0 for fixed sources). */
    default double studentDataThreshold() {
        return 0;
    }
}
