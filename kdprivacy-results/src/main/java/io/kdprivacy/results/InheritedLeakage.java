package io.kdprivacy.results;

/**
 * How much membership signal a model carries beyond its reference: the AUC of one attack on the model
 * minus the AUC of the same attack on the reference model, measured on the same members and non-members.
 * The interval comes from a paired bootstrap (the same resampled examples score both models), so it is
 * much narrower than the difference of the two separate intervals would suggest. A positive value means
 * the model leaks more than its reference; an interval above 0 means that is not chance.
 *
 * @param attack        attack name, e.g. {@code LOSS}
 * @param model         role of the audited model, usually {@code student}
 * @param reference     role of the reference, usually {@code reference}
 * @param aucDifference AUC(model) − AUC(reference) with its paired-bootstrap interval
 */
public record InheritedLeakage(String attack, String model, String reference, Estimate aucDifference) {

    public InheritedLeakage {
        if (attack == null || model == null || reference == null || aucDifference == null) {
            throw new IllegalArgumentException("inherited leakage needs attack, model, reference and difference");
        }
    }
}
