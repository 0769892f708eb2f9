package io.kdprivacy.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded, stratified percentile-bootstrap confidence intervals for ROC statistics.
 *
 * <p>Each resample draws {@code members.length} members and {@code nonMembers.length} non-members with
 * replacement, each group from itself only, so the group sizes never change. The statistic is recomputed
 * on every resample with the same definition as {@link RocCurve} (for TPR at FPR the achievable-step
 * definition, no interpolation).
 *
 * <p>The interval is the percentile interval with conservative order statistics: with {@code B} sorted
 * resample values {@code v[0..B-1]} and {@code α = 1 − confidence}, {@code lower = v[floor(α/2·(B−1))]} and
 * {@code upper = v[ceil((1−α/2)·(B−1))]}. Its point is the statistic on the original data.
 *
 * <p>Deterministic: the same inputs and seed give the same interval ({@link SplittableRandom}, members
 * drawn before non-members in every resample). Scores are sorted once; a resample is drawn as
 * multiplicities of the sorted scores, so it comes out sorted in O(n) without boxing.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * Interval for the ROC AUC ({@link RocAuc#of}).
     *
     * @throws IllegalArgumentException on empty or NaN scores, {@code resamples < 1} or a confidence
     *                                  outside (0, 1)
     */
    public static Interval auc(double[] members, double[] nonMembers, int resamples, double confidence, long seed) {
        return run(members, nonMembers, resamples, confidence, seed, RocCurve::aucOfSorted);
    }

    /**
     * Interval for the largest achievable TPR at {@code FPR <= fpr} ({@link RocCurve#tprAtFpr}).
     *
     * @throws IllegalArgumentException as {@link #auc}, or if {@code fpr} is outside [0, 1]
     */
    public static Interval tprAtFpr(double[] members, double[] nonMembers, double fpr, int resamples,
            double confidence, long seed) {
        Checks.closedUnit(fpr, "fpr");
        return run(members, nonMembers, resamples, confidence, seed,
                (m, n) -> RocCurve.tprAtFprOfSorted(m, n, fpr));
    }

    /**
     * Paired interval for {@code AUC(a) − AUC(b)} where {@code a} and {@code b} are two models' scores of
     * the same examples (element i of {@code aMembers} and {@code bMembers} belong to the same member).
     * Every resample draws one set of member and non-member indices and scores both models on it, so the
     * shared example-level variance cancels out of the difference.
     *
     * @throws IllegalArgumentException as {@link #auc}, or if the paired arrays differ in length
     */
    public static Interval aucDifference(double[] aMembers, double[] aNonMembers, double[] bMembers,
            double[] bNonMembers, int resamples, double confidence, long seed) {
        Checks.scores(aMembers, "aMembers");
        Checks.scores(aNonMembers, "aNonMembers");
        Checks.scores(bMembers, "bMembers");
        Checks.scores(bNonMembers, "bNonMembers");
        Checks.positive(resamples, "resamples");
        Checks.openUnit(confidence, "confidence");
        if (aMembers.length != bMembers.length || aNonMembers.length != bNonMembers.length) {
            throw new IllegalArgumentException("paired scores must cover the same examples: members "
                    + aMembers.length + " vs " + bMembers.length + ", non-members " + aNonMembers.length + " vs "
                    + bNonMembers.length);
        }
        double point = RocAuc.of(aMembers, aNonMembers) - RocAuc.of(bMembers, bNonMembers);
        SplittableRandom random = new SplittableRandom(seed);
        double[] am = new double[aMembers.length];
        double[] bm = new double[bMembers.length];
        double[] an = new double[aNonMembers.length];
        double[] bn = new double[bNonMembers.length];
        double[] values = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            pairedResample(aMembers, bMembers, am, bm, random);
            pairedResample(aNonMembers, bNonMembers, an, bn, random);
            values[r] = RocAuc.of(am, an) - RocAuc.of(bm, bn);
        }
        return percentile(values, point, confidence);
    }

    private static void pairedResample(double[] a, double[] b, double[] outA, double[] outB, SplittableRandom random) {
        for (int i = 0; i < a.length; i++) {
            int k = random.nextInt(a.length);
            outA[i] = a[k];
            outB[i] = b[k];
        }
    }

    /**
     * Interval for the mean of {@code values} (e.g. per-example ROUGE-L): each resample draws
     * {@code values.length} values with replacement.
     *
     * @throws IllegalArgumentException on empty or NaN values, {@code resamples < 1} or a confidence outside (0, 1)
     */
    public static Interval mean(double[] values, int resamples, double confidence, long seed) {
        Checks.scores(values, "values");
        Checks.positive(resamples, "resamples");
        Checks.openUnit(confidence, "confidence");
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[random.nextInt(values.length)];
            }
            means[r] = sum / values.length;
        }
        return percentile(means, Arrays.stream(values).average().orElseThrow(), confidence);
    }

    /** The conservative percentile interval of the resample {@code values} (sorted in place). */
    public static Interval percentile(double[] values, double point, double confidence) {
        Arrays.sort(values);
        int resamples = values.length;
        double tail = (1 - confidence) / 2;
        int lo = (int) Math.floor(tail * (resamples - 1));
        int hi = (int) Math.ceil((1 - tail) * (resamples - 1));
        return new Interval(values[lo], point, values[hi], confidence);
    }

    @FunctionalInterface
    private interface Statistic {
        double of(double[] sortedMembers, double[] sortedNonMembers);
    }

    private static Interval run(double[] members, double[] nonMembers, int resamples, double confidence,
            long seed, Statistic statistic) {
        Checks.scores(members, "members");
        Checks.scores(nonMembers, "nonMembers");
        Checks.positive(resamples, "resamples");
        Checks.openUnit(confidence, "confidence");
        double[] m = Checks.sortedCopy(members);
        double[] n = Checks.sortedCopy(nonMembers);
        double point = statistic.of(m, n);
        double[] rm = new double[m.length];
        double[] rn = new double[n.length];
        int[] counts = new int[Math.max(m.length, n.length)];
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            resampleSorted(m, rm, counts, random);
            resampleSorted(n, rn, counts, random);
            values[b] = statistic.of(rm, rn);
        }
        return percentile(values, point, confidence);
    }

    /** Fills {@code out} with a with-replacement resample of ascending {@code sorted}, itself ascending. */
    private static void resampleSorted(double[] sorted, double[] out, int[] counts, SplittableRandom random) {
        int len = sorted.length;
        Arrays.fill(counts, 0, len, 0);
        for (int i = 0; i < len; i++) {
            counts[random.nextInt(len)]++;
        }
        int pos = 0;
        for (int i = 0; i < len; i++) {
            for (int c = counts[i]; c > 0; c--) {
                out[pos++] = sorted[i];
            }
        }
    }
}
