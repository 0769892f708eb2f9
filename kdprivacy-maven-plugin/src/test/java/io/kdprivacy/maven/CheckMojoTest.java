package io.kdprivacy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kdprivacy.maven.baseline.Baseline;
import io.kdprivacy.maven.baseline.BaselineJson;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.results.Fixtures;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsJson;
import io.kdprivacy.maven.run.RunCheck;
import io.kdprivacy.results.Sha256;
import io.kdprivacy.results.run.RunManifest;
import io.kdprivacy.results.run.RunManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    private Path results() {
        return dir.resolve("target/kdprivacy-results");
    }

    private Path baselineFile() {
        return dir.resolve("privacy-baseline.json");
    }

    /** The check of a build whose privacy tests just wrote (and passed with) every results file there is. */
    private CheckMojo mojo() throws Exception {
        testRun(RunManifest.Outcome.PASSED, Instant.now().toString(), 0);
        return check();
    }

    /** The check alone, with whatever run manifests there are. */
    private CheckMojo check() {
        CheckMojo mojo = new CheckMojo();
        mojo.resultsDirectory = results().toFile();
        mojo.baselineFile = baselineFile().toFile();
        mojo.buildStarted = BUILD_STARTED;
        mojo.setLog(log);
        return mojo;
    }

    private static final Instant BUILD_STARTED = Instant.now().minusSeconds(60);

    /** Writes the run manifest of a test run of this build over every results file present. */
    private void testRun(RunManifest.Outcome outcome, String endedAt, int declaredGates) throws Exception {
        Files.createDirectories(results());
        List<RunManifest.TestRun> tests = new java.util.ArrayList<>();
        try (var files = Files.list(results())) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json")).sorted()::iterator) {
                tests.add(new RunManifest.TestRun("T#" + f.getFileName(), outcome, outcome == RunManifest.Outcome.PASSED
                        ? null : "boom\n\tat somewhere", f.getFileName().toString(), Sha256.of(f), declaredGates));
            }
        }
        RunManifests.write(results(), new RunManifest(RunManifests.FORMAT_VERSION, "this-build",
                Instant.now().toString(), endedAt == null ? null : endedAt, tests));
    }

    /** Writes a baseline equal to the current results. */
    private void baselineFromResults() throws Exception {
        BaselineJson.write(baselineFile(), Baseline.of(ResultSet.read(results()).values().entrySet().stream()
                .map(e -> io.kdprivacy.maven.baseline.BaselineEntry.of(e.getKey(), e.getValue())).toList()));
    }

    private void result(String name, PrivacyReport report) throws Exception {
        Fixtures.write(results(), name, report);
    }

    @Test
    void passesWhenResultsMatchTheBaseline() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        baselineFromResults();
        result("a.json", Fixtures.report("T#a", "GKD", 0.615, "PASSED"));
        mojo().execute();
        assertThat(log.lines).containsExactly(
                "info: found 1 kdprivacy result in " + results() + ", compared with 34 baseline values in " + baselineFile(),
                "info: kdprivacy: no privacy violations");
    }

    @Test
    void failsOnARegressionListingItInATable() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        baselineFromResults();
        result("a.json", Fixtures.report("T#a", "GKD", 0.65, "PASSED"));
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessage("4 kdprivacy privacy violations (listed above)");
        assertThat(log.lines).contains("error: 4 kdprivacy privacy violations:");
        assertThat(log.lines).anySatisfy(line -> assertThat(line)
                .matches("error: regressed +T#a +GKD +student +membership\\.auc +LOSS +0\\.6 +0\\.65 +0\\.02"));
        assertThat(log.lines).anySatisfy(line -> assertThat(line)
                .matches("error: regressed +T#a +GKD +student +inheritedLeakage\\.auc +LOSS +0\\.08 +0\\.13 +0\\.02"));
    }

    @Test
    void withoutHaltOnFailureViolationsAreLoggedAsErrorsOnly() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "FAILED"));
        CheckMojo mojo = mojo();
        mojo.haltOnFailure = false;
        mojo.execute();
        assertThat(log.lines).contains("error: 1 kdprivacy privacy violation:",
                "warn: haltOnFailure is false: the build goes on despite 1 kdprivacy privacy violation");
        assertThat(log.lines).anySatisfy(l -> assertThat(l).startsWith("error: gate FAILED (isBelow 0.7)  T#a"));
    }

    @Test
    void missingBaselineWarnsAndStillEnforcesTheGates() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        mojo().execute();
        assertThat(log.lines).first().asString().startsWith("warn: no kdprivacy baseline at " + baselineFile());
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "FAILED"));
        assertThatThrownBy(() -> mojo().execute()).hasMessage("1 kdprivacy privacy violation (listed above)");
    }

    @Test
    void missingBaselineFailsWhenConfigured() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        CheckMojo mojo = mojo();
        mojo.failOnMissingBaseline = true;
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("no kdprivacy baseline at " + baselineFile())
                .hasMessageContaining("mvn kdprivacy:baseline");
    }

    @Test
    void inconclusiveFailsUnlessAllowed() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "INCONCLUSIVE"));
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class);
        CheckMojo lenient = mojo();
        lenient.failOnInconclusive = false;
        lenient.execute();
        assertThat(log.lines).last().isEqualTo("info: kdprivacy: no privacy violations");
    }

    @Test
    void baselineEntriesWithoutResultsFailUnlessAllowed() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        result("b.json", Fixtures.report("T#b", "GKD", 0.6, "PASSED"));
        baselineFromResults();
        Files.delete(results().resolve("b.json"));
        assertThatThrownBy(() -> mojo().execute()).hasMessage("34 kdprivacy privacy violations (listed above)");
        assertThat(log.lines).anySatisfy(l -> assertThat(l).matches("error: no result +T#b +GKD +reference +blocks\\.auc .*"));

        log.lines.clear();
        CheckMojo lenient = mojo();
        lenient.failOnMissingResults = false;
        lenient.execute();
        assertThat(log.lines).contains("warn: no result for baseline entry T#b [GKD] student membership.auc LOSS",
                "info: kdprivacy: no privacy violations");
    }

    @Test
    void noResultsAndNoBaselineIsNothingToCheck() throws Exception {
        mojo().execute();
        assertThat(log.lines).containsExactly("info: no kdprivacy results found in " + results()
                + " and no baseline: nothing to check");
    }

    @Test
    void noResultsWithABaselineFailsOnTheMissingResults() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        baselineFromResults();
        Files.delete(results().resolve("a.json"));
        assertThatThrownBy(() -> mojo().execute()).hasMessage("34 kdprivacy privacy violations (listed above)");
    }

    @Test
    void hintsAtNewAndImprovedMetrics() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        baselineFromResults();
        result("a.json", Fixtures.report("T#a", "GKD", 0.5, "PASSED"));
        result("b.json", Fixtures.report("T#b", "GKD", 0.6, "PASSED"));
        mojo().execute();
        assertThat(log.lines).contains("info: 34 metrics not in the baseline yet; add with 'mvn kdprivacy:baseline'",
                "info: 4 metrics improved beyond tolerance; lower the baseline with "
                        + "'mvn kdprivacy:baseline -Dkdprivacy.ratchet=true'");
    }

    @Test
    void perMetricToleranceAppliesAndUnknownMetricsAreAConfigurationError() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        baselineFromResults();
        result("a.json", Fixtures.report("T#a", "GKD", 0.63, "PASSED"));
        CheckMojo tolerant = mojo();
        tolerant.defaultAbsoluteTolerance = 0.05;
        tolerant.execute();
        CheckMojo perMetric = mojo();
        perMetric.tolerances = List.of(new Tolerance("membership.auc", 0.0, 0.1));
        assertThatThrownBy(perMetric::execute).hasMessage("2 kdprivacy privacy violations (listed above)");
        assertThat(log.lines).noneSatisfy(l -> assertThat(l).contains("membership.auc"))
                .anySatisfy(l -> assertThat(l).contains("blocks.auc"));
        CheckMojo typo = mojo();
        typo.tolerances = List.of(new Tolerance("membership.AUC", 0.01, null));
        assertThatThrownBy(typo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("unknown metric 'membership.AUC'");
    }

    @Test
    void invalidEvaluationSetsAreWarnedAbout() throws Exception {
        PrivacyReport valid = Fixtures.report("T#a", "GKD", 0.6, "PASSED");
        result("a.json", new PrivacyReport(valid.schemaVersion(), valid.testId(), valid.technique(), valid.provenance(),
                new io.kdprivacy.results.Validity(false, Fixtures.estimate(0.7), 3, 7, null, "biased"),
                valid.models(), valid.inheritedLeakage(), valid.assertions()));
        mojo().execute();
        assertThat(log.lines).anySatisfy(l -> assertThat(l).startsWith("warn: T#a: evaluation set is not valid"));
    }

    @Test
    void otherSchemaVersionFailsNamingTheFile() throws Exception {
        Path old = results().resolve("old.json");
        result("old.json", Fixtures.report("x", "KD", 0.6, "PASSED"));
        Files.writeString(old, Files.readString(old).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99"));
        assertThatThrownBy(() -> mojo().execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("invalid kdprivacy result file " + old + ": schemaVersion 99 is not supported (this version "
                        + "of kdprivacy reads " + ResultsJson.SCHEMA_VERSION + ")");
    }

    @Test
    void malformedResultFailsNamingIt() throws Exception {
        result("a-good.json", Fixtures.report("good", "KD", 0.6, "PASSED"));
        Path bad = results().resolve("b-bad.json");
        Files.writeString(bad, "{\"passed\": tru");
        assertThatThrownBy(() -> mojo().execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining(" at line 1, column ");
    }

    @Test
    void emptyOrTrailingGarbageResultFails() throws Exception {
        Files.createDirectories(results());
        Path empty = results().resolve("empty.json");
        Files.writeString(empty, "  ");
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(empty.toString());
        Files.writeString(empty, "{} {}");
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(empty.toString());
    }

    @Test
    void malformedBaselineFailsNamingIt() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        Files.writeString(baselineFile(), "{\"format\": \"kdprivacy-baseline\", \"version\": 7, \"entries\": []}");
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessage("invalid kdprivacy baseline " + baselineFile() + ": baseline version 7 is not supported "
                        + "(this version of the kdprivacy plugin reads 1)");
    }

    @Test
    void resultsOfAnEarlierBuildFailTheGate() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        baselineFromResults();
        testRun(RunManifest.Outcome.PASSED, Instant.now().toString(), 0);
        CheckMojo later = check();
        later.buildStarted = Instant.now().plusSeconds(5);   // a later build that ran no test (-DskipTests)
        assertThatThrownBy(later::execute).hasMessage("1 kdprivacy privacy violation (listed above)");
        assertThat(log.lines).contains("error: untrusted results: no privacy test ran in this build: the 1 results "
                + "file(s) in " + results() + " are from an earlier build; " + RunCheck.REMEDY);
    }

    @Test
    void aResultsFileNoTestOfThisBuildWroteIsStale() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        CheckMojo mojo = mojo();
        result("old.json", Fixtures.report("T#old", "GKD", 0.55, "PASSED"));
        assertThatThrownBy(mojo::execute).hasMessage("1 kdprivacy privacy violation (listed above)");
        assertThat(log.lines).anySatisfy(l -> assertThat(l).startsWith("error: untrusted results: results file "
                + results().resolve("old.json") + " (T#old) was not written by this build's privacy tests: stale"));
    }

    @Test
    void anEditedResultsFileFailsTheGateNamingIt() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.585, "PASSED"));
        CheckMojo mojo = mojo();
        Path file = results().resolve("a.json");
        // the student's LOSS AUC, lowered by hand (its first occurrence; the recorded decision keeps 0.585)
        Files.writeString(file, Files.readString(file).replaceFirst("\"value\" : 0.585", "\"value\" : 0.3"));
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);
        assertThat(log.lines).anySatisfy(l -> assertThat(l).startsWith("error: untrusted results: results file " + file
                + " was changed after T#a.json wrote it"));
        // had the manifest been rewritten too, the decision still disagrees with the metric it names
        log.lines.clear();
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class);
        assertThat(log.lines).contains("error: untrusted results: results file " + file + ": the decision on "
                + "membership.auc of the student (LOSS) recorded 0.585 but the report's metric is 0.3 (edited after the test?)");
    }

    @Test
    void aTestThatErroredOrFailedFailsTheGateEvenIfSurefireIgnoredIt() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        testRun(RunManifest.Outcome.ERRORED, Instant.now().toString(), 0);
        assertThatThrownBy(() -> check().execute()).hasMessage("1 kdprivacy privacy violation (listed above)");
        assertThat(log.lines).contains("error: untrusted results: test T#a.json errored: boom … (a privacy test that did "
                + "not pass fails the gate, even when Surefire ignores test failures)");
        Files.delete(results().resolve("a.json"));
        testRun(RunManifest.Outcome.FAILED, Instant.now().toString(), 0);
        log.lines.clear();
        check().execute();
        assertThat(log.lines).as("a test that wrote nothing and ran in no manifest: nothing to check")
                .contains("info: no kdprivacy results found in " + results() + " and no baseline: nothing to check");
    }

    @Test
    void aRunThatDidNotFinishAndMissingGateDecisionsAreViolations() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        testRun(RunManifest.Outcome.PASSED, null, 3);
        RunManifest manifest = RunManifests.readAll(results()).get(0);
        RunManifests.write(results(), new RunManifest(manifest.formatVersion(), manifest.runId(), manifest.startedAt(),
                null, manifest.tests()));
        assertThatThrownBy(() -> check().execute()).hasMessage("2 kdprivacy privacy violations (listed above)");
        assertThat(log.lines).anySatisfy(l -> assertThat(l).contains("test run this-build started at ")
                .contains("did not finish")).anySatisfy(l -> assertThat(l).endsWith("T#a.json declares 3 gate(s) but "
                + "records 1 decision(s)"));
    }

    @Test
    void withoutRequiringATestRunOnlyDecisionsAreChecked() throws Exception {
        result("a.json", Fixtures.report("T#a", "GKD", 0.6, "PASSED"));
        CheckMojo copied = check();
        copied.requireTestRun = false;
        copied.execute();
        assertThat(log.lines).first().asString().startsWith("warn: kdprivacy.requireTestRun is false");
        assertThat(log.lines).last().isEqualTo("info: kdprivacy: no privacy violations");
    }

    @Test
    void skipReadsNothing() throws Exception {
        Files.createDirectories(results());
        Files.writeString(results().resolve("bad.json"), "{");
        CheckMojo mojo = check();
        mojo.skip = true;
        mojo.execute();
        assertThat(log.lines).containsExactly("info: kdprivacy check skipped");
    }
}
