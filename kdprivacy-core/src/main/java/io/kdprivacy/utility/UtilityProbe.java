package io.kdprivacy.utility;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.GenerationConfig;
import io.kdprivacy.model.Generator;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.TokenScores;
import io.kdprivacy.stats.Bootstrap;
import io.kdprivacy.stats.Subsample;
import io.kdprivacy.text.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Task quality of one model on held-out examples, as the paper measures it beside privacy: the pooled response-token
 * NLL (from scores already computed, no extra forward pass) and the ROUGE-L F1 ({@link RougeL}) of greedy responses
 * against the reference responses. Generated text is decoded, scored and dropped; it is never kept or returned.
 *
 * <p>Responses are at most {@link UtilityConfig#maxNewTokens()} long, and at most half the model's context, so that a
 * prompt keeps at least the other half ({@link UtilityResult#maxNewTokens()} says which limit applied).
 */
public final class UtilityProbe {

    private final UtilityConfig config;
    private final int batchSize;
    private final int resamples;
    private final long seed;

    /**
     * @param batchSize prompts decoded together
     * @param resamples bootstrap resamples of the mean ROUGE-L interval
     * @param seed      seed of the example subsample and the bootstrap
     */
    public UtilityProbe(UtilityConfig config, int batchSize, int resamples, long seed) {
        if (batchSize < 1 || resamples < 1) {
            throw new IllegalArgumentException("need batchSize >= 1 and resamples >= 1, got " + batchSize + " and "
                    + resamples);
        }
        this.config = config;
        this.batchSize = batchSize;
        this.resamples = resamples;
        this.seed = seed;
    }

    /** The examples measured out of {@code size}: all, or the configured seeded subsample (ascending). */
    public int[] rows(int size) {
        return Subsample.indices(size, config.examples(), seed);
    }

    /**
     * Measures {@code model} on the held-out examples.
     *
     * @param examples   the held-out prompts and responses as token ids
     * @param references the reference response texts, aligned with {@code examples}
     * @param scores     the model's token scores of the held-out responses, aligned with {@code examples}
     * @param tokenizer  decodes the greedy responses
     */
    public UtilityResult run(CausalLm model, Tokenizer tokenizer, List<PromptResponse> examples, List<String> references,
                             List<TokenScores> scores) {
        if (examples.size() != references.size() || examples.size() != scores.size()) {
            throw new IllegalArgumentException(examples.size() + " examples, " + references.size() + " references and "
                    + scores.size() + " score rows must align");
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("utility needs at least one held-out example");
        }
        int[] rows = rows(examples.size());
        double nllSum = 0;
        long tokens = 0;
        List<int[]> prompts = new ArrayList<>(rows.length);
        for (int r : rows) {
            for (float lp : scores.get(r).logProbs()) {
                nllSum -= lp;
            }
            tokens += scores.get(r).length();
            prompts.add(examples.get(r).prompt());
        }
        int newTokens = newTokens(model);
        List<int[]> responses = respond(model, prompts);
        double[] rougeL = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rougeL[i] = RougeL.f1(tokenizer.decode(responses.get(i)), references.get(rows[i]));
        }
        return new UtilityResult(rows.length, tokens, tokens == 0 ? Double.NaN : nllSum / tokens, rougeL,
                Bootstrap.mean(rougeL, resamples, 0.95, seed), newTokens);
    }

    /** The greedy responses to {@code prompts}, in order (token ids without the prompt or end-of-sequence). */
    List<int[]> respond(CausalLm model, List<int[]> prompts) {
        return new Generator(model, batchSize).generate(prompts, GenerationConfig.greedy(newTokens(model)));
    }

    /** The longest response {@code model} is asked for: the configured one, or half its context if that is less. */
    private int newTokens(CausalLm model) {
        return Math.max(1, Math.min(config.maxNewTokens(), model.config().maxPositions() / 2));
    }
}
