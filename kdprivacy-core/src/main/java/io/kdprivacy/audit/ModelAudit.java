package io.kdprivacy.audit;

import io.kdprivacy.results.ModelReport;

import java.util.Map;

/**
 * One model's audit: the report records plus the raw attack scores behind them, kept in memory so that
 * paired comparisons (inherited leakage) can resample the same examples for two models. Scores are numbers
 * only, aligned with the evaluation set's members and non-members.
 *
 * @param report the report of this model
 * @param scores per attack name (in audit order), the member and non-member scores
 */
public record ModelAudit(ModelReport report, Map<String, AttackScores> scores) {

    /**
     * One attack's scores, higher = more likely a member (NaN where undefined).
     *
     * @param members     aligned with {@link EvaluationSet#memberIds()}
     * @param nonMembers  aligned with {@link EvaluationSet#nonMemberIds()}
     */
    public record AttackScores(double[] members, double[] nonMembers) {
    }

    public ModelAudit {
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    }
}
