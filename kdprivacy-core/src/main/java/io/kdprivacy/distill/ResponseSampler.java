package io.kdprivacy.distill;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.GenerationConfig;
import io.kdprivacy.model.Generator;
import io.kdprivacy.model.PromptResponse;

import java.util.ArrayList;
import java.util.List;

/** Samples responses from a model (student or teacher) for given prompts: temperature 1, top-p 1, as the reference code. */
final class ResponseSampler {

    private final Generator generator;
    private final GenerationConfig generation;

    ResponseSampler(CausalLm model, int batchSize, int maxNewTokens, long seed) {
        this.generator = new Generator(model, batchSize);
        this.generation = GenerationConfig.sampling(maxNewTokens, seed);
    }

    /** One sampled response per example's prompt; {@code round} varies the seed between calls. */
    List<PromptResponse> sample(List<PromptResponse> promptsFrom, long round) {
        List<int[]> prompts = promptsFrom.stream().map(PromptResponse::prompt).toList();
        List<int[]> responses = generator.generate(prompts, generation.withSeed(generation.seed() * 1_000_003L + round));
        List<PromptResponse> out = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            out.add(new PromptResponse(prompts.get(i), responses.get(i)));
        }
        return out;
    }
}
