package io.kdprivacy.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Logs progress of a long run (step, loss, tokens/s, ETA) at most every {@code interval}, plus the
 * first and last step, through SLF4J.
 */
public final class TrainingProgress {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingProgress.class);

    private final String task;
    private final int totalSteps;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastLog;
    private long tokens;

    public TrainingProgress(String task, int totalSteps, Duration interval) {
        this.task = task;
        this.totalSteps = totalSteps;
        this.intervalNanos = interval.toNanos();
        this.lastLog = start;
    }

    /** Records a finished 0-based step that processed {@code stepTokens} tokens. */
    public void stepDone(int step, double loss, long stepTokens) {
        tokens += stepTokens;
        long now = System.nanoTime();
        boolean last = step + 1 == totalSteps;
        if (step == 0 || last || now - lastLog >= intervalNanos) {
            lastLog = now;
            double seconds = (now - start) / 1e9;
            double perStep = seconds / (step + 1);
            long etaSeconds = Math.round(perStep * (totalSteps - step - 1));
            if (LOG.isInfoEnabled()) {
                LOG.info(String.format("%s: step %d/%d loss %.4f, %.0f tokens/s, ETA %dm%02ds",
                        task, step + 1, totalSteps, loss, tokens / Math.max(seconds, 1e-9),
                        etaSeconds / 60, etaSeconds % 60));
            }
        }
    }

    /** Tokens processed so far. */
    public long tokens() {
        return tokens;
    }

    /** Seconds since the run started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
