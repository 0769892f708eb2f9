package io.kdprivacy.maven.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kdprivacy.maven.metrics.MetricKey;
import io.kdprivacy.results.MetricId;
import java.util.ArrayList;
import java.util.List;

/**
 * The accepted value of one metric, with the regressions accepted for it so far.
 *
 * @param test      test id
 * @param technique KD technique, or null
 * @param model     model role
 * @param metric    metric id
 * @param attack    attack, or null
 * @param value     the baseline point value
 * @param accepted  accepted regressions, oldest first
 */
public record BaselineEntry(String test, @JsonInclude(JsonInclude.Include.NON_NULL) String technique, String model,
                            String metric, @JsonInclude(JsonInclude.Include.NON_NULL) String attack, double value,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Acceptance> accepted) {

    public BaselineEntry {
        accepted = accepted == null ? List.of() : List.copyOf(accepted);
        // baselines an earlier kdprivacy wrote name some metrics differently: read them by today's id
        metric = metric == null ? null : MetricId.byId(metric).map(MetricId::id).orElse(metric);
    }

    /** A new entry without history. */
    public static BaselineEntry of(MetricKey key, double value) {
        return new BaselineEntry(key.test(), key.technique(), key.model(), key.metric(), key.attack(), value, List.of());
    }

    /** What this entry is the baseline of. */
    public MetricKey key() {
        return new MetricKey(test, technique, model, metric, attack);
    }

    /** This entry with another value and the same history. */
    public BaselineEntry withValue(double newValue) {
        return new BaselineEntry(test, technique, model, metric, attack, newValue, accepted);
    }

    /** This entry moved to {@code acceptance.to()}, recording the acceptance. */
    public BaselineEntry accept(Acceptance acceptance) {
        List<Acceptance> all = new ArrayList<>(accepted);
        all.add(acceptance);
        return new BaselineEntry(test, technique, model, metric, attack, acceptance.to(), all);
    }
}
