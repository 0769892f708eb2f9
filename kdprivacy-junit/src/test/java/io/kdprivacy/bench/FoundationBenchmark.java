package io.kdprivacy.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Throughput of the foundation on this machine: training, scoring and generation tokens/s and peak
 * RSS for two GPT-2 shapes, against the machine's float32 matmul rate through the same libtorch.
 *
 * <p>Run: {@code ./mvnw -q -pl kdprivacy-junit test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kdprivacy.bench.FoundationBenchmark}. Not a test: it only prints numbers.
 */
public final class FoundationBenchmark {

    private static final int VOCAB = 256;
    private static final int SEQ = 64;
    private static final int BATCH = 16;

    private FoundationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        double matmul = matmulGflops();
        System.out.printf("threads %d, float32 matmul 2048^2: %.1f GFLOP/s%n", Torch.threads(), matmul);
        System.out.println("| model | params | train tok/s | train MFU | score tok/s | score MFU | generate tok/s | peak RSS MiB |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int[] shape : new int[][] {{128, 2, 4}, {256, 6, 8}}) {
            run(shape[0], shape[1], shape[2], matmul);
        }
    }

    private static void run(int d, int layers, int heads, double matmulGflops) throws IOException {
        ModelConfig config = ModelConfig.of(ModelFamily.GPT2, VOCAB, d, layers, heads, 128, VOCAB - 1);
        List<PromptResponse> data = randomData(BATCH * 12, new Random(d));
        try (CausalLm model = CausalLm.initialize(config, 1)) {
            long params = model.parameterCount() - model.parameter("embed.positions").getShape().size();
            TrainingConfig training = TrainingConfig.defaults().withBatchSize(BATCH).withMaxLength(SEQ).withEpochs(1);
            // warm-up
            new SftTrainer(training).train(model, data.subList(0, BATCH * 2));
            long t0 = System.nanoTime();
            new SftTrainer(training).logEvery(java.time.Duration.ofHours(1)).train(model, data);
            double trainSec = (System.nanoTime() - t0) / 1e9;
            double trainTps = (double) data.size() * SEQ / trainSec;

            ResponseScorer scorer = new ResponseScorer(model, BATCH, SEQ);
            scorer.score(data.subList(0, BATCH * 2));
            t0 = System.nanoTime();
            for (int r = 0; r < 3; r++) {
                scorer.score(data);
            }
            double scoreTps = 3.0 * data.size() * SEQ / ((System.nanoTime() - t0) / 1e9);

            Generator generator = new Generator(model, BATCH);
            List<int[]> prompts = data.subList(0, BATCH * 2).stream().map(p -> java.util.Arrays.copyOf(p.prompt(), 8)).toList();
            GenerationConfig gen = GenerationConfig.greedy(SEQ - 8).withMinNewTokens(SEQ - 8);
            generator.generate(prompts.subList(0, BATCH), gen);
            t0 = System.nanoTime();
            List<int[]> out = generator.generate(prompts, gen);
            double genSec = (System.nanoTime() - t0) / 1e9;
            long generated = out.stream().mapToLong(a -> a.length).sum();

            double trainMfu = 6.0 * params * trainTps / (matmulGflops * 1e9);
            double scoreMfu = 2.0 * params * scoreTps / (matmulGflops * 1e9);
            System.out.printf("| GPT-2 d=%d/%d layers | %.2fM | %.0f | %.0f%% | %.0f | %.0f%% | %.0f | %d |%n",
                    d, layers, params / 1e6, trainTps, 100 * trainMfu, scoreTps, 100 * scoreMfu,
                    generated / genSec, ProcessMemory.peakRssMiB());
        }
    }

    private static List<PromptResponse> randomData(int n, Random r) {
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

    private static double matmulGflops() {
        try (NDManager m = Torch.newManager()) {
            NDArray a = m.randomNormal(new Shape(2048, 2048));
            NDArray b = m.randomNormal(new Shape(2048, 2048));
            for (int i = 0; i < 3; i++) {
                a.matMul(b).close();
            }
            int n = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                a.matMul(b).close();
            }
            return 2.0 * 2048 * 2048 * 2048 * n / ((System.nanoTime() - t0) / 1e9) / 1e9;
        }
    }
}
