package io.kdprivacy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batched autoregressive decoding with a key/value cache: the prompts (left-padded) are encoded in
 * one pass, then each step feeds one token per row. Rows stop at end-of-sequence (once
 * {@code minNewTokens} are out) or at {@code maxNewTokens}; the batch stops when every row has.
 */
public final class Generator {

    private final CausalLm model;
    private final int batchSize;

    public Generator(CausalLm model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
    }

    /**
     * Generates a continuation for each prompt, in order. The returned ids exclude the prompt and the
     * end-of-sequence token. Prompts longer than {@code maxPositions − maxNewTokens} keep their last tokens.
     */
    public List<int[]> generate(List<int[]> prompts, GenerationConfig config) {
        if (config.maxNewTokens() >= model.config().maxPositions()) {
            throw new IllegalArgumentException("maxNewTokens " + config.maxNewTokens()
                    + " leaves no room for a prompt within maxPositions " + model.config().maxPositions());
        }
        List<int[]> out = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += batchSize) {
            int to = Math.min(prompts.size(), from + batchSize);
            out.addAll(generateBatch(prompts.subList(from, to), from, config));
        }
        return out;
    }

    private List<int[]> generateBatch(List<int[]> prompts, int firstIndex, GenerationConfig config) {
        int rows = prompts.size();
        int eos = model.config().eosTokenId();
        int vocab = model.config().vocabSize();
        int maxPrompt = model.config().maxPositions() - config.maxNewTokens();
        int[][] kept = new int[rows][];
        int promptLength = 0;
        for (int i = 0; i < rows; i++) {
            int[] p = prompts.get(i);
            if (p.length == 0) {
                throw new IllegalArgumentException("prompt " + (firstIndex + i) + " is empty");
            }
            kept[i] = p.length > maxPrompt ? Arrays.copyOfRange(p, p.length - maxPrompt, p.length) : p;
            promptLength = Math.max(promptLength, kept[i].length);
        }
        int capacity = promptLength + config.maxNewTokens();
        float[] keyMask = new float[rows * capacity];
        long[] tokens = new long[rows * promptLength];
        long[] positions = new long[rows * promptLength];
        int[] nextPosition = new int[rows];
        List<List<Integer>> history = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int pad = promptLength - kept[i].length;
            List<Integer> h = new ArrayList<>();
            for (int t = 0; t < promptLength; t++) {
                boolean real = t >= pad;
                tokens[i * promptLength + t] = real ? kept[i][t - pad] : eos;
                positions[i * promptLength + t] = real ? t - pad : 0;
                keyMask[i * capacity + t] = real ? 1f : 0f;
                if (real) {
                    h.add(kept[i][t - pad]);
                }
            }
            nextPosition[i] = kept[i].length;
            history.add(h);
        }
        SplittableRandom[] random = new SplittableRandom[rows];
        for (int i = 0; i < rows; i++) {
            random[i] = new SplittableRandom(mix(config.seed(), firstIndex + i));
        }
        List<List<Integer>> generated = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            generated.add(new ArrayList<>());
        }
        boolean[] done = new boolean[rows];
        try (NDManager m = model.manager().newSubManager();
             KvCache cache = new KvCache(m, model.config(), rows, capacity)) {
            float[] logits = step(m, cache, tokens, positions, rows, promptLength, keyMask, capacity);
            for (int n = 0; n < config.maxNewTokens(); n++) {
                long[] next = new long[rows];
                long[] nextPos = new long[rows];
                boolean allDone = true;
                for (int i = 0; i < rows; i++) {
                    if (!done[i]) {
                        float[] row = Arrays.copyOfRange(logits, i * vocab, (i + 1) * vocab);
                        if (n < config.minNewTokens()) {
                            row[eos] = Float.NEGATIVE_INFINITY;
                        }
                        Sampling.banRepeatedNgrams(row, history.get(i), config.noRepeatNgramSize());
                        int token = Sampling.choose(row, config, random[i]);
                        if (token == eos) {
                            done[i] = true;
                        } else {
                            generated.get(i).add(token);
                            history.get(i).add(token);
                            if (generated.get(i).size() == config.maxNewTokens()) {
                                done[i] = true;
                            }
                        }
                        next[i] = token;
                    } else {
                        next[i] = eos;
                    }
                    nextPos[i] = nextPosition[i]++;
                    keyMask[i * capacity + promptLength + n] = done[i] && next[i] == eos ? 0f : 1f;
                    allDone &= done[i];
                }
                if (allDone || n + 1 == config.maxNewTokens()) {
                    break;
                }
                logits = step(m, cache, next, nextPos, rows, 1, keyMask, capacity);
            }
        }
        List<int[]> out = new ArrayList<>(rows);
        for (List<Integer> g : generated) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** Runs one cached forward step and returns the last position's logits, B × V on the host. */
    private float[] step(NDManager m, KvCache cache, long[] tokens, long[] positions, int rows, int length,
                         float[] keyMaskFull, int capacity) {
        int keys = cache.length() + length;
        float[] keyMask = new float[rows * keys];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(keyMaskFull, i * capacity, keyMask, i * keys, keys);
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return Torch.noGrad(() -> {
                NDArray ids = m.create(tokens, new Shape(rows, length));
                NDArray pos = m.create(positions, new Shape(rows, length));
                NDArray logits = model.forward(ids, pos, keyMask, cache);
                return logits.get(":, -1, :").toFloatArray();
            });
        }
    }

    private static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
