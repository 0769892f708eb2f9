package io.kdprivacy.assertj;

import io.kdprivacy.results.Estimate;

/**
 * One number from a privacy report, with everything a failure message needs.
 *
 * @param key       stable id recorded in the results, e.g. {@code membership.auc}
 * @param label     for people, e.g. {@code membership AUC}
 * @param technique KD technique of the report
 * @param model     model role, e.g. {@code student}
 * @param attack    attack, or null
 * @param estimate  value and interval (lower = upper = value for numbers without one)
 * @param n         examples behind the number (0 if not applicable)
 * @param sample    how the sample is described, e.g. {@code 150 members / 150 non-members}
 * @param min       smallest meaningful limit
 * @param max       largest meaningful limit
 */
public record Metric(String key, String label, String technique, String model, String attack, Estimate estimate,
                     int n, String sample, double min, double max) {

    /** Whether the number comes with an interval. */
    public boolean hasInterval() {
        return estimate.lower() < estimate.upper();
    }

    /** E.g. {@code [GKD] student membership AUC (MIN_K)}. */
    public String describe() {
        return "[" + technique + "] " + model + " " + label + (attack == null ? "" : " (" + attack + ")");
    }
}
