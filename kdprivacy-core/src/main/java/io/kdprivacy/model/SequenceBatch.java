package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * A right-padded batch of prompt + response sequences with next-token targets and a mask that selects
 * the positions whose target is a response token.
 *
 * <p>Truncation, when prompt + response exceed {@code maxLength}: the prompt keeps its last tokens,
 * at most {@code max(maxLength − response, maxLength / 2)} of them, then the response is cut at the end.
 */
public final class SequenceBatch {

    private final int batch;
    private final int length;
    private final long[] tokens;
    private final float[] attention;
    private final long[] targets;
    private final float[] lossMask;
    private final int[] responseStart;
    private final int[] responseLength;

    private SequenceBatch(int batch, int length) {
        this.batch = batch;
        this.length = length;
        this.tokens = new long[batch * length];
        this.attention = new float[batch * length];
        this.targets = new long[batch * length];
        this.lossMask = new float[batch * length];
        this.responseStart = new int[batch];
        this.responseLength = new int[batch];
    }

    /**
     * Packs {@code examples}; when {@code appendEos} the response is followed by {@code eosId} so the
     * model learns to stop. Padding uses {@code padId} and is masked out.
     */
    public static SequenceBatch of(List<PromptResponse> examples, int maxLength, int padId, int eosId,
                                   boolean appendEos) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one example");
        }
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be >= 2, got " + maxLength);
        }
        int n = examples.size();
        int[][] prompts = new int[n][];
        int[][] responses = new int[n][];
        int longest = 0;
        for (int i = 0; i < n; i++) {
            PromptResponse e = examples.get(i);
            int[] response = e.response();
            if (appendEos) {
                response = java.util.Arrays.copyOf(response, response.length + 1);
                response[response.length - 1] = eosId;
            }
            int[] prompt = e.prompt();
            if (prompt.length + response.length > maxLength) {
                int keepPrompt = Math.min(prompt.length, Math.max(maxLength - response.length, maxLength / 2));
                prompt = java.util.Arrays.copyOfRange(prompt, prompt.length - keepPrompt, prompt.length);
                response = java.util.Arrays.copyOf(response, Math.min(response.length, maxLength - keepPrompt));
            }
            if (prompt.length == 0) {
                throw new IllegalArgumentException("example " + i + " has an empty prompt; at least one prompt "
                        + "token (e.g. a BOS/EOS id) is needed to predict the first response token");
            }
            prompts[i] = prompt;
            responses[i] = response;
            longest = Math.max(longest, prompt.length + response.length);
        }
        SequenceBatch s = new SequenceBatch(n, longest);
        for (int i = 0; i < n; i++) {
            int row = i * longest;
            int p = prompts[i].length;
            int r = responses[i].length;
            for (int t = 0; t < longest; t++) {
                int token;
                if (t < p) {
                    token = prompts[i][t];
                } else if (t < p + r) {
                    token = responses[i][t - p];
                } else {
                    token = padId;
                }
                s.tokens[row + t] = token;
                s.attention[row + t] = t < p + r ? 1f : 0f;
            }
            for (int t = 0; t + 1 < longest; t++) {
                s.targets[row + t] = s.tokens[row + t + 1];
                s.lossMask[row + t] = (t + 1 >= p && t + 1 < p + r) ? 1f : 0f;
            }
            s.targets[row + longest - 1] = padId;
            s.responseStart[i] = p;
            s.responseLength[i] = r;
        }
        return s;
    }

    public int batchSize() {
        return batch;
    }

    /** Padded sequence length T. */
    public int length() {
        return length;
    }

    /** Number of response tokens that carry a loss. */
    public int responseTokens() {
        int sum = 0;
        for (int r : responseLength) {
            sum += r;
        }
        return sum;
    }

    /** Index of the first response token of row {@code i}. */
    public int responseStart(int i) {
        return responseStart[i];
    }

    /** Number of (kept) response tokens of row {@code i}. */
    public int responseLength(int i) {
        return responseLength[i];
    }

    public NDArray tokens(NDManager m) {
        return m.create(tokens, new Shape(batch, length));
    }

    public NDArray attentionMask(NDManager m) {
        return m.create(attention, new Shape(batch, length));
    }

    public NDArray targets(NDManager m) {
        return m.create(targets, new Shape(batch, length));
    }

    public NDArray lossMask(NDManager m) {
        return m.create(lossMask, new Shape(batch, length));
    }

    /**
     * The flattened (row × T + t) positions whose next-token target is a response token — where the
     * loss mask is 1 — row by row, in order; {@link #responseTokens()} of them.
     */
    public long[] responsePositions() {
        long[] out = new long[responseTokens()];
        int k = 0;
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < responseLength[i]; t++) {
                out[k++] = (long) i * length + responseStart[i] - 1 + t;
            }
        }
        return out;
    }

    /** The response tokens, row by row, in order: the targets at {@link #responsePositions()}. */
    public long[] responseTargets() {
        long[] out = new long[responseTokens()];
        int k = 0;
        for (int i = 0; i < batch; i++) {
            int start = i * length + responseStart[i];
            for (int t = 0; t < responseLength[i]; t++) {
                out[k++] = tokens[start + t];
            }
        }
        return out;
    }

    /** The loss mask as host floats (B × T, row-major). */
    public float[] lossMaskValues() {
        return lossMask.clone();
    }
}
