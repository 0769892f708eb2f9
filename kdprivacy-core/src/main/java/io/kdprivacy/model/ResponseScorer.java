package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

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

    /** Bytes one [rows, vocabulary] float32 temporary of the head and statistics may take: see {@link #headRows}. */
    static final long HEAD_CHUNK_BYTES = 24L << 20;

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
     * only, not on prompt or padding positions; the head and the statistics run on {@link #headRows} of them
     * at a time, each chunk's temporaries freed before the next.
     */
    private float[][] forward(SequenceBatch batch, boolean withStats) {
        long[] targets = batch.responseTargets();
        float[][] out = new float[withStats ? 3 : 1][targets.length];
        if (targets.length == 0) {
            return out;
        }
        int chunk = headRows(model.config().vocabSize());
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            Torch.noGrad(() -> {
                NDArray hidden = model.hiddenStates(batch.tokens(m), batch.attentionMask(m), batch.responsePositions());
                for (int from = 0; from < targets.length; from += chunk) {
                    int to = Math.min(targets.length, from + chunk);
                    try (NDScope rows = new NDScope()) {
                        rows.suppressNotUsedWarning();
                        NDArray h = to - from == targets.length ? hidden : hidden.get(new NDIndex(from + ":" + to));
                        NDArray[] stats = statistics(model.logits(h), m.create(Arrays.copyOfRange(targets, from, to)),
                                withStats);
                        for (int i = 0; i < stats.length; i++) {
                            System.arraycopy(stats[i].toFloatArray(), 0, out[i], from, to - from);
                        }
                    }
                }
            });
            return out;
        }
    }

    /**
     * Positions whose logits are computed at a time: as many as keep one [rows, vocabulary] float32 array within
     * {@value #HEAD_CHUNK_BYTES} bytes. glibc hands out larger blocks as fresh memory mappings, every time, which
     * the kernel faults in page by page: at GPT-2's 50k vocabulary one 16 × 128 batch's logits are 386 MB, and
     * its [rows, vocabulary] temporaries cost 3 GiB of page faults and 2.9 s of system time per batch
     * (docs/benchmarks.md, "Real-model scale"). Blocks below glibc's largest mmap threshold (32 MiB) come from the
     * heap and are reused chunk after chunk. At small vocabularies a batch is one chunk.
     */
    static int headRows(int vocabSize) {
        return (int) Math.max(1, HEAD_CHUNK_BYTES / (4L * vocabSize));
    }

    /**
     * [target log p] or [target log p, μ, σ] for logits [N, V] and targets [N], in float32 but without
     * cancellation: with y = z − max z (exact for the logits that matter), log p = y − log Σ e^y,
     * μ = E_p[y] − log Σ e^y and σ² = E_p[(y − E_p[y])²] — a centred second moment, not E_p[(log p)²] − μ²,
     * which at a 50k-token vocabulary near uniform loses most of σ to rounding.
     *
     * <p>Overwrites {@code logits} (the caller's temporary): y and then y − E_p[y] are computed in place, and
     * e^y, then p, then p·(y − E_p[y])² in one more [N, V] array, so only p·y needs a third. (A row-wise dot
     * product through a batched matrix product would spare that one too, but its float32 accumulation over 50k
     * terms is not accurate enough for μ; the sum's is.)
     */
    static NDArray[] statistics(NDArray logits, NDArray targets, boolean withStats) {
        NDArray y = logits.subi(logits.max(new int[] {-1}, true));
        NDArray targetY = y.gather(targets.expandDims(-1), -1);                            // [N, 1], before y changes
        NDArray expY = y.exp();                                                            // a new [N, V]
        NDArray sumExpY = expY.sum(new int[] {-1}, true);
        NDArray logSumExp = sumExpY.log();
        NDArray target = targetY.sub(logSumExp).squeeze(-1);
        if (!withStats) {
            return new NDArray[] {target};
        }
        NDArray p = expY.divi(sumExpY);
        NDArray meanY = p.mul(y).sum(new int[] {-1}, true);                                // E_p[y], [N, 1]
        NDArray centred = y.subi(meanY);
        NDArray sigma = p.muli(centred).muli(centred).sum(new int[] {-1}).sqrt();
        NDArray mu = meanY.sub(logSumExp).squeeze(-1);
        return new NDArray[] {target, mu, sigma};
    }

    private static float[] slice(float[] values, int offset, int length) {
        return Arrays.copyOfRange(values, offset, offset + length);
    }
}
