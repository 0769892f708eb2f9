package io.kdprivacy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {

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
        Files.writeString(dir.resolve("a.json"), "{\"test\":\"memorization\",\"passed\":true}");
        Files.writeString(dir.resolve("b.json"), "[1, 2, 3]");
        Files.writeString(dir.resolve("notes.txt"), "not json at all");
        Files.createDirectory(dir.resolve("nested.json"));
        mojo(dir).execute();
        assertThat(log.lines).containsExactly("info: found 2 kdprivacy results in " + dir);
    }

    @Test
    void singularForOneResult() throws Exception {
        Files.writeString(dir.resolve("only.json"), "{}");
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
        Files.writeString(dir.resolve("a-good.json"), "{}");
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
