package io.kdprivacy.stats;

/** Argument checks shared by the statistics classes; messages name the offending argument. */
final class Checks {

    private Checks() {
    }

    /** Rejects a null or empty array or one holding NaN. */
    static void scores(double[] scores, String name) {
        if (scores == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is NaN");
            }
        }
    }

    /** Requires 0 &lt; value &lt; 1. */
    static void openUnit(double value, String name) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be strictly between 0 and 1, got " + value);
        }
    }

    /** Requires 0 &le; value &le; 1. */
    static void closedUnit(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Requires 0 &le; k &le; n and n &gt; 0. */
    static void binomial(int k, int n) {
        positive(n, "n");
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, n=" + n + "], got " + k);
        }
    }

    /** Sorted ascending copy with -0.0 folded into 0.0 so equal scores are adjacent and compare equal. */
    static double[] sortedCopy(double[] scores) {
        double[] copy = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            copy[i] = scores[i] + 0.0;
        }
        java.util.Arrays.sort(copy);
        return copy;
    }
}
