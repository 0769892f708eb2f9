package io.kdprivacy.train;

/**
 * Hyper-parameters of a supervised fine-tune.
 *
 * @param learningRate  peak learning rate
 * @param minLearningRate cosine floor
 * @param warmupSteps   linear warm-up steps
 * @param weightDecay   decoupled weight decay (not applied to biases and norms)
 * @param gradientClip  maximum global gradient norm (≤ 0: off)
 * @param batchSize     examples per step
 * @param epochs        passes over the data
 * @param maxLength     longest prompt + response kept per example
 * @param seed          seed of the data order
 */
public record TrainingConfig(double learningRate, double minLearningRate, int warmupSteps, double weightDecay,
                             double gradientClip, int batchSize, int epochs, int maxLength, long seed) {

    public TrainingConfig {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (batchSize < 1 || epochs < 1 || maxLength < 2) {
            throw new IllegalArgumentException("need batchSize >= 1, epochs >= 1 and maxLength >= 2");
        }
    }

    /** Reference defaults (lr 5e-4, cosine to 1e-7, no warm-up, weight decay 0.01, clip 1.0, batch 16). */
    public static TrainingConfig defaults() {
        return new TrainingConfig(5e-4, 1e-7, 0, 0.01, 1.0, 16, 1, 128, 42);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(lr, Math.min(minLearningRate, lr), warmupSteps, weightDecay, gradientClip,
                batchSize, epochs, maxLength, seed);
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(learningRate, minLearningRate, warmupSteps, weightDecay, gradientClip,
                batchSize, n, maxLength, seed);
    }

    public TrainingConfig withBatchSize(int n) {
        return new TrainingConfig(learningRate, minLearningRate, warmupSteps, weightDecay, gradientClip,
                n, epochs, maxLength, seed);
    }

    public TrainingConfig withWarmupSteps(int n) {
        return new TrainingConfig(learningRate, minLearningRate, n, weightDecay, gradientClip,
                batchSize, epochs, maxLength, seed);
    }

    public TrainingConfig withMaxLength(int n) {
        return new TrainingConfig(learningRate, minLearningRate, warmupSteps, weightDecay, gradientClip,
                batchSize, epochs, n, seed);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(learningRate, minLearningRate, warmupSteps, weightDecay, gradientClip,
                batchSize, epochs, maxLength, s);
    }

    /** Optimisation steps for {@code examples} examples. */
    public int totalSteps(int examples) {
        return epochs * ((examples + batchSize - 1) / batchSize);
    }
}
