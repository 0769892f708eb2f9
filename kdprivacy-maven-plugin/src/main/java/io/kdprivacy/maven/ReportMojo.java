package io.kdprivacy.maven;

import io.kdprivacy.maven.baseline.Baseline;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.maven.report.Document;
import io.kdprivacy.maven.report.GitCommit;
import io.kdprivacy.maven.report.HtmlRenderer;
import io.kdprivacy.maven.report.MarkdownRenderer;
import io.kdprivacy.maven.report.SignoffReport;
import io.kdprivacy.results.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the release sign-off report, {@code signoff.html} and {@code signoff.md}, from the current
 * results: first each test's techniques side by side (technique × attack AUC heatmap, privacy against utility,
 * membership and memorization rankings with their rank correlation, training budgets), then per test and
 * technique the decisions, validity, metrics with confidence intervals per model
 * and attack, inherited leakage, a per-block heatmap and log-log ROC curves (inline SVG, HTML only), the
 * comparison with the baseline when there is one, provenance (versions, seeds, hashes, git commit), and
 * a sign-off block to fill in. It contains numbers, names and hashes only. Run it after the privacy
 * tests, e.g. {@code mvn verify kdprivacy:report}.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ReportMojo extends AbstractKdprivacyMojo {

    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(10);

    /** Where {@code signoff.html} and {@code signoff.md} are written. */
    @Parameter(property = "kdprivacy.reportDirectory", defaultValue = "${project.build.directory}/kdprivacy-report",
            required = true)
    File outputDirectory;

    /** The project directory, where the git commit is looked up. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** The project named in the report. */
    @Parameter(defaultValue = "${project.groupId}:${project.artifactId}:${project.version}", readonly = true)
    String project;

    /** This plugin's version, named in the report. */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    String pluginVersion;

    public ReportMojo() {
        super("report");
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        ResultSet results = readResultsRequired();
        Optional<Baseline> baseline = readBaseline();
        SignoffReport.Context context = new SignoffReport.Context(project, pluginVersion,
                now(), GitCommit.of(basedir.toPath(), GIT_TIMEOUT),
                baseline.isPresent() ? baselineFile.getName() : null);
        Document report = SignoffReport.build(results, compare(results, baseline.orElse(Baseline.empty())), context);
        Path html = outputDirectory.toPath().resolve("signoff.html");
        Path markdown = outputDirectory.toPath().resolve("signoff.md");
        try {
            AtomicFiles.writeString(html, HtmlRenderer.render(report));
            AtomicFiles.writeString(markdown, MarkdownRenderer.render(report));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the kdprivacy sign-off report to " + outputDirectory + ": " + e, e);
        }
        getLog().info("kdprivacy sign-off report of " + count(results.reports().size(), "result") + ": " + html
                + " and " + markdown);
    }
}
