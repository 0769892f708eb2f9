package io.kdprivacy.maven;

import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsFormatException;
import io.kdprivacy.results.ResultsJson;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the kdprivacy result files ({@code *.json}) that kdprivacy-junit tests write, failing the
 * build on a file that is not a report of a supported schema version. A missing results directory is
 * not an error. (Baseline comparison is added with the baseline goal.)
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractMojo {

    /** The directory holding the {@code *.json} result files (not searched recursively). */
    @Parameter(property = "kdprivacy.resultsDirectory",
            defaultValue = "${project.build.directory}/kdprivacy-results", required = true)
    File resultsDirectory;

    /** Skips the check. */
    @Parameter(property = "kdprivacy.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("kdprivacy check skipped");
            return;
        }
        Path dir = resultsDirectory.toPath();
        if (!Files.isDirectory(dir)) {
            getLog().info("no kdprivacy results found (" + dir + " does not exist)");
            return;
        }
        List<Path> files = resultFiles(dir);
        if (files.isEmpty()) {
            getLog().info("no kdprivacy results found in " + dir);
            return;
        }
        for (Path file : files) {
            parse(file);
        }
        getLog().info("found " + files.size() + " kdprivacy result" + (files.size() == 1 ? "" : "s") + " in " + dir);
    }

    private static List<Path> resultFiles(Path dir) throws MojoExecutionException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list kdprivacy results in " + dir, e);
        }
    }

    private static PrivacyReport parse(Path file) throws MojoFailureException {
        try {
            return ResultsJson.read(file);
        } catch (ResultsFormatException e) {
            throw new MojoFailureException("malformed kdprivacy result " + e.getMessage(), e);
        }
    }
}
