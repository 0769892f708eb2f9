package io.kdprivacy.model;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Host-side choice of the next token from one row of logits. */
final class Sampling {

    private Sampling() {
    }

    /** Greedy arg-max when the temperature is 0, otherwise temperature + nucleus (top-p) sampling. */
    static int choose(float[] logits, GenerationConfig config, SplittableRandom random) {
        if (config.greedyDecoding()) {
            return argMax(logits);
        }
        int v = logits.length;
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[v];
        double total = 0;
        for (int i = 0; i < v; i++) {
            p[i] = Math.exp((logits[i] - max) / config.temperature());
            total += p[i];
        }
        Integer[] order = null;
        int keep = v;
        if (config.topP() < 1) {
            order = new Integer[v];
            for (int i = 0; i < v; i++) {
                order[i] = i;
            }
            double[] probs = p;
            Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
            double cumulative = 0;
            keep = 0;
            while (keep < v && cumulative < config.topP() * total) {
                cumulative += p[order[keep++]];
            }
            total = cumulative;
        }
        double u = random.nextDouble() * total;
        double acc = 0;
        for (int r = 0; r < keep; r++) {
            int i = order == null ? r : order[r];
            acc += p[i];
            if (u < acc) {
                return i;
            }
        }
        // rounding: fall back to the last kept token with non-zero mass
        for (int r = keep - 1; r >= 0; r--) {
            int i = order == null ? r : order[r];
            if (p[i] > 0) {
                return i;
            }
        }
        return argMax(logits);
    }

    static int argMax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Sets to −∞ every token that would complete an n-gram already present in {@code history}
     * (Hugging Face's {@code no_repeat_ngram_size}).
     */
    static void banRepeatedNgrams(float[] logits, List<Integer> history, int n) {
        int len = history.size();
        if (n <= 0 || len + 1 < n) {
            return;
        }
        if (n == 1) {
            for (int token : history) {
                logits[token] = Float.NEGATIVE_INFINITY;
            }
            return;
        }
        // the last n-1 tokens form the prefix that the next token would extend
        for (int start = 0; start + n - 1 < len; start++) {
            boolean match = true;
            for (int j = 0; j < n - 1 && match; j++) {
                match = history.get(start + j).equals(history.get(len - n + 1 + j));
            }
            if (match) {
                logits[history.get(start + n - 1)] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
