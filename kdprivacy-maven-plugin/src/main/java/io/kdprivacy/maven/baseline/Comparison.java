package io.kdprivacy.maven.baseline;

import io.kdprivacy.maven.metrics.MetricKey;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every current point value against the baseline, and every baseline entry without a current value.
 * Point values are compared, not intervals: the baseline records what was accepted, and the tolerance
 * absorbs run-to-run noise (the intervals are in the report).
 *
 * @param rows one row per key in the results or the baseline, in key order
 */
public record Comparison(List<MetricComparison> rows) {

    public Comparison {
        rows = List.copyOf(rows);
    }

    /** Compares {@code current} values with {@code baseline} under {@code tolerances}. */
    public static Comparison of(Map<MetricKey, Double> current, Baseline baseline, Tolerances tolerances) {
        SortedSet<MetricKey> keys = new TreeSet<>(current.keySet());
        keys.addAll(baseline.entries().keySet());
        return new Comparison(keys.stream()
                .map(key -> MetricComparison.of(key, baseline.value(key), current.get(key), tolerances.of(key.metric())))
                .toList());
    }

    /** The rows with {@code status}, in key order. */
    public List<MetricComparison> with(MetricComparison.Status status) {
        return rows.stream().filter(r -> r.status() == status).toList();
    }

    /** The rows of one test run with one technique. */
    public List<MetricComparison> of(String test, String technique) {
        return rows.stream().filter(r -> r.key().isOf(test, technique)).toList();
    }
}
