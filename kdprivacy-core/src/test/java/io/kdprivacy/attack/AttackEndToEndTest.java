package io.kdprivacy.attack;

import io.kdprivacy.model.Bytes;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Attacks on a tiny GPT-2 fine-tuned on 32 members, against 32 held-out non-members. */
class AttackEndToEndTest {

    private static final int N = 32;
    private static final int BATCH = 32;
    private static final int MAX_LENGTH = 64;

    private static List<PromptResponse> members;
    private static List<PromptResponse> nonMembers;
    private static CausalLm trained;
    private static CausalLm untrained;

    /** Random digit strings behind distinct random ids: only memorisation tells members apart. */
    static List<PromptResponse> records(int n, long seed) {
        Random r = new Random(seed);
        List<PromptResponse> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder digits = new StringBuilder(" ");
            for (int d = 0; d < 10; d++) {
                digits.append(r.nextInt(10));
            }
            out.add(Bytes.example("Record " + (1000 + r.nextInt(9000)) + ":", digits.toString()));
        }
        return out;
    }

    static List<String> texts(List<PromptResponse> examples) {
        return examples.stream().map(e -> Bytes.text(e.response())).toList();
    }

    @BeforeAll
    static void train() {
        members = records(N, 1);
        nonMembers = records(N, 2);
        untrained = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "tiny"), 21);
        trained = untrained.copy();
        TrainingConfig config = TrainingConfig.defaults().withLearningRate(3e-3).withBatchSize(32)
                .withMaxLength(MAX_LENGTH).withWarmupSteps(3).withEpochs(40);
        new SftTrainer(config).train(trained, members); // full batch: 40 steps
    }

    @AfterAll
    static void close() {
        trained.close();
        untrained.close();
    }

    private static AttackResult attack(CausalLm model, Attack attack) {
        ScoreCache m = ScoreCache.of(model, members, texts(members), BATCH, MAX_LENGTH);
        ScoreCache n = ScoreCache.of(model, nonMembers, texts(nonMembers), BATCH, MAX_LENGTH);
        return new MembershipAttack(500, 0.95, 3).evaluate(attack.scores(m, ScoringMode.PUBLISHED),
                attack.scores(n, ScoringMode.PUBLISHED));
    }

    @Test
    void lossAttackDetectsMembersOfFineTunedModel() {
        AttackResult r = attack(trained, Attack.LOSS);
        assertThat(r.auc().point()).isGreaterThan(0.8);
        assertThat(r.auc().lower()).isGreaterThan(0.5);
        assertThat(r.members()).isEqualTo(N);
        assertThat(r.nonMembers()).isEqualTo(N);
    }

    @Test
    void neverTrainedModelIsAtChance() {
        AttackResult r = attack(untrained, Attack.LOSS);
        assertThat(r.auc().contains(0.5)).as("AUC CI %s contains 0.5", r.auc()).isTrue();
    }

    @Test
    void referenceAttackAgainstTheUntrainedModelDetectsMembers() {
        ScoreCache tm = ScoreCache.of(trained, members, texts(members), BATCH, MAX_LENGTH);
        ScoreCache tn = ScoreCache.of(trained, nonMembers, texts(nonMembers), BATCH, MAX_LENGTH);
        ScoreCache rm = ScoreCache.of(untrained, members, texts(members), BATCH, MAX_LENGTH);
        ScoreCache rn = ScoreCache.of(untrained, nonMembers, texts(nonMembers), BATCH, MAX_LENGTH);
        AttackResult r = MembershipAttack.defaults().evaluate(
                Attack.REFERENCE.scores(tm, rm, ScoringMode.PUBLISHED, Attack.DEFAULT_K),
                Attack.REFERENCE.scores(tn, rn, ScoringMode.PUBLISHED, Attack.DEFAULT_K));
        assertThat(r.auc().point()).isGreaterThan(0.8);
    }

    @Test
    void cacheScoresMatchTheScoredModel() {
        ScoreCache m = ScoreCache.of(trained, members, texts(members), BATCH, MAX_LENGTH);
        assertThat(m.size()).isEqualTo(N);
        assertThat(m.scores(0).length()).isEqualTo(11);
        for (Attack a : new Attack[] {Attack.ZLIB, Attack.MIN_K, Attack.MIN_K_PLUS_PLUS}) {
            for (ScoringMode mode : ScoringMode.values()) {
                assertThat(a.scores(m, mode)).as(a + " " + mode).doesNotContain(Double.NaN);
            }
        }
    }

    @Test
    void mopeRestoresWeightsExactlyAndIsDeterministic() {
        String before = trained.weightsHash();
        Mope mope = new Mope(3, Mope.STUDENT_SIGMA, 5, BATCH, MAX_LENGTH);
        List<PromptResponse> some = members.subList(0, 8);
        double[] a = mope.scores(trained, some);
        assertThat(trained.weightsHash()).isEqualTo(before);
        double[] b = mope.scores(trained, some);
        assertThat(b).containsExactly(a);
        assertThat(new Mope(3, Mope.STUDENT_SIGMA, 6, BATCH, MAX_LENGTH).scores(trained, some)).isNotEqualTo(a);
        assertThat(a).as("perturbation changes the loss").doesNotContain(0.0);
        assertThat(trained.weightsHash()).isEqualTo(before);
    }

    @Test
    void mopeWithTheCachedBaselineEqualsMopeThatScoresItself() {
        List<PromptResponse> some = members.subList(0, 8);
        Mope mope = new Mope(2, Mope.STUDENT_SIGMA, 5, BATCH, MAX_LENGTH);
        double[] cached = ScoreCache.of(trained, some, texts(some), BATCH, MAX_LENGTH).meanNll();
        assertThat(mope.scores(trained, some, cached)).containsExactly(mope.scores(trained, some));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mope.scores(trained, some, new double[3]))
                .hasMessageContaining("3 unperturbed losses for 8 examples");
    }

    @Test
    void mopeScoresMembersHigher() {
        List<PromptResponse> all = new ArrayList<>(members);
        all.addAll(nonMembers);
        double[] s = new Mope(Mope.DEFAULT_PERTURBATIONS, Mope.STUDENT_SIGMA, 1, BATCH, MAX_LENGTH).scores(trained, all);
        AttackResult r = MembershipAttack.defaults().evaluate(java.util.Arrays.copyOfRange(s, 0, N),
                java.util.Arrays.copyOfRange(s, N, 2 * N));
        assertThat(r.auc().lower()).as("members' loss rises more under perturbation: %s", r.auc()).isGreaterThan(0.5);
    }

    @Test
    void blockwiseMopeGivesOneResultPerBlockAndRestoresWeights() {
        String before = trained.weightsHash();
        Mope mope = new Mope(2, Mope.STUDENT_SIGMA, 9, BATCH, MAX_LENGTH);
        List<AttackResult> perBlock = mope.blockwise(trained, members, nonMembers, null, null, new MembershipAttack(200, 0.95, 1));
        assertThat(perBlock).hasSize(trained.blockCount());
        assertThat(perBlock).allSatisfy(r -> {
            assertThat(r.members()).isEqualTo(N);
            assertThat(r.auc().point()).isBetween(0.0, 1.0);
        });
        assertThat(trained.weightsHash()).isEqualTo(before);
    }

    @Test
    void blockNoiseTouchesOnlyThatBlock() {
        List<PromptResponse> some = members.subList(0, 4);
        Mope mope = new Mope(1, 0.05, 4, BATCH, MAX_LENGTH);
        double[] block = mope.blockScores(trained, some, 0);
        double[] all = mope.scores(trained, some);
        assertThat(block).isNotEqualTo(all);
        assertThat(Mope.noise(1, 0, "blocks.0.norm1.weight", 10, 1.0))
                .containsExactly(Mope.noise(1, 0, "blocks.0.norm1.weight", 10, 1.0))
                .isNotEqualTo(Mope.noise(1, 1, "blocks.0.norm1.weight", 10, 1.0))
                .isNotEqualTo(Mope.noise(1, 0, "blocks.0.norm2.weight", 10, 1.0));
    }
}
