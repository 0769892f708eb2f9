package io.kdprivacy.maven.baseline;

import io.kdprivacy.results.MetricId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tolerance of every metric: a default, overridden per metric. Perplexity, whose scale the default's absolute
 * amount does not fit, has its own default: {@value #PERPLEXITY_RELATIVE} of its baseline value (or the default's
 * absolute amount if that is more).
 */
public final class Tolerances {

    /** Share of its baseline by which perplexity may move by default: {@value}. */
    public static final double PERPLEXITY_RELATIVE = 0.05;

    private final ToleranceRule defaults;
    private final Map<String, ToleranceRule> perMetric = new TreeMap<>();

    /** Tolerances that apply {@code defaults} to every metric. */
    public Tolerances(ToleranceRule defaults) {
        this.defaults = defaults;
    }

    /**
     * Overrides the tolerance of one metric. Null amounts keep the default's.
     *
     * @throws IllegalArgumentException for an unknown metric, a metric given twice, or a negative amount
     */
    public Tolerances override(String metricId, Double absolute, Double relative) {
        String metric = MetricId.byId(metricId).filter(MetricId::baselined).map(MetricId::id).orElseThrow(() ->
                new IllegalArgumentException("unknown metric '" + metricId + "' in a tolerance (known: "
                        + MetricId.baselinedIds() + ")"));
        ToleranceRule base = defaultOf(metric);
        ToleranceRule rule = new ToleranceRule(absolute == null ? base.absolute() : absolute,
                relative == null ? base.relative() : relative);
        if (perMetric.putIfAbsent(metric, rule) != null) {
            throw new IllegalArgumentException("tolerance for " + metric + " given twice");
        }
        return this;
    }

    /** The tolerance of {@code metric}. */
    public ToleranceRule of(String metric) {
        String id = MetricId.byId(metric).map(MetricId::id).orElse(metric);
        ToleranceRule rule = perMetric.get(id);
        return rule != null ? rule : defaultOf(id);
    }

    /** The tolerance of {@code metric} (a current id) without an override. */
    private ToleranceRule defaultOf(String metric) {
        return metric.equals(MetricId.UTILITY_PERPLEXITY.id())
                ? new ToleranceRule(defaults.absolute(), Math.max(defaults.relative(), PERPLEXITY_RELATIVE))
                : defaults;
    }
}
