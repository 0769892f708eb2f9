package io.kdprivacy.results;

/**
 * One assertion a privacy test made, and how it came out.
 *
 * @param metric     what was asserted, e.g. {@code membership.auc}
 * @param model      model role, e.g. {@code student}
 * @param attack     attack, or null where not applicable
 * @param comparison e.g. {@code isBelow}
 * @param limit      the limit asserted
 * @param value      the point estimate
 * @param decidedOn  the number the decision used (the bound by default)
 * @param outcome    {@code PASSED}, {@code FAILED} or {@code INCONCLUSIVE}
 */
public record AssertionRecord(String metric, String model, String attack, String comparison, double limit,
                              double value, double decidedOn, String outcome) {
}
