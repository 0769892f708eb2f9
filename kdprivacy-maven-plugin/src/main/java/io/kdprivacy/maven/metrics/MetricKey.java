package io.kdprivacy.maven.metrics;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies one compared number: which test and technique measured which metric on which model,
 * with which attack.
 *
 * @param test      the report's test id
 * @param technique KD technique, or null if the report names none
 * @param model     model role, e.g. {@code student}
 * @param metric    a {@link Metric#id()}
 * @param attack    attack name, or null for metrics not tied to an attack
 */
public record MetricKey(String test, String technique, String model, String metric, String attack)
        implements Comparable<MetricKey> {

    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<MetricKey> ORDER = Comparator.comparing(MetricKey::test, TEXT)
            .thenComparing(MetricKey::technique, TEXT)
            .thenComparing(MetricKey::model, TEXT)
            .thenComparing(MetricKey::metric, TEXT)
            .thenComparing(MetricKey::attack, TEXT);

    public MetricKey {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metric, "metric");
    }

    @Override
    public int compareTo(MetricKey other) {
        return ORDER.compare(this, other);
    }

    /** True when this key belongs to {@code test} run with {@code technique}. */
    public boolean isOf(String test, String technique) {
        return this.test.equals(test) && Objects.equals(this.technique, technique);
    }

    @Override
    public String toString() {
        return test + " [" + (technique == null ? "-" : technique) + "] " + model + " " + metric
                + (attack == null ? "" : " " + attack);
    }
}
