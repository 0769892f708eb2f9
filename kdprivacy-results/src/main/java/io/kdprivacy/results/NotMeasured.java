package io.kdprivacy.results;

/**
 * A measurement a report deliberately leaves out, and why — so a reader (or a gate) sees "not measured"
 * instead of a silently missing number.
 *
 * @param metric what was not measured: a {@link MetricId#id() metric id}, e.g. {@code inheritedLeakage.auc}
 * @param model  the role it concerns, e.g. {@code student}
 * @param attack the attack, where the metric is per attack (e.g. {@code REFERENCE}); else null
 * @param reason why, in words a user can act on
 */
public record NotMeasured(String metric, String model, String attack, String reason) {

    public NotMeasured {
        if (metric == null || model == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("not-measured entries need metric, model and reason");
        }
    }
}
