package io.kdprivacy.maven.metrics;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The metrics the gate compares with the baseline. Every one is "higher is worse": more membership
 * signal, more memorization, more extractable secrets, more leakage than the reference.
 */
public enum Metric {

    /** ROC AUC of one membership attack on one model. */
    MEMBERSHIP_AUC("membership.auc"),
    /** TPR at 1 % FPR of one membership attack on one model. */
    MEMBERSHIP_TPR_AT_1PCT("membership.tprAt1Pct"),
    /** Member minus non-member exact-match rate of one model. */
    MEMORIZATION_GAP("memorization.gap"),
    /** Share of members one model reproduces completely (k-extractable). */
    MEMORIZATION_MEMBER_EXTRACTABLE("memorization.memberExtractable"),
    /** Share of canaries greedy decoding reproduces. */
    CANARY_EXTRACTION("canaries.extraction"),
    /** Mean canary exposure in bits. */
    CANARY_MEAN_EXPOSURE("canaries.meanExposure"),
    /** AUC of one attack on a model minus on its reference (inherited leakage). */
    INHERITED_AUC_DIFFERENCE("inherited.aucDifference"),
    /** Largest per-block MoPe AUC of one model. */
    BLOCK_MAX_AUC("blocks.maxAuc");

    private final String id;

    Metric(String id) {
        this.id = id;
    }

    /** The name used in baselines, configuration and reports, e.g. {@code membership.auc}. */
    public String id() {
        return id;
    }

    /** The metric called {@code id}, if there is one. */
    public static Optional<Metric> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    /** Every id, comma-separated, for error messages. */
    public static String allIds() {
        return Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", "));
    }
}
