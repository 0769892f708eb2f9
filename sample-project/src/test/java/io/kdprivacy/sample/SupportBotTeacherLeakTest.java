package io.kdprivacy.sample;

import io.kdprivacy.data.Example;
import io.kdprivacy.data.JsonlDataset;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.model.TokenScores;
import io.kdprivacy.stats.RocAuc;
import io.kdprivacy.text.ByteTokenizer;
import io.kdprivacy.text.Tokenizer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interim privacy gate of the sample project (until {@code @PrivacyTest} lands): fine-tunes a small
 * support-bot teacher on the private tickets and measures, with the loss attack, how well its
 * per-example loss tells those tickets from held-out ones.
 */
class SupportBotTeacherLeakTest {

    private static final Logger LOG = LoggerFactory.getLogger(SupportBotTeacherLeakTest.class);

    @Test
    void teacherFineTunedOnPrivateTicketsLeaksMembership() {
        Tokenizer tokenizer = new ByteTokenizer();
        List<PromptResponse> members = encode(tokenizer, JsonlDataset.load(Path.of("src/test/resources/support/train.jsonl")));
        List<PromptResponse> nonMembers = encode(tokenizer, JsonlDataset.load(Path.of("src/test/resources/support/holdout.jsonl")));
        ModelConfig config = ModelConfig.named(ModelFamily.GPT2, "tiny", tokenizer.vocabSize(), tokenizer.eosId(), 320);
        try (CausalLm teacher = CausalLm.initialize(config, 7)) {
            TrainingConfig training = TrainingConfig.defaults().withLearningRate(2e-3).withWarmupSteps(10)
                    .withBatchSize(16).withEpochs(6).withMaxLength(320).withSeed(7);
            new SftTrainer(training).named("teacher").train(teacher, members);
            ResponseScorer scorer = new ResponseScorer(teacher, 32, 320);
            double auc = RocAuc.of(lossScores(scorer.score(members)), lossScores(scorer.score(nonMembers)));
            LOG.info("teacher loss-attack AUC {} ({} members, {} non-members)", String.format("%.3f", auc),
                    members.size(), nonMembers.size());
            assertThat(auc).as("loss-attack AUC of the teacher on its private tickets").isGreaterThan(0.6);
        }
    }

    private static List<PromptResponse> encode(Tokenizer tokenizer, List<Example> examples) {
        return examples.stream()
                .map(e -> new PromptResponse(tokenizer.encode(e.prompt()), tokenizer.encode(e.response())))
                .toList();
    }

    /** Loss attack score: higher = more likely a member (−mean NLL). */
    private static double[] lossScores(List<TokenScores> scores) {
        return scores.stream().mapToDouble(s -> -s.meanNll()).toArray();
    }
}
