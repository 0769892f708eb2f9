package io.kdprivacy.results.run;

import java.util.List;
import java.util.Objects;

/**
 * What one run of privacy tests did: when it started and ended, every privacy test it ran with its outcome, and
 * the SHA-256 of each results file it wrote. The JUnit extension writes one per test JVM into
 * {@code <results dir>/}{@value RunManifests#DIRECTORY}; the Maven plugin's {@code check} trusts a results file
 * only when a manifest of the current build lists it with the same hash.
 *
 * @param formatVersion {@link RunManifests#FORMAT_VERSION}
 * @param runId         a random id of the run
 * @param startedAt     ISO-8601 instant the run's first privacy test started
 * @param endedAt       ISO-8601 instant the run ended, or null while it runs (or if it was killed)
 * @param tests         the privacy tests run, in the order they finished
 */
public record RunManifest(int formatVersion, String runId, String startedAt, String endedAt, List<TestRun> tests) {

    public RunManifest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(startedAt, "startedAt");
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** How a test came out, as JUnit saw it. */
    public enum Outcome {
        /** The test method and its gates passed. */
        PASSED,
        /** An assertion failed (an {@link AssertionError}). */
        FAILED,
        /** The test threw something other than an assertion failure, or its scenario could not be built. */
        ERRORED,
        /** A failed assumption (e.g. an inconclusive decision configured to abort). */
        ABORTED
    }

    /**
     * One privacy test of the run.
     *
     * @param testId        the test id its results carry, e.g. {@code SupportBotPrivacyTest#gate[GKD]}
     * @param outcome       how it came out
     * @param message       the failure's message (null when passed)
     * @param resultsFile   file name of its results JSON in the results directory, or null if none was written
     * @param sha256        SHA-256 (hex) of that file's bytes as written, or null
     * @param declaredGates how many declarative gates ({@code @PrivacyTest(maxMembershipAuc = ...)}) it declared
     */
    public record TestRun(String testId, Outcome outcome, String message, String resultsFile, String sha256,
                          int declaredGates) {

        public TestRun {
            Objects.requireNonNull(testId, "testId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** This manifest with {@code test} added. */
    public RunManifest with(TestRun test) {
        List<TestRun> all = new java.util.ArrayList<>(tests);
        all.add(test);
        return new RunManifest(formatVersion, runId, startedAt, endedAt, all);
    }

    /** This manifest marked as ended at {@code instant}. */
    public RunManifest endedAt(String instant) {
        return new RunManifest(formatVersion, runId, startedAt, instant, tests);
    }
}
