package io.kdprivacy.bench;

import io.kdprivacy.model.CausalLm;
import io.kdprivacy.model.GenerationConfig;
import io.kdprivacy.model.Generator;
import io.kdprivacy.model.ModelConfig;
import io.kdprivacy.model.ModelFamily;
import io.kdprivacy.model.PromptResponse;
import io.kdprivacy.model.ResponseScorer;
import io.kdprivacy.model.Torch;
import io.kdprivacy.train.SftTrainer;
import io.kdprivacy.train.TrainingConfig;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.kdprivacy.bench.Measurements.matmulGflops;
import static io.kdprivacy.bench.Measurements.percent;
import static io.kdprivacy.bench.Measurements.seconds;
import static io.kdprivacy.bench.Measurements.summary;

/**
 * Throughput of the foundation on this machine: training, scoring and generation tokens/s and peak
 * RSS for two GPT-2 shapes, against the machine's float32 matmul rate through the same libtorch.
 *
 * <p>Method: per model, a warm-up (three training epochs and three scoring passes, alternating, then one
 * generation run) lets the JIT and libtorch's allocator settle; then {@value #ROUNDS} rounds each measure
 * the 2048² matmul rate, then one training epoch (12 steps) and one scoring pass (12 batches) back to
 * back, training first in even rounds and scoring first in odd ones. Each round's MFU
 * divides by the matmul rate measured in that round, so a slow spell on this shared machine slows
 * both; the table prints the median round and the range. Whether scoring uses the machine better than
 * training is read from each round's own ratio of the two MFUs (training epoch and scoring pass run
 * back to back), not from the two medians, which may come from different rounds.
 *
 * <p>Run: {@code ./mvnw -q -pl kdprivacy-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kdprivacy.bench.FoundationBenchmark}. Not a test: it only prints numbers.
 */
public final class FoundationBenchmark {

    static final int VOCAB = 256;
    static final int SEQ = 64;
    static final int BATCH = 16;
    static final int STEPS = 12;
    private static final int ROUNDS = 9;

    private FoundationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        System.out.printf("threads %d, %d rounds per model, median [min–max]%n", Torch.threads(), ROUNDS);
        System.out.println("| model | params | matmul GFLOP/s | train tok/s | train MFU | score tok/s | score MFU "
                + "| score MFU / train MFU | generate tok/s | peak RSS MiB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int[] shape : new int[][] {{128, 2, 4}, {256, 6, 8}}) {
            run(shape[0], shape[1], shape[2]);
        }
    }

    private static void run(int d, int layers, int heads) throws IOException {
        ModelConfig config = ModelConfig.of(ModelFamily.GPT2, VOCAB, d, layers, heads, 128, VOCAB - 1);
        List<PromptResponse> data = randomData(BATCH * STEPS, new Random(d));
        TrainingConfig training = TrainingConfig.defaults().withBatchSize(BATCH).withMaxLength(SEQ).withEpochs(1);
        SftTrainer trainer = new SftTrainer(training).logEvery(Duration.ofHours(1));
        GenerationConfig greedy = GenerationConfig.greedy(SEQ - 8).withMinNewTokens(SEQ - 8);
        List<int[]> prompts = data.subList(0, BATCH * 2).stream().map(p -> Arrays.copyOf(p.prompt(), 8)).toList();
        try (CausalLm model = CausalLm.initialize(config, 1)) {
            long params = model.parameterCount() - model.parameter("embed.positions").getShape().size();
            ResponseScorer scorer = new ResponseScorer(model, BATCH, SEQ);
            Generator generator = new Generator(model, BATCH);
            for (int i = 0; i < 3; i++) {
                trainer.train(model, data);
                scorer.score(data);
            }
            generator.generate(prompts, greedy);

            double[] matmul = new double[ROUNDS];
            double[] trainTps = new double[ROUNDS];
            double[] scoreTps = new double[ROUNDS];
            double[] trainMfu = new double[ROUNDS];
            double[] scoreMfu = new double[ROUNDS];
            double[] ratio = new double[ROUNDS];
            double tokens = (double) data.size() * SEQ;
            for (int r = 0; r < ROUNDS; r++) {
                matmul[r] = matmulGflops();
                // alternate which goes first, so neither always follows the matmul measurement
                if (r % 2 == 0) {
                    trainTps[r] = tokens / seconds(() -> trainer.train(model, data));
                    scoreTps[r] = tokens / seconds(() -> scorer.score(data));
                } else {
                    scoreTps[r] = tokens / seconds(() -> scorer.score(data));
                    trainTps[r] = tokens / seconds(() -> trainer.train(model, data));
                }
                trainMfu[r] = 6.0 * params * trainTps[r] / (matmul[r] * 1e9);
                scoreMfu[r] = 2.0 * params * scoreTps[r] / (matmul[r] * 1e9);
                ratio[r] = scoreMfu[r] / trainMfu[r];
            }
            long[] generated = new long[1];
            double genSec = seconds(() -> generated[0] = generator.generate(prompts, greedy).stream()
                    .mapToLong(a -> a.length).sum());
            System.out.printf("| GPT-2 d=%d/%d layers | %.2fM | %s | %s | %s | %s | %s | %s | %.0f | %d |%n",
                    d, layers, params / 1e6, summary(matmul, "%.0f"), summary(trainTps, "%.0f"),
                    percent(trainMfu), summary(scoreTps, "%.0f"), percent(scoreMfu), summary(ratio, "%.2f"),
                    generated[0] / genSec, ProcessMemory.peakRssMiB());
        }
    }

    /** {@code n} random prompt (8 tokens) + response rows of exactly SEQ tokens with the EOS. */
    static List<PromptResponse> randomData(int n, Random r) {
        List<PromptResponse> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] prompt = new int[8];
            int[] response = new int[SEQ - 8 - 1]; // + EOS = SEQ tokens per row
            for (int j = 0; j < prompt.length; j++) {
                prompt[j] = r.nextInt(VOCAB - 1);
            }
            for (int j = 0; j < response.length; j++) {
                response[j] = r.nextInt(VOCAB - 1);
            }
            out.add(new PromptResponse(prompt, response));
        }
        return out;
    }

}
