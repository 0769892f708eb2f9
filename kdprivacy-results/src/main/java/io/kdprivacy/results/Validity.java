package io.kdprivacy.results;

import java.util.Map;

/**
 * Whether the member / non-member evaluation set can support conclusions at all.
 *
 * @param valid              false when the set is biased; then attack results describe the bias
 * @param blindBaselineAuc   AUC of a model-free text classifier (should be near 0.5)
 * @param overlapping        non-members equal to a member after normalisation (should be 0)
 * @param splitSeed          seed of the private / public / holdout split
 * @param splitHashes        SHA-256 per part of the split
 * @param reason             a sentence for people
 */
public record Validity(boolean valid, Estimate blindBaselineAuc, int overlapping, long splitSeed,
                       Map<String, String> splitHashes, String reason) {

    public Validity {
        splitHashes = splitHashes == null ? Map.of() : Map.copyOf(splitHashes);
    }
}
