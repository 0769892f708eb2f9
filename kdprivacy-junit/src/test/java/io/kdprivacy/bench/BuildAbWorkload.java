package io.kdprivacy.bench;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.kdprivacy.bench.FoundationBenchmark.BATCH;
import static io.kdprivacy.bench.FoundationBenchmark.SEQ;
import static io.kdprivacy.bench.FoundationBenchmark.STEPS;
import static io.kdprivacy.bench.FoundationBenchmark.VOCAB;

/**
 * One build's side of {@link BuildAbBenchmark}: loaded once per build's class loader, it links against
 * that build's model, scorer and trainer. Only public API that older builds also have is used.
 */
public final class BuildAbWorkload {

    private BuildAbWorkload() {
    }

    /** One FoundationBenchmark scoring pass ({@code score}) or training epoch ({@code train}) per run. */
    public static Runnable create(String mode, int d, int layers, int heads) {
        ModelConfig config = ModelConfig.of(ModelFamily.GPT2, VOCAB, d, layers, heads, 128, VOCAB - 1);
        List<PromptResponse> data = FoundationBenchmark.randomData(BATCH * STEPS, new Random(d));
        CausalLm model = CausalLm.initialize(config, 1);   // lives as long as the benchmark's JVM
        switch (mode) {
            case "score":
                ResponseScorer scorer = new ResponseScorer(model, BATCH, SEQ);
                return () -> scorer.score(data);
            case "train":
                SftTrainer trainer = new SftTrainer(TrainingConfig.defaults().withBatchSize(BATCH).withMaxLength(SEQ)
                        .withEpochs(1)).logEvery(Duration.ofHours(1));
                return () -> trainer.train(model, data);
            default:
                model.close();
                throw new IllegalArgumentException("mode must be 'score' or 'train', got '" + mode + "'");
        }
    }
}
