package io.kdprivacy.maven.baseline;

import io.kdprivacy.maven.metrics.MetricKey;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The committed privacy baseline: one accepted value per metric key, in key order.
 *
 * @param entries the entries by key
 */
public record Baseline(SortedMap<MetricKey, BaselineEntry> entries) {

    public Baseline {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** An empty baseline. */
    public static Baseline empty() {
        return new Baseline(new TreeMap<>());
    }

    /**
     * A baseline of {@code entries}.
     *
     * @throws IllegalArgumentException if two entries have the same key
     */
    public static Baseline of(Collection<BaselineEntry> entries) {
        SortedMap<MetricKey, BaselineEntry> byKey = new TreeMap<>();
        for (BaselineEntry entry : entries) {
            if (byKey.putIfAbsent(entry.key(), entry) != null) {
                throw new IllegalArgumentException("two entries for " + entry.key());
            }
        }
        return new Baseline(byKey);
    }

    /** The baseline value of {@code key}, or null if it has none. */
    public Double value(MetricKey key) {
        BaselineEntry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /** The entries in key order. */
    public List<BaselineEntry> sortedEntries() {
        return List.copyOf(entries.values());
    }
}
