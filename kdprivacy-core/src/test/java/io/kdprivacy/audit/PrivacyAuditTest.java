package io.kdprivacy.audit;

import io.kdprivacy.data.DataSplit;
import io.kdprivacy.data.Example;
import io.kdprivacy.memorization.MemorizationConfig;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.results.InheritedLeakage;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsJson;
import io.kdprivacy.results.Validity;
import io.kdprivacy.text.ByteTokenizer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PrivacyAuditTest {

    /** Records whose responses are random digits: only memorisation can predict them. */
    private static List<Example> records(int n, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder digits = new StringBuilder();
            for (int d = 0; d < 10; d++) {
                digits.append(r.nextInt(10));
            }
            StringBuilder key = new StringBuilder();
            for (int c = 0; c < 6; c++) {
                key.append((char) ('a' + r.nextInt(26)));
            }
            out.add(new Example("Code of " + key + ":", " " + digits));
        }
        return out;
    }

    @Test
    void auditsTeacherAndUntrainedModelIntoAReportWithoutPrivateText() {
        ByteTokenizer tokenizer = new ByteTokenizer();
        DataSplit split = DataSplit.of(records(64, 1), records(32, 2), false, 3);
        EvaluationSet data = new EvaluationSet(split.privateSet(), split.holdout(), tokenizer);
        ModelConfig config = ModelConfig.named(ModelFamily.GPT2, "tiny", tokenizer.vocabSize(), tokenizer.eosId(), 128);
        AuditSettings settings = AuditSettings.defaults().withMope(3, true).withLengths(32, 64)
                .withMemorization(new MemorizationConfig(12, 6, 11));
        PrivacyAudit audit = new PrivacyAudit(settings);
        try (CausalLm teacher = CausalLm.initialize(config, 4); CausalLm untrained = CausalLm.initialize(config, 5)) {
            new SftTrainer(TrainingConfig.defaults().withLearningRate(3e-3).withBatchSize(16).withEpochs(60)
                    .withMaxLength(64)).train(teacher, data.memberIds());
            PrivacyAudit.Scores reference = audit.score(untrained, data);
            ModelAudit teacherAudit = audit.audit("teacher", "tiny", teacher, data, reference, null);
            ModelAudit untrainedAudit = audit.audit("reference", "tiny", untrained, data, reference, null, null);
            ModelReport t = teacherAudit.report();
            ModelReport u = untrainedAudit.report();
            List<InheritedLeakage> inherited = audit.inheritedLeakage(teacherAudit, untrainedAudit);
            Validity validity = audit.validity(data, split.manifest());
            PrivacyReport report = new PrivacyReport(ResultsJson.SCHEMA_VERSION, "PrivacyAuditTest", "none",
                    null, validity, List.of(t, u), inherited, List.of());

            MembershipMetrics teacherLoss = attack(t, "LOSS");
            assertThat(teacherLoss.auc().lower()).as("teacher loss AUC lower bound").isGreaterThan(0.5);
            assertThat(attack(u, "LOSS").auc().contains(0.5)).as("untrained model: CI contains 0.5").isTrue();
            assertThat(t.membership()).extracting(MembershipMetrics::attack)
                    .containsExactly("LOSS", "ZLIB", "MIN_K", "MIN_K_PLUS_PLUS", "REFERENCE", "MOPE");
            assertThat(u.membership()).extracting(MembershipMetrics::attack).doesNotContain("REFERENCE");
            assertThat(teacherLoss.warnings()).anyMatch(w -> w.contains("0.1%") || w.contains("0.1 %"));
            assertThat(t.blocks()).hasSize(4);
            assertThat(t.memorization().gap()).isGreaterThan(u.memorization().gap());
            assertThat(validity.valid()).as(validity.reason()).isTrue();
            assertThat(inherited).extracting(InheritedLeakage::attack)
                    .containsExactly("LOSS", "ZLIB", "MIN_K", "MIN_K_PLUS_PLUS", "MOPE");
            InheritedLeakage loss = report.inheritedLeakage("LOSS").orElseThrow();
            assertThat(loss.aucDifference().value()).isCloseTo(teacherLoss.auc().value() - attack(u, "LOSS").auc().value(),
                    org.assertj.core.api.Assertions.within(1e-12));
            assertThat(loss.aucDifference().lower()).as("teacher leaks more than the untrained model: %s", loss)
                    .isGreaterThan(0);
            assertThat(teacherLoss.roc().size()).isGreaterThan(10);
            for (ModelReport m : List.of(t, u)) {
                assertThat(m.utility().examples()).as("utility on every held-out example").isEqualTo(32);
                assertThat(m.utility().maxNewTokens()).as("128 capped at half the 128-token context").isEqualTo(64);
                assertThat(m.utility().perplexity()).isCloseTo(Math.exp(m.utility().holdoutNll()),
                        org.assertj.core.api.Assertions.within(1e-9));
                assertThat(m.utility().rougeL().lower()).isBetween(0.0, m.utility().rougeL().upper());
            }
            double[] tokens = {0, 0};
            PrivacyAudit.Scores teacherScores = audit.score(teacher, data);
            for (int i = 0; i < teacherScores.nonMembers().size(); i++) {
                for (float lp : teacherScores.nonMembers().scores(i).logProbs()) {
                    tokens[0] -= lp;
                    tokens[1]++;
                }
            }
            assertThat(t.utility().holdoutNll()).as("pooled NLL of the non-members' scoring pass")
                    .isCloseTo(tokens[0] / tokens[1], org.assertj.core.api.Assertions.within(1e-6));

            String json = ResultsJson.toJson(report);
            assertThat(json).contains("\"utility\"").contains("\"rougeL\"");
            for (Example e : split.holdout()) {
                assertThat(json).doesNotContain(e.response().trim());
            }
            for (Example e : split.privateSet()) {
                assertThat(json).doesNotContain(e.response().trim()).doesNotContain(e.prompt());
            }
        }
    }

    private static MembershipMetrics attack(ModelReport report, String name) {
        return report.membership().stream().filter(m -> m.attack().equals(name)).findFirst().orElseThrow();
    }
}
