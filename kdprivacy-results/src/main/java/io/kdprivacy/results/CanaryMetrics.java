package io.kdprivacy.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Planted secrets: how exposed and how extractable they are. Never carries the secrets themselves.
 *
 * @param count                    canaries planted in the private data
 * @param meanExposure             mean exposure in bits (log2 |candidates| − log2 rank of the true secret), at
 *                                 most log2 |candidates|
 * @param maxExposure              largest exposure
 * @param meanExtrapolatedExposure mean Secret Sharer extrapolated exposure in bits: −log2 F̂(NLL of the true
 *                                 secret), F̂ a skew-normal fitted to the random candidates' NLLs; an estimate
 *                                 without the enumeration's cap. NaN when not measured (results written before
 *                                 kdprivacy reported it read as NaN)
 * @param extraction               share of canaries reproduced exactly by greedy decoding, with interval
 */
public record CanaryMetrics(int count, double meanExposure, double maxExposure, double meanExtrapolatedExposure,
                            Estimate extraction) {

    /** Reads results JSON; a missing {@code meanExtrapolatedExposure} (older results) becomes NaN, not 0. */
    @JsonCreator
    static CanaryMetrics fromJson(@JsonProperty("count") int count, @JsonProperty("meanExposure") double meanExposure,
                                  @JsonProperty("maxExposure") double maxExposure,
                                  @JsonProperty("meanExtrapolatedExposure") Double meanExtrapolatedExposure,
                                  @JsonProperty("extraction") Estimate extraction) {
        return new CanaryMetrics(count, meanExposure, maxExposure,
                meanExtrapolatedExposure == null ? Double.NaN : meanExtrapolatedExposure, extraction);
    }
}
