package io.kdprivacy.stats;

/**
 * Exact (Clopper–Pearson) binomial confidence bounds for a rate from {@code k} successes in {@code n}
 * trials, from Beta quantiles: lower = B⁻¹(α/2; k, n−k+1), upper = B⁻¹(1−α/2; k+1, n−k) for the two-sided
 * interval with α = 1 − confidence (α instead of α/2 for the one-sided bounds). k = 0 gives lower 0 and
 * k = n gives upper 1. Conservative: coverage is at least the confidence for every true rate.
 */
public final class ClopperPearson {

    private ClopperPearson() {
    }

    /**
     * Two-sided interval; its point is k/n.
     *
     * @throws IllegalArgumentException unless {@code 0 <= k <= n}, {@code n > 0} and 0 &lt; confidence &lt; 1
     */
    public static Interval interval(int k, int n, double confidence) {
        Checks.binomial(k, n);
        Checks.openUnit(confidence, "confidence");
        double tail = (1 - confidence) / 2;
        return new Interval(lower(k, n, tail), (double) k / n, upper(k, n, tail), confidence);
    }

    /**
     * One-sided upper bound: the rate is at most this with the given confidence. For k = 0 it is
     * 1 − (1 − confidence)^(1/n) (the "rule of three" ≈ 3/n at 95%).
     *
     * @throws IllegalArgumentException as {@link #interval}
     */
    public static double upperBound(int k, int n, double confidence) {
        Checks.binomial(k, n);
        Checks.openUnit(confidence, "confidence");
        return upper(k, n, 1 - confidence);
    }

    /**
     * One-sided lower bound: the rate is at least this with the given confidence.
     *
     * @throws IllegalArgumentException as {@link #interval}
     */
    public static double lowerBound(int k, int n, double confidence) {
        Checks.binomial(k, n);
        Checks.openUnit(confidence, "confidence");
        return lower(k, n, 1 - confidence);
    }

    private static double lower(int k, int n, double tail) {
        if (k == 0) {
            return 0;
        }
        if (k == n) {
            return Math.pow(tail, 1.0 / n); // closed form of B⁻¹(tail; n, 1)
        }
        return Beta.inverseRegularized(tail, k, n - k + 1);
    }

    private static double upper(int k, int n, double tail) {
        if (k == n) {
            return 1;
        }
        if (k == 0) {
            return -Math.expm1(Math.log(tail) / n); // closed form 1 − tail^(1/n) of B⁻¹(1−tail; 1, n)
        }
        return Beta.inverseRegularized(1 - tail, k + 1, n - k);
    }
}
