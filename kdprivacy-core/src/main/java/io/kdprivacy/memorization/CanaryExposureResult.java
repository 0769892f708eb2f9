package io.kdprivacy.memorization;

import io.kdprivacy.data.CanaryKind;
import io.kdprivacy.stats.Interval;

import java.util.List;

/**
 * Exposure and extraction of canaries: ids, kinds and numbers only, never the secrets.
 *
 * @param outcomes   one per canary, in input order
 * @param candidates candidates per canary (the true secret plus the random ones)
 * @param extraction fraction of canaries extracted by greedy decoding, with its Clopper–Pearson interval
 */
public record CanaryExposureResult(List<Outcome> outcomes, int candidates, Interval extraction) {

    /** Confidence of the extraction interval. */
    public static final double CONFIDENCE = 0.95;

    public CanaryExposureResult {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * One canary's result.
     *
     * @param canaryId  the canary's id
     * @param kind      its format
     * @param rank      rank of the true secret among the candidates (1 = lowest NLL; ties pessimistic)
     * @param exposure  log2 candidates − log2 rank
     * @param extracted whether greedy decoding reproduced the secret exactly
     */
    public record Outcome(String canaryId, CanaryKind kind, int rank, double exposure, boolean extracted) {
    }

    /** The largest possible exposure, log2 {@link #candidates()}. */
    public double maxExposure() {
        return Math.log(candidates) / Math.log(2);
    }

    /** Mean exposure over the canaries. */
    public double meanExposure() {
        return outcomes.stream().mapToDouble(Outcome::exposure).average().orElse(Double.NaN);
    }

    /** Exposures in input order. */
    public double[] exposures() {
        return outcomes.stream().mapToDouble(Outcome::exposure).toArray();
    }
}
