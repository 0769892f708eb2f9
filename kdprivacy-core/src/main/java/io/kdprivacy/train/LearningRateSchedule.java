package io.kdprivacy.train;

/**
 * Linear warm-up to the peak rate, then cosine decay to a floor, over a known number of steps.
 *
 * @param peak        rate reached after warm-up
 * @param floor       rate at the last step
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param totalSteps  steps in the whole run
 */
public record LearningRateSchedule(double peak, double floor, int warmupSteps, int totalSteps) {

    public LearningRateSchedule {
        if (!(peak > 0) || floor < 0 || floor > peak) {
            throw new IllegalArgumentException("need 0 <= floor <= peak and peak > 0, got peak " + peak + ", floor " + floor);
        }
        if (warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("need warmupSteps >= 0 and totalSteps >= 1");
        }
    }

    /** The rate of the 0-based step {@code step}. */
    public double rate(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps - 1);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
    }
}
