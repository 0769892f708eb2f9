package io.kdprivacy.maven.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The git commit a directory is checked out at, found with {@code git rev-parse HEAD}. */
public final class GitCommit {

    /** What is reported when the commit cannot be found. */
    public static final String UNKNOWN = "unknown";

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private GitCommit() {
    }

    /**
     * The commit hash of {@code dir}, or {@link #UNKNOWN} if git is missing, {@code dir} is not in a
     * repository, or git does not answer within {@code timeout}.
     */
    public static String of(Path dir, Duration timeout) {
        Process git;
        try {
            git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return UNKNOWN;
        }
        try (InputStream out = git.getInputStream()) {
            git.getOutputStream().close();
            if (!git.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return UNKNOWN;
            }
            String hash = new String(out.readNBytes(200), StandardCharsets.US_ASCII).strip();
            return git.exitValue() == 0 && HASH.matcher(hash).matches() ? hash : UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        } finally {
            git.destroyForcibly();
        }
    }
}
