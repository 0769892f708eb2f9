package io.kdprivacy.junit;

import io.kdprivacy.cache.ArtifactCache;
import io.kdprivacy.scenario.ScenarioRunner;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What all privacy tests of one JUnit run share, kept in the root context's store: the scenario runner
 * (its models and audits in memory) over the on-disk artifact cache. JUnit closes it (an {@link AutoCloseable}
 * store value) at the end of the run.
 */
final class PrivacySession implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PrivacySession.class);

    private final ScenarioRunner runner;
    private boolean closed;

    private PrivacySession(ArtifactCache cache) {
        this.runner = new ScenarioRunner(cache);
    }

    /** The run's session, created on first use with the cache directory of {@code config}. */
    static PrivacySession of(ExtensionContext context, PrivacyConfiguration config) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                "session:" + config.cacheDir().toAbsolutePath(),
                k -> new PrivacySession(new ArtifactCache(config.cacheDir())), PrivacySession.class);
    }

    ScenarioRunner runner() {
        return runner;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            runner.close();
        }
    }
}
