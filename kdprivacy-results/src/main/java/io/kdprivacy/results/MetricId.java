package io.kdprivacy.results;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The one vocabulary of privacy metrics (and of the task-quality metrics reported beside them): the id a metric has
 * in assertions, results JSON, the baseline, the gate's violation table and the reports, which direction is worse
 * ({@link #higherIsWorse()}), and where its point value is found in a {@link PrivacyReport}. Ids an earlier
 * kdprivacy wrote into baselines are read as their current metric ({@link #byId}).
 */
public enum MetricId {

    /** ROC AUC of one membership attack on one model. */
    MEMBERSHIP_AUC("membership.auc", true, true),
    /** TPR at 1 % FPR of one membership attack on one model. */
    MEMBERSHIP_TPR_AT_1PCT("membership.tprAt1Pct", true, true),
    /** TPR at 0.1 % FPR of one membership attack on one model. */
    MEMBERSHIP_TPR_AT_01PCT("membership.tprAt01Pct", true, false),
    /** Attacker advantage (max TPR − FPR) of one membership attack on one model. */
    MEMBERSHIP_ADVANTAGE("membership.advantage", true, false),
    /** Member minus non-member exact-match rate of one model. */
    MEMORIZATION_GAP("memorization.gap", false, true),
    /** Share of members one model reproduces completely (k-extractable). */
    MEMORIZATION_EXTRACTION_RATE("memorization.extractionRate", false, true, "memorization.memberExtractable"),
    /** Share of canaries greedy decoding reproduces. */
    CANARY_EXTRACTION_RATE("canaries.extractionRate", false, true, "canaries.extraction"),
    /** Mean canary exposure in bits. */
    CANARY_MEAN_EXPOSURE("canaries.meanExposure", false, true),
    /** Largest canary exposure in bits. */
    CANARY_MAX_EXPOSURE("canaries.maxExposure", false, false),
    /**
     * Mean Secret Sharer extrapolated canary exposure in bits (skew-normal fit, not capped). Not baselined: an
     * estimate that rests on the fit's tail and is unbounded, so a point-value ratchet on it would flap; assert it.
     */
    CANARY_MEAN_EXTRAPOLATED_EXPOSURE("canaries.meanExtrapolatedExposure", false, false),
    /** AUC of one attack on a model minus on its reference (inherited leakage). */
    INHERITED_LEAKAGE_AUC("inheritedLeakage.auc", true, true, "inherited.aucDifference"),
    /** Largest per-block MoPe AUC of one model. */
    BLOCKS_AUC("blocks.auc", false, true, "blocks.maxAuc"),
    /** Mean ROUGE-L F1 of one model's greedy responses to the held-out prompts (utility: higher is better). */
    UTILITY_ROUGE_L("utility.rougeL", false, true, false),
    /** Perplexity of one model on the held-out responses (utility: lower is better). */
    UTILITY_PERPLEXITY("utility.perplexity", false, true, true),
    /**
     * Mean response-token NLL of one model on the held-out responses (utility: lower is better). Not baselined: the
     * baseline holds the same information as {@link #UTILITY_PERPLEXITY}.
     */
    UTILITY_HOLDOUT_NLL("utility.holdoutNll", false, false, true);

    private final String id;
    private final boolean perAttack;
    private final boolean baselined;
    private final boolean higherIsWorse;
    private final List<String> formerIds;

    /** A privacy metric: higher is worse. */
    MetricId(String id, boolean perAttack, boolean baselined, String... formerIds) {
        this(id, perAttack, baselined, true, formerIds);
    }

    MetricId(String id, boolean perAttack, boolean baselined, boolean higherIsWorse, String... formerIds) {
        this.id = id;
        this.perAttack = perAttack;
        this.baselined = baselined;
        this.higherIsWorse = higherIsWorse;
        this.formerIds = List.of(formerIds);
    }

    /** The id, e.g. {@code membership.auc}. */
    public String id() {
        return id;
    }

    /** Whether the metric is measured per membership attack. */
    public boolean perAttack() {
        return perAttack;
    }

    /** Whether the Maven gate compares it with the baseline (in the direction {@link #higherIsWorse()} gives). */
    public boolean baselined() {
        return baselined;
    }

    /**
     * Whether a rise is the bad direction: true for every privacy metric (more leakage) and for perplexity / NLL;
     * false for ROUGE-L, where a drop is the regression.
     */
    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    /** The metric with {@code id}, current or former; empty if none. */
    public static Optional<MetricId> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id) || m.formerIds.contains(id)).findFirst();
    }

    /** Every current id, comma-separated, for messages. */
    public static String allIds() {
        return Arrays.stream(values()).map(MetricId::id).collect(Collectors.joining(", "));
    }

    /** The compared metrics' ids, comma-separated, for messages. */
    public static String baselinedIds() {
        return Arrays.stream(values()).filter(MetricId::baselined).map(MetricId::id).collect(Collectors.joining(", "));
    }

    /**
     * This metric's point value in {@code report} for the model with {@code role} (and {@code attack} where it is
     * per attack); empty when the report does not have it. Non-finite values count as not measured.
     */
    public OptionalDouble valueIn(PrivacyReport report, String role, String attack) {
        OptionalDouble value = this == INHERITED_LEAKAGE_AUC
                ? report.inheritedLeakage().stream()
                        .filter(l -> l.model().equals(role) && l.attack().equals(attack)).findFirst()
                        .map(l -> OptionalDouble.of(l.aucDifference().value())).orElse(OptionalDouble.empty())
                : report.model(role).map(m -> valueIn(m, attack)).orElse(OptionalDouble.empty());
        return value.isPresent() && Double.isFinite(value.getAsDouble()) ? value : OptionalDouble.empty();
    }

    private OptionalDouble valueIn(ModelReport m, String attack) {
        if (perAttack) {
            return m.membership().stream().filter(x -> x.attack().equals(attack)).findFirst()
                    .map(x -> OptionalDouble.of(switch (this) {
                        case MEMBERSHIP_AUC -> x.auc().value();
                        case MEMBERSHIP_TPR_AT_1PCT -> x.tprAt1Pct().value();
                        case MEMBERSHIP_TPR_AT_01PCT -> x.tprAt01Pct().value();
                        case MEMBERSHIP_ADVANTAGE -> x.advantage();
                        default -> throw new IllegalStateException(id);
                    })).orElse(OptionalDouble.empty());
        }
        MemorizationMetrics memorization = m.memorization();
        CanaryMetrics canaries = m.canaries();
        UtilityMetrics utility = m.utility();
        return switch (this) {
            case MEMORIZATION_GAP -> memorization == null ? OptionalDouble.empty() : OptionalDouble.of(memorization.gap());
            case MEMORIZATION_EXTRACTION_RATE -> memorization == null || memorization.memberExtractable() == null
                    ? OptionalDouble.empty() : OptionalDouble.of(memorization.memberExtractable().value());
            case CANARY_EXTRACTION_RATE -> canaries == null || canaries.extraction() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(canaries.extraction().value());
            case CANARY_MEAN_EXPOSURE -> canaries == null ? OptionalDouble.empty() : OptionalDouble.of(canaries.meanExposure());
            case CANARY_MAX_EXPOSURE -> canaries == null ? OptionalDouble.empty() : OptionalDouble.of(canaries.maxExposure());
            case CANARY_MEAN_EXTRAPOLATED_EXPOSURE -> canaries == null ? OptionalDouble.empty()
                    : OptionalDouble.of(canaries.meanExtrapolatedExposure());
            case BLOCKS_AUC -> m.blocks().stream().mapToDouble(b -> b.auc().value()).max();
            case UTILITY_ROUGE_L -> utility == null || utility.rougeL() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(utility.rougeL().value());
            case UTILITY_PERPLEXITY -> utility == null ? OptionalDouble.empty() : OptionalDouble.of(utility.perplexity());
            case UTILITY_HOLDOUT_NLL -> utility == null ? OptionalDouble.empty() : OptionalDouble.of(utility.holdoutNll());
            default -> throw new IllegalStateException(id);
        };
    }

    /** The value a recorded decision names in its report ({@link #valueIn}); empty for an unknown metric. */
    public static OptionalDouble valueOf(PrivacyReport report, AssertionRecord decision) {
        return byId(String.valueOf(decision.metric())).map(m -> m.valueIn(report, decision.model(), decision.attack()))
                .orElse(OptionalDouble.empty());
    }
}
