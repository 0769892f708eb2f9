package io.kdprivacy.train;

/** The loss became NaN or infinite; the weights keep the values of the last finite step. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int step;

    public TrainingDivergedException(String message, int step) {
        super(message);
        this.step = step;
    }

    /** The 0-based step whose loss was not finite. */
    public int step() {
        return step;
    }
}
