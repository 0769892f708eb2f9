package io.kdprivacy.validity;

import java.util.List;

/** Minimal L2-regularised logistic regression by full-batch gradient descent (dense float features). */
final class LogisticRegression {

    private LogisticRegression() {
    }

    /** Weights (last entry = bias) after {@code iterations} steps of size {@code rate}. */
    static double[] fit(List<float[]> x, List<Integer> y, int features, double l2, int iterations, double rate) {
        double[] w = new double[features + 1];
        int n = x.size();
        double[] grad = new double[features + 1];
        for (int it = 0; it < iterations; it++) {
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < n; i++) {
                float[] row = x.get(i);
                double p = 1 / (1 + Math.exp(-logit(w, row)));
                double err = p - y.get(i);
                for (int j = 0; j < features; j++) {
                    if (row[j] != 0) {
                        grad[j] += err * row[j];
                    }
                }
                grad[features] += err;
            }
            for (int j = 0; j < features; j++) {
                w[j] -= rate * (grad[j] / n + l2 * w[j]);
            }
            w[features] -= rate * grad[features] / n;
        }
        return w;
    }

    static double logit(double[] w, float[] row) {
        double z = w[w.length - 1];
        for (int j = 0; j < row.length; j++) {
            if (row[j] != 0) {
                z += w[j] * row[j];
            }
        }
        return z;
    }
}
