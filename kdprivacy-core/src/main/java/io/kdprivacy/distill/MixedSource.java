package io.kdprivacy.distill;

import java.util.SplittableRandom;

/** GKD's sequences: with probability λ a step trains on student-generated data (through the buffer), else on ground truth. */
final class MixedSource implements SequenceSource {

    private final OnPolicySource student;
    private final DatasetSource groundTruth;
    private final double studentRatio;
    private final SplittableRandom random;

    MixedSource(OnPolicySource student, DatasetSource groundTruth, double studentRatio, long seed) {
        this.student = student;
        this.groundTruth = groundTruth;
        this.studentRatio = studentRatio;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public TrainingBatch next(int step, int totalSteps) {
        return random.nextDouble() < studentRatio ? student.next(step, totalSteps) : groundTruth.next(step, totalSteps);
    }

    @Override
    public double studentDataThreshold() {
        return studentRatio;
    }
}
