package io.kdprivacy.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CacheCommandTest {

    @TempDir
    Path root;

    @Test
    void reportsUsageAndPrunesOldEntries() throws IOException {
        ArtifactCache cache = new ArtifactCache(root);
        Path old = cache.get(CacheKey.builder("teacher").put("v", 1).build(),
                dir -> Files.write(dir.resolve("w"), new byte[2 * 1024 * 1024])).directory();
        cache.get(CacheKey.builder("audit-student").put("v", 2).build(), dir -> Files.writeString(dir.resolve("a"), "x"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(10))));

        String usage = run("usage", root.toString());
        assertThat(usage).contains("teacher                  1 entries        2.0 MiB", "audit-student            1 entries")
                .contains(root + ": 2.0 MiB in all");
        String pruned = run("prune", "7", root.toString());
        assertThat(pruned).contains("deleted " + old, "1 entries not used for 7 days deleted from " + root)
                .doesNotContain("teacher ").contains(": 0.0 MiB in all");
        assertThat(run("prune", "-3")).isEmpty();
    }

    private static String run(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CacheCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(args[args.length - 1].equals("-3") ? 2 : 0);
        return out.toString(StandardCharsets.UTF_8);
    }
}
