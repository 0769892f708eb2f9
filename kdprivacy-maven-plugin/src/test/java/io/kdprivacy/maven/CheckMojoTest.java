package io.kdprivacy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {

    /** A minimal valid report as JSON. */
    private static String report(String testId) {
        return ResultsJson.toJson(new PrivacyReport(ResultsJson.SCHEMA_VERSION, testId, "KD", null, null, List.of(), List.of(), List.of()));
    }

    @Test
    void otherSchemaVersionFailsNamingTheFile(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.json");
        Files.writeString(old, report("x").replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99"));
        assertThatThrownBy(() -> mojo(dir).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(old.toString())
                .hasMessageContaining("schemaVersion 99 is not supported");
    }

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    private CheckMojo mojo(Path results) {
        CheckMojo mojo = new CheckMojo();
        mojo.resultsDirectory = results.toFile();
        mojo.setLog(log);
        return mojo;
    }

    @Test
    void countsJsonResultsIgnoringOtherFiles() throws Exception {
        Files.writeString(dir.resolve("a.json"), report("a"));
        Files.writeString(dir.resolve("b.json"), report("b"));
        Files.writeString(dir.resolve("notes.txt"), "not json at all");
        Files.createDirectory(dir.resolve("nested.json"));
        mojo(dir).execute();
        assertThat(log.lines).containsExactly("info: found 2 kdprivacy results in " + dir);
    }

    @Test
    void singularForOneResult() throws Exception {
        Files.writeString(dir.resolve("only.json"), report("only"));
        mojo(dir).execute();
        assertThat(log.lines).containsExactly("info: found 1 kdprivacy result in " + dir);
    }

    @Test
    void missingDirectoryIsNotAFailure() throws Exception {
        mojo(dir.resolve("kdprivacy-results")).execute();
        assertThat(log.lines).singleElement().asString().startsWith("info: no kdprivacy results found");
    }

    @Test
    void emptyDirectoryIsNotAFailure() throws Exception {
        mojo(dir).execute();
        assertThat(log.lines).singleElement().asString().startsWith("info: no kdprivacy results found");
    }

    @Test
    void malformedFileFailsNamingIt() throws Exception {
        Files.writeString(dir.resolve("a-good.json"), report("good"));
        Path bad = dir.resolve("b-bad.json");
        Files.writeString(bad, "{\"passed\": tru");
        assertThatThrownBy(() -> mojo(dir).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining(" at line 1, column ");
    }

    @Test
    void emptyOrTrailingGarbageFileFails() throws Exception {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "  ");
        assertThatThrownBy(() -> mojo(dir).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(empty.toString());
        Files.writeString(empty, "{} {}");
        assertThatThrownBy(() -> mojo(dir).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(empty.toString());
    }

    @Test
    void skipDoesNotReadAnything() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{");
        CheckMojo mojo = mojo(dir);
        mojo.skip = true;
        mojo.execute();
        assertThat(log.lines).containsExactly("info: kdprivacy check skipped");
    }
}
