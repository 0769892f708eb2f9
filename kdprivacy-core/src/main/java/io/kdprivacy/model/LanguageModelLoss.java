package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Next-token cross-entropy restricted to response tokens. */
public final class LanguageModelLoss {

    private LanguageModelLoss() {
    }

    /** Mean negative log-likelihood of the response tokens of {@code batch} under {@code logits} [B,T,V]. */
    public static NDArray responseCrossEntropy(NDArray logits, SequenceBatch batch) {
        NDManager m = logits.getManager();
        NDArray logp = logits.logSoftmax(-1);
        NDArray tokenLogp = logp.gather(batch.targets(m).expandDims(-1), -1).squeeze(-1);
        NDArray mask = batch.lossMask(m);
        return tokenLogp.mul(mask).sum().neg().div(Math.max(1, batch.responseTokens()));
    }
}
