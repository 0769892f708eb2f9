package io.kdprivacy.distill;

/**
 * The six LLM knowledge-distillation techniques studied by Zhang et al. (EMNLP 2025), each a pair of
 * an objective and a source of training sequences.
 */
public enum KdTechnique {
    /** Word-level KD: forward KL on the ground-truth public responses. */
    KD("KD", Divergence.FORWARD_KL),
    /** Sequence-level KD: forward KL on responses the teacher generated for the public prompts. */
    SEQKD("SeqKD", Divergence.FORWARD_KL),
    /** Imitation KD: forward KL on student-generated (on-policy) sequences drawn from a replay buffer. */
    IMITKD("ImitKD", Divergence.FORWARD_KL),
    /** Generalized KD: generalized JSD(β) on a mixture of student-generated and ground-truth sequences. */
    GKD("GKD", Divergence.GENERALIZED_JSD),
    /** MiniLLM: reverse KL optimised by policy gradient over student rollouts. */
    MINILLM("MiniLLM", Divergence.REVERSE_KL),
    /** DistiLLM: skew reverse KL with adaptive off-policy student data. */
    DISTILLM("DistiLLM", Divergence.SKEW_REVERSE_KL);

    private final String displayName;
    private final Divergence divergence;

    KdTechnique(String displayName, Divergence divergence) {
        this.displayName = displayName;
        this.divergence = divergence;
    }

    /** The name used in reports and test names, e.g. {@code SeqKD}. */
    public String displayName() {
        return displayName;
    }

    /** The token-level divergence the technique minimises. */
    public Divergence divergence() {
        return divergence;
    }
}
