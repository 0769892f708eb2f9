package io.kdprivacy.maven.baseline;

import io.kdprivacy.results.MetricId;
import java.util.Map;
import java.util.TreeMap;

/** The tolerance of every metric: a default, overridden per metric. */
public final class Tolerances {

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
        ToleranceRule rule = new ToleranceRule(absolute == null ? defaults.absolute() : absolute,
                relative == null ? defaults.relative() : relative);
        if (perMetric.putIfAbsent(metric, rule) != null) {
            throw new IllegalArgumentException("tolerance for " + metric + " given twice");
        }
        return this;
    }

    /** The tolerance of {@code metric}. */
    public ToleranceRule of(String metric) {
        return perMetric.getOrDefault(MetricId.byId(metric).map(MetricId::id).orElse(metric), defaults);
    }
}
