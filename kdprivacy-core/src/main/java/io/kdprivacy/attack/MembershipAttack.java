package io.kdprivacy.attack;

import io.kdprivacy.stats.Bootstrap;
import io.kdprivacy.stats.Interval;
import io.kdprivacy.stats.RocCurve;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns member and non-member scores (higher = member) into an {@link AttackResult}: ROC AUC, TPR at 1%
 * and 0.1% FPR and the advantage, each with a seeded stratified percentile-bootstrap interval
 * ({@link Bootstrap}; the advantage uses the same resampling scheme). NaN scores are dropped and counted.
 * The ROC curve is never flipped.
 */
public final class MembershipAttack {

    private final int resamples;
    private final double confidence;
    private final long seed;

    /**
     * @param resamples  bootstrap resamples (≥ 1)
     * @param confidence interval coverage in (0, 1)
     * @param seed       bootstrap seed
     */
    public MembershipAttack(int resamples, double confidence, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        this.resamples = resamples;
        this.confidence = confidence;
        this.seed = seed;
    }

    /** 1000 resamples, 95% confidence, seed 0. */
    public static MembershipAttack defaults() {
        return new MembershipAttack(1000, 0.95, 0);
    }

    /**
     * Evaluates the scores.
     *
     * @throws IllegalArgumentException if no member or no non-member has a defined score
     */
    public AttackResult evaluate(double[] memberScores, double[] nonMemberScores) {
        double[] m = defined(memberScores);
        double[] n = defined(nonMemberScores);
        if (m.length == 0 || n.length == 0) {
            throw new IllegalArgumentException("need defined scores for members and non-members, got "
                    + m.length + " and " + n.length);
        }
        RocCurve curve = RocCurve.of(m, n);
        Interval auc = Bootstrap.auc(m, n, resamples, confidence, seed);
        Interval tpr1 = Bootstrap.tprAtFpr(m, n, 0.01, resamples, confidence, seed);
        Interval tpr01 = Bootstrap.tprAtFpr(m, n, 0.001, resamples, confidence, seed);
        return new AttackResult(m.length, n.length, memberScores.length - m.length,
                nonMemberScores.length - n.length, auc, tpr1, tpr01, advantage(m, n, curve.advantage()),
                curve.thinned(AttackResult.PLOT_POINTS));
    }

    /**
     * The reference code's reported AUC, {@code max(auc, 1 − auc)}: it flips any curve below 0.5, which
     * biases near-chance results upward. Only for comparing with the paper's numbers; never use it to
     * judge an attack.
     */
    public static double paperAuc(double auc) {
        return Math.max(auc, 1 - auc);
    }

    private Interval advantage(double[] m, double[] n, double point) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        double[] rm = new double[m.length];
        double[] rn = new double[n.length];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < rm.length; i++) {
                rm[i] = m[random.nextInt(m.length)];
            }
            for (int i = 0; i < rn.length; i++) {
                rn[i] = n[random.nextInt(n.length)];
            }
            values[b] = RocCurve.of(rm, rn).advantage();
        }
        return Bootstrap.percentile(values, point, confidence);
    }

    private static double[] defined(double[] scores) {
        return Arrays.stream(scores).filter(s -> !Double.isNaN(s)).toArray();
    }
}
