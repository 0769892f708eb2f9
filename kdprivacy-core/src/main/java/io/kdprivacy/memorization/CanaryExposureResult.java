package io.kdprivacy.memorization;

import io.kdprivacy.data.CanaryKind;
import io.kdprivacy.stats.Interval;

import java.util.List;

/**
 * Exposure and extraction of canaries: ids, kinds and numbers only, never the secrets. Exposure comes twice: enumerated
 * from the rank (capped at log2 {@link #candidates()}) and extrapolated from a skew-normal fitted to the random
 * candidates' NLLs (an uncapped estimate; see {@link CanaryExposure}).
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
     * @param canaryId             the canary's id
     * @param kind                 its format
     * @param rank                 rank of the true secret among the candidates (1 = lowest NLL; ties pessimistic)
     * @param exposure             log2 candidates − log2 rank (enumerated, so at most log2 candidates)
     * @param extrapolatedExposure −log2 F̂(NLL of the true secret), F̂ a skew-normal fitted to the random
     *                             candidates' NLLs (an estimate, not capped; NaN if it could not be fitted)
     * @param extracted            whether greedy decoding reproduced the secret exactly
     */
    public record Outcome(String canaryId, CanaryKind kind, int rank, double exposure, double extrapolatedExposure,
                          boolean extracted) {
    }

    /** The largest possible exposure, log2 {@link #candidates()}. */
    public double maxExposure() {
        return Math.log(candidates) / Math.log(2);
    }

    /** Mean exposure over the canaries. */
    public double meanExposure() {
        return outcomes.stream().mapToDouble(Outcome::exposure).average().orElse(Double.NaN);
    }

    /** Mean extrapolated exposure over the canaries; NaN if any canary's could not be fitted. */
    public double meanExtrapolatedExposure() {
        return outcomes.stream().mapToDouble(Outcome::extrapolatedExposure).average().orElse(Double.NaN);
    }

    /** Exposures in input order. */
    public double[] exposures() {
        return outcomes.stream().mapToDouble(Outcome::exposure).toArray();
    }
}
