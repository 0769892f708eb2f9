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
            out.addAll(scoreBatch(examples.subList(from, Math.min(examples.size(), from + batchSize))));
        }
        return out;
    }

    private List<TokenScores> scoreBatch(List<PromptResponse> examples) {
        int eos = model.config().eosTokenId();
        SequenceBatch batch = SequenceBatch.of(examples, maxLength, eos, eos, false);
        float[] tokenLogp;
        float[] mean;
        float[] std;
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray[] stats = Torch.noGrad(() -> {
                NDArray logp = model.forward(batch.tokens(m), batch.attentionMask(m)).logSoftmax(-1);
                NDArray target = logp.gather(batch.targets(m).expandDims(-1), -1).squeeze(-1);
                NDArray p = logp.exp();
                NDArray mu = p.mul(logp).sum(new int[] {-1});
                NDArray second = p.mul(logp.pow(2)).sum(new int[] {-1});
                NDArray sigma = second.sub(mu.pow(2)).maximum(0).sqrt();
                return new NDArray[] {target, mu, sigma};
            });
            tokenLogp = stats[0].toFloatArray();
            mean = stats[1].toFloatArray();
            std = stats[2].toFloatArray();
        }
        List<TokenScores> out = new ArrayList<>(examples.size());
        int length = batch.length();
        for (int i = 0; i < examples.size(); i++) {
            int n = batch.responseLength(i);
            int from = i * length + batch.responseStart(i) - 1; // position t predicts token t + 1
            float[] lp = new float[n];
            float[] mu = new float[n];
            float[] sd = new float[n];
            System.arraycopy(tokenLogp, from, lp, 0, n);
            System.arraycopy(mean, from, mu, 0, n);
            System.arraycopy(std, from, sd, 0, n);
            out.add(new TokenScores(lp, mu, sd));
        }
        return out;
    }
}
