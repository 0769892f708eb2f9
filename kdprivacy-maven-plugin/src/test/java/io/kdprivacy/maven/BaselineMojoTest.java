package io.kdprivacy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kdprivacy.maven.baseline.Acceptance;
import io.kdprivacy.maven.baseline.Baseline;
import io.kdprivacy.maven.baseline.BaselineJson;
import io.kdprivacy.maven.metrics.MetricKey;
import io.kdprivacy.results.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineMojoTest {

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    private static final MetricKey STUDENT_AUC = new MetricKey("T#a", "GKD", "student", "membership.auc", "LOSS");

    private Path results() {
        return dir.resolve("target/kdprivacy-results");
    }

    private Path baselineFile() {
        return dir.resolve("privacy-baseline.json");
    }

    private BaselineMojo mojo() {
        BaselineMojo mojo = new BaselineMojo();
        mojo.resultsDirectory = results().toFile();
        mojo.baselineFile = baselineFile().toFile();
        mojo.acceptedBy = "alice";
        mojo.clock = Clock.fixed(Instant.parse("2026-11-29T03:04:05.678Z"), ZoneOffset.UTC);
        mojo.setLog(log);
        return mojo;
    }

    private void studentAuc(double auc) throws Exception {
        Fixtures.write(results(), "a.json", Fixtures.report("T#a", "GKD", auc, "PASSED"));
    }

    private Baseline baseline() throws Exception {
        return BaselineJson.read(baselineFile());
    }

    @Test
    void createsTheBaselineFromTheResults() throws Exception {
        studentAuc(0.6);
        mojo().execute();
        assertThat(baseline().entries()).hasSize(34);
        assertThat(baseline().value(STUDENT_AUC)).isEqualTo(0.6);
        assertThat(log.lines).containsExactly(
                "info: kdprivacy baseline " + baselineFile() + ": 34 added, 0 lowered, 0 accepted, 0 kept");
    }

    /** Baselines of earlier versions named four metrics differently: they pass check and baseline rewrites them. */
    @Test
    void aBaselineWithFormerMetricIdsIsReadAndRewritten() throws Exception {
        studentAuc(0.6);
        mojo().execute();
        String current = Files.readString(baselineFile());
        String former = current.replace("\"canaries.extractionRate\"", "\"canaries.extraction\"")
                .replace("\"memorization.extractionRate\"", "\"memorization.memberExtractable\"")
                .replace("\"inheritedLeakage.auc\"", "\"inherited.aucDifference\"")
                .replace("\"blocks.auc\"", "\"blocks.maxAuc\"");
        assertThat(former).isNotEqualTo(current).contains("\"blocks.maxAuc\"", "\"inherited.aucDifference\"");
        Files.writeString(baselineFile(), former);

        CheckMojo check = new CheckMojo();
        check.resultsDirectory = results().toFile();
        check.baselineFile = baselineFile().toFile();
        check.requireTestRun = false;
        check.setLog(log);
        check.execute();
        assertThat(log.lines).last().isEqualTo("info: kdprivacy: no privacy violations");
        assertThat(log.lines).noneMatch(l -> l.contains("not in the baseline yet"));

        mojo().execute();
        assertThat(Files.readString(baselineFile())).isEqualTo(current);
    }

    @Test
    void anUnchangedBaselineIsNotRewritten() throws Exception {
        studentAuc(0.6);
        mojo().execute();
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(baselineFile(), old);
        studentAuc(0.61);
        mojo().execute();
        assertThat(Files.getLastModifiedTime(baselineFile())).isEqualTo(old);
        assertThat(log.lines).contains("info: kdprivacy baseline " + baselineFile() + " is up to date");
    }

    @Test
    void improvementsLowerTheBaselineOnlyWithRatchet() throws Exception {
        studentAuc(0.6);
        mojo().execute();
        studentAuc(0.5);
        mojo().execute();
        assertThat(baseline().value(STUDENT_AUC)).isEqualTo(0.6);
        assertThat(log.lines).contains("info: 4 metrics improved beyond tolerance; lower the baseline with "
                + "-Dkdprivacy.ratchet=true");
        BaselineMojo ratchet = mojo();
        ratchet.ratchet = true;
        ratchet.execute();
        assertThat(baseline().value(STUDENT_AUC)).isEqualTo(0.5);
        assertThat(log.lines).last().isEqualTo(
                "info: kdprivacy baseline " + baselineFile() + ": 0 added, 4 lowered, 0 accepted, 30 kept");
    }

    @Test
    void regressionsAreRefusedAndTheFileLeftUntouched() throws Exception {
        studentAuc(0.6);
        mojo().execute();
        String before = Files.readString(baselineFile());
        studentAuc(0.7);
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("4 metrics regressed beyond tolerance; the baseline was not changed")
                .hasMessageContaining("-Dkdprivacy.accept=true -Dkdprivacy.reason=");
        assertThat(log.lines).anySatisfy(l -> assertThat(l)
                .matches("error: regressed +T#a +GKD +student +membership\\.auc +LOSS +0\\.6 +0\\.7 +0\\.02"));

        BaselineMojo noReason = mojo();
        noReason.accept = true;
        noReason.reason = "  ";
        assertThatThrownBy(noReason::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("needs a reason").hasMessageContaining("the baseline was not changed");
        assertThat(Files.readString(baselineFile())).isEqualTo(before);
    }

    @Test
    void acceptedRegressionsRecordWhoWhenAndWhy() throws Exception {
        studentAuc(0.6);
        mojo().execute();
        studentAuc(0.7);
        BaselineMojo accept = mojo();
        accept.accept = true;
        accept.reason = " larger student approved in review 12 ";
        accept.execute();
        assertThat(baseline().entries().get(STUDENT_AUC).accepted()).containsExactly(
                new Acceptance(0.6, 0.7, "alice", "2026-11-29T03:04:05Z", "larger student approved in review 12"));
        assertThat(baseline().value(STUDENT_AUC)).isEqualTo(0.7);
        assertThat(log.lines).contains("warn: accepting 4 metrics regressed beyond tolerance (by alice: larger "
                + "student approved in review 12)");
        assertThat(log.lines).last().asString().endsWith(": 0 added, 0 lowered, 4 accepted, 30 kept");
    }

    @Test
    void entriesWithoutResultsAreKeptWithAWarning() throws Exception {
        studentAuc(0.6);
        Fixtures.write(results(), "b.json", Fixtures.report("T#b", "GKD", 0.6, "PASSED"));
        mojo().execute();
        Files.delete(results().resolve("b.json"));
        mojo().execute();
        assertThat(baseline().entries()).hasSize(68);
        assertThat(log.lines).contains("warn: kept baseline entry without a result: T#b [GKD] student membership.auc "
                + "LOSS (remove it from the file by hand if the test is gone)");
    }

    @Test
    void noResultsIsAFailureAndWritesNothing() {
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("no kdprivacy results in " + results());
        assertThat(baselineFile()).doesNotExist();
    }

    @Test
    void aMalformedBaselineIsNeverOverwritten() throws Exception {
        studentAuc(0.6);
        Files.writeString(baselineFile(), "{\"format\": \"kdprivacy-baseline\", \"version\": 1, \"entries\": [");
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("invalid kdprivacy baseline " + baselineFile() + ": not valid JSON");
        assertThat(Files.readString(baselineFile())).endsWith("[");
    }
}
