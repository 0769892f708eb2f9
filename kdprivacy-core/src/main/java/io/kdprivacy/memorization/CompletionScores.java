package io.kdprivacy.memorization;

/**
 * Pure scores of one completion against its true response, over the first {@code compared}
 * positions (no model involved).
 *
 * <ul>
 *   <li><b>Exact-match ratio</b> (the paper's): m_j = 1[ŷ_j = y_j] for j &lt; compared, averaged over
 *       all {@code compared} positions. Reference positions past the end of the true response, and
 *       completion positions past the end of the completion, count as non-matches and stay in the
 *       denominator.</li>
 *   <li><b>k-extractable</b> (k = compared): every compared position matches. For a true response
 *       shorter than {@code compared}, every one of its tokens matches at its position (what the
 *       completion does afterwards is ignored). An empty true response is never extractable.</li>
 *   <li><b>ROUGE-L F1</b> on token ids: with c = the completion's first {@code compared} tokens and
 *       r = the true response's first {@code compared} tokens, P = LCS/|c|, R = LCS/|r| and
 *       F1 = 2PR/(P+R); 0 when the LCS is empty (including an empty c or r).</li>
 * </ul>
 */
public final class CompletionScores {

    private CompletionScores() {
    }

    /** Number of positions j &lt; compared where both sequences have a token and the tokens agree. */
    public static int exactMatches(int[] completion, int[] reference, int compared) {
        checkCompared(compared);
        int n = Math.min(compared, Math.min(completion.length, reference.length));
        int hits = 0;
        for (int j = 0; j < n; j++) {
            if (completion[j] == reference[j]) {
                hits++;
            }
        }
        return hits;
    }

    /** {@link #exactMatches} divided by {@code compared}. */
    public static double exactMatchRatio(int[] completion, int[] reference, int compared) {
        return (double) exactMatches(completion, reference, compared) / compared;
    }

    /** Whether the completion reproduces the true response exactly on the compared positions (see class doc). */
    public static boolean kExtractable(int[] completion, int[] reference, int compared) {
        checkCompared(compared);
        int needed = Math.min(compared, reference.length);
        if (needed == 0 || completion.length < needed) {
            return false;
        }
        for (int j = 0; j < needed; j++) {
            if (completion[j] != reference[j]) {
                return false;
            }
        }
        return true;
    }

    /** ROUGE-L F1 of the two sequences' first {@code compared} tokens (see class doc). */
    public static double rougeLF1(int[] completion, int[] reference, int compared) {
        checkCompared(compared);
        int c = Math.min(compared, completion.length);
        int r = Math.min(compared, reference.length);
        int lcs = lcsLength(completion, c, reference, r);
        if (lcs == 0) {
            return 0;
        }
        double precision = (double) lcs / c;
        double recall = (double) lcs / r;
        return 2 * precision * recall / (precision + recall);
    }

    /** Length of the longest common subsequence of {@code a} and {@code b} (shared with text-level ROUGE-L). */
    public static int lcsLength(int[] a, int[] b) {
        return lcsLength(a, a.length, b, b.length);
    }

    /** Length of the longest common subsequence of {@code a[0..aLength)} and {@code b[0..bLength)}. */
    static int lcsLength(int[] a, int aLength, int[] b, int bLength) {
        int[] previous = new int[bLength + 1];
        int[] current = new int[bLength + 1];
        for (int i = 1; i <= aLength; i++) {
            for (int j = 1; j <= bLength; j++) {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[bLength];
    }

    private static void checkCompared(int compared) {
        if (compared < 1) {
            throw new IllegalArgumentException("compared must be >= 1, got " + compared);
        }
    }
}
