package io.kdprivacy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kdprivacy.results.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMojoTest {

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    private ReportMojo mojo() {
        ReportMojo mojo = new ReportMojo();
        mojo.resultsDirectory = dir.resolve("target/kdprivacy-results").toFile();
        mojo.baselineFile = dir.resolve("privacy-baseline.json").toFile();
        mojo.outputDirectory = dir.resolve("target/kdprivacy-report").toFile();
        mojo.basedir = dir.toFile();
        mojo.project = "io.example:bot:1.0";
        mojo.pluginVersion = "0.1.0";
        mojo.clock = Clock.fixed(Instant.parse("2026-11-29T03:04:05.6Z"), ZoneOffset.UTC);
        mojo.setLog(log);
        return mojo;
    }

    @Test
    void writesHtmlAndMarkdown() throws Exception {
        Fixtures.write(dir.resolve("target/kdprivacy-results"), "a.json", Fixtures.report("Bot#gate", "GKD", 0.6, "PASSED"));
        mojo().execute();
        Path html = dir.resolve("target/kdprivacy-report/signoff.html");
        Path md = dir.resolve("target/kdprivacy-report/signoff.md");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("generated 2026-11-29T03:04:05Z");
        assertThat(Files.readString(md)).startsWith("# kdprivacy privacy sign-off")
                .contains("Project io.example:bot:1.0, git commit unknown");
        assertThat(log.lines).containsExactly("info: kdprivacy sign-off report of 1 result: " + html + " and " + md);
    }

    @Test
    void noResultsIsAFailure() {
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("no kdprivacy results in " + dir.resolve("target/kdprivacy-results"))
                .hasMessageContaining("'mvn verify kdprivacy:report'");
    }

    @Test
    void aMalformedBaselineFailsNamingIt() throws Exception {
        Fixtures.write(dir.resolve("target/kdprivacy-results"), "a.json", Fixtures.report("Bot#gate", "GKD", 0.6, "PASSED"));
        Files.writeString(dir.resolve("privacy-baseline.json"), "not json");
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(dir.resolve("privacy-baseline.json").toString());
        assertThat(dir.resolve("target/kdprivacy-report")).doesNotExist();
    }

    @Test
    void skipWritesNothing() throws Exception {
        ReportMojo mojo = mojo();
        mojo.skip = true;
        mojo.execute();
        assertThat(log.lines).containsExactly("info: kdprivacy report skipped");
    }
}
