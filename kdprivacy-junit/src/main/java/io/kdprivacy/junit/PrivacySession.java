package io.kdprivacy.junit;

import io.kdprivacy.cache.ArtifactCache;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.scenario.ScenarioRunner;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What all privacy tests of one JUnit run share, kept in the root context's store: the scenario runner
 * (its models and audits in memory) over the on-disk artifact cache. JUnit closes it (an {@link AutoCloseable}
 * store value) at the end of the run.
 */
final class PrivacySession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrivacySession.class);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PrivacySession.class);

    private final ScenarioRunner runner;
    private final Map<String, List<PrivacyReport>> reports = new LinkedHashMap<>();
    private boolean closed;

    private PrivacySession(ArtifactCache cache) {
        this.runner = new ScenarioRunner(cache);
    }

    /** The run's session, created on first use with the cache directory of {@code config}. */
    static PrivacySession of(ExtensionContext context, PrivacyConfiguration config) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                "session:" + config.cacheDir().toAbsolutePath(),
                k -> new PrivacySession(open(config)), PrivacySession.class);
    }

    /** The artifact cache, pruned of entries unused for {@code kdprivacy.cache.pruneAfterDays} days if set. */
    private static ArtifactCache open(PrivacyConfiguration config) {
        ArtifactCache cache = new ArtifactCache(config.cacheDir());
        if (config.pruneAfterDays() > 0) {
            try {
                List<Path> deleted = cache.prune(Instant.now().minus(Duration.ofDays(config.pruneAfterDays())));
                LOG.info("kdprivacy cache {}: deleted {} entries unused for {} days", cache.root(), deleted.size(),
                        config.pruneAfterDays());
            } catch (IOException e) {
                LOG.warn("kdprivacy cache {}: cannot prune: {}", cache.root(), e.getMessage());
            }
        }
        return cache;
    }

    ScenarioRunner runner() {
        return runner;
    }

    /** Keeps {@code report} (as recorded, with its assertions) with the other invocations of its test method. */
    synchronized void recorded(String testMethod, PrivacyReport report) {
        reports.computeIfAbsent(testMethod, k -> new ArrayList<>()).add(report.withoutExcerpts());
    }

    /** The reports recorded so far for {@code testMethod}, in the order its invocations ran. */
    synchronized List<PrivacyReport> reports(String testMethod) {
        return List.copyOf(reports.getOrDefault(testMethod, List.of()));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            runner.close();
            reports.clear();
        }
    }
}
