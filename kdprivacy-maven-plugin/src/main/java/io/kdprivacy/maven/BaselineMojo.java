package io.kdprivacy.maven;

import io.kdprivacy.maven.baseline.Baseline;
import io.kdprivacy.maven.baseline.BaselineJson;
import io.kdprivacy.maven.baseline.BaselineUpdate;
import io.kdprivacy.maven.baseline.BaselineUpdate.Approval;
import io.kdprivacy.maven.baseline.MetricComparison;
import io.kdprivacy.maven.baseline.Violation;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.results.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes or updates the baseline file from the current results, like a frozen-violation store:
 * <ul>
 *   <li>metrics not in the baseline are added;</li>
 *   <li>metrics that improved beyond their tolerance lower the baseline (raise it, for ROUGE-L) only with
 *       {@code ratchet};</li>
 *   <li>metrics that regressed beyond their tolerance are refused, and the file left unchanged, unless
 *       {@code -Dkdprivacy.accept=true} and a non-blank {@code -Dkdprivacy.reason} are given; each accepted
 *       regression is recorded in its entry with who accepted it, when and why;</li>
 *   <li>values within tolerance, and entries without a result, are kept.</li>
 * </ul>
 * <p>The file is written atomically with entries in a stable order, and only when its content changes.
 * Run it after the privacy tests, e.g. {@code mvn verify kdprivacy:baseline}, and commit the file.
 */
@Mojo(name = "baseline", threadSafe = true)
public final class BaselineMojo extends AbstractKdprivacyMojo {

    /** Whether improvements beyond the tolerance lower the baseline to the current value. */
    @Parameter(property = "kdprivacy.ratchet", defaultValue = "false")
    boolean ratchet;

    /** Accepts the regressions of this run into the baseline; needs {@code reason}. */
    @Parameter(property = "kdprivacy.accept", defaultValue = "false")
    boolean accept;

    /** Why the regressions are acceptable; recorded in the baseline with each accepted regression. */
    @Parameter(property = "kdprivacy.reason")
    String reason;

    /** Who accepts the regressions; recorded with each of them. */
    @Parameter(property = "kdprivacy.acceptedBy", defaultValue = "${user.name}")
    String acceptedBy = System.getProperty("user.name");

    public BaselineMojo() {
        super("baseline");
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        ResultSet results = readResultsRequired();
        Baseline before = readBaseline().orElse(Baseline.empty());
        BaselineUpdate update = new BaselineUpdate(before, compare(results, before), ratchet);
        Baseline after = update.apply(approval(update));
        write(after);
        getLog().info("kdprivacy baseline " + baselineFile + ": " + update.added().size() + " added, "
                + update.lowered().size() + " lowered, " + update.regressions().size() + " accepted, "
                + update.kept() + " kept");
        if (!ratchet && !update.improved().isEmpty()) {
            getLog().info(count(update.improved().size(), "metric") + " improved beyond tolerance; lower the baseline "
                    + "with -Dkdprivacy.ratchet=true");
        }
        for (MetricComparison row : update.missing()) {
            getLog().warn("kept baseline entry without a result: " + row.key()
                    + " (remove it from the file by hand if the test is gone)");
        }
    }

    /** The approval for the update's regressions, or a refusal listing them. */
    private Optional<Approval> approval(BaselineUpdate update) throws MojoFailureException {
        if (update.regressions().isEmpty()) {
            return Optional.empty();
        }
        String summary = count(update.regressions().size(), "metric") + " regressed beyond tolerance";
        getLog().error(summary + ":");
        Violation.table(update.regressions().stream().map(Violation::of).toList()).forEach(getLog()::error);
        if (!accept) {
            throw new MojoFailureException(summary + "; the baseline was not changed. To accept the worse values, "
                    + "rerun with -Dkdprivacy.accept=true -Dkdprivacy.reason=\"why they are acceptable\"");
        }
        try {
            Approval approval = new Approval(acceptedBy, now(),
                    reason == null ? null : reason.strip());
            getLog().warn("accepting " + summary + " (by " + approval.by() + ": " + approval.reason() + ")");
            return Optional.of(approval);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage() + " (-Dkdprivacy.reason=..., -Dkdprivacy.acceptedBy=...); "
                    + "the baseline was not changed", e);
        }
    }

    private void write(Baseline baseline) throws MojoExecutionException {
        Path file = baselineFile.toPath();
        String text = BaselineJson.toJson(baseline);
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                getLog().info("kdprivacy baseline " + file + " is up to date");
                return;
            }
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write kdprivacy baseline " + file + ": " + e, e);
        }
    }
}
