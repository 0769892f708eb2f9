package io.kdprivacy.distill;

import io.kdprivacy.model.PromptResponse;

import java.util.List;

/**
 * The sequences of one distillation step and the origin of each, as the student is trained on them.
 *
 * @param step     0-based optimisation step
 * @param examples prompt + response token ids
 * @param origins  origin of each example's response, index-aligned with {@code examples}
 */
public record TrainingBatch(int step, List<PromptResponse> examples, List<SequenceOrigin> origins) {

    public TrainingBatch {
        examples = List.copyOf(examples);
        origins = List.copyOf(origins);
        if (examples.size() != origins.size() || examples.isEmpty()) {
            throw new IllegalArgumentException("a batch needs one origin per example and at least one example");
        }
    }

    /** Fraction of the batch whose responses the student generated. */
    public double studentGeneratedFraction() {
        return origins.stream().filter(o -> o == SequenceOrigin.STUDENT_GENERATED).count() / (double) origins.size();
    }
}
