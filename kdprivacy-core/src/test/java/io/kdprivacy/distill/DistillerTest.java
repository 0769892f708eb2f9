package io.kdprivacy.distill;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.kdprivacy.model.Bytes;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.SequenceBatch;
import io.kdprivacy.model.Torch;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistillerTest {

    private static final String[] ITEMS = {"lamp", "chair", "kettle", "desk", "mirror", "sofa", "rug", "shelf"};
    private static final String[] STATES = {"shipped", "delayed", "delivered", "packed", "lost"};

    private static List<PromptResponse> privateData;
    private static List<PromptResponse> publicData;
    private static List<PromptResponse> holdout;
    private static CausalLm teacher;
    private static CausalLm initStudent;

    static List<PromptResponse> tickets(String tag, int n, long seed) {
        Random r = new Random(seed);
        List<PromptResponse> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = ITEMS[r.nextInt(ITEMS.length)];
            int order = 1000 + r.nextInt(9000);
            out.add(Bytes.example(tag + " Where is my " + item + " (order " + order + ")?\n",
                    "Your " + item + " order " + order + " is " + STATES[r.nextInt(STATES.length)] + "."));
        }
        return out;
    }

    @BeforeAll
    static void trainTeacherAndInitStudent() {
        privateData = tickets("PRIVATE", 64, 1);
        publicData = tickets("Q:", 64, 2);
        holdout = tickets("Q:", 32, 3);
        teacher = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "tiny"), 100);
        TrainingConfig sft = TrainingConfig.defaults().withLearningRate(3e-3).withMaxLength(96).withWarmupSteps(3);
        new SftTrainer(sft.withEpochs(6)).named("teacher").train(teacher, privateData);
        initStudent = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 200);
        new SftTrainer(sft.withEpochs(1)).named("student-init").train(initStudent, publicData);
    }

    @AfterAll
    static void close() {
        teacher.close();
        initStudent.close();
    }

    private static DistillationConfig.Builder config(KdTechnique technique) {
        return DistillationConfig.builder(technique).learningRate(3e-3).batchSize(16).epochs(3).maxLength(96)
                .maxNewTokens(40).seed(7);
    }

    /** Mean forward KL(teacher ‖ student) per response token on the holdout examples. */
    private static double divergenceFromTeacher(CausalLm student) {
        SequenceBatch batch = SequenceBatch.of(holdout, 96, Bytes.EOS, Bytes.EOS, true);
        try (NDScope scope = new NDScope(); NDManager m = student.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            return Torch.noGrad(() -> Divergences.forwardKl(teacher.forward(batch.tokens(m), batch.attentionMask(m)),
                    student.forward(batch.tokens(m), batch.attentionMask(m)), batch.lossMask(m)).getFloat());
        }
    }

    @ParameterizedTest
    @EnumSource(KdTechnique.class)
    void distilledStudentIsCloserToTheTeacherAndNeverSeesPrivateExamples(KdTechnique technique) {
        Set<String> privatePrompts = new HashSet<>();
        privateData.forEach(p -> privatePrompts.add(Bytes.text(p.prompt())));
        List<TrainingBatch> batches = new ArrayList<>();
        try (CausalLm student = initStudent.copy()) {
            double before = divergenceFromTeacher(student);
            DistillationResult result = new Distiller(config(technique).build()).onBatch(batches::add)
                    .distill(teacher, student, publicData, holdout.subList(0, 16));
            double after = divergenceFromTeacher(student);
            assertThat(after).as("%s: KL(teacher || student) on holdout, before %.3f", technique, before)
                    .isLessThan(before);
            // equal budgets: every technique takes 3 epochs x 64/16 = 12 optimizer steps of 16 sequences
            assertThat(result.steps()).isEqualTo(12);
            assertThat(batches).hasSize(result.steps());
            assertThat(batches).allSatisfy(b -> assertThat(b.examples()).hasSize(16));
            // MiniLLM's steps also train on a ground-truth batch for its language-modelling term
            assertThat(result.sequences()).isEqualTo(technique == KdTechnique.MINILLM ? 12 * (16 + 16) : 12 * 16);
            assertThat(result.responseTokens()).isGreaterThanOrEqualTo(result.sequences());
        }
        for (TrainingBatch b : batches) {
            for (PromptResponse e : b.examples()) {
                assertThat(privatePrompts).as("a private prompt reached the student").doesNotContain(Bytes.text(e.prompt()));
                assertThat(privateData).as("a private example reached the student").doesNotContain(e);
            }
        }
    }

    @Test
    void sequenceSourcesDifferPerTechnique() {
        Set<PromptResponse> groundTruth = new HashSet<>(publicData);
        List<TrainingBatch> seqKd = run(config(KdTechnique.SEQKD).epochs(1));
        assertThat(seqKd).allSatisfy(b -> assertThat(b.origins()).containsOnly(SequenceOrigin.TEACHER_GENERATED));
        long seqKdGroundTruth = seqKd.stream().flatMap(b -> b.examples().stream()).filter(groundTruth::contains).count();
        assertThat(seqKdGroundTruth).as("SeqKD responses are the teacher's, not the dataset's").isLessThan(4);

        List<TrainingBatch> imitKd = run(config(KdTechnique.IMITKD).epochs(1));
        assertThat(imitKd).allSatisfy(b -> assertThat(b.origins()).containsOnly(SequenceOrigin.STUDENT_GENERATED));

        List<TrainingBatch> kd = run(config(KdTechnique.KD).epochs(1));
        assertThat(kd).allSatisfy(b -> assertThat(groundTruth).containsAll(b.examples()));
    }

    @Test
    void gkdMixesStudentAndGroundTruthAtTheConfiguredRatio() {
        for (double ratio : new double[] {0.25, 0.75}) {
            List<TrainingBatch> batches = run(config(KdTechnique.GKD).epochs(8).maxNewTokens(4).studentDataRatio(ratio));
            double fraction = batches.stream().mapToDouble(TrainingBatch::studentGeneratedFraction).average().orElseThrow();
            // 32 steps, each student-generated with probability `ratio`: 3 standard deviations ≈ 0.23
            assertThat(fraction).as("student fraction at λ = %s", ratio).isBetween(ratio - 0.23, ratio + 0.23);
        }
    }

    @Test
    void distillmThresholdRisesWhenValidationLossRisesAndTheBufferFills() {
        // ε < 0 makes every validation count as "not improving": τ must climb by one step per epoch
        DistillationConfig cfg = config(KdTechnique.DISTILLM).epochs(4).maxNewTokens(4).replayCapacity(32)
                .adaptiveSchedule(0.2, -100, 0.2).build();
        List<TrainingBatch> batches = new ArrayList<>();
        DistillationResult result;
        try (CausalLm student = initStudent.copy()) {
            result = new Distiller(cfg).onBatch(batches::add).distill(teacher, student, publicData, holdout.subList(0, 16));
        }
        assertThat(result.finalThreshold()).isCloseTo(0.2 + 0.2 * 4, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result.validationLosses()).hasSize(5);
        double early = mean(result.studentDataFraction(), 0, 4);
        double late = mean(result.studentDataFraction(), 8, 16);
        assertThat(late).as("student data share grows with τ").isGreaterThan(early);
        assertThat(batches.stream().filter(b -> b.studentGeneratedFraction() == 1.0).count()).isGreaterThan(2);
    }

    @Test
    void adaptiveThresholdFollowsTheReferenceRule() {
        AdaptiveOffPolicySource s = new AdaptiveOffPolicySource(null, null, 0.0, 0.1, 0.1, 1);
        s.validated(2.0);
        s.validated(1.9);
        assertThat(s.studentDataThreshold()).isZero();
        s.validated(2.05); // not ε above the reference 2.0
        assertThat(s.studentDataThreshold()).isZero();
        s.validated(2.2);
        assertThat(s.studentDataThreshold()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        for (int i = 0; i < 20; i++) {
            s.validated(10 + i);
        }
        assertThat(s.studentDataThreshold()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(KdTechnique.class)
    void sameSeedGivesSameStudent(KdTechnique technique) {
        String[] hashes = new String[2];
        for (int i = 0; i < 2; i++) {
            try (CausalLm student = initStudent.copy()) {
                new Distiller(config(technique).epochs(1).maxNewTokens(16)
                        .miniLlm(MiniLlmSettings.defaults().withPpoEpochs(1)).build())
                        .distill(teacher, student, publicData, holdout.subList(0, 16));
                hashes[i] = student.weightsHash();
            }
        }
        assertThat(hashes[0]).isEqualTo(hashes[1]).isNotEqualTo(initStudent.weightsHash());
    }

    @Test
    void miniLlmTrainsOnTeacherMixedStudentRollouts() {
        Set<PromptResponse> groundTruth = new HashSet<>(publicData);
        List<TrainingBatch> batches = run(config(KdTechnique.MINILLM).epochs(1)
                .miniLlm(MiniLlmSettings.defaults().withPpoEpochs(1)));
        assertThat(batches).hasSize(4);
        assertThat(batches).allSatisfy(b -> assertThat(b.origins()).containsOnly(SequenceOrigin.STUDENT_GENERATED));
        assertThat(batches.stream().flatMap(b -> b.examples().stream()).filter(groundTruth::contains)).isEmpty();
    }

    @Test
    void teacherMixedSamplerFollowsTheTeacherAtAlphaOne() {
        List<PromptResponse> prompts = publicData.subList(0, 16);
        List<Rollout> fromTeacher = new TeacherMixedSampler(initStudent, teacher, 1.0, 24).sample(prompts, 5);
        List<Rollout> fromStudent = new TeacherMixedSampler(initStudent, teacher, 0.0, 24).sample(prompts, 5);
        // sequences drawn from a model are likely under that model: the teacher's log-probs of its own
        // samples exceed the student's, and the other way round
        assertThat(meanGap(fromTeacher)).isGreaterThan(0);
        assertThat(meanGap(fromStudent)).isLessThan(0);
    }

    /** Mean over tokens of log p_teacher − log q_student. */
    private static double meanGap(List<Rollout> rollouts) {
        double sum = 0;
        int n = 0;
        for (Rollout r : rollouts) {
            for (int t = 0; t < r.length(); t++) {
                sum += r.teacherLogProbs()[t] - r.oldLogProbs()[t];
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void miniLlmAdvantagesAreLengthNormalisedWhitenedReturns() {
        // rewards (teacher − old) / 0.5: [2, 0, -2] for one rollout and [4] for another; γ = 0.5
        Rollout a = new Rollout(Bytes.example("p", "abc"), new float[] {0, 0, 0}, new float[] {1, 0, -1});
        Rollout b = new Rollout(Bytes.example("p", "d"), new float[] {0}, new float[] {2});
        MiniLlmSettings s = new MiniLlmSettings(0.2, 64, 4, 0.2, 0.5, 0.5, 1, 0.5);
        float[][] adv = MiniLlmTrainer.advantages(List.of(a, b), s);
        // returns: t2 = -2, t1 = 0 + 0.5·(-2) = -1, t0 = 2 + 0.5·(-1) = 1.5; divided by remaining tokens:
        double[] raw = {1.5 / 3, -1.0 / 2, -2.0 / 1, 4.0};
        double mean = (raw[0] + raw[1] + raw[2] + raw[3]) / 4;
        double var = 0;
        for (double r : raw) {
            var += (r - mean) * (r - mean) / 4;
        }
        double std = Math.sqrt(var);
        assertThat((double) adv[0][0]).isCloseTo((raw[0] - mean) / std, org.assertj.core.api.Assertions.within(1e-5));
        assertThat((double) adv[0][2]).isCloseTo((raw[2] - mean) / std, org.assertj.core.api.Assertions.within(1e-5));
        assertThat((double) adv[1][0]).isCloseTo((raw[3] - mean) / std, org.assertj.core.api.Assertions.within(1e-5));
    }

    private static List<TrainingBatch> run(DistillationConfig.Builder builder) {
        List<TrainingBatch> batches = new ArrayList<>();
        try (CausalLm student = initStudent.copy()) {
            new Distiller(builder.build()).onBatch(batches::add).distill(teacher, student, publicData, holdout.subList(0, 16));
        }
        return batches;
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
