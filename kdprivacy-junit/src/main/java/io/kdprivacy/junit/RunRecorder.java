package io.kdprivacy.junit;

import io.kdprivacy.results.Sha256;
import io.kdprivacy.results.run.RunManifest;
import io.kdprivacy.results.run.RunManifests;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the {@link RunManifest} of this JUnit run's privacy tests: created with the first privacy test, rewritten
 * (atomically) after every test with its outcome and its results file's hash, and marked ended when JUnit closes
 * the root store at the end of the run. A run killed half-way leaves a manifest without an end.
 */
final class RunRecorder implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunRecorder.class);
    private static final int MAX_MESSAGE = 500;

    private final Path resultsDir;
    private final Map<String, RunManifest.TestRun> written = new HashMap<>();
    private RunManifest manifest;

    private RunRecorder(Path resultsDir) {
        this.resultsDir = resultsDir;
        this.manifest = new RunManifest(RunManifests.FORMAT_VERSION, UUID.randomUUID().toString(),
                Instant.now().toString(), null, null);
        RunManifests.write(resultsDir, manifest);
    }

    /** This run's recorder for the results directory of {@code config}, created on first use. */
    static RunRecorder of(ExtensionContext context, PrivacyConfiguration config) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                "run:" + config.resultsDir().toAbsolutePath(), k -> new RunRecorder(config.resultsDir()),
                RunRecorder.class);
    }

    /** Notes that the invocation {@code uniqueId} wrote its results to {@code file} (hashed now, as written). */
    synchronized void wrote(String uniqueId, Path file) {
        written.put(uniqueId, new RunManifest.TestRun("", RunManifest.Outcome.PASSED, null,
                file.getFileName().toString(), Sha256.of(file), 0));
    }

    /** Records how invocation {@code uniqueId} of test {@code testId} came out, and rewrites the manifest. */
    synchronized void finished(String uniqueId, String testId, RunManifest.Outcome outcome, Throwable cause,
                               int declaredGates) {
        RunManifest.TestRun file = written.remove(uniqueId);
        String message = cause == null ? null : String.valueOf(cause.getMessage());
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        manifest = manifest.with(new RunManifest.TestRun(testId, outcome, message,
                file == null ? null : file.resultsFile(), file == null ? null : file.sha256(), declaredGates));
        RunManifests.write(resultsDir, manifest);
    }

    @Override
    public synchronized void close() {
        manifest = manifest.endedAt(Instant.now().toString());
        RunManifests.write(resultsDir, manifest);
    }
}
