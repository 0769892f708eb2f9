package io.kdprivacy.maven;

import io.kdprivacy.maven.baseline.Baseline;
import io.kdprivacy.maven.baseline.BaselineFormatException;
import io.kdprivacy.maven.baseline.BaselineJson;
import io.kdprivacy.maven.baseline.Comparison;
import io.kdprivacy.maven.baseline.ToleranceRule;
import io.kdprivacy.maven.baseline.Tolerances;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.results.ResultsFormatException;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every kdprivacy goal shares: where results and baseline are, the tolerances, and {@code skip}. */
abstract class AbstractKdprivacyMojo extends AbstractMojo {

    static final String DEFAULT_ABSOLUTE_TOLERANCE = "0.02";
    static final String DEFAULT_RELATIVE_TOLERANCE = "0";

    /** The directory holding the {@code *.json} result files the privacy tests wrote (not searched recursively). */
    @Parameter(property = "kdprivacy.resultsDirectory",
            defaultValue = "${project.build.directory}/kdprivacy-results", required = true)
    File resultsDirectory;

    /** The baseline file, committed to version control. */
    @Parameter(property = "kdprivacy.baselineFile", defaultValue = "${project.basedir}/privacy-baseline.json",
            required = true)
    File baselineFile;

    /** Skips the goal. */
    @Parameter(property = "kdprivacy.skip", defaultValue = "false")
    boolean skip;

    /**
     * How much a metric may rise above its baseline, in the metric's own unit, before it counts as a
     * regression (and fall below it before it counts as an improvement; for {@code utility.rougeL}, where higher
     * is better, the other way round). The allowed change is the larger of this and
     * {@code defaultRelativeTolerance} × |baseline| ({@code utility.perplexity}: at least 5 % of its baseline).
     */
    @Parameter(property = "kdprivacy.tolerance.absolute", defaultValue = DEFAULT_ABSOLUTE_TOLERANCE)
    double defaultAbsoluteTolerance = Double.parseDouble(DEFAULT_ABSOLUTE_TOLERANCE);

    /** How much a metric may change as a fraction of its baseline value (see {@code defaultAbsoluteTolerance}). */
    @Parameter(property = "kdprivacy.tolerance.relative", defaultValue = DEFAULT_RELATIVE_TOLERANCE)
    double defaultRelativeTolerance = Double.parseDouble(DEFAULT_RELATIVE_TOLERANCE);

    /**
     * Per-metric tolerances overriding the defaults, e.g.
     * {@code <tolerance><metric>canaries.meanExposure</metric><absolute>0.5</absolute></tolerance>}. Metrics:
     * {@code membership.auc}, {@code membership.tprAt1Pct}, {@code memorization.gap},
     * {@code memorization.extractionRate}, {@code canaries.extractionRate}, {@code canaries.meanExposure},
     * {@code inheritedLeakage.auc}, {@code blocks.auc}, {@code utility.rougeL}, {@code utility.perplexity}
     * ({@link io.kdprivacy.results.MetricId}; former ids are accepted).
     */
    @Parameter
    List<Tolerance> tolerances = List.of();

    /** Time source for the times recorded in baselines and reports; replaced in tests. */
    Clock clock = Clock.systemUTC();

    private final String goal;

    /** A mojo of the goal called {@code goal}. */
    AbstractKdprivacyMojo(String goal) {
        this.goal = goal;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("kdprivacy " + goal + " skipped");
            return;
        }
        run();
    }

    /** The goal itself, run unless skipped. */
    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The configured tolerances. */
    Tolerances tolerances() throws MojoExecutionException {
        try {
            Tolerances result = new Tolerances(new ToleranceRule(defaultAbsoluteTolerance, defaultRelativeTolerance));
            for (Tolerance t : tolerances) {
                result.override(t.getMetric(), t.getAbsolute(), t.getRelative());
            }
            return result;
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("invalid kdprivacy tolerance configuration: " + e.getMessage(), e);
        }
    }

    /** Every result in {@link #resultsDirectory}; empty if it does not exist. */
    ResultSet readResults() throws MojoExecutionException, MojoFailureException {
        try {
            return ResultSet.read(resultsDirectory.toPath());
        } catch (ResultsFormatException e) {
            throw new MojoFailureException("invalid kdprivacy result file " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** Every result, failing when there is none: the goal has nothing to work on. */
    ResultSet readResultsRequired() throws MojoExecutionException, MojoFailureException {
        ResultSet results = readResults();
        if (results.isEmpty()) {
            throw new MojoFailureException("no kdprivacy results in " + resultsDirectory + ": run the privacy tests "
                    + "first, e.g. 'mvn verify kdprivacy:" + goal + "'");
        }
        return results;
    }

    /** The baseline, or empty if {@link #baselineFile} does not exist. */
    Optional<Baseline> readBaseline() throws MojoFailureException {
        Path file = baselineFile.toPath();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BaselineJson.read(file));
        } catch (BaselineFormatException e) {
            throw new MojoFailureException("invalid kdprivacy baseline " + e.getMessage(), e);
        }
    }

    /** The results compared with {@code baseline}. */
    Comparison compare(ResultSet results, Baseline baseline) throws MojoExecutionException {
        return Comparison.of(results.values(), baseline, tolerances());
    }

    /** The current time as an ISO-8601 instant in whole seconds. */
    String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code count} and {@code noun}, plural when needed: "1 result", "2 results". */
    static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
