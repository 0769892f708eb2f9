package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.List;

/**
 * Step-by-step decoding of a batch of prompts with a key/value cache: the prompts (left-padded) are
 * encoded once, then each {@link #append} feeds one token per row and exposes the next-token logits.
 * {@link Generator} builds on it; techniques that sample from a mixture of two models run two
 * sessions in lockstep.
 */
public final class DecodingSession implements AutoCloseable {

    private final CausalLm model;
    private final NDManager manager;
    private final KvCache cache;
    private final int rows;
    private final int promptLength;
    private final int capacity;
    private final float[] keyMask;
    private final int[] nextPosition;
    private int generated;
    private float[] logits;

    /**
     * Encodes {@code prompts}, leaving room for {@code maxNewTokens}. Prompts longer than
     * {@code maxPositions − maxNewTokens} keep their last tokens.
     */
    public DecodingSession(CausalLm model, List<int[]> prompts, int maxNewTokens) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompts to decode");
        }
        if (maxNewTokens >= model.config().maxPositions()) {
            throw new IllegalArgumentException("maxNewTokens " + maxNewTokens
                    + " leaves no room for a prompt within maxPositions " + model.config().maxPositions());
        }
        this.model = model;
        this.rows = prompts.size();
        int maxPrompt = model.config().maxPositions() - maxNewTokens;
        int[][] kept = new int[rows][];
        int longest = 0;
        for (int i = 0; i < rows; i++) {
            int[] p = prompts.get(i);
            if (p.length == 0) {
                throw new IllegalArgumentException("prompt " + i + " is empty");
            }
            kept[i] = p.length > maxPrompt ? Arrays.copyOfRange(p, p.length - maxPrompt, p.length) : p;
            longest = Math.max(longest, kept[i].length);
        }
        this.promptLength = longest;
        this.capacity = longest + maxNewTokens;
        this.keyMask = new float[rows * capacity];
        this.nextPosition = new int[rows];
        long[] tokens = new long[rows * longest];
        long[] positions = new long[rows * longest];
        int eos = model.config().eosTokenId();
        for (int i = 0; i < rows; i++) {
            int pad = longest - kept[i].length;
            for (int t = 0; t < longest; t++) {
                boolean real = t >= pad;
                tokens[i * longest + t] = real ? kept[i][t - pad] : eos;
                positions[i * longest + t] = real ? t - pad : 0;
                keyMask[i * capacity + t] = real ? 1f : 0f;
            }
            nextPosition[i] = kept[i].length;
        }
        this.manager = model.manager().newSubManager();
        this.cache = new KvCache(manager, model.config(), rows, capacity);
        this.logits = step(tokens, positions, longest);
    }

    /** Rows in the batch. */
    public int rows() {
        return rows;
    }

    /** Tokens appended so far. */
    public int generated() {
        return generated;
    }

    /** The logits of the next token, rows × vocabulary, row-major (a copy). */
    public float[] logits() {
        return logits.clone();
    }

    /**
     * Appends one token per row and computes the next logits. Rows marked inactive (finished) are
     * fed {@code tokens[i]} but masked out of attention from now on.
     */
    public void append(long[] tokens, boolean[] active) {
        if (tokens.length != rows || active.length != rows) {
            throw new IllegalArgumentException("need one token and one flag per row");
        }
        if (promptLength + generated >= capacity) {
            throw new IllegalStateException("decoding session is full after " + generated + " new tokens");
        }
        long[] positions = new long[rows];
        for (int i = 0; i < rows; i++) {
            positions[i] = nextPosition[i]++;
            keyMask[i * capacity + promptLength + generated] = active[i] ? 1f : 0f;
        }
        generated++;
        logits = step(tokens, positions, 1);
    }

    private float[] step(long[] tokens, long[] positions, int length) {
        int keys = cache.length() + length;
        float[] mask = new float[rows * keys];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(keyMask, i * capacity, mask, i * keys, keys);
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return Torch.noGrad(() -> {
                NDArray ids = manager.create(tokens, new Shape(rows, length));
                // only the last position predicts the next token: when the prompt is fed, the last block's
                // MLP and the vocabulary head run on it alone
                long[] last = null;
                if (length > 1) {
                    last = new long[rows];
                    for (int i = 0; i < rows; i++) {
                        last[i] = (long) i * length + length - 1;
                    }
                }
                NDArray hidden = model.hiddenStates(ids, positions, mask, cache, last);   // [B, d] or [B, 1, d]
                return model.logits(hidden.reshape(rows, -1)).toFloatArray();
            });
        }
    }

    @Override
    public void close() {
        cache.close();
        manager.close();
    }
}
