package io.kdprivacy.audit;

import io.kdprivacy.attack.Attack;
import io.kdprivacy.attack.Mope;
import io.kdprivacy.attack.ScoringMode;
import io.kdprivacy.memorization.MemorizationConfig;
import io.kdprivacy.utility.UtilityConfig;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an audit runs.
 *
 * @param attacks            score-based attacks (REFERENCE runs only when a reference model is given)
 * @param mode               published definitions or the paper's reference-code quirks
 * @param minK               k of Min-K% and Min-K%++
 * @param mopePerturbations  MoPe's M (0 turns MoPe and per-block risk off)
 * @param teacherSigma       MoPe σ for the teacher
 * @param studentSigma       MoPe σ for students
 * @param perBlock           whether to run block-restricted MoPe
 * @param memorization       memorization probe settings, or null to skip it
 * @param batchSize          examples per forward pass
 * @param maxLength          longest prompt + response scored
 * @param bootstrapResamples resamples of every bootstrap interval
 * @param seed               seed of MoPe noise and bootstrap
 * @param mopeBudget         the examples and blocks MoPe and per-block risk are measured on
 * @param utility            task-quality probe settings (holdout NLL, ROUGE-L of greedy responses), or null to skip it
 */
public record AuditSettings(Set<Attack> attacks, ScoringMode mode, double minK, int mopePerturbations,
                            double teacherSigma, double studentSigma, boolean perBlock,
                            MemorizationConfig memorization, int batchSize, int maxLength,
                            int bootstrapResamples, long seed, MopeBudget mopeBudget, UtilityConfig utility) {

    public AuditSettings {
        attacks = Set.copyOf(attacks);
        if (!(minK > 0 && minK <= 1)) {
            throw new IllegalArgumentException("minK must be in (0, 1], got " + minK);
        }
        if (mopePerturbations < 0 || batchSize < 1 || maxLength < 2 || bootstrapResamples < 1) {
            throw new IllegalArgumentException("need mopePerturbations >= 0, batchSize >= 1, maxLength >= 2, "
                    + "bootstrapResamples >= 1");
        }
        mopeBudget = mopeBudget == null ? MopeBudget.ALL : mopeBudget;
    }

    /** Settings with the default utility probe ({@link UtilityConfig#defaults()}). */
    public AuditSettings(Set<Attack> attacks, ScoringMode mode, double minK, int mopePerturbations,
                         double teacherSigma, double studentSigma, boolean perBlock, MemorizationConfig memorization,
                         int batchSize, int maxLength, int bootstrapResamples, long seed, MopeBudget mopeBudget) {
        this(attacks, mode, minK, mopePerturbations, teacherSigma, studentSigma, perBlock, memorization, batchSize,
                maxLength, bootstrapResamples, seed, mopeBudget, UtilityConfig.defaults());
    }

    /** Settings without a MoPe budget (every example, every block) and with the default utility probe. */
    public AuditSettings(Set<Attack> attacks, ScoringMode mode, double minK, int mopePerturbations,
                         double teacherSigma, double studentSigma, boolean perBlock, MemorizationConfig memorization,
                         int batchSize, int maxLength, int bootstrapResamples, long seed) {
        this(attacks, mode, minK, mopePerturbations, teacherSigma, studentSigma, perBlock, memorization, batchSize,
                maxLength, bootstrapResamples, seed, MopeBudget.ALL, UtilityConfig.defaults());
    }

    /** Examples per forward pass by default: {@value}. */
    public static final int DEFAULT_BATCH_SIZE = 16;
    /** Longest prompt + response scored by default: {@value}. */
    public static final int DEFAULT_MAX_LENGTH = 256;
    /** Resamples of every bootstrap interval by default: {@value}. */
    public static final int DEFAULT_BOOTSTRAP_RESAMPLES = 1000;
    /** Seed of MoPe noise and the bootstrap by default: {@value}. */
    public static final long DEFAULT_SEED = 42;

    /**
     * Every attack, published definitions, MoPe M = 10 with the reference σ, per-block on, the paper's probe, and
     * utility on every held-out example with greedy responses of up to {@value UtilityConfig#DEFAULT_MAX_NEW_TOKENS}
     * tokens.
     */
    public static AuditSettings defaults() {
        return new AuditSettings(EnumSet.allOf(Attack.class), ScoringMode.PUBLISHED, Attack.DEFAULT_K,
                Mope.DEFAULT_PERTURBATIONS, Mope.TEACHER_SIGMA, Mope.STUDENT_SIGMA, true,
                MemorizationConfig.defaults(), DEFAULT_BATCH_SIZE, DEFAULT_MAX_LENGTH, DEFAULT_BOOTSTRAP_RESAMPLES,
                DEFAULT_SEED);
    }

    public AuditSettings withMope(int perturbations, boolean blocks) {
        return new AuditSettings(attacks, mode, minK, perturbations, teacherSigma, studentSigma, blocks, memorization,
                batchSize, maxLength, bootstrapResamples, seed, mopeBudget, utility);
    }

    public AuditSettings withMemorization(MemorizationConfig config) {
        return new AuditSettings(attacks, mode, minK, mopePerturbations, teacherSigma, studentSigma, perBlock, config,
                batchSize, maxLength, bootstrapResamples, seed, mopeBudget, utility);
    }

    public AuditSettings withLengths(int batch, int length) {
        return new AuditSettings(attacks, mode, minK, mopePerturbations, teacherSigma, studentSigma, perBlock,
                memorization, batch, length, bootstrapResamples, seed, mopeBudget, utility);
    }

    /**
     * Every setting that changes what an audit measures, by name, in a fixed order: the parts of an audit's
     * cache key.
     */
    public java.util.Map<String, Object> keyParts() {
        java.util.Map<String, Object> parts = new java.util.LinkedHashMap<>();
        parts.put("attacks", new java.util.TreeSet<>(attacks));
        parts.put("mode", mode);
        parts.put("minK", minK);
        parts.put("mopePerturbations", mopePerturbations);
        parts.put("teacherSigma", teacherSigma);
        parts.put("studentSigma", studentSigma);
        parts.put("perBlock", perBlock);
        parts.put("memorization", memorization);
        parts.put("batchSize", batchSize);
        parts.put("maxLength", maxLength);
        parts.put("bootstrapResamples", bootstrapResamples);
        parts.put("seed", seed);
        parts.put("mopeBudget", mopeBudget);
        parts.put("utility", utility);
        return parts;
    }

    /** These settings with other attacks, scoring mode and Min-K% k. */
    public AuditSettings withAttacks(Set<Attack> newAttacks, ScoringMode newMode, double newMinK) {
        return new AuditSettings(newAttacks, newMode, newMinK, mopePerturbations, teacherSigma, studentSigma, perBlock,
                memorization, batchSize, maxLength, bootstrapResamples, seed, mopeBudget, utility);
    }

    /** These settings with another number of bootstrap resamples per interval. */
    public AuditSettings withBootstrapResamples(int resamples) {
        return new AuditSettings(attacks, mode, minK, mopePerturbations, teacherSigma, studentSigma, perBlock,
                memorization, batchSize, maxLength, resamples, seed, mopeBudget, utility);
    }

    /** These settings with another utility probe ({@code null} turns it off). */
    public AuditSettings withUtility(UtilityConfig config) {
        return new AuditSettings(attacks, mode, minK, mopePerturbations, teacherSigma, studentSigma, perBlock,
                memorization, batchSize, maxLength, bootstrapResamples, seed, mopeBudget, config);
    }

    /** These settings with MoPe and per-block risk limited to {@code budget}. */
    public AuditSettings withMopeBudget(MopeBudget budget) {
        return new AuditSettings(attacks, mode, minK, mopePerturbations, teacherSigma, studentSigma, perBlock,
                memorization, batchSize, maxLength, bootstrapResamples, seed, budget, utility);
    }
}
