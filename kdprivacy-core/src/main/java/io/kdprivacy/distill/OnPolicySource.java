package io.kdprivacy.distill;

import io.kdprivacy.model.PromptResponse;

import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ImitKD's sequences: each step the student samples responses for the next public prompts, pushes them
 * into the replay buffer, and the step trains on a random batch drawn from the buffer.
 */
final class OnPolicySource implements SequenceSource {

    private final DatasetSource prompts;
    private final ResponseSampler sampler;
    private final ReplayBuffer buffer;
    private final int batchSize;
    private final SplittableRandom random;

    OnPolicySource(DatasetSource prompts, ResponseSampler sampler, ReplayBuffer buffer, int batchSize, long seed) {
        this.prompts = prompts;
        this.sampler = sampler;
        this.buffer = buffer;
        this.batchSize = batchSize;
        this.random = new SplittableRandom(seed);
    }

    /** Samples a fresh batch from the student into the buffer. */
    void generate(int step) {
        buffer.addAll(sampler.sample(prompts.nextExamples(), step));
    }

    /** A batch drawn from the buffer. */
    TrainingBatch fromBuffer(int step) {
        List<PromptResponse> examples = buffer.sample(batchSize, random);
        return new TrainingBatch(step, examples, Collections.nCopies(examples.size(), SequenceOrigin.STUDENT_GENERATED));
    }

    int buffered() {
        return buffer.size();
    }

    boolean bufferFull() {
        return buffer.isFull();
    }

    @Override
    public TrainingBatch next(int step, int totalSteps) {
        generate(step);
        return fromBuffer(step);
    }
}
