package io.kdprivacy.results;

import java.util.Map;

/**
 * What produced a report, so it can be reproduced.
 *
 * @param kdprivacyVersion library version
 * @param engine           e.g. {@code PyTorch 2.7.1 (DJL 0.36.0)}
 * @param seed             the run's seed
 * @param hashes           named SHA-256 hashes (data parts, configs, checkpoints)
 * @param createdAt        ISO-8601 instant the report was written
 */
public record Provenance(String kdprivacyVersion, String engine, long seed, Map<String, String> hashes,
                         String createdAt) {

    public Provenance {
        hashes = hashes == null ? Map.of() : Map.copyOf(hashes);
    }
}
