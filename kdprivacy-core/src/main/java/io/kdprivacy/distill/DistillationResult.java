package io.kdprivacy.distill;

import java.util.List;

/**
 * What a distillation run did.
 *
 * @param technique          the technique
 * @param steps              optimisation steps taken
 * @param losses             the divergence of every step, in order
 * @param validationLosses   the student's response cross-entropy on the validation data before
 *                           training and after each epoch
 * @param studentDataFraction fraction of each step's batch that the student generated
 * @param finalThreshold     the student-data probability at the end (DistiLLM's τ; GKD's λ; else 0)
 * @param seconds            wall-clock duration
 * @param sequences          training sequences the steps used, with repeats (MiniLLM: rollouts and the
 *                           ground-truth sequences of its language-modelling term)
 * @param responseTokens     response tokens the steps' losses were computed on, with repeats
 */
public record DistillationResult(KdTechnique technique, int steps, double[] losses, List<Double> validationLosses,
                                 double[] studentDataFraction, double finalThreshold, double seconds, long sequences,
                                 long responseTokens) {

    public DistillationResult {
        validationLosses = List.copyOf(validationLosses);
    }

    /** Mean over steps of the student-generated fraction of the batch. */
    public double meanStudentDataFraction() {
        double sum = 0;
        for (double f : studentDataFraction) {
            sum += f;
        }
        return studentDataFraction.length == 0 ? 0 : sum / studentDataFraction.length;
    }
}
