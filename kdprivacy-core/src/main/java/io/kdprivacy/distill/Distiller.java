package io.kdprivacy.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.LanguageModelLoss;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.SequenceBatch;
import io.kdprivacy.model.Torch;
import io.kdprivacy.train.LearningRateSchedule;
import io.kdprivacy.train.OptimizationRun;
import io.kdprivacy.train.TrainingDivergedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Distils a teacher into a student with one {@link KdTechnique}, using only the public data it is
 * given. MiniLLM runs its own policy-gradient loop ({@link MiniLlmTrainer}); the token-level
 * techniques (KD, SeqKD, ImitKD, GKD, DistiLLM) share one loop: a
 * {@link SequenceSource} supplies each step's sequences, the teacher's logits on them are computed
 * without gradients, and the technique's divergence over response positions trains the student.
 */
public final class Distiller {

    private final DistillationConfig config;
    private final List<Consumer<TrainingBatch>> listeners = new ArrayList<>();
    private Duration logInterval = Duration.ofSeconds(10);

    public Distiller(DistillationConfig config) {
        this.config = config;
    }

    /** Observes every batch the student is trained on (provenance, tests). */
    public Distiller onBatch(Consumer<TrainingBatch> listener) {
        listeners.add(listener);
        return this;
    }

    /** How often progress is logged. */
    public Distiller logEvery(Duration interval) {
        this.logInterval = interval;
        return this;
    }

    /**
     * Trains {@code student} in place.
     *
     * @param publicData the only data distillation may use (prompts and ground-truth responses)
     * @param validation data for the per-epoch validation loss (DistiLLM's schedule reacts to it);
     *                   should be public too
     * @throws TrainingDivergedException if a step's loss is not finite
     */
    public DistillationResult distill(CausalLm teacher, CausalLm student, List<PromptResponse> publicData,
                                      List<PromptResponse> validation) {
        if (teacher.config().vocabSize() != student.config().vocabSize()) {
            throw new IllegalArgumentException("teacher and student vocabularies differ: "
                    + teacher.config().vocabSize() + " vs " + student.config().vocabSize());
        }
        if (publicData.isEmpty()) {
            throw new IllegalArgumentException("no public data to distil on");
        }
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no validation data");
        }
        if (config.technique() == KdTechnique.MINILLM) {
            return new MiniLlmTrainer(config, listeners, logInterval).train(teacher, student, publicData, validation);
        }
        SequenceSource source = source(teacher, student, publicData);
        int stepsPerEpoch = (publicData.size() + config.batchSize() - 1) / config.batchSize();
        int totalSteps = config.optimizerSteps(publicData.size());
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(),
                Math.min(config.minLearningRate(), config.learningRate()), config.warmupSteps(), totalSteps);
        String task = config.technique().displayName();
        double[] studentFraction = new double[totalSteps];
        List<Double> validationLosses = new ArrayList<>();
        double initial = validationLoss(student, validation, config);
        validationLosses.add(initial);
        source.validated(initial);
        double[] losses;
        double elapsed;
        long sequenceCount = 0;
        long responseTokens = 0;
        try (OptimizationRun run = new OptimizationRun(student, task, "divergence", totalSteps, schedule::rate,
                config.weightDecay(), config.gradientClip(), logInterval)) {
            for (int step = 0; step < totalSteps; step++) {
                TrainingBatch batch = source.next(step, totalSteps);
                listeners.forEach(l -> l.accept(batch));
                SequenceBatch sequences = SequenceBatch.of(batch.examples(), maxLength(config, teacher, student),
                        student.config().eosTokenId(), student.config().eosTokenId(), true);
                run.step(backward(teacher, student, sequences), sequences.responseTokens(), "");
                sequenceCount += sequences.batchSize();
                responseTokens += sequences.responseTokens();
                studentFraction[step] = batch.studentGeneratedFraction();
                if ((step + 1) % stepsPerEpoch == 0) {
                    double v = run.frozen(() -> validationLoss(student, validation, config));
                    validationLosses.add(v);
                    source.validated(v);
                }
            }
            losses = run.losses();
            elapsed = run.elapsedSeconds();
        }
        return new DistillationResult(config.technique(), totalSteps, losses, validationLosses, studentFraction,
                source.studentDataThreshold(), elapsed, sequenceCount, responseTokens);
    }

    private SequenceSource source(CausalLm teacher, CausalLm student, List<PromptResponse> publicData) {
        long seed = config.seed();
        int batch = config.batchSize();
        switch (config.technique()) {
            case KD:
                return new DatasetSource(publicData, SequenceOrigin.GROUND_TRUTH, batch, seed);
            case SEQKD:
                return new DatasetSource(teacherGenerations(teacher, publicData), SequenceOrigin.TEACHER_GENERATED,
                        batch, seed);
            case IMITKD:
                return onPolicy(student, publicData);
            case GKD:
                return new MixedSource(onPolicy(student, publicData),
                        new DatasetSource(publicData, SequenceOrigin.GROUND_TRUTH, batch, seed + 1),
                        config.studentDataRatio(), seed + 2);
            case DISTILLM:
                return new AdaptiveOffPolicySource(onPolicy(student, publicData),
                        new DatasetSource(publicData, SequenceOrigin.GROUND_TRUTH, batch, seed + 1),
                        config.adaptiveInitThreshold(), config.adaptiveLossEpsilon(), config.adaptiveThresholdStep(),
                        seed + 2);
            default:
                throw new IllegalStateException(config.technique().toString());
        }
    }

    private OnPolicySource onPolicy(CausalLm student, List<PromptResponse> publicData) {
        DatasetSource prompts = new DatasetSource(publicData, SequenceOrigin.GROUND_TRUTH, config.batchSize(), config.seed());
        ResponseSampler sampler = new ResponseSampler(student, config.batchSize(), config.maxNewTokens(), config.seed() + 3);
        return new OnPolicySource(prompts, sampler, new ReplayBuffer(config.replayCapacity()), config.batchSize(),
                config.seed() + 4);
    }

    /** SeqKD's pseudo data: one teacher sample (temperature 1, top-p 1) per public prompt. */
    private List<PromptResponse> teacherGenerations(CausalLm teacher, List<PromptResponse> publicData) {
        return new ResponseSampler(teacher, config.batchSize(), config.maxNewTokens(), config.seed() + 5)
                .sample(publicData, 0);
    }

    private double backward(CausalLm teacher, CausalLm student, SequenceBatch batch) {
        Divergence divergence = config.divergence();
        try (NDScope scope = new NDScope(); NDManager m = student.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray tokens = batch.tokens(m);
            NDArray attention = batch.attentionMask(m);
            NDArray teacherLogits = Torch.noGrad(() -> teacher.forward(tokens, attention));
            NDArray loss = Torch.withGrad(() -> divergence.compute(teacherLogits, student.forward(tokens, attention),
                    batch.lossMask(m), config.divergenceParameter()));
            double value = loss.getFloat();
            if (Double.isFinite(value)) {
                Torch.backward(loss);
            }
            return value;
        }
    }

    /** The longest sequence that the config allows and every model can take. */
    static int maxLength(DistillationConfig config, CausalLm... models) {
        int length = config.maxLength();
        for (CausalLm model : models) {
            length = Math.min(length, model.config().maxPositions());
        }
        return length;
    }

    /** The student's mean response cross-entropy on {@code validation} (no gradients). */
    static double validationLoss(CausalLm student, List<PromptResponse> validation, DistillationConfig config) {
        double sum = 0;
        int batches = 0;
        for (int from = 0; from < validation.size(); from += config.batchSize()) {
            SequenceBatch batch = SequenceBatch.of(validation.subList(from, Math.min(validation.size(), from + config.batchSize())),
                    maxLength(config, student), student.config().eosTokenId(), student.config().eosTokenId(), true);
            try (NDScope scope = new NDScope(); NDManager m = student.manager().newSubManager()) {
                scope.suppressNotUsedWarning();
                sum += Torch.noGrad(() -> LanguageModelLoss.responseCrossEntropy(
                        student.forward(batch.tokens(m), batch.attentionMask(m)), batch).getFloat());
            }
            batches++;
        }
        return sum / batches;
    }
}
