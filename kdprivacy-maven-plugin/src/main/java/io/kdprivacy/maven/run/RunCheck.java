package io.kdprivacy.maven.run;

import io.kdprivacy.maven.metrics.LoadedReport;
import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.MetricId;
import io.kdprivacy.results.Sha256;
import io.kdprivacy.results.run.RunManifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What {@code check} trusts: only results this build's privacy tests wrote, as they wrote them, from tests that
 * passed. A results file counts when a run manifest of this build (started after the build did) lists it with
 * the same SHA-256, its test neither failed nor errored, and each decision it records agrees with the metric it
 * names. This catches accidents and casual edits — stale results after {@code -DskipTests}, a test that threw
 * under {@code maven.test.failure.ignore}, a hand-edited number — not someone who rewrites results, manifest
 * and decisions together.
 *
 * @param buildStarted when this build started; manifests that started earlier belong to an earlier build
 * @param skipHint     why no test may have run (e.g. {@code -DskipTests}), or null
 */
public record RunCheck(Instant buildStarted, String skipHint) {

    /** Tolerance for a recorded decision value against its metric (both come from the same double). */
    private static final double SAME = 1e-12;

    /** What to do about results the gate cannot trust. */
    public static final String REMEDY = "run the privacy tests in this build ('mvn clean verify'), or skip the gate "
            + "on purpose with -Dkdprivacy.skip=true";

    /**
     * Every reason not to trust the results, each naming the file or test concerned.
     *
     * @param resultsDir where the results are (for messages)
     * @param reports    the results files read
     * @param manifests  every run manifest found, of any build
     * @param expected   whether results are expected at all (a baseline exists)
     */
    public List<String> problems(Path resultsDir, List<LoadedReport> reports, List<RunManifest> manifests,
                                 boolean expected) {
        List<String> problems = new ArrayList<>();
        List<RunManifest> current = manifests.stream().filter(m -> !startedBefore(m, buildStarted)).toList();
        if (current.isEmpty()) {
            if (!reports.isEmpty() || expected) {
                problems.add("no privacy test ran in this build" + (skipHint == null ? "" : " (" + skipHint + ")")
                        + (reports.isEmpty() ? "" : ": the " + reports.size() + " results file(s) in " + resultsDir
                        + " are from an earlier build") + "; " + REMEDY);
            }
            decisions(reports, problems);
            return problems;
        }
        Map<String, RunManifest.TestRun> byFile = new LinkedHashMap<>();
        for (RunManifest manifest : current) {
            if (manifest.endedAt() == null) {
                problems.add("test run " + manifest.runId() + " started at " + manifest.startedAt()
                        + " did not finish (the test JVM was killed or crashed): its results are incomplete; " + REMEDY);
            }
            for (RunManifest.TestRun test : manifest.tests()) {
                switch (test.outcome()) {
                    case FAILED, ERRORED -> problems.add("test " + test.testId() + " "
                            + test.outcome().name().toLowerCase(Locale.ROOT) + (test.message() == null ? ""
                            : ": " + firstLine(test.message())) + " (a privacy test that did not pass fails the gate, "
                            + "even when Surefire ignores test failures)");
                    default -> { }
                }
                if (test.resultsFile() != null) {
                    byFile.put(test.resultsFile(), test);
                    if (!Files.isRegularFile(resultsDir.resolve(test.resultsFile()))) {
                        problems.add("results file " + test.resultsFile() + " written by " + test.testId()
                                + " is missing from " + resultsDir);
                    }
                }
            }
        }
        for (LoadedReport loaded : reports) {
            String name = loaded.file().getFileName().toString();
            RunManifest.TestRun test = byFile.get(name);
            if (test == null) {
                problems.add("results file " + loaded.file() + " (" + loaded.report().testId() + ") was not written "
                        + "by this build's privacy tests: stale results; " + REMEDY);
                continue;
            }
            String actual = Sha256.of(loaded.file());
            if (!actual.equals(test.sha256())) {
                problems.add("results file " + loaded.file() + " was changed after " + test.testId() + " wrote it "
                        + "(SHA-256 " + actual + ", the run recorded " + test.sha256() + "); " + REMEDY);
            }
            long gateDecisions = loaded.report().assertions().size();
            if (test.declaredGates() > gateDecisions) {
                problems.add("results file " + loaded.file() + ": " + test.testId() + " declares "
                        + test.declaredGates() + " gate(s) but records " + gateDecisions + " decision(s)");
            }
        }
        decisions(reports, problems);
        return problems;
    }

    /** Decisions that disagree with the metric they name (what can be checked without a run manifest). */
    public static List<String> decisionProblems(List<LoadedReport> reports) {
        List<String> problems = new ArrayList<>();
        decisions(reports, problems);
        return problems;
    }

    /** Each recorded decision must carry the value of the metric it names in the same report. */
    private static void decisions(List<LoadedReport> reports, List<String> problems) {
        for (LoadedReport loaded : reports) {
            for (AssertionRecord decision : loaded.report().assertions()) {
                OptionalDouble metric = MetricId.valueOf(loaded.report(), decision);
                String what = decision.metric() + " of the " + decision.model()
                        + (decision.attack() == null ? "" : " (" + decision.attack() + ")");
                if (metric.isEmpty()) {
                    problems.add("results file " + loaded.file() + ": a decision on " + what + " names no metric of "
                            + "the report");
                } else if (!(Math.abs(metric.getAsDouble() - decision.value()) <= SAME)) {
                    problems.add("results file " + loaded.file() + ": the decision on " + what + " recorded "
                            + decision.value() + " but the report's metric is " + metric.getAsDouble()
                            + " (edited after the test?)");
                }
            }
        }
    }

    private static boolean startedBefore(RunManifest manifest, Instant instant) {
        try {
            return Instant.parse(manifest.startedAt()).isBefore(instant);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " …";
    }
}
