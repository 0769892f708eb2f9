package io.kdprivacy.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.LanguageModelLoss;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.SequenceBatch;
import io.kdprivacy.model.Torch;
import io.kdprivacy.train.OptimizationRun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * MiniLLM: reverse KL(student ‖ teacher) minimised by policy gradient over whole sampled responses.
 *
 * <p>Each round samples {@code rolloutsPerRound} responses to public prompts from the teacher-mixed
 * policy ({@link TeacherMixedSampler}); the per-token reward is r_t = (log p_teacher(y_t) −
 * log q_old(y_t)) / rewardScaling, clipped to ±100; the return R_t = Σ_k≥t γ^(k−t)·r_k is divided by
 * the number of remaining tokens (length normalisation) and whitened over the round into the
 * advantage A_t. Then {@code ppoEpochs} passes of mini-batch updates minimise
 * <pre>
 *   L = −mean_t min(ρ_t·w_t·A_t, clip(ρ_t, 1−ε, 1+ε)·w_t·A_t)     (PPO, ρ_t = q_θ(y_t)/q_old(y_t))
 *     + mean_t KL(q_θ(·|y_&lt;t) ‖ p(·|y_&lt;t))                      (single-step regulariser)
 *     + λ·[(1−κ)·CE + κ·KL(p ‖ q_θ)] on a ground-truth public batch (L_PT)
 * </pre>
 * where w_t = q_old(y_t) / ((1−α)·q_old(y_t) + α·p(y_t)) corrects for sampling from the mixture.
 * Differences from the reference, stated in docs/distillation.md: L_PT uses the public instruction
 * data instead of OpenWebText (nothing can be downloaded), rollouts per round are 64 instead of 256,
 * the reward has no entropy bonus, and the learning rate is constant after warm-up. The rounds stop when
 * the run has taken the budget every technique gets ({@link DistillationConfig#optimizerSteps}), possibly in the
 * middle of a round's PPO epochs, so MiniLLM's student is not trained longer than the others.
 */
final class MiniLlmTrainer {

    /** The learning rate of 0-based PPO step {@code step}: linear warm-up, then constant. */
    private double rate(int step) {
        return config.warmupSteps() > step ? config.learningRate() * (step + 1) / config.warmupSteps()
                : config.learningRate();
    }

    private final DistillationConfig config;
    private final MiniLlmSettings settings;
    private final List<Consumer<TrainingBatch>> listeners;
    private final Duration logInterval;

    MiniLlmTrainer(DistillationConfig config, List<Consumer<TrainingBatch>> listeners, Duration logInterval) {
        this.config = config;
        this.settings = config.miniLlm();
        this.listeners = listeners;
        this.logInterval = logInterval;
    }

    DistillationResult train(CausalLm teacher, CausalLm student, List<PromptResponse> publicData,
                             List<PromptResponse> validation) {
        int totalSteps = config.optimizerSteps(publicData.size());
        int stepsPerRound = settings.ppoEpochs() * ((settings.rolloutsPerRound() + config.batchSize() - 1) / config.batchSize());
        // rounds whose rollouts are all empty take no step; give up on the budget after this many rounds
        int maxRounds = 4 * ((totalSteps + stepsPerRound - 1) / stepsPerRound);
        DatasetSource prompts = new DatasetSource(publicData, SequenceOrigin.GROUND_TRUTH, settings.rolloutsPerRound(), config.seed());
        DatasetSource lmData = new DatasetSource(publicData, SequenceOrigin.GROUND_TRUTH, config.batchSize(), config.seed() + 1);
        TeacherMixedSampler sampler = new TeacherMixedSampler(student, teacher, settings.teacherMix(), config.maxNewTokens());
        List<Double> validationLosses = new ArrayList<>();
        validationLosses.add(Distiller.validationLoss(student, validation, config));
        double[] lossArray;
        double elapsed;
        int steps;
        long[] spent = new long[2]; // sequences, response tokens
        try (OptimizationRun run = new OptimizationRun(student, KdTechnique.MINILLM.displayName(), "loss",
                totalSteps, this::rate, config.weightDecay(), config.gradientClip(), logInterval)) {
            for (int round = 0; run.steps() < totalSteps && round < maxRounds; round++) {
                List<Rollout> rollouts = new ArrayList<>();
                for (Rollout r : sampler.sample(prompts.nextExamples(), config.seed() * 1_000_003L + round)) {
                    if (r.length() > 0) {
                        rollouts.add(r);
                    }
                }
                if (rollouts.isEmpty()) {
                    continue;
                }
                ppoEpochs(teacher, student, rollouts, round, lmData, run, totalSteps, spent);
                validationLosses.add(run.frozen(() -> Distiller.validationLoss(student, validation, config)));
            }
            lossArray = run.losses();
            steps = run.steps();
            elapsed = run.elapsedSeconds();
        }
        double[] fraction = new double[lossArray.length];
        java.util.Arrays.fill(fraction, 1.0);
        return new DistillationResult(KdTechnique.MINILLM, steps, lossArray, validationLosses, fraction,
                settings.teacherMix(), elapsed, spent[0], spent[1]);
    }

    /** One round's PPO epochs over its rollouts, stopping when the run has taken {@code totalSteps}. */
    private void ppoEpochs(CausalLm teacher, CausalLm student, List<Rollout> rollouts, int round, DatasetSource lmData,
                           OptimizationRun run, int totalSteps, long[] spent) {
        float[][] advantages = advantages(rollouts, settings);
        Random order = new Random(config.seed() * 7919L + round);
        for (int epoch = 0; epoch < settings.ppoEpochs(); epoch++) {
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < rollouts.size(); i++) {
                indices.add(i);
            }
            Collections.shuffle(indices, order);
            for (int from = 0; from < indices.size(); from += config.batchSize()) {
                if (run.steps() >= totalSteps) {
                    return;
                }
                List<Integer> chunk = indices.subList(from, Math.min(indices.size(), from + config.batchSize()));
                List<PromptResponse> examples = new ArrayList<>();
                chunk.forEach(i -> examples.add(rollouts.get(i).sequence()));
                TrainingBatch batch = new TrainingBatch(run.steps(), examples,
                        Collections.nCopies(examples.size(), SequenceOrigin.STUDENT_GENERATED));
                listeners.forEach(l -> l.accept(batch));
                List<PromptResponse> groundTruth = lmData.nextExamples();
                double loss = backward(teacher, student, rollouts, advantages, chunk, groundTruth);
                int rolloutTokens = chunk.stream().mapToInt(i -> rollouts.get(i).length()).sum();
                run.step(loss, rolloutTokens, "");
                spent[0] += chunk.size() + groundTruth.size();
                spent[1] += rolloutTokens + groundTruth.stream().mapToLong(p -> p.response().length).sum();
            }
        }
    }

    /** Length-normalised, whitened discounted returns of the clipped, scaled per-token rewards. */
    static float[][] advantages(List<Rollout> rollouts, MiniLlmSettings s) {
        float[][] out = new float[rollouts.size()][];
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int i = 0; i < rollouts.size(); i++) {
            Rollout r = rollouts.get(i);
            int len = r.length();
            out[i] = new float[len];
            double ret = 0;
            for (int t = len - 1; t >= 0; t--) {
                double reward = (r.teacherLogProbs()[t] - r.oldLogProbs()[t]) / s.rewardScaling();
                reward = Math.max(-100, Math.min(100, reward));
                ret = reward + s.gamma() * ret;
                double normalised = ret / (len - t);
                out[i][t] = (float) normalised;
                sum += normalised;
                sumSq += normalised * normalised;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        for (float[] a : out) {
            for (int t = 0; t < a.length; t++) {
                a[t] = (float) ((a[t] - mean) / (std + 1e-8));
            }
        }
        return out;
    }

    private double backward(CausalLm teacher, CausalLm student, List<Rollout> rollouts, float[][] advantages,
                            List<Integer> chunk, List<PromptResponse> groundTruth) {
        int eos = student.config().eosTokenId();
        List<PromptResponse> examples = new ArrayList<>();
        chunk.forEach(i -> examples.add(rollouts.get(i).sequence()));
        SequenceBatch batch = SequenceBatch.of(examples, Distiller.maxLength(config, teacher, student), eos, eos, false);
        int rows = batch.batchSize();
        int length = batch.length();
        float[] oldLp = new float[rows * length];
        float[] adv = new float[rows * length];
        float[] weight = new float[rows * length];
        double alpha = settings.teacherMix();
        for (int i = 0; i < rows; i++) {
            Rollout r = rollouts.get(chunk.get(i));
            float[] a = advantages[chunk.get(i)];
            for (int j = 0; j < batch.responseLength(i); j++) {
                int p = i * length + batch.responseStart(i) + j - 1; // position p predicts response token j
                double q = Math.exp(r.oldLogProbs()[j]);
                oldLp[p] = r.oldLogProbs()[j];
                adv[p] = a[j];
                weight[p] = (float) (q / ((1 - alpha) * q + alpha * Math.exp(r.teacherLogProbs()[j])));
            }
        }
        SequenceBatch lmBatch = SequenceBatch.of(groundTruth, Distiller.maxLength(config, teacher, student), eos, eos, true);
        try (NDScope scope = new NDScope(); NDManager m = student.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray tokens = batch.tokens(m);
            NDArray attention = batch.attentionMask(m);
            NDArray mask = batch.lossMask(m);
            NDArray teacherLogits = Torch.noGrad(() -> teacher.forward(tokens, attention));
            NDArray lmTokens = lmBatch.tokens(m);
            NDArray lmAttention = lmBatch.attentionMask(m);
            NDArray lmTeacher = Torch.noGrad(() -> teacher.forward(lmTokens, lmAttention));
            Shape shape = new Shape(rows, length);
            NDArray loss = Torch.withGrad(() -> {
                NDArray logits = student.forward(tokens, attention);
                NDArray logq = logits.logSoftmax(-1).gather(batch.targets(m).expandDims(-1), -1).squeeze(-1);
                NDArray ratio = logq.sub(m.create(oldLp, shape)).exp();
                NDArray scaled = m.create(adv, shape).mul(m.create(weight, shape));
                NDArray surrogate = ratio.mul(scaled).minimum(
                        ratio.clip((float) (1 - settings.clip()), (float) (1 + settings.clip())).mul(scaled));
                NDArray policy = surrogate.mul(mask).sum().neg().div(Math.max(1, batch.responseTokens()));
                NDArray regulariser = Divergences.reverseKl(teacherLogits, logits, mask);
                NDArray lmLogits = student.forward(lmTokens, lmAttention);
                NDArray lm = LanguageModelLoss.responseCrossEntropy(lmLogits, lmBatch).mul((float) (1 - settings.lmKdRatio()))
                        .add(Divergences.forwardKl(lmTeacher, lmLogits, lmBatch.lossMask(m)).mul((float) settings.lmKdRatio()));
                return policy.add(regulariser).add(lm.mul((float) settings.lmCoefficient()));
            });
            double value = loss.getFloat();
            if (Double.isFinite(value)) {
                Torch.backward(loss);
            }
            return value;
        }
    }
}
