package io.kdprivacy.stats;

import java.util.Locale;

/**
 * Whether an audit has enough examples to support a claim.
 *
 * <p><b>TPR at FPR f</b> ({@link #tprAtFpr}): with {@code N} non-members the false-positive rate moves in
 * steps of 1/N, so a claim at FPR f is <em>unsupported</em> when {@code N·f < 1} — not even one false
 * positive fits in the budget and the "TPR at f" is really TPR at FPR 0. The minimum is
 * {@code ceil(1/f)} non-members ({@link #minNonMembers}; this is {@code neededN}). Rule used here for a
 * stable estimate: at least 10 false positives in the budget, {@code N ≥ ceil(10/f)}
 * ({@link #recommendedNonMembers}); between the two the claim is supported but the reason warns that it is
 * noisy. Budgets are counted as {@link RocCurve} counts them ({@code fp / N ≤ f} in double arithmetic), so
 * a supported claim always has a reachable ROC point with that many false positives.
 *
 * <p><b>Rate at most a limit</b> ({@link #rateAtMost}), e.g. "extraction rate ≤ 1%" from k successes in
 * n probes: supported only if the one-sided Clopper–Pearson upper bound at the given confidence is below the
 * limit. Even k = 0 supports it only when {@code n ≥ minTrials(limit, confidence)}, the smallest n with
 * {@code 1 − (1 − confidence)^(1/n) < limit} (299 for 1% at 95%; about 3/limit). {@code neededN} is the
 * smallest total n at which the observed k would support the claim, i.e. n plus enough further probes
 * with no further successes; for k = 0 it is {@link #minTrials}.
 */
public final class SampleSize {

    /**
     * The outcome of a check.
     *
     * @param supported whether the data can support the claim
     * @param reason    a sentence for the report, with the numbers
     * @param neededN   the sample size the claim needs (see the class documentation for each check)
     */
    public record Verdict(boolean supported, String reason, int neededN) {
    }

    private SampleSize() {
    }

    /**
     * Checks a "TPR at FPR {@code fpr}" claim measured on {@code nonMembers} non-members.
     *
     * @throws IllegalArgumentException unless 0 &lt; fpr &le; 1 and nonMembers &gt; 0
     */
    public static Verdict tprAtFpr(double fpr, int nonMembers) {
        int needed = minNonMembers(fpr);
        Checks.positive(nonMembers, "nonMembers");
        int recommended = recommendedNonMembers(fpr);
        int budget = RocCurve.maxFalsePositives(fpr, nonMembers); // floor(N·f), as the ROC points round it
        if (budget < 1) {
            return new Verdict(false, String.format(Locale.ROOT,
                    "TPR at %s FPR needs at least one possible false positive, but %d non-members x %s = %s < 1;"
                            + " need at least %d non-members (%d recommended for a stable estimate)",
                    percent(fpr), nonMembers, fmt(fpr), fmt(nonMembers * fpr), needed, recommended), needed);
        }
        if (nonMembers < recommended) {
            return new Verdict(true, String.format(Locale.ROOT,
                    "TPR at %s FPR allows only %s among %d non-members; the estimate is noisy,"
                            + " %d non-members recommended",
                    percent(fpr), falsePositives(budget), nonMembers, recommended), needed);
        }
        return new Verdict(true, String.format(Locale.ROOT,
                "TPR at %s FPR allows %s among %d non-members",
                percent(fpr), falsePositives(budget), nonMembers), needed);
    }

    /**
     * Smallest N with {@code N·fpr ≥ 1}, i.e. {@code ceil(1/fpr)}.
     *
     * @throws IllegalArgumentException unless 0 &lt; fpr &le; 1
     * @throws ArithmeticException      if the answer exceeds {@code Integer.MAX_VALUE}
     */
    public static int minNonMembers(double fpr) {
        return smallestWithBudget(fpr, 1);
    }

    /**
     * Smallest N with {@code N·fpr ≥ 10}, i.e. {@code ceil(10/fpr)}: ten false positives in the budget.
     *
     * @throws IllegalArgumentException unless 0 &lt; fpr &le; 1
     * @throws ArithmeticException      if the answer exceeds {@code Integer.MAX_VALUE}
     */
    public static int recommendedNonMembers(double fpr) {
        return smallestWithBudget(fpr, 10);
    }

    /**
     * Checks the claim "rate ≤ {@code limit}" from {@code k} successes in {@code n} trials at the given
     * one-sided confidence.
     *
     * @throws IllegalArgumentException unless 0 &le; k &le; n, n &gt; 0, 0 &lt; limit &lt; 1 and
     *                                  0 &lt; confidence &lt; 1
     * @throws ArithmeticException      if {@code neededN} exceeds {@code Integer.MAX_VALUE}
     */
    public static Verdict rateAtMost(double limit, int k, int n, double confidence) {
        Checks.binomial(k, n);
        Checks.openUnit(limit, "limit");
        Checks.openUnit(confidence, "confidence");
        int minimum = minTrials(limit, confidence);
        int needed = k == 0 ? minimum : neededTrials(limit, k, confidence);
        double bound = ClopperPearson.upperBound(k, n, confidence);
        String conf = percent(confidence);
        if (n < minimum) {
            return new Verdict(false, String.format(Locale.ROOT,
                    "rate <= %s cannot be shown with %d trials: even 0 successes give a %s upper bound of %s;"
                            + " need at least %d trials with 0 successes%s",
                    percent(limit), n, conf, percent(bound), minimum,
                    k == 0 ? "" : " (" + needed + " in total with no further successes after the " + k + " seen)"),
                    needed);
        }
        if (bound >= limit) {
            return new Verdict(false, String.format(Locale.ROOT,
                    "rate <= %s not supported: %d of %d gives a %s upper bound of %s;"
                            + " need %d trials in total with no further successes",
                    percent(limit), k, n, conf, percent(bound), needed), needed);
        }
        return new Verdict(true, String.format(Locale.ROOT,
                "rate <= %s supported: %d of %d gives a %s upper bound of %s",
                percent(limit), k, n, conf, percent(bound)), needed);
    }

    /**
     * Smallest n whose zero-success one-sided Clopper–Pearson upper bound is below {@code limit}: the
     * fewest trials that can ever support "rate ≤ limit".
     *
     * @throws IllegalArgumentException unless 0 &lt; limit &lt; 1 and 0 &lt; confidence &lt; 1
     * @throws ArithmeticException      if the answer exceeds {@code Integer.MAX_VALUE}
     */
    public static int minTrials(double limit, double confidence) {
        Checks.openUnit(limit, "limit");
        Checks.openUnit(confidence, "confidence");
        // 1 - (1-c)^(1/n) < limit  <=>  n > ln(1-c) / ln(1-limit)
        long n = Math.max(1, (long) Math.floor(Math.log1p(-confidence) / Math.log1p(-limit)));
        n = Math.toIntExact(n); // fail early on absurd limits
        while (n > 1 && ClopperPearson.upperBound(0, (int) n - 1, confidence) < limit) {
            n--;
        }
        while (ClopperPearson.upperBound(0, Math.toIntExact(n), confidence) >= limit) {
            n++;
        }
        return Math.toIntExact(n);
    }

    /** Smallest n ≥ k+1 with upperBound(k, n) < limit; the bound decreases in n. */
    private static int neededTrials(double limit, int k, double confidence) {
        long lo = k; // upperBound(k, k) = 1 >= limit
        long hi = Math.max(k + 1L, 2L * k);
        while (ClopperPearson.upperBound(k, Math.toIntExact(hi), confidence) >= limit) {
            lo = hi;
            hi = 2 * hi;
        }
        while (hi - lo > 1) { // invariant: bound(lo) >= limit > bound(hi)
            long mid = (lo + hi) >>> 1;
            if (ClopperPearson.upperBound(k, (int) mid, confidence) < limit) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return (int) hi;
    }

    private static int smallestWithBudget(double fpr, int falsePositives) {
        if (!(fpr > 0 && fpr <= 1)) {
            throw new IllegalArgumentException("fpr must be in (0, 1], got " + fpr);
        }
        // the same rounding as RocCurve: fp false positives fit in N when (double) fp / N <= fpr
        long n = Math.max(falsePositives, (long) Math.ceil(falsePositives / fpr));
        while (n > falsePositives && (double) falsePositives / (n - 1) <= fpr) {
            n--;
        }
        while ((double) falsePositives / n > fpr) {
            n++;
        }
        return Math.toIntExact(n);
    }

    private static String falsePositives(int count) {
        return count == 1 ? "1 false positive" : count + " false positives";
    }

    private static String percent(double p) {
        return fmt(100 * p) + "%";
    }

    private static String fmt(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
