package io.kdprivacy.memorization;

import io.kdprivacy.data.Example;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.Generator;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.text.Tokenizer;

import java.util.List;

/**
 * The paper's memorization probe: greedy completion of each example's prompt, forced to
 * {@link MemorizationConfig#newTokens()} tokens, scored against the true response by
 * {@link CompletionScores} over the first {@link MemorizationConfig#comparedTokens()} positions.
 */
public final class MemorizationProbe {

    private final MemorizationConfig config;
    private final int batchSize;

    /** @param batchSize prompts decoded together */
    public MemorizationProbe(MemorizationConfig config, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.config = config;
        this.batchSize = batchSize;
    }

    public MemorizationConfig config() {
        return config;
    }

    /** Greedy completions of the examples' prompts, in order. */
    public List<int[]> complete(CausalLm model, List<PromptResponse> examples) {
        List<int[]> prompts = examples.stream().map(PromptResponse::prompt).toList();
        return new Generator(model, batchSize).generate(prompts, config.generation());
    }

    /** Per-example scores of the model's completions. */
    public ProbeScores score(CausalLm model, List<PromptResponse> examples) {
        List<int[]> references = examples.stream().map(PromptResponse::response).toList();
        return ProbeScores.of(complete(model, examples), references, config.comparedTokens());
    }

    /** Probes members and non-members and summarises the gap. */
    public MemorizationResult run(CausalLm model, List<PromptResponse> members, List<PromptResponse> nonMembers) {
        return MemorizationResult.of(score(model, members), score(model, nonMembers));
    }

    /** Probes text examples after tokenising them with {@link #tokenize}. */
    public MemorizationResult run(CausalLm model, Tokenizer tokenizer, List<Example> members, List<Example> nonMembers) {
        return run(model, tokenize(tokenizer, members), tokenize(tokenizer, nonMembers));
    }

    /** Prompt and response ids of each example, encoded separately (no special tokens). */
    public static List<PromptResponse> tokenize(Tokenizer tokenizer, List<Example> examples) {
        return examples.stream()
                .map(e -> new PromptResponse(tokenizer.encode(e.prompt()), tokenizer.encode(e.response())))
                .toList();
    }
}
