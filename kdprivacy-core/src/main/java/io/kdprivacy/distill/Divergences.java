package io.kdprivacy.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Token-level divergences between a teacher's next-token distribution q and a student's p_θ, the
 * objectives of the knowledge-distillation techniques.
 *
 * <p>Every method takes logits [B,T,V] of the teacher and of the student and a mask [B,T] (1 where the
 * position carries a loss, 0 elsewhere). Both sides are turned into log-probabilities by a float32
 * log-softmax (never softmax followed by log); the divergence is summed over the vocabulary at each
 * position and averaged over the positions whose mask is 1: masked positions contribute nothing and
 * the mean divides by the mask's sum (by 1 if the mask is all zero, giving 0 rather than NaN). The result
 * is a scalar in the student's manager.
 *
 * <p>The teacher side is detached ({@code stopGradient}): gradients flow into the student logits only,
 * whether or not the teacher logits require a gradient.
 *
 * <p>Mixtures are computed in log space: log(w·e^a + (1−w)·e^b) as the log-sum-exp of log w + a and
 * log(1−w) + b, with w = 0 and w = 1 returning b and a exactly. Logits must be finite.
 *
 * <p>Conventions follow the reference code (DistiLLM's {@code losses.py}, used by the paper):
 * <ul>
 * <li>The skew KLs put the weight α on the KL's <em>own first argument</em> in the mixture, so α = 0
 * gives the plain KL and α = 1 gives 0: SKL(α) = KL(q ‖ α·q + (1−α)·p_θ) and
 * SRKL(α) = KL(p_θ ‖ α·p_θ + (1−α)·q). DistiLLM trains with SRKL(0.1), i.e. against the mixture
 * 0.9·q + 0.1·p_θ.</li>
 * <li>The generalized JSD(β) is β·KL(p_θ ‖ m) + (1−β)·KL(q ‖ m) with m = β·p_θ + (1−β)·q (GKD runs β = 0.9).
 * β = 0.5 is the ordinary Jensen–Shannon divergence (symmetric, at most ln 2); at β = 0 the mixture is q
 * and at β = 1 it is p_θ, so both ends are 0 (the divergence vanishes as β → 0 or 1).</li>
 * <li>Forward KL includes the teacher entropy term: the reference code's {@code forward_kl} and
 * {@code skewed_forward_kl} return the cross-entropy −Σ q log(·), which differs from ours by the constant
 * Σ q log q (same gradient, different value: ours is 0 when student = teacher).</li>
 * </ul>
 */
public final class Divergences {

    /** DistiLLM's skew α (both SKL and SRKL). */
    public static final double DISTILLM_SKEW_ALPHA = 0.1;

    /** The generalized JSD's β in the reference GKD runs. */
    public static final double GKD_BETA = 0.9;

    private Divergences() {
    }

    /** KL(q ‖ p_θ) = Σ_v q (log q − log p_θ), masked mean. */
    public static NDArray forwardKl(NDArray teacherLogits, NDArray studentLogits, NDArray mask) {
        return compute(Divergence.FORWARD_KL, teacherLogits, studentLogits, mask, Double.NaN);
    }

    /** KL(p_θ ‖ q) = Σ_v p_θ (log p_θ − log q), masked mean. */
    public static NDArray reverseKl(NDArray teacherLogits, NDArray studentLogits, NDArray mask) {
        return compute(Divergence.REVERSE_KL, teacherLogits, studentLogits, mask, Double.NaN);
    }

    /**
     * Skew forward KL, KL(q ‖ α·q + (1−α)·p_θ), masked mean; α ∈ [0,1], α = 0 is {@link #forwardKl},
     * α = 1 gives 0.
     */
    public static NDArray skewForwardKl(NDArray teacherLogits, NDArray studentLogits, NDArray mask, double alpha) {
        return compute(Divergence.SKEW_FORWARD_KL, teacherLogits, studentLogits, mask, alpha);
    }

    /**
     * Skew reverse KL, KL(p_θ ‖ α·p_θ + (1−α)·q), masked mean; α ∈ [0,1], α = 0 is {@link #reverseKl},
     * α = 1 gives 0. DistiLLM uses α = {@value #DISTILLM_SKEW_ALPHA}.
     */
    public static NDArray skewReverseKl(NDArray teacherLogits, NDArray studentLogits, NDArray mask, double alpha) {
        return compute(Divergence.SKEW_REVERSE_KL, teacherLogits, studentLogits, mask, alpha);
    }

    /** Symmetric KL (Jeffreys divergence): KL(q ‖ p_θ) + KL(p_θ ‖ q), masked mean. */
    public static NDArray symmetricKl(NDArray teacherLogits, NDArray studentLogits, NDArray mask) {
        return compute(Divergence.SYMMETRIC_KL, teacherLogits, studentLogits, mask, Double.NaN);
    }

    /**
     * Generalized JSD: with m = β·p_θ + (1−β)·q, β·KL(p_θ ‖ m) + (1−β)·KL(q ‖ m), masked mean; β ∈ [0,1].
     * β = 0.5 is the ordinary JSD; β = 0 and β = 1 give 0. GKD uses β = {@value #GKD_BETA}. β weights the
     * student here, as in DistiLLM's code; the GKD paper and TRL weight the teacher, so their β is 1 − ours
     * (our 0.9 is their 0.1).
     */
    public static NDArray generalizedJsd(NDArray teacherLogits, NDArray studentLogits, NDArray mask, double beta) {
        return compute(Divergence.GENERALIZED_JSD, teacherLogits, studentLogits, mask, beta);
    }

    /** Total variation distance ½ Σ_v |p_θ − q| (in [0, 1]), masked mean. */
    public static NDArray totalVariation(NDArray teacherLogits, NDArray studentLogits, NDArray mask) {
        return compute(Divergence.TOTAL_VARIATION, teacherLogits, studentLogits, mask, Double.NaN);
    }

    /**
     * {@code divergence} averaged over the positions where {@code mask} [B,T] is 1; {@code parameter} is
     * α or β (ignored by the divergences that take none).
     */
    public static NDArray compute(Divergence divergence, NDArray teacherLogits, NDArray studentLogits, NDArray mask,
                                  double parameter) {
        Shape logitsShape = checkLogits(teacherLogits, studentLogits);
        Shape expected = logitsShape.slice(0, 2);
        if (!mask.getShape().equals(expected)) {
            throw new IllegalArgumentException("mask has shape " + mask.getShape() + ", expected " + expected);
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray perToken = perTokenUnchecked(divergence, teacherLogits, studentLogits, parameter);
            NDArray m = mask.toType(DataType.FLOAT32, false);
            NDArray result = perToken.mul(m).sum().div(m.sum().maximum(1f));
            NDScope.unregister(result);
            return result;
        }
    }

    /**
     * {@code divergence} at every position, [B,T] float32: summed over the vocabulary, neither masked
     * nor averaged (for evaluation). Gradients flow into {@code studentLogits} only.
     */
    public static NDArray perToken(Divergence divergence, NDArray teacherLogits, NDArray studentLogits,
                                   double parameter) {
        checkLogits(teacherLogits, studentLogits);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray result = perTokenUnchecked(divergence, teacherLogits, studentLogits, parameter);
            NDScope.unregister(result);
            return result;
        }
    }

    private static Shape checkLogits(NDArray teacherLogits, NDArray studentLogits) {
        Shape shape = studentLogits.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException("logits must be [B,T,V], got " + shape);
        }
        if (!teacherLogits.getShape().equals(shape)) {
            throw new IllegalArgumentException("teacher logits " + teacherLogits.getShape()
                    + " and student logits " + shape + " differ in shape");
        }
        return shape;
    }

    private static void checkWeight(String name, double w) {
        if (!(w >= 0 && w <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], got " + w);
        }
    }

    private static NDArray perTokenUnchecked(Divergence divergence, NDArray teacherLogits, NDArray studentLogits,
                                             double parameter) {
        // Vocabulary axis as a non-negative index (some DJL reductions reject negative axes).
        int v = 2;
        NDArray logQ = teacherLogits.stopGradient().toType(DataType.FLOAT32, false).logSoftmax(v);
        NDArray logP = studentLogits.toType(DataType.FLOAT32, false).logSoftmax(v);
        switch (divergence) {
            case FORWARD_KL:
                return kl(logQ, logP);
            case REVERSE_KL:
                return kl(logP, logQ);
            case SKEW_FORWARD_KL:
                checkWeight("skew alpha", parameter);
                if (parameter == 1) {
                    return zeroOnStudent(logP); // KL(q ‖ q)
                }
                return kl(logQ, logMix(logQ, logP, parameter));
            case SKEW_REVERSE_KL:
                checkWeight("skew alpha", parameter);
                if (parameter == 1) {
                    return zeroOnStudent(logP); // KL(p ‖ p)
                }
                return kl(logP, logMix(logP, logQ, parameter));
            case SYMMETRIC_KL:
                return kl(logQ, logP).add(kl(logP, logQ));
            case GENERALIZED_JSD: {
                checkWeight("JSD beta", parameter);
                NDArray logM = logMix(logP, logQ, parameter);
                return kl(logP, logM).mul((float) parameter).add(kl(logQ, logM).mul((float) (1 - parameter)));
            }
            case TOTAL_VARIATION:
                return logP.exp().sub(logQ.exp()).abs().sum(new int[] {v}).mul(0.5f);
            default:
                throw new IllegalArgumentException("unknown divergence " + divergence);
        }
    }

    /**
     * Zeros [B,T] that stay on the student's autograd graph, for the degenerate parameters where a
     * divergence is identically 0: a caller's backward then yields zero gradients instead of failing
     * because the loss does not require a gradient.
     */
    private static NDArray zeroOnStudent(NDArray logP) {
        return logP.sum(new int[] {2}).mul(0f);
    }

    /** Σ_v e^{logA} (logA − logB) over the last axis of [B,T,V] log-probabilities. */
    private static NDArray kl(NDArray logA, NDArray logB) {
        return logA.exp().mul(logA.sub(logB)).sum(new int[] {2});
    }

    /**
     * log(w·e^a + (1−w)·e^b), elementwise, as max(x,y) + log(1 + e^{−|x−y|}) with x = log w + a,
     * y = log(1−w) + b; w = 0 and w = 1 return b and a themselves.
     */
    static NDArray logMix(NDArray a, NDArray b, double w) {
        if (w == 0) {
            return b;
        }
        if (w == 1) {
            return a;
        }
        NDArray x = a.add((float) Math.log(w));
        NDArray y = b.add((float) Math.log1p(-w));
        return x.maximum(y).add(x.sub(y).abs().neg().exp().add(1f).log());
    }
}
