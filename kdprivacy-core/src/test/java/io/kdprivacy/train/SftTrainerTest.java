package io.kdprivacy.train;

import io.kdprivacy.model.Bytes;
import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.GenerationConfig;
import io.kdprivacy.model.Generator;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.Torch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SftTrainerTest {

    private static final String[] ITEMS = {"lamp", "chair", "kettle", "desk", "mirror", "sofa", "rug", "shelf"};
    private static final String[] NAMES = {"Alice", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Greta", "Hiro",
        "Ines", "Jonas", "Kemal", "Lena"};
    private static final String[] STATES = {"shipped", "delayed", "delivered", "packed"};

    /** Templated support dialogue: learnable structure, so loss must fall. */
    static List<PromptResponse> corpus(int n, long seed) {
        Random r = new Random(seed);
        List<PromptResponse> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = ITEMS[r.nextInt(ITEMS.length)];
            String state = STATES[r.nextInt(STATES.length)];
            int order = 100 + r.nextInt(900);
            out.add(Bytes.example("Where is my " + item + " (order " + order + ")?\n",
                    "Your " + item + " order " + order + " is " + state + "."));
        }
        return out;
    }

    static List<PromptResponse> canaries(int n, long seed) {
        Random r = new Random(seed);
        List<PromptResponse> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder secret = new StringBuilder();
            for (int d = 0; d < 6; d++) {
                secret.append(r.nextInt(10));
            }
            out.add(Bytes.example("The PIN of " + NAMES[i] + "'s account " + (seed % 97) + " is", " " + secret));
        }
        return out;
    }

    private static TrainingConfig config() {
        return TrainingConfig.defaults().withLearningRate(3e-3).withBatchSize(16).withMaxLength(96).withWarmupSteps(5);
    }

    @Test
    void lossFallsWhenFineTuningTinyModel() {
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "tiny"), 11)) {
            TrainingResult result = new SftTrainer(config().withEpochs(4)).train(model, corpus(160, 1));
            assertThat(result.steps()).isEqualTo(40);
            assertThat(result.meanLossOfFirst(3)).isGreaterThan(4.0); // ≈ ln 257 at start
            assertThat(result.meanLossOfLast(5)).isLessThan(0.5 * result.meanLossOfFirst(3));
        }
    }

    @Test
    void sameSeedGivesSameWeights() {
        String[] hashes = new String[3];
        for (int run = 0; run < 3; run++) {
            try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.LLAMA, "nano"), 12)) {
                new SftTrainer(config().withSeed(run == 2 ? 99 : 5)).train(model, corpus(48, 2));
                hashes[run] = model.weightsHash();
            }
        }
        assertThat(hashes[0]).isEqualTo(hashes[1]);
        assertThat(hashes[2]).as("another data order gives other weights").isNotEqualTo(hashes[0]);
    }

    @Test
    void fineTunedModelReproducesTrainedCanariesButNotHeldOutOnes() {
        List<PromptResponse> trained = canaries(12, 1234);
        List<PromptResponse> heldOut = canaries(12, 5678);
        List<PromptResponse> data = new ArrayList<>(corpus(20, 3));
        data.addAll(trained);
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "tiny"), 13)) {
            new SftTrainer(config().withEpochs(80)).train(model, data);
            Generator generator = new Generator(model, 12);
            assertThat(exactHits(generator, trained)).as("trained canaries reproduced").isGreaterThanOrEqualTo(10);
            assertThat(exactHits(generator, heldOut)).as("held-out canaries reproduced").isZero();
        }
    }

    private static int exactHits(Generator generator, List<PromptResponse> canaries) {
        List<int[]> prompts = canaries.stream().map(PromptResponse::prompt).toList();
        List<int[]> out = generator.generate(prompts, GenerationConfig.greedy(7));
        int hits = 0;
        for (int i = 0; i < canaries.size(); i++) {
            if (Bytes.text(out.get(i)).startsWith(Bytes.text(canaries.get(i).response()))) {
                hits++;
            }
        }
        return hits;
    }

    @Test
    void nanLossStopsTrainingWithAClearErrorAndKeepsWeights() {
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 14)) {
            Torch.noGrad(() -> model.parameter("blocks.0.mlp.up.bias").set(new ai.djl.ndarray.index.NDIndex("0"), Float.NaN));
            String before = model.weightsHash();
            assertThatThrownBy(() -> new SftTrainer(config()).named("teacher").train(model, corpus(32, 4)))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("teacher (epoch 1): loss became NaN at step 1 of ")
                    .hasMessageContaining("before any update");
            assertThat(model.weightsHash()).isEqualTo(before);
        }
    }

    @Test
    void aDivergenceMessageCountsStepsAsTheProgressLogAndNamesTheRateThatWasApplied() {
        assertThat(TrainingDivergedException.at("KD", "divergence", Double.POSITIVE_INFINITY, 4, 10, 0.002))
                .hasMessage("KD: divergence became Infinity at step 5 of 10, after step 4's update at learning rate "
                        + "0.00200; the weights keep the values of the last finite step")
                .extracting(TrainingDivergedException::step).isEqualTo(4);
    }

    @Test
    void emptyDatasetIsRejected() {
        try (CausalLm model = CausalLm.initialize(Bytes.config(ModelFamily.GPT2, "nano"), 15)) {
            assertThatThrownBy(() -> new SftTrainer(config()).train(model, List.of()))
                    .hasMessageContaining("empty dataset");
        }
    }
}
