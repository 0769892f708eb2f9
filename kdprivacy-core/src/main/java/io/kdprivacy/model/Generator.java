package io.kdprivacy.model;


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
        List<List<Integer>> history = new ArrayList<>();
        List<List<Integer>> generated = new ArrayList<>();
        SplittableRandom[] random = new SplittableRandom[rows];
        for (int i = 0; i < rows; i++) {
            List<Integer> h = new ArrayList<>();
            for (int token : prompts.get(i)) {
                h.add(token);
            }
            history.add(h);
            generated.add(new ArrayList<>());
            random[i] = new SplittableRandom(mix(config.seed(), firstIndex + i));
        }
        boolean[] active = new boolean[rows];
        Arrays.fill(active, true);
        try (DecodingSession session = new DecodingSession(model, prompts, config.maxNewTokens())) {
            for (int n = 0; n < config.maxNewTokens(); n++) {
                float[] logits = session.logits();
                long[] next = new long[rows];
                boolean anyActive = false;
                for (int i = 0; i < rows; i++) {
                    next[i] = eos;
                    if (!active[i]) {
                        continue;
                    }
                    float[] row = Arrays.copyOfRange(logits, i * vocab, (i + 1) * vocab);
                    if (n < config.minNewTokens()) {
                        row[eos] = Float.NEGATIVE_INFINITY;
                    }
                    Sampling.banRepeatedNgrams(row, history.get(i), config.noRepeatNgramSize());
                    int token = Sampling.choose(row, config, random[i]);
                    next[i] = token;
                    if (token == eos) {
                        active[i] = false;
                    } else {
                        generated.get(i).add(token);
                        history.get(i).add(token);
                        active[i] = generated.get(i).size() < config.maxNewTokens();
                    }
                    anyActive |= active[i];
                }
                if (!anyActive || n + 1 == config.maxNewTokens()) {
                    break;
                }
                session.append(next, active);
            }
        }
        List<int[]> out = new ArrayList<>(rows);
        for (List<Integer> g : generated) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** A well-mixed 64-bit seed for item {@code index} of a run seeded with {@code seed}. */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
