package io.kdprivacy.junit;

import io.kdprivacy.assertj.InconclusivePolicy;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.scenario.PrivacyConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * kdprivacy's settings, read from JUnit configuration parameters ({@code junit-platform.properties},
 * {@code -D} system properties, Surefire's {@code configurationParameters}):
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><td>{@code kdprivacy.cacheDir}</td><td>artifact cache; default {@code ~/.cache/kdprivacy/artifacts}</td></tr>
 *   <tr><td>{@code kdprivacy.resultsDir}</td><td>results JSON; default {@code target/kdprivacy-results}</td></tr>
 *   <tr><td>{@code kdprivacy.seed}</td><td>overrides every scenario's seed</td></tr>
 *   <tr><td>{@code kdprivacy.threads}</td><td>libtorch intra-op threads (before the engine starts)</td></tr>
 *   <tr><td>{@code kdprivacy.techniques}</td><td>comma-separated subset of the techniques to run</td></tr>
 *   <tr><td>{@code kdprivacy.preset}</td><td>{@code full} (default) or {@code smoke}: 1 epoch, MoPe M = 2,
 *       200 bootstrap resamples, 16-token probes — a quick run that checks the wiring, not the privacy</td></tr>
 *   <tr><td>{@code kdprivacy.inconclusive}</td><td>{@code fail} (default) or {@code abort}</td></tr>
 *   <tr><td>{@code kdprivacy.excerpts}</td><td>opt-in: number of most exposed member texts put in the results
 *       (default 0: none); canary secrets are masked</td></tr>
 *   <tr><td>{@code kdprivacy.cache.pruneAfterDays}</td><td>at the start of a run, delete cache entries not used
 *       for this many days (default 0: never)</td></tr>
 * </table>
 *
 * @param cacheDir     artifact cache root
 * @param resultsDir   where results JSON files go
 * @param seed         seed override, if any
 * @param techniques   technique filter (empty: no filter)
 * @param smoke        whether the smoke preset is on
 * @param inconclusive what inconclusive assertions do
 * @param excerpts     member texts to include in reports (0: none)
 * @param pruneAfterDays cache entries unused for this many days are deleted when a run starts (0: never)
 */
record PrivacyConfiguration(Path cacheDir, Path resultsDir, OptionalLong seed, List<KdTechnique> techniques,
                            boolean smoke, InconclusivePolicy inconclusive, int excerpts, int pruneAfterDays) {

    static final String PREFIX = "kdprivacy.";

    static PrivacyConfiguration from(ExtensionContext context) {
        Optional<String> threads = context.getConfigurationParameter(PREFIX + "threads");
        threads.ifPresent(t -> System.setProperty("kdprivacy.threads", t));
        Path cache = context.getConfigurationParameter(PREFIX + "cacheDir").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "kdprivacy", "artifacts"));
        Path results = context.getConfigurationParameter(PREFIX + "resultsDir").map(Path::of)
                .orElse(Path.of("target", "kdprivacy-results"));
        OptionalLong seed = context.getConfigurationParameter(PREFIX + "seed")
                .map(s -> parseSeed(s)).orElse(OptionalLong.empty());
        List<KdTechnique> techniques = context.getConfigurationParameter(PREFIX + "techniques")
                .map(PrivacyConfiguration::parseTechniques).orElse(List.of());
        String preset = context.getConfigurationParameter(PREFIX + "preset").orElse("full").trim().toLowerCase(Locale.ROOT);
        if (!preset.equals("full") && !preset.equals("smoke")) {
            throw new PrivacyConfigurationException("kdprivacy.preset must be 'full' or 'smoke', got '" + preset + "'");
        }
        String inconclusive = context.getConfigurationParameter(PREFIX + "inconclusive").orElse("fail").trim();
        InconclusivePolicy policy;
        try {
            policy = InconclusivePolicy.valueOf(inconclusive.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PrivacyConfigurationException("kdprivacy.inconclusive must be 'fail' or 'abort', got '"
                    + inconclusive + "'");
        }
        int excerpts = context.getConfigurationParameter(PREFIX + "excerpts").map(s -> count("excerpts", s))
                .orElse(0);
        int pruneAfterDays = context.getConfigurationParameter(PREFIX + "cache.pruneAfterDays")
                .map(s -> count("cache.pruneAfterDays", s)).orElse(0);
        return new PrivacyConfiguration(cache, results, seed, techniques, preset.equals("smoke"), policy, excerpts,
                pruneAfterDays);
    }

    private static int count(String key, String s) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PrivacyConfigurationException(PREFIX + key + " must be a count >= 0, got '" + s + "'");
    }

    private static OptionalLong parseSeed(String s) {
        try {
            return OptionalLong.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            throw new PrivacyConfigurationException("kdprivacy.seed must be an integer, got '" + s + "'");
        }
    }

    /** Parses a comma-separated technique list by name or display name. */
    static List<KdTechnique> parseTechniques(String value) {
        List<KdTechnique> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            KdTechnique t = Arrays.stream(KdTechnique.values())
                    .filter(k -> k.name().equalsIgnoreCase(name) || k.displayName().equalsIgnoreCase(name))
                    .findFirst()
                    .orElseThrow(() -> new PrivacyConfigurationException("unknown KD technique '" + name
                            + "' in kdprivacy.techniques; known: " + Arrays.stream(KdTechnique.values())
                            .map(KdTechnique::displayName).toList()));
            out.add(t);
        }
        return out;
    }

    /** The techniques of {@code declared} that pass the filter, in declared order. */
    List<KdTechnique> select(KdTechnique[] declared) {
        return Arrays.stream(declared).distinct().filter(t -> techniques.isEmpty() || techniques.contains(t)).toList();
    }
}
