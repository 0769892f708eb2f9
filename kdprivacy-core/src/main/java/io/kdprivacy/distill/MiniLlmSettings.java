package io.kdprivacy.distill;

/**
 * MiniLLM's policy-gradient settings (reference values from its code, rollouts scaled for CPU).
 *
 * @param teacherMix        α of the teacher-mixed sampler: each rollout token is drawn from
 *                          (1 − α)·student + α·teacher (reference 0.2)
 * @param rolloutsPerRound  responses sampled per round before the PPO updates (reference 256; 64 here)
 * @param ppoEpochs         passes of PPO updates over each round's rollouts (reference 4)
 * @param clip              PPO ratio clip ε (reference 0.2)
 * @param gamma             discount of the per-token rewards (reference 0.95)
 * @param rewardScaling     rewards are divided by this before clipping to ±100 (reference 0.5)
 * @param lmCoefficient     weight of the language-modelling term L_PT (reference 1)
 * @param lmKdRatio         L_PT = (1 − κ)·cross-entropy + κ·forward KL, κ (reference 0.5)
 */
public record MiniLlmSettings(double teacherMix, int rolloutsPerRound, int ppoEpochs, double clip, double gamma,
                              double rewardScaling, double lmCoefficient, double lmKdRatio) {

    public MiniLlmSettings {
        if (!(teacherMix >= 0 && teacherMix <= 1)) {
            throw new IllegalArgumentException("teacherMix must be in [0, 1], got " + teacherMix);
        }
        if (rolloutsPerRound < 1 || ppoEpochs < 1 || !(clip > 0) || !(gamma > 0 && gamma <= 1) || !(rewardScaling > 0)) {
            throw new IllegalArgumentException("need rolloutsPerRound >= 1, ppoEpochs >= 1, clip > 0, "
                    + "gamma in (0, 1] and rewardScaling > 0");
        }
    }

    /** The reference settings with 64 rollouts per round. */
    public static MiniLlmSettings defaults() {
        return new MiniLlmSettings(0.2, 64, 4, 0.2, 0.95, 0.5, 1.0, 0.5);
    }

    public MiniLlmSettings withRolloutsPerRound(int n) {
        return new MiniLlmSettings(teacherMix, n, ppoEpochs, clip, gamma, rewardScaling, lmCoefficient, lmKdRatio);
    }

    public MiniLlmSettings withPpoEpochs(int n) {
        return new MiniLlmSettings(teacherMix, rolloutsPerRound, n, clip, gamma, rewardScaling, lmCoefficient, lmKdRatio);
    }
}
