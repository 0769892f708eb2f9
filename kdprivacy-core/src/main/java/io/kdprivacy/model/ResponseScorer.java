package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores responses with one batched forward pass per batch: per-token log-probabilities plus the
 * per-position mean and standard deviation of log p under the model's distribution. The last block's
 * MLP, the vocabulary head and the softmax run only on response positions, and only three arrays of one
 * value per response token leave the engine; the distribution never reaches the JVM heap.
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
            int offset = 0;
            for (int i = 0; i < part.size(); i++) {
                int n = batch.responseLength(i);
                out.add(new TokenScores(slice(stats[0], offset, n), slice(stats[1], offset, n),
                        slice(stats[2], offset, n)));
                offset += n;
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
            int offset = 0;
            for (int i = 0; i < part.size(); i++) {
                int n = batch.responseLength(i);
                out[from + i] = TokenScores.meanNll(slice(logp, offset, n));
                offset += n;
            }
        }
        return out;
    }

    private SequenceBatch batch(List<PromptResponse> examples) {
        int eos = model.config().eosTokenId();
        return SequenceBatch.of(examples, maxLength, eos, eos, false);
    }

    /**
     * [target log p, mean log p, std log p] (the last two only {@code withStats}) at the batch's
     * {@link SequenceBatch#responsePositions() response positions}, concatenated row by row. The
     * last block's output projection and MLP, the vocabulary head and the softmax run on those positions
     * only, not on prompt or padding positions.
     */
    private float[][] forward(SequenceBatch batch, boolean withStats) {
        if (batch.responseTokens() == 0) {
            return new float[withStats ? 3 : 1][0];
        }
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray[] stats = Torch.noGrad(() -> {
                NDArray hidden = model.hiddenStates(batch.tokens(m), batch.attentionMask(m), batch.responsePositions());
                return statistics(model.logits(hidden), m.create(batch.responseTargets()), withStats);
            });
            float[][] out = new float[stats.length][];
            for (int i = 0; i < stats.length; i++) {
                out[i] = stats[i].toFloatArray();
            }
            return out;
        }
    }

    /**
     * [target log p] or [target log p, μ, σ] for logits [N, V] and targets [N], in float32 but without
     * cancellation: with y = z − max z (exact for the logits that matter), log p = y − log Σ e^y,
     * μ = E_p[y] − log Σ e^y and σ² = E_p[(y − E_p[y])²] — a centred second moment, not E_p[(log p)²] − μ²,
     * which at a 50k-token vocabulary near uniform loses most of σ to rounding.
     */
    static NDArray[] statistics(NDArray logits, NDArray targets, boolean withStats) {
        NDArray y = logits.sub(logits.max(new int[] {-1}, true));
        NDArray expY = y.exp();
        NDArray sumExpY = expY.sum(new int[] {-1}, true);
        NDArray logSumExp = sumExpY.log();
        NDArray target = y.gather(targets.expandDims(-1), -1).sub(logSumExp).squeeze(-1);
        if (!withStats) {
            return new NDArray[] {target};
        }
        NDArray p = expY.div(sumExpY);                                                     // [N, V]
        NDArray meanY = p.mul(y).sum(new int[] {-1}, true);                                // E_p[y], [N, 1]
        NDArray centred = y.sub(meanY);
        // square(), not pow(2), which is ~25x slower
        NDArray sigma = p.mul(centred.square()).sum(new int[] {-1}).sqrt();
        NDArray mu = meanY.sub(logSumExp).squeeze(-1);
        return new NDArray[] {target, mu, sigma};
    }

    private static float[] slice(float[] values, int offset, int length) {
        return Arrays.copyOfRange(values, offset, offset + length);
    }
}
