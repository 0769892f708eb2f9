package io.kdprivacy.memorization;

import java.util.List;

/**
 * Per-example memorization scores of one set of examples, in input order (numbers only, no text).
 *
 * @param ratios      exact-match ratio per example
 * @param extractable k-extractable flag per example
 * @param rougeL      ROUGE-L F1 per example
 * @see CompletionScores
 */
public record ProbeScores(double[] ratios, boolean[] extractable, double[] rougeL) {

    public ProbeScores {
        if (ratios.length != extractable.length || ratios.length != rougeL.length) {
            throw new IllegalArgumentException("score arrays differ in length");
        }
        ratios = ratios.clone();
        extractable = extractable.clone();
        rougeL = rougeL.clone();
    }

    /** Scores each completion against the true response at the same index. */
    public static ProbeScores of(List<int[]> completions, List<int[]> references, int compared) {
        if (completions.size() != references.size()) {
            throw new IllegalArgumentException(completions.size() + " completions for " + references.size() + " references");
        }
        int n = completions.size();
        double[] ratios = new double[n];
        boolean[] extractable = new boolean[n];
        double[] rouge = new double[n];
        for (int i = 0; i < n; i++) {
            int[] c = completions.get(i);
            int[] r = references.get(i);
            ratios[i] = CompletionScores.exactMatchRatio(c, r, compared);
            extractable[i] = CompletionScores.kExtractable(c, r, compared);
            rouge[i] = CompletionScores.rougeLF1(c, r, compared);
        }
        return new ProbeScores(ratios, extractable, rouge);
    }

    @Override
    public double[] ratios() {
        return ratios.clone();
    }

    @Override
    public boolean[] extractable() {
        return extractable.clone();
    }

    @Override
    public double[] rougeL() {
        return rougeL.clone();
    }

    /** Number of examples. */
    public int size() {
        return ratios.length;
    }

    /** Mean exact-match ratio = the positional exact-match rate over (examples × compared positions). */
    public double meanRatio() {
        return mean(ratios);
    }

    /** Mean ROUGE-L F1. */
    public double meanRougeL() {
        return mean(rougeL);
    }

    /** Number of k-extractable examples. */
    public int extractableCount() {
        int k = 0;
        for (boolean b : extractable) {
            if (b) {
                k++;
            }
        }
        return k;
    }

    private static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    @Override
    public String toString() {
        return "ProbeScores[n=" + size() + ", meanRatio=" + meanRatio() + ", extractable=" + extractableCount()
                + ", meanRougeL=" + meanRougeL() + "]";
    }
}
