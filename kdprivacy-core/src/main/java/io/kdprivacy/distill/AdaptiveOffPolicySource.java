package io.kdprivacy.distill;

import java.util.SplittableRandom;

/**
 * DistiLLM's adaptive off-policy schedule (reference {@code finetune.py}, replay "decreasing"): a
 * threshold τ starts at τ₀; each step draws r ~ U(0, 1) and with s = τ·(1 − step/total)
 * <ul>
 *   <li>r &lt; s, or r &lt; τ while the buffer is not yet full: the student generates a fresh batch into
 *       the buffer and the step trains on a batch drawn from it;</li>
 *   <li>else r &lt; τ: the step trains on a batch drawn from the buffer;</li>
 *   <li>else: the step trains on ground truth.</li>
 * </ul>
 * After each epoch, a validation loss at least ε above the previous reference raises τ by a step
 * (capped at 1) and becomes the new reference.
 */
final class AdaptiveOffPolicySource implements SequenceSource {

    private final OnPolicySource student;
    private final DatasetSource groundTruth;
    private final double lossEpsilon;
    private final double thresholdStep;
    private final SplittableRandom random;
    private double threshold;
    private double referenceLoss = Double.POSITIVE_INFINITY;

    AdaptiveOffPolicySource(OnPolicySource student, DatasetSource groundTruth, double initThreshold,
                            double lossEpsilon, double thresholdStep, long seed) {
        this.student = student;
        this.groundTruth = groundTruth;
        this.threshold = initThreshold;
        this.lossEpsilon = lossEpsilon;
        this.thresholdStep = thresholdStep;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public TrainingBatch next(int step, int totalSteps) {
        double r = random.nextDouble();
        double s = threshold * (1 - (double) step / totalSteps);
        if (r < s || (r < threshold && !student.bufferFull())) {
            student.generate(step);
            return student.fromBuffer(step);
        }
        if (r < threshold) {
            return student.fromBuffer(step);
        }
        return groundTruth.next(step, totalSteps);
    }

    @Override
    public void validated(double loss) {
        if (referenceLoss == Double.POSITIVE_INFINITY) {
            referenceLoss = loss;
        } else if (loss >= referenceLoss + lossEpsilon) {
            threshold = Math.min(1.0, threshold + thresholdStep);
            referenceLoss = loss;
        }
    }

    @Override
    public double studentDataThreshold() {
        return threshold;
    }
}
