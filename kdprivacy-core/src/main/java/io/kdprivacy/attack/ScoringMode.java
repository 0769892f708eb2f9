package io.kdprivacy.attack;

/**
 * Which definition of each {@link Attack} score to use.
 */
public enum ScoringMode {

    /** The published definitions (Shi et al. Min-K%, Zhang et al. Min-K%++, Carlini et al. zlib). The default. */
    PUBLISHED,

    /**
     * The reference code's definitions, to compare with the paper's numbers; each quirk is documented on
     * {@link Attack}. The reference code's AUC flip is not part of any score: it is the separate
     * {@link MembershipAttack#paperAuc(double)}.
     */
    PAPER_COMPATIBLE
}
