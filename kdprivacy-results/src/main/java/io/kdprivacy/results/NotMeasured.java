package io.kdprivacy.results;

/**
 * A measurement a report deliberately leaves out, and why — so a reader (or a gate) sees "not measured"
 * instead of a silently missing number.
 *
 * @param metric what was not measured, e.g. {@code inheritedLeakage} or {@code membership.REFERENCE}
 * @param model  the role it concerns, e.g. {@code student}
 * @param reason why, in words a user can act on
 */
public record NotMeasured(String metric, String model, String reason) {

    public NotMeasured {
        if (metric == null || model == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("not-measured entries need metric, model and reason");
        }
    }
}
