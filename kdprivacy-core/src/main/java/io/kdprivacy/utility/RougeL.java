package io.kdprivacy.utility;

import io.kdprivacy.memorization.CompletionScores;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ROUGE-L F1 of two texts (Lin 2004), tokenized as Google's {@code rouge_score} package does without stemming:
 * lower-case, replace every character outside {@code [a-z0-9]} by a space, split on whitespace. With the longest
 * common subsequence of the token sequences, P = LCS/|prediction|, R = LCS/|reference| and F1 = 2PR/(P+R); F1 is 0
 * when either text has no tokens or the LCS is empty.
 *
 * <p>The paper's code passes {@code use_stemmer=True} (Porter); this class does not stem, so its scores read a
 * little lower on texts that differ in inflection only.
 */
public final class RougeL {

    private RougeL() {
    }

    /** The tokens ROUGE-L compares: lower-cased runs of {@code [a-z0-9]}. */
    public static String[] tokens(String text) {
        String normal = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        return normal.isEmpty() ? new String[0] : normal.split("\\s+");
    }

    /** ROUGE-L F1 of {@code prediction} against {@code reference}, in [0, 1]. */
    public static double f1(String prediction, String reference) {
        String[] p = tokens(prediction);
        String[] r = tokens(reference);
        if (p.length == 0 || r.length == 0) {
            return 0;
        }
        Map<String, Integer> ids = new HashMap<>();
        int lcs = CompletionScores.lcsLength(ids(p, ids), ids(r, ids));
        if (lcs == 0) {
            return 0;
        }
        double precision = (double) lcs / p.length;
        double recall = (double) lcs / r.length;
        return 2 * precision * recall / (precision + recall);
    }

    /** The tokens as ids of a vocabulary shared by both texts, so the token-id LCS can compare them. */
    private static int[] ids(String[] tokens, Map<String, Integer> vocabulary) {
        int[] out = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = vocabulary.computeIfAbsent(tokens[i], t -> vocabulary.size());
        }
        return out;
    }
}
