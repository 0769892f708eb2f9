package io.kdprivacy.data;

import java.util.Map;

/**
 * What a {@link DataSplit} did, recorded so an audit can be reproduced and checked: the seed, the size
 * of each part, a SHA-256 of each part's examples in order, and how many duplicate training examples
 * were dropped before splitting. Holds hashes only, never text.
 *
 * @param seed              seed of the shuffle
 * @param sizes             examples per part ({@code private}, {@code shadowPrivate}, {@code public}, {@code holdout})
 * @param hashes            SHA-256 (hex) per part over its examples' prompt and response, in order
 * @param duplicatesDropped training examples removed because their normalised text repeated an earlier one
 */
public record SplitManifest(long seed, Map<String, Integer> sizes, Map<String, String> hashes, int duplicatesDropped) {

    public SplitManifest {
        sizes = Map.copyOf(sizes);
        hashes = Map.copyOf(hashes);
    }
}
