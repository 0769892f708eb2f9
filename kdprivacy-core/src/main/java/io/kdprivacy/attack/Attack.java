package io.kdprivacy.attack;

import io.kdprivacy.model.TokenScores;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Score-based membership inference attacks. Each computes one score per example from a
 * {@link ScoreCache} only (no model is run); the direction is fixed in advance: a higher score means
 * "member". An example whose score is undefined (an empty response, or an empty Min-K% slice in
 * {@link ScoringMode#PAPER_COMPATIBLE} mode) scores {@code NaN}; {@link MembershipAttack} drops such
 * examples and counts them. MoPe needs extra forward passes and lives in {@link Mope}.
 *
 * <p>Notation: T = number of scored response tokens, log p_t = log-probability of response token t,
 * μ_t and σ_t = mean and standard deviation of log p under the model's own next-token distribution.
 */
public enum Attack {

    /**
     * −mean token NLL. Same in both modes.
     */
    LOSS,

    /**
     * −(mean NLL) / |zlib(text)|: the log-perplexity over the text's zlib length, as Carlini et al. (2021)
     * define it and as the Min-K%++ and MIMIR code and the paper's code compute it. Same in both modes.
     * |zlib(text)| is the length of {@link Deflater}'s default-level output in the zlib format (header and
     * checksum included), as Python's {@code zlib.compress}.
     *
     * <p>Quirk not reproduced: the paper's code compresses the text decoded from the model's argmax
     * predictions, not the response. A cache holds no argmax predictions, so both modes compress the
     * response text the caller supplied to {@link ScoreCache#of}; a caller wanting the paper's behaviour can
     * supply argmax-decoded texts there.
     */
    ZLIB,

    /**
     * Published (Shi et al.): mean of the ⌊k·T⌋ lowest log p_t, the count the Min-K% and Min-K%++ code
     * takes; where ⌊k·T⌋ = 0 (T &lt; 5 at k = 0.2) the single lowest, so a short response still scores
     * (that code's mean of an empty slice is NaN). Paper-compatible: mean of the ⌊k·T⌋ lowest
     * <em>probabilities</em> p_t (the paper's code averages probabilities); when ⌊k·T⌋ = 0 the score is NaN
     * and the example is dropped, as there.
     */
    MIN_K,

    /**
     * Published (Zhang et al.): z_t = (log p_t − μ_t) / σ_t, then the Min-K% mean of z (⌊k·T⌋ lowest, at
     * least 1). Paper-compatible: z_t = (p_t − μ_t) / σ_t (the reference puts the probability, not the
     * log-probability, in the numerator), then the ⌊k·T⌋ lowest, NaN when empty. In both modes σ_t is
     * floored at {@value #MIN_SIGMA} so a one-hot next-token distribution gives a finite z.
     */
    MIN_K_PLUS_PLUS,

    /**
     * −(mean NLL_target − mean NLL_reference), with the reference model's cache over the same examples in
     * the same order. Same in both modes.
     */
    REFERENCE;

    /** Default Min-K% fraction. */
    public static final double DEFAULT_K = 0.2;

    /** Floor on σ_t in Min-K%++. */
    static final double MIN_SIGMA = 1e-6;

    /** Whether the attack needs a reference model's cache. */
    public boolean needsReference() {
        return this == REFERENCE;
    }

    /** Scores with k = {@link #DEFAULT_K}; for attacks that need no reference. */
    public double[] scores(ScoreCache target, ScoringMode mode) {
        return scores(target, null, mode, DEFAULT_K);
    }

    /**
     * One score per example of {@code target}, higher = member.
     *
     * @param reference the reference model's cache (only and always for {@link #REFERENCE})
     * @param k         Min-K% fraction in (0, 1] (ignored by the other attacks)
     */
    public double[] scores(ScoreCache target, ScoreCache reference, ScoringMode mode, double k) {
        if (!(k > 0 && k <= 1)) {
            throw new IllegalArgumentException("k must be in (0, 1], got " + k);
        }
        if (needsReference() != (reference != null)) {
            throw new IllegalArgumentException(this + (needsReference() ? " needs" : " takes no") + " reference cache");
        }
        if (reference != null && reference.size() != target.size()) {
            throw new IllegalArgumentException("reference has " + reference.size() + " examples, target " + target.size());
        }
        boolean paper = mode == ScoringMode.PAPER_COMPATIBLE;
        double[] out = new double[target.size()];
        for (int i = 0; i < out.length; i++) {
            TokenScores s = target.scores(i);
            out[i] = switch (this) {
                case LOSS -> -s.meanNll();
                case ZLIB -> -s.meanNll() / zlibLength(target.text(i));
                case MIN_K -> minK(paper ? probabilities(s) : toDouble(s.logProbs()), k, paper);
                case MIN_K_PLUS_PLUS -> minK(zScores(s, paper), k, paper);
                case REFERENCE -> -(s.meanNll() - reference.scores(i).meanNll());
            };
        }
        return out;
    }

    /** Number of bytes {@link Deflater} at its default level produces for {@code bytes} (zlib format). */
    static int zlibLength(byte[] bytes) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(bytes);
            deflater.finish();
            byte[] buffer = new byte[bytes.length + 64];
            int total = 0;
            while (!deflater.finished()) {
                total += deflater.deflate(buffer);
            }
            return total;
        } finally {
            deflater.end();
        }
    }

    /**
     * Mean of the ⌊k·n⌋ lowest values: at least 1 of them, or in paper mode NaN when ⌊k·n⌋ = 0. NaN for an
     * empty input.
     */
    static double minK(double[] values, double k, boolean paper) {
        int n = values.length;
        int floor = (int) Math.floor(k * n);
        int count = paper ? floor : Math.max(1, floor);
        if (n == 0 || count == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += sorted[i];
        }
        return sum / count;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double[] probabilities(TokenScores s) {
        double[] out = toDouble(s.logProbs());
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(out[i]);
        }
        return out;
    }

    private static double[] zScores(TokenScores s, boolean paper) {
        float[] lp = s.logProbs();
        float[] mu = s.expectedLogProbs();
        float[] sd = s.logProbStds();
        double[] z = new double[lp.length];
        for (int t = 0; t < lp.length; t++) {
            double x = paper ? Math.exp(lp[t]) : lp[t];
            z[t] = (x - mu[t]) / Math.max(sd[t], MIN_SIGMA);
        }
        return z;
    }
}
