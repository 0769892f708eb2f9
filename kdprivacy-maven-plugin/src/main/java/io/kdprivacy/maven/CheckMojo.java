package io.kdprivacy.maven;

import io.kdprivacy.maven.baseline.Baseline;
import io.kdprivacy.maven.baseline.Comparison;
import io.kdprivacy.maven.baseline.Gate;
import io.kdprivacy.maven.baseline.MetricComparison.Status;
import io.kdprivacy.maven.baseline.Violation;
import io.kdprivacy.maven.metrics.LoadedReport;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.maven.run.RunCheck;
import io.kdprivacy.results.ResultsFormatException;
import io.kdprivacy.results.run.RunManifest;
import io.kdprivacy.results.run.RunManifests;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The privacy gate: reads the result files the privacy tests wrote and fails the build when
 * <ul>
 *   <li>an assertion a test recorded did not pass ({@code FAILED}; {@code INCONCLUSIVE} too unless
 *       {@code failOnInconclusive} is false),</li>
 *   <li>a metric got worse than its baseline value by more than its tolerance, or</li>
 *   <li>a baseline entry has no result ({@code failOnMissingResults}).</li>
 * </ul>
 * <p>Every violation is printed in one table. The compared privacy metrics are all "higher is worse": membership
 * AUC and TPR at 1 % FPR per model and attack, memorization gap and member k-extractable rate, canary
 * extraction rate and mean exposure, inherited-leakage AUC difference per attack, and the largest
 * per-block AUC. Beside them, each model's utility: perplexity on the held-out responses (higher is worse) and
 * mean ROUGE-L of its greedy responses (higher is better: a drop beyond the tolerance is the regression). <b>Point values are compared, not confidence intervals</b>: the baseline records the
 * values that were accepted, and the tolerance absorbs run-to-run noise; the intervals are in the report.
 * A result file that is malformed or of another schema version fails the build naming the file.
 *
 * <p>Results count only when this build's privacy tests wrote them ({@link RunCheck}): a results file not in a
 * run manifest of this build, changed since, from a test that failed or errored, or whose decisions disagree
 * with its metrics is a violation — so stale results after {@code -DskipTests} or a test ignored by
 * {@code maven.test.failure.ignore} cannot pass the gate.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractKdprivacyMojo {

    /** Whether violations fail the build; if false they are logged as errors and the build goes on. */
    @Parameter(property = "kdprivacy.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure = true;

    /** Whether a missing baseline file fails the build; if false, only the tests' own assertions are enforced. */
    @Parameter(property = "kdprivacy.failOnMissingBaseline", defaultValue = "false")
    boolean failOnMissingBaseline;

    /** Whether a baseline entry that no result file has fails the build (a test removed, renamed or not run). */
    @Parameter(property = "kdprivacy.failOnMissingResults", defaultValue = "true")
    boolean failOnMissingResults = true;

    /** Whether an {@code INCONCLUSIVE} assertion (too little evidence either way) fails like a {@code FAILED} one. */
    @Parameter(property = "kdprivacy.failOnInconclusive", defaultValue = "true")
    boolean failOnInconclusive = true;

    /**
     * Whether results count only when this build's privacy tests wrote them (a run manifest of this build lists
     * each file with its hash, and its test passed). Set false only to gate results made elsewhere, e.g. copied
     * from another CI job: then stale or edited files are not detected.
     */
    @Parameter(property = "kdprivacy.requireTestRun", defaultValue = "true")
    boolean requireTestRun = true;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    /** When this build started; taken from the Maven session unless set (tests set it). */
    Instant buildStarted;

    public CheckMojo() {
        super("check");
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        ResultSet results = readResults();
        Optional<Baseline> baseline = readBaseline();
        List<String> untrusted = untrusted(results, baseline.isPresent());
        if (baseline.isEmpty()) {
            if (failOnMissingBaseline) {
                throw new MojoFailureException("no kdprivacy baseline at " + baselineFile + "; create it with "
                        + "'mvn kdprivacy:baseline' and commit it, or set failOnMissingBaseline to false");
            }
            if (results.isEmpty() && untrusted.isEmpty()) {
                getLog().info("no kdprivacy results found in " + resultsDirectory + " and no baseline: nothing to check");
                return;
            }
            getLog().warn("no kdprivacy baseline at " + baselineFile + ": metrics are not compared, only the tests' "
                    + "own assertions are enforced (create one with 'mvn kdprivacy:baseline')");
        }
        Comparison comparison = compare(results, baseline.orElse(Baseline.empty()));
        getLog().info("found " + count(results.reports().size(), "kdprivacy result") + " in " + resultsDirectory
                + baseline.map(b -> ", compared with " + count(b.entries().size(), "baseline value")
                + " in " + baselineFile).orElse(""));
        if (baseline.isPresent()) {
            hints(comparison);
        }
        warnInvalid(results);
        List<Violation> violations = new Gate(failOnInconclusive, failOnMissingResults).violations(results, comparison);
        if (violations.isEmpty() && untrusted.isEmpty()) {
            getLog().info("kdprivacy: no privacy violations");
            return;
        }
        String summary = count(violations.size() + untrusted.size(), "kdprivacy privacy violation");
        getLog().error(summary + ":");
        untrusted.forEach(problem -> getLog().error("untrusted results: " + problem));
        if (!violations.isEmpty()) {
            Violation.table(violations).forEach(getLog()::error);
        }
        if (haltOnFailure) {
            throw new MojoFailureException(summary + " (listed above)");
        }
        getLog().warn("haltOnFailure is false: the build goes on despite " + summary);
    }

    /** Why the results cannot be trusted (see {@link RunCheck}); with {@code requireTestRun} false, decisions only. */
    private List<String> untrusted(ResultSet results, boolean expected) throws MojoFailureException {
        List<RunManifest> manifests;
        try {
            manifests = requireTestRun ? RunManifests.readAll(resultsDirectory.toPath()) : List.of();
        } catch (ResultsFormatException e) {
            throw new MojoFailureException("invalid kdprivacy run manifest " + e.getMessage(), e);
        }
        if (!requireTestRun) {
            getLog().warn("kdprivacy.requireTestRun is false: results are not bound to this build's test run, so "
                    + "stale or edited results files are not detected");
            return RunCheck.decisionProblems(results.reports());
        }
        return new RunCheck(buildStarted(), skipHint()).problems(resultsDirectory.toPath(), results.reports(), manifests,
                expected);
    }

    private Instant buildStarted() {
        if (buildStarted != null) {
            return buildStarted;
        }
        return session == null ? Instant.EPOCH : session.getRequest().getStartTime().toInstant();
    }

    /** Which of Maven's usual switches may have kept the tests from running, or null. */
    private String skipHint() {
        if (session == null) {
            return null;
        }
        for (String property : List.of("skipTests", "maven.test.skip", "skipITs")) {
            String value = session.getUserProperties().getProperty(property,
                    session.getCurrentProject() == null ? null
                            : session.getCurrentProject().getProperties().getProperty(property));
            if (value != null && !value.equalsIgnoreCase("false")) {
                return "-D" + property + " is set";
            }
        }
        return null;
    }

    /** Tells what 'mvn kdprivacy:baseline' would change that is not a violation. */
    private void hints(Comparison comparison) {
        int added = comparison.with(Status.NEW).size();
        if (added > 0) {
            getLog().info(count(added, "metric") + " not in the baseline yet; add with 'mvn kdprivacy:baseline'");
        }
        int improved = comparison.with(Status.IMPROVED).size();
        if (improved > 0) {
            getLog().info(count(improved, "metric") + " improved beyond tolerance; lower the baseline with "
                    + "'mvn kdprivacy:baseline -Dkdprivacy.ratchet=true'");
        }
        if (!failOnMissingResults) {
            comparison.with(Status.MISSING).forEach(row -> getLog().warn("no result for baseline entry " + row.key()));
        }
    }

    private void warnInvalid(ResultSet results) {
        for (LoadedReport loaded : results.reports()) {
            if (loaded.report().validity() != null && !loaded.report().validity().valid()) {
                getLog().warn(loaded.report().testId() + ": evaluation set is not valid, its attack results may "
                        + "describe a bias of the data rather than leakage (" + loaded.file() + ")");
            }
        }
    }
}
