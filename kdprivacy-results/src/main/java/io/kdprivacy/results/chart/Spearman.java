package io.kdprivacy.results.chart;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing their average rank. */
public final class Spearman {

    private Spearman() {
    }

    /**
     * The ranks of {@code values}, 1 for the smallest; tied values get the mean of the ranks they span
     * (e.g. {@code [10, 20, 20, 30]} gives {@code [1, 2.5, 2.5, 4]}).
     */
    public static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = average;
            }
            i = j + 1;
        }
        return ranks;
    }

    /**
     * ρ between {@code a} and {@code b} (paired, same length), in [-1, 1]; NaN when there are fewer than two
     * pairs or all values of one side are equal (no ranking to compare).
     */
    public static double rho(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired values needed, got " + a.length + " and " + b.length);
        }
        if (a.length < 2) {
            return Double.NaN;
        }
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double meanA = Arrays.stream(ra).average().orElseThrow();
        double meanB = Arrays.stream(rb).average().orElseThrow();
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < ra.length; i++) {
            cov += (ra[i] - meanA) * (rb[i] - meanB);
            varA += (ra[i] - meanA) * (ra[i] - meanA);
            varB += (rb[i] - meanB) * (rb[i] - meanB);
        }
        return varA == 0 || varB == 0 ? Double.NaN : cov / Math.sqrt(varA * varB);
    }
}
