package io.kdprivacy.distill;

import io.kdprivacy.model.PromptResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Epoch-wise shuffled batches of a fixed dataset (ground truth, or teacher generations for SeqKD). */
final class DatasetSource implements SequenceSource {

    private final List<PromptResponse> data;
    private final SequenceOrigin origin;
    private final int batchSize;
    private final long seed;
    private List<PromptResponse> order = List.of();
    private int cursor;
    private int epoch;

    DatasetSource(List<PromptResponse> data, SequenceOrigin origin, int batchSize, long seed) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no " + origin.name().toLowerCase(java.util.Locale.ROOT) + " data to distil on");
        }
        this.data = List.copyOf(data);
        this.origin = origin;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** The next {@code batchSize} examples in this epoch's order (the last batch of an epoch may be shorter). */
    List<PromptResponse> nextExamples() {
        if (cursor >= order.size()) {
            List<PromptResponse> shuffled = new ArrayList<>(data);
            Collections.shuffle(shuffled, new Random(seed * 1_000_003L + epoch++));
            order = shuffled;
            cursor = 0;
        }
        List<PromptResponse> batch = order.subList(cursor, Math.min(order.size(), cursor + batchSize));
        cursor += batchSize;
        return batch;
    }

    @Override
    public TrainingBatch next(int step, int totalSteps) {
        List<PromptResponse> examples = nextExamples();
        return new TrainingBatch(step, examples, Collections.nCopies(examples.size(), origin));
    }
}
