package io.kdprivacy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.LanguageModelLoss;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.SequenceBatch;
import io.kdprivacy.model.Torch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Supervised fine-tuning: next-token cross-entropy on response tokens only (prompt tokens carry no
 * loss), AdamW, linear warm-up + cosine decay, global gradient-norm clipping. Each epoch visits the
 * examples in an order drawn from the config's seed, so a run is reproducible on the same machine
 * and thread count.
 */
public final class SftTrainer {

    private final TrainingConfig config;
    private Duration logInterval = Duration.ofSeconds(10);
    private String task = "sft";

    public SftTrainer(TrainingConfig config) {
        this.config = config;
    }

    /** Names the run in progress logs. */
    public SftTrainer named(String name) {
        this.task = name;
        return this;
    }

    /** How often progress is logged. */
    public SftTrainer logEvery(Duration interval) {
        this.logInterval = interval;
        return this;
    }

    /**
     * Fine-tunes {@code model} in place on {@code examples}.
     *
     * @throws TrainingDivergedException if a step's loss is NaN or infinite (the weights keep the
     *                                    values from before that step)
     */
    public TrainingResult train(CausalLm model, List<PromptResponse> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("cannot fine-tune on an empty dataset");
        }
        int totalSteps = config.totalSteps(examples.size());
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(),
                Math.min(config.minLearningRate(), config.learningRate()), config.warmupSteps(), totalSteps);
        int eos = model.config().eosTokenId();
        try (OptimizationRun run = new OptimizationRun(model, task, "loss", totalSteps, schedule::rate,
                config.weightDecay(), config.gradientClip(), logInterval)) {
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                List<PromptResponse> order = new ArrayList<>(examples);
                Collections.shuffle(order, new Random(config.seed() * 1_000_003L + epoch));
                for (int from = 0; from < order.size(); from += config.batchSize()) {
                    SequenceBatch batch = SequenceBatch.of(
                            order.subList(from, Math.min(order.size(), from + config.batchSize())),
                            Math.min(config.maxLength(), model.config().maxPositions()), eos, eos, true);
                    run.step(backward(model, batch), batch.responseTokens(), " (epoch " + (epoch + 1) + ")");
                }
            }
            return new TrainingResult(run.steps(), run.losses(), run.tokens(), run.elapsedSeconds());
        }
    }

    /** Forward + backward of one batch; returns the loss. */
    static double backward(CausalLm model, SequenceBatch batch) {
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray loss = Torch.withGrad(() -> LanguageModelLoss.responseCrossEntropy(
                    model.forward(batch.tokens(m), batch.attentionMask(m)), batch));
            double value = loss.getFloat();
            if (Double.isFinite(value)) {
                Torch.backward(loss);
            }
            return value;
        }
    }
}
