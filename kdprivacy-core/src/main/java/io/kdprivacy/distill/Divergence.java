package io.kdprivacy.distill;

import ai.djl.ndarray.NDArray;

/**
 * The token-level divergences of {@link Divergences}, selectable by name (e.g. from a configuration).
 * Each takes a teacher q and a student p_θ as logits [B,T,V]; {@code parameter} is the skew α of the skew
 * KLs and the β of the generalized JSD, and is ignored by the others.
 */
public enum Divergence {

    /** KL(q ‖ p_θ): mode-covering; the KD, SeqKD and ImitKD objective. */
    FORWARD_KL(false, Double.NaN),
    /** KL(p_θ ‖ q): mode-seeking; MiniLLM's objective (there optimised as a policy gradient). */
    REVERSE_KL(false, Double.NaN),
    /** KL(q ‖ α·q + (1−α)·p_θ), DistiLLM's SKL; α = 0 is {@link #FORWARD_KL}. */
    SKEW_FORWARD_KL(true, Divergences.DISTILLM_SKEW_ALPHA),
    /** KL(p_θ ‖ α·p_θ + (1−α)·q), DistiLLM's SRKL (α = 0.1 there); α = 0 is {@link #REVERSE_KL}. */
    SKEW_REVERSE_KL(true, Divergences.DISTILLM_SKEW_ALPHA),
    /** KL(q ‖ p_θ) + KL(p_θ ‖ q). */
    SYMMETRIC_KL(false, Double.NaN),
    /** β·KL(p_θ ‖ m) + (1−β)·KL(q ‖ m) with m = β·p_θ + (1−β)·q; GKD's objective (β = 0.9 there). */
    GENERALIZED_JSD(true, Divergences.GKD_BETA),
    /** ½ Σ_v |p_θ(v) − q(v)|. */
    TOTAL_VARIATION(false, Double.NaN);

    private final boolean parameterized;
    private final double defaultParameter;

    Divergence(boolean parameterized, double defaultParameter) {
        this.parameterized = parameterized;
        this.defaultParameter = defaultParameter;
    }

    /** Whether {@code parameter} means anything to this divergence (α or β, in [0, 1]). */
    public boolean parameterized() {
        return parameterized;
    }

    /**
     * The reference code's value of the parameter (α = 0.1 for the skew KLs, β = 0.9 for the generalized
     * JSD), or NaN for the divergences that take none.
     */
    public double defaultParameter() {
        return defaultParameter;
    }

    /**
     * The divergence averaged over the positions where {@code mask} [B,T] is 1, as a scalar; gradients
     * flow into {@code studentLogits} only. See {@link Divergences}.
     */
    public NDArray compute(NDArray teacherLogits, NDArray studentLogits, NDArray mask, double parameter) {
        return Divergences.compute(this, teacherLogits, studentLogits, mask, parameter);
    }

    /** {@link #compute} with {@link #defaultParameter()}. */
    public NDArray compute(NDArray teacherLogits, NDArray studentLogits, NDArray mask) {
        return compute(teacherLogits, studentLogits, mask, defaultParameter);
    }

    /** The divergence at every position, [B,T] (no masking, no averaging). */
    public NDArray perToken(NDArray teacherLogits, NDArray studentLogits, double parameter) {
        return Divergences.perToken(this, teacherLogits, studentLogits, parameter);
    }
}
