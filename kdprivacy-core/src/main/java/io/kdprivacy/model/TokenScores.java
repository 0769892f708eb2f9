package io.kdprivacy.model;

/**
 * What a model thinks of one example's response, token by token: {@code logProbs[t]} = log p(y_t | x, y_&lt;t);
 * {@code expectedLogProbs[t]} and {@code logProbStds[t]} are the mean and standard deviation of
 * log p(v) over the vocabulary v, weighted by the model's own next-token distribution p at that
 * position (the μ and σ of Min-K%++).
 */
public record TokenScores(float[] logProbs, float[] expectedLogProbs, float[] logProbStds) {

    public TokenScores {
        if (logProbs.length != expectedLogProbs.length || logProbs.length != logProbStds.length) {
            throw new IllegalArgumentException("score arrays differ in length");
        }
    }

    /** Number of scored response tokens. */
    public int length() {
        return logProbs.length;
    }

    /** Mean negative log-likelihood of the response tokens (NaN for an empty response). */
    public double meanNll() {
        return meanNll(logProbs);
    }

    /** Mean negative log-likelihood of {@code logProbs} (NaN if empty). */
    static double meanNll(float[] logProbs) {
        double sum = 0;
        for (float lp : logProbs) {
            sum -= lp;
        }
        return sum / logProbs.length;
    }
}
