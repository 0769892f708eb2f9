package io.kdprivacy.bench;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.GenerationConfig;
import io.kdprivacy.model.Generator;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.time.Duration;
import java.util.Arrays;
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

    /**
     * One FoundationBenchmark scoring pass ({@code score}), training epoch ({@code train}) or greedy
     * generation run ({@code generate}: 32 prompts of 8 tokens, 56 new tokens each) per run; or, at GPT-2's
     * 50,257-token vocabulary, one RealModelBenchmark scoring batch (16 rows of 8 + 120 tokens) with the
     * vocabulary statistics ({@code score50k}) or loss only, as MoPe scores ({@code loss50k}).
     */
    public static Runnable create(String mode, int d, int layers, int heads) {
        if (mode.equals("score50k") || mode.equals("loss50k")) {
            CausalLm model = CausalLm.initialize(ModelConfig.of(ModelFamily.GPT2, RealModelBenchmark.VOCAB, d, layers,
                    heads, RealModelBenchmark.POSITIONS, RealModelBenchmark.EOS), 1);
            List<PromptResponse> rows = RealModelBenchmark.randomData(RealModelBenchmark.SCORE_BATCH,
                    RealModelBenchmark.SEQ - RealModelBenchmark.PROMPT, new Random(d + layers));
            ResponseScorer scorer = new ResponseScorer(model, RealModelBenchmark.SCORE_BATCH, RealModelBenchmark.SEQ);
            return mode.equals("score50k") ? () -> scorer.score(rows) : () -> scorer.meanNll(rows);
        }
        ModelConfig config = ModelConfig.of(ModelFamily.GPT2, VOCAB, d, layers, heads, 128, VOCAB - 1);
        List<PromptResponse> data = FoundationBenchmark.randomData(BATCH * STEPS, new Random(d));
        CausalLm model = CausalLm.initialize(config, 1);   // lives as long as the benchmark's JVM
        switch (mode) {
            case "score":
                ResponseScorer scorer = new ResponseScorer(model, BATCH, SEQ);
                return () -> scorer.score(data);
            case "generate":
                Generator generator = new Generator(model, BATCH);
                GenerationConfig greedy = GenerationConfig.greedy(SEQ - 8).withMinNewTokens(SEQ - 8);
                List<int[]> prompts = data.subList(0, BATCH * 2).stream().map(p -> Arrays.copyOf(p.prompt(), 8)).toList();
                return () -> generator.generate(prompts, greedy);
            case "train":
                SftTrainer trainer = new SftTrainer(TrainingConfig.defaults().withBatchSize(BATCH).withMaxLength(SEQ)
                        .withEpochs(1)).logEvery(Duration.ofHours(1));
                return () -> trainer.train(model, data);
            default:
                model.close();
                throw new IllegalArgumentException("mode must be 'score', 'train', 'generate', 'score50k' or 'loss50k', "
                        + "got '" + mode + "'");
        }
    }
}
