package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores responses with one batched forward pass per batch: per-token log-probabilities plus the
 * per-position mean and standard deviation of log p under the model's distribution. Only three
 * [B, T] arrays leave the engine; the [B, T, V] distribution never reaches the JVM heap.
 */
public final class ResponseScorer {

    private final CausalLm model;
    private final int batchSize;
    private final int maxLength;

    /**
     * @param batchSize examples per forward pass
     * @param maxLength longest prompt + response kept (see {@link SequenceBatch} for truncation)
     */
    public ResponseScorer(CausalLm model, int batchSize, int maxLength) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
        this.maxLength = Math.min(maxLength, model.config().maxPositions());
    }

    /** Scores every example, in order. */
    public List<TokenScores> score(List<PromptResponse> examples) {
        List<TokenScores> out = new ArrayList<>(examples.size());
        for (int from = 0; from < examples.size(); from += batchSize) {
            List<PromptResponse> part = examples.subList(from, Math.min(examples.size(), from + batchSize));
            SequenceBatch batch = batch(part);
            float[][] stats = forward(batch, true);
            for (int i = 0; i < part.size(); i++) {
                out.add(new TokenScores(response(stats[0], batch, i), response(stats[1], batch, i),
                        response(stats[2], batch, i)));
            }
        }
        return out;
    }

    /**
     * Mean response NLL per example (NaN for an empty response) — equal to {@link TokenScores#meanNll()}
     * of {@link #score}, from a lighter pass that skips the distribution statistics (MoPe needs only this).
     */
    public double[] meanNll(List<PromptResponse> examples) {
        double[] out = new double[examples.size()];
        for (int from = 0; from < examples.size(); from += batchSize) {
            List<PromptResponse> part = examples.subList(from, Math.min(examples.size(), from + batchSize));
            SequenceBatch batch = batch(part);
            float[] logp = forward(batch, false)[0];
            for (int i = 0; i < part.size(); i++) {
                out[from + i] = TokenScores.meanNll(response(logp, batch, i));
            }
        }
        return out;
    }

    private SequenceBatch batch(List<PromptResponse> examples) {
        int eos = model.config().eosTokenId();
        return SequenceBatch.of(examples, maxLength, eos, eos, false);
    }

    /** [target log p, mean log p, std log p] (the last two only {@code withStats}), each flattened [B, T]. */
    private float[][] forward(SequenceBatch batch, boolean withStats) {
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray[] stats = Torch.noGrad(() -> {
                NDArray logp = model.forward(batch.tokens(m), batch.attentionMask(m)).logSoftmax(-1);
                NDArray target = logp.gather(batch.targets(m).expandDims(-1), -1).squeeze(-1);
                if (!withStats) {
                    return new NDArray[] {target};
                }
                NDArray p = logp.exp();
                NDArray mu = p.mul(logp).sum(new int[] {-1});
                NDArray second = p.mul(logp.pow(2)).sum(new int[] {-1});
                NDArray sigma = second.sub(mu.pow(2)).maximum(0).sqrt();
                return new NDArray[] {target, mu, sigma};
            });
            float[][] out = new float[stats.length][];
            for (int i = 0; i < stats.length; i++) {
                out[i] = stats[i].toFloatArray();
            }
            return out;
        }
    }

    /** Example {@code i}'s response positions of a flattened [B, T] array (position t predicts token t + 1). */
    private static float[] response(float[] values, SequenceBatch batch, int i) {
        int n = batch.responseLength(i);
        float[] out = new float[n];
        System.arraycopy(values, i * batch.length() + batch.responseStart(i) - 1, out, 0, n);
        return out;
    }
}
