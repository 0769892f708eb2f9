package io.kdprivacy.maven.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitTest {

    @TempDir
    Path dir;

    private int git(String... args) throws Exception {
        String[] command = new String[args.length + 5];
        command[0] = "git";
        command[1] = "-c";
        command[2] = "user.name=test";
        command[3] = "-c";
        command[4] = "user.email=test@example.invalid";
        System.arraycopy(args, 0, command, 5, args.length);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Test
    void unknownOutsideARepositoryOrForAMissingDirectory() {
        assertThat(GitCommit.of(dir, Duration.ofSeconds(10))).isEqualTo(GitCommit.UNKNOWN);
        assertThat(GitCommit.of(dir.resolve("absent"), Duration.ofSeconds(10))).isEqualTo(GitCommit.UNKNOWN);
    }

    @Test
    void theHeadCommitInsideARepository() throws Exception {
        assumeTrue(git("init", "-q") == 0, "git is installed");
        Files.writeString(dir.resolve("f"), "x");
        assertThat(git("add", "f")).isZero();
        assertThat(git("commit", "-q", "-m", "m")).isZero();
        Files.createDirectory(dir.resolve("sub"));
        assertThat(GitCommit.of(dir.resolve("sub"), Duration.ofSeconds(10))).matches("[0-9a-f]{40}");
    }
}
