package io.kdprivacy.train;

/**
 * What a training run did.
 *
 * @param steps    optimisation steps taken
 * @param losses   the loss of every step, in order
 * @param tokens   response tokens trained on
 * @param seconds  wall-clock duration
 */
public record TrainingResult(int steps, double[] losses, long tokens, double seconds) {

    /** Mean loss of the first {@code n} steps. */
    public double meanLossOfFirst(int n) {
        return mean(0, Math.min(n, losses.length));
    }

    /** Mean loss of the last {@code n} steps. */
    public double meanLossOfLast(int n) {
        return mean(Math.max(0, losses.length - n), losses.length);
    }

    private double mean(int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += losses[i];
        }
        return sum / Math.max(1, to - from);
    }
}
