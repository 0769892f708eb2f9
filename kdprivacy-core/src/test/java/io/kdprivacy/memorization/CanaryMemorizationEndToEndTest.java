package io.kdprivacy.memorization;

import io.kdprivacy.data.Canary;
import io.kdprivacy.data.CanaryGenerator;
import io.kdprivacy.data.CanaryInjector;
import io.kdprivacy.data.CanaryKind;
import io.kdprivacy.data.Example;
import io.kdprivacy.model.Bytes;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.text.ByteTokenizer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny model fine-tuned on data with planted canaries memorises them and not their unseen siblings. */
class CanaryMemorizationEndToEndTest {

    private static PromptResponse tokens(Example e) {
        return Bytes.example(e.prompt(), e.response());
    }

    @Test
    void trainedCanariesAreExposedAndExtractedUnseenOnesAreNot() {
        CanaryGenerator generator = new CanaryGenerator(2024);
        List<Canary> trained = generator.generate(8, CanaryKind.values());
        List<Canary> unseen = generator.generate(8, CanaryKind.values());
        List<Example> filler = MemorizationProbeTest.orders(20, 3).stream()
                .map(p -> new Example(Bytes.text(p.prompt()), Bytes.text(p.response()))).toList();
        CanaryInjector.Injection injection = new CanaryInjector(5, 2).inject(filler, trained);
        List<PromptResponse> data = injection.examples().stream().map(CanaryMemorizationEndToEndTest::tokens).toList();
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "tiny"), 13)) {
            TrainingConfig config = TrainingConfig.defaults().withLearningRate(3e-3).withBatchSize(16)
                    .withMaxLength(96).withWarmupSteps(5).withEpochs(60);
            new SftTrainer(config).train(model, data);

            CanaryExposure exposure = new CanaryExposure(new ByteTokenizer(), 63, 11, 64);
            CanaryExposureResult seen = exposure.measure(model, trained);
            CanaryExposureResult notSeen = exposure.measure(model, unseen);
            assertThat(seen.maxExposure()).isEqualTo(6.0);
            assertThat(seen.meanExposure()).as("trained canaries").isGreaterThan(5.0);
            assertThat(notSeen.meanExposure()).as("unseen canaries").isLessThan(3.5);
            assertThat(seen.meanExtrapolatedExposure()).as("trained canaries, extrapolated past the 6-bit cap")
                    .isGreaterThan(seen.maxExposure());
            assertThat(notSeen.meanExtrapolatedExposure()).as("unseen canaries, extrapolated").isLessThan(5.0);
            assertThat(seen.extraction().point()).isGreaterThanOrEqualTo(0.75);
            assertThat(notSeen.extraction().point()).isZero();

            MemorizationProbe probe = new MemorizationProbe(MemorizationConfig.defaults(), 16);
            List<PromptResponse> members = trained.stream().map(c -> tokens(c.example())).toList();
            List<PromptResponse> nonMembers = unseen.stream().map(c -> tokens(c.example())).toList();
            MemorizationResult memorization = probe.run(model, members, nonMembers);
            assertThat(memorization.gap()).as("memorization gap").isGreaterThan(0.15);
            assertThat(memorization.memberExtractable().point()).isGreaterThanOrEqualTo(0.75);
            assertThat(memorization.nonMemberExtractable().point()).isZero();
            assertThat(memorization.memberRougeL()).isGreaterThan(memorization.nonMemberRougeL());
        }
    }
}
