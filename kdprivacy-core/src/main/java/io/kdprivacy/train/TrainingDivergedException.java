package io.kdprivacy.train;

import java.util.Locale;

/** The loss became NaN or infinite; the weights keep the values of the last finite step. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int step;

    public TrainingDivergedException(String message, int step) {
        super(message);
        this.step = step;
    }

    /**
     * The exception for a non-finite {@code quantity} at 0-based {@code step}, worded as the progress log counts
     * steps (from 1) and naming the learning rate of the last update actually applied — the one that led to
     * these weights — or that no update had been applied yet.
     *
     * @param lastRate the learning rate of step {@code step − 1}, ignored when {@code step} is 0
     */
    public static TrainingDivergedException at(String task, String quantity, double value, int step, int totalSteps,
                                               double lastRate) {
        String cause = step == 0 ? "before any update: the initial weights or the first batch give a non-finite "
                + quantity : String.format(Locale.ROOT, "after step %d's update at learning rate %.3g", step, lastRate);
        return new TrainingDivergedException(String.format(Locale.ROOT, "%s: %s became %s at step %d of %d, %s; "
                + "the weights keep the values of the last finite step", task, quantity, value, step + 1, totalSteps,
                cause), step);
    }

    /** The 0-based step whose loss was not finite. */
    public int step() {
        return step;
    }
}
