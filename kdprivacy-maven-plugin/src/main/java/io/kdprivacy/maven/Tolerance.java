package io.kdprivacy.maven;

/**
 * A per-metric tolerance in the plugin configuration:
 * <pre>{@code
 * <tolerance>
 *   <metric>membership.auc</metric>
 *   <absolute>0.03</absolute>
 *   <relative>0.1</relative>
 * </tolerance>
 * }</pre>
 * An amount left out keeps the default ({@code defaultAbsoluteTolerance}, {@code defaultRelativeTolerance}).
 */
public class Tolerance {

    /** The metric id, e.g. {@code membership.auc}. */
    private String metric;
    /** Allowed increase in the metric's unit. */
    private Double absolute;
    /** Allowed increase as a fraction of the baseline value. */
    private Double relative;

    /** For Maven's configurator. */
    public Tolerance() {
    }

    public Tolerance(String metric, Double absolute, Double relative) {
        this.metric = metric;
        this.absolute = absolute;
        this.relative = relative;
    }

    public String getMetric() {
        return metric;
    }

    public Double getAbsolute() {
        return absolute;
    }

    public Double getRelative() {
        return relative;
    }
}
