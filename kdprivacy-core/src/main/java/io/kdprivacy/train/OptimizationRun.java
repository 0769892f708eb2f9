package io.kdprivacy.train;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.Torch;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;

/**
 * What every trainer shares once a step's loss is computed and back-propagated: the loss checked (a non-finite
 * one stops the run with a {@link TrainingDivergedException} that counts steps as the progress log does), the
 * AdamW update at the step's learning rate with gradient clipping, the loss recorded, progress logged. SFT,
 * distillation and MiniLLM differ only in where their batches and losses come from. Makes the model trainable
 * while open; close it (try-with-resources) to free the optimizer and freeze the model again.
 */
public final class OptimizationRun implements AutoCloseable {

    private final CausalLm model;
    private final String task;
    private final String quantity;
    private final int plannedSteps;
    private final IntToDoubleFunction rate;
    private final double gradientClip;
    private final AdamW optimizer;
    private final TrainingProgress progress;
    private double[] losses;
    private int step;

    /**
     * @param task         the run's name in logs and messages
     * @param quantity     what the loss is called in a divergence message ({@code loss}, {@code divergence})
     * @param plannedSteps the steps the run expects (for progress and messages)
     * @param rate         the learning rate of each 0-based step
     */
    public OptimizationRun(CausalLm model, String task, String quantity, int plannedSteps, IntToDoubleFunction rate,
                           double weightDecay, double gradientClip, Duration logInterval) {
        this.model = model;
        this.task = task;
        this.quantity = quantity;
        this.plannedSteps = plannedSteps;
        this.rate = rate;
        this.gradientClip = gradientClip;
        this.losses = new double[Math.max(plannedSteps, 1)];
        this.progress = new TrainingProgress(task, plannedSteps, logInterval);
        model.setTrainable(true);
        this.optimizer = new AdamW(model.parameters(), weightDecay);
    }

    /**
     * Applies the update for the step whose loss ({@code loss}, back-propagated if finite) was just computed.
     *
     * @param context  added to the task name in a divergence message, e.g. {@code (epoch 2)}; may be empty
     * @param tokens   tokens the step trained on (for throughput)
     * @throws TrainingDivergedException if {@code loss} is not finite (no update is applied)
     */
    public void step(double loss, long tokens, String context) {
        if (!Double.isFinite(loss)) {
            zeroGradients();
            throw TrainingDivergedException.at(task + context, quantity, loss, step, plannedSteps,
                    step == 0 ? Double.NaN : rate.applyAsDouble(step - 1));
        }
        optimizer.clipAndStep(rate.applyAsDouble(step), gradientClip);
        if (step == losses.length) {
            losses = Arrays.copyOf(losses, 2 * losses.length);
        }
        losses[step] = loss;
        progress.stepDone(Math.min(step, plannedSteps - 1), loss, tokens);
        step++;
    }

    /** Runs {@code body} with the model frozen (validation, generation), then makes it trainable again. */
    public <T> T frozen(Supplier<T> body) {
        model.setTrainable(false);
        try {
            return body.get();
        } finally {
            model.setTrainable(true);
        }
    }

    /** Steps applied so far. */
    public int steps() {
        return step;
    }

    /** The loss of every step applied, in order. */
    public double[] losses() {
        return Arrays.copyOf(losses, step);
    }

    /** Tokens trained on so far. */
    public long tokens() {
        return progress.tokens();
    }

    /** Seconds since the run started. */
    public double elapsedSeconds() {
        return progress.elapsedSeconds();
    }

    private void zeroGradients() {
        model.parameters().values().forEach(p -> {
            if (Torch.gradient(p) != null) {
                Torch.zeroGrad(p);
            }
        });
    }

    @Override
    public void close() {
        try {
            optimizer.close();
        } finally {
            model.setTrainable(false);
        }
    }
}
