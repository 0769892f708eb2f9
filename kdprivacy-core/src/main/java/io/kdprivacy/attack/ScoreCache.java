package io.kdprivacy.attack;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.model.TokenScores;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One scoring pass of one model over one dataset: the per-token scores of every example's response
 * ({@link ResponseScorer}) plus the UTF-8 bytes of each response text, which the zlib attack compresses.
 * Every score-based {@link Attack} reads from a cache only, so a model is run once per dataset.
 *
 * <p>The response texts are private data: they are held in memory only, are never exposed by a public
 * accessor or by {@link #toString()}, and this class is deliberately not {@link java.io.Serializable}.
 * Do not copy them into reports.
 *
 * <p>Token scores cover the response tokens kept after {@link io.kdprivacy.model.SequenceBatch}'s
 * truncation; the zlib length always covers the whole supplied text.
 */
public final class ScoreCache {

    private final List<TokenScores> scores;
    private final List<byte[]> texts;

    /** From ready-made scores and response text bytes, aligned by index (tests and custom scorers). */
    ScoreCache(List<TokenScores> scores, List<byte[]> texts) {
        if (scores.size() != texts.size()) {
            throw new IllegalArgumentException(scores.size() + " score rows but " + texts.size() + " texts");
        }
        List<byte[]> copies = new ArrayList<>(texts.size());
        for (byte[] t : texts) {
            if (t == null) {
                throw new IllegalArgumentException("response text must not be null");
            }
            copies.add(t.clone());
        }
        this.scores = List.copyOf(scores);
        this.texts = List.copyOf(copies);
    }

    /**
     * Scores {@code examples} with {@code model} in one pass.
     *
     * @param responseTexts the decoded response of each example, aligned with {@code examples} (for zlib)
     * @param batchSize     examples per forward pass
     * @param maxLength     longest prompt + response kept
     */
    public static ScoreCache of(CausalLm model, List<PromptResponse> examples, List<String> responseTexts,
                                int batchSize, int maxLength) {
        if (examples.size() != responseTexts.size()) {
            throw new IllegalArgumentException(examples.size() + " examples but " + responseTexts.size() + " texts");
        }
        List<byte[]> bytes = new ArrayList<>(responseTexts.size());
        for (String t : responseTexts) {
            bytes.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return new ScoreCache(new ResponseScorer(model, batchSize, maxLength).score(examples), bytes);
    }

    /** Number of examples. */
    public int size() {
        return scores.size();
    }

    /** The token scores of example {@code i}. */
    public TokenScores scores(int i) {
        return scores.get(i);
    }

    /** Mean response NLL per example (NaN for an empty response): the loss attack's raw input and MoPe's baseline. */
    public double[] meanNll() {
        double[] out = new double[scores.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.get(i).meanNll();
        }
        return out;
    }

    /** UTF-8 bytes of example {@code i}'s response text (the live array: do not modify or leak it). */
    byte[] text(int i) {
        return texts.get(i);
    }

    @Override
    public String toString() {
        return "ScoreCache[" + scores.size() + " examples]";
    }
}
